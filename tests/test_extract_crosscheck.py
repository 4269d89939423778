"""Cross-document checks: every pair of the ruleset's crosscheck section, tolerances from data."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc

from pipeline.check import cross_check, load_ruleset
from tests.test_check_rules import BASELINE, build_fields

AS_OF = BASELINE["as_of"]
RULESET = load_ruleset()
PAIRS = [tuple(p.fields) for p in RULESET.crosscheck.pairs]
KINDS = {tuple(p.fields): p.kind for p in RULESET.crosscheck.pairs}


def _other(kind: str, value):
    if kind == "number":
        return value * 1.2 if value else 1
    if kind == "date":
        return "2001-01-01"
    if kind == "code":
        return "91640100MA7654321" + uscc.calc_check_digit("91640100MA7654321")  # another valid code
    return f"{value}（另一单位）"


def _fields(pair: tuple[str, ...], **changes):
    """The baseline application, with both fields of `pair` present (service figures added)."""
    extra = {f: 1_000_000.0 for f in pair if f not in build_fields({})}
    return build_fields({**extra, **changes})


def test_a_credit_code_differing_from_a_doubtful_certificate_code_is_no_inconsistency():
    fields = _fields(("uscc", "licence.uscc"), **{"licence.uscc": "91640100MA76543210"})  # bad check digit
    found = [i for i in cross_check(fields, RULESET, AS_OF) if "licence.uscc" in i.fields]
    assert len(found) == 1 and not found[0].material and "存疑" in found[0].note


def test_baseline_has_no_inconsistency():
    assert cross_check(build_fields({}), RULESET, AS_OF) == []


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: "/".join(p))
def test_each_pair_reports_a_material_difference(pair):
    fields = _fields(pair)
    changed = _fields(pair, **{pair[1]: _other(KINDS[pair], fields[pair[1]].value)})
    found = [i for i in cross_check(changed, RULESET, AS_OF) if tuple(i.fields) == pair]
    assert len(found) == 1 and found[0].material
    assert found[0].note  # Chinese explanation with both values


@pytest.mark.parametrize("pair", [p for p in PAIRS if KINDS[p] == "number"], ids=lambda p: "/".join(p))
def test_number_pairs_follow_the_tolerances_in_the_ruleset(pair):
    fields = _fields(pair)
    base = fields[pair[0]].value
    material = RULESET.param("crosscheck.material_difference", AS_OF).value
    report = RULESET.param("crosscheck.report_difference", AS_OF).value
    near = base * (1 + report / 2)
    between = base * (1 + (report + material) / 2)
    assert not [i for i in cross_check(_fields(pair, **{pair[1]: near}), RULESET, AS_OF) if tuple(i.fields) == pair]
    if isinstance(base, int) and round(between) == base:
        return  # a small count cannot differ by a fraction of a percent
    found = [i for i in cross_check(_fields(pair, **{pair[1]: between}), RULESET, AS_OF) if tuple(i.fields) == pair]
    assert found and not found[0].material


def test_one_side_missing_is_no_inconsistency():
    fields = build_fields({})
    fields.pop("audit.total_assets", None)
    assert not [i for i in cross_check(fields, RULESET, AS_OF) if "audit.total_assets" in i.fields]
