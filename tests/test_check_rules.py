"""Table-driven rule cases: every tests/rules/*.yaml case against the built-in ruleset.

A case names a rule, overrides the baseline application (tests/rules/baseline.yaml) and
states the expected outcome, optionally also observed/threshold values, a phrase of the
note, whether a relaxation clause is cited, a parameter recorded, and the decision.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from pipeline.check import check_application, load_ruleset
from pipeline.models import FieldValue, ListPart, MaterialEntry, MaterialStatus, MaterialType, Source

RULES_DIR = Path(__file__).parent / "rules"
BASELINE = yaml.safe_load((RULES_DIR / "baseline.yaml").read_text(encoding="utf-8"))
SOURCE_FILES = {
    "audit": "审计报告.pdf",
    "licence": "营业执照.pdf",
    "staff_list": "人员名单.xlsx",
    "client_list": "服务企业名单.xlsx",
}


def field_value(field_id: str, spec) -> FieldValue:
    prefix = field_id.split(".")[0] if "." in field_id else ""
    source = Source(file=SOURCE_FILES.get(prefix, "申请报告.docx"), excerpt=f"{field_id}")
    if isinstance(spec, dict):
        return FieldValue(value=spec["value"], source=source, review=spec.get("review", []))
    if isinstance(spec, date):
        spec = spec.isoformat()
    return FieldValue(value=spec, source=source)


def build_fields(overrides: dict | None = None) -> dict[str, FieldValue]:
    specs = {**BASELINE["fields"], **(overrides or {})}
    return {k: field_value(k, v) for k, v in specs.items() if v is not None}


def build_materials(overrides: dict | None = None) -> dict[MaterialType, MaterialEntry]:
    """All present, then `material: status` or `resource_lists.<part>: status` overrides."""
    parts = {p: MaterialStatus.present for p in ListPart}
    materials = {m: MaterialStatus.present for m in MaterialType}
    for key, status in (overrides or {}).items():
        material, _, part = key.partition(".")
        if part:
            parts[ListPart(part)] = MaterialStatus(status)
        else:
            materials[MaterialType(material)] = MaterialStatus(status)
    result = {m: MaterialEntry(status=s, files=[f"{m.value}.pdf"] if s != MaterialStatus.missing else [])
              for m, s in materials.items()}
    lists = result[MaterialType.resource_lists]
    lists.parts = parts
    if lists.status == MaterialStatus.present and any(s != MaterialStatus.present for s in parts.values()):
        lists.status = MaterialStatus.partial
    return result


def load_cases() -> list:
    cases = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        if path.name == "baseline.yaml":
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def run_case(case: dict, ruleset):
    as_of = case.get("as_of", BASELINE["as_of"])
    return check_application(build_materials(case.get("materials")), build_fields(case.get("fields")), as_of, ruleset)


@pytest.mark.parametrize("case", load_cases())
def test_rule_case(case: dict, ruleset) -> None:
    checked = run_case(case, ruleset)
    result = next(r for r in checked.rules if r.id == case["rule"])
    expected = case["expected"]
    if isinstance(expected, str):
        expected = {"outcome": expected}
    assert result.outcome.value == expected["outcome"], result.note
    assert result.note, "every result explains itself"
    assert result.article and result.title
    if "observed" in expected:
        assert result.observed == pytest.approx(expected["observed"])
    if "threshold" in expected:
        assert result.threshold == pytest.approx(expected["threshold"])
    if "note_contains" in expected:
        assert expected["note_contains"] in result.note
    if expected.get("relaxation"):
        assert result.relaxation and "适当放宽" in result.relaxation
    if "parameter" in expected:
        assert expected["parameter"] in [p.name for p in result.parameters]
    if "decision" in expected:
        assert checked.decision.value == expected["decision"]


def test_baseline_passes_everything(ruleset) -> None:
    checked = run_case({}, ruleset)
    art6 = [r for r in checked.rules if r.id.startswith("art6")]
    assert len(art6) == 12
    assert len([r for r in checked.rules if r.id.startswith("art7_") and r.id != "art7_any"]) == 7
    assert all(r.outcome.value == "pass" for r in art6), [(r.id, r.note) for r in art6 if r.outcome.value != "pass"]
    assert checked.decision.value == "passed"
    assert checked.ruleset_id == ruleset.id
    assert checked.inconsistencies == []


def test_results_record_parameters_and_evidence(ruleset) -> None:
    checked = run_case({}, ruleset)
    assets = next(r for r in checked.rules if r.id == "art6_1_total_assets")
    use = next(p for p in assets.parameters if p.name == "art6_1.min_total_assets")
    assert use.value == 1000000 and "第六条第（一）项" in use.reference
    assert use.effective_from == date(2026, 1, 1)
    assert {s.file for s in assets.evidence} == {"审计报告.pdf", "申请报告.docx"}
    assert assets.article == "第六条第（一）项"
