"""The ruleset loader: validation, dated values, and one-line data edits changing outcomes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.check import RuleSetError, load_ruleset
from pipeline.check.registry import RULES
from pipeline.check.ruleset import DEFAULT_RULESET
from tests.test_check_rules import BASELINE, build_fields, build_materials, run_case

AS_OF = BASELINE["as_of"]
ASSETS_LINE = "        2026-01-01: 1000000\n"


def edited_copy(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = DEFAULT_RULESET.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def outcome(ruleset, rule_id: str, fields: dict | None = None) -> str:
    checked = run_case({"fields": fields or {}}, ruleset)
    return next(r for r in checked.rules if r.id == rule_id).outcome.value


def test_builtin_ruleset_is_valid_and_complete() -> None:
    ruleset = load_ruleset()
    assert ruleset.id
    assert set(ruleset.rules) == set(RULES)
    for name, parameter in ruleset.parameters.items():
        assert parameter.reference.startswith(("第", "秘书处")), name
        assert parameter.description and parameter.unit and parameter.values


def test_relaxations_never_cover_6_3_or_6_4() -> None:
    ruleset = load_ruleset()
    covered = {c for r in ruleset.relaxations.values() for c in r.conditions}
    assert covered == {"art6_1", "art6_2", "art6_5"}
    assert "private_non_enterprise" not in {n.value for r in ruleset.relaxations.values() for n in r.natures}


def test_duplicate_key_rejected(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, ASSETS_LINE, ASSETS_LINE + "        2026-01-01: 900000\n")
    with pytest.raises(RuleSetError, match="重复的键"):
        load_ruleset(path)


def test_unknown_rule_id_rejected(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "  art6_1_legal_entity:\n", "  art6_9_unknown:\n")
    with pytest.raises(RuleSetError, match="未知的规则编号"):
        load_ruleset(path)


def test_unknown_parameter_reference_rejected(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "parameters: [art6_1.min_total_assets]", "parameters: [art6_1.min_total_asset]")
    with pytest.raises(RuleSetError, match="不存在的参数"):
        load_ruleset(path)


def test_malformed_parameter_rejected(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, "      unit: 元\n", "")
    with pytest.raises(RuleSetError, match="格式错误"):
        load_ruleset(path)


def test_changed_threshold_changes_outcome(tmp_path: Path) -> None:
    """A one-line data edit (100万 → 200万) turns a pass into a fail: no code involved."""
    assert outcome(load_ruleset(), "art6_1_total_assets") == "pass"
    path = edited_copy(tmp_path, "        2026-01-01: 1000000\n", "        2026-01-01: 2000000\n")
    assert outcome(load_ruleset(path), "art6_1_total_assets") == "fail"


def test_value_in_force_by_date(tmp_path: Path) -> None:
    path = edited_copy(tmp_path, ASSETS_LINE, ASSETS_LINE + "        2027-01-01: 2000000\n")
    ruleset = load_ruleset(path)
    assert ruleset.param("art6_1.min_total_assets", date(2026, 12, 31)).value == 1000000
    later = ruleset.param("art6_1.min_total_assets", date(2027, 1, 1))
    assert later.value == 2000000 and later.effective_from == date(2027, 1, 1)


def test_as_of_before_every_value_uses_earliest_with_note() -> None:
    ruleset = load_ruleset()
    from pipeline.check import check_application

    checked = check_application(build_materials(), build_fields(), date(2025, 6, 1), ruleset)
    assert checked.notes and "早于" in checked.notes[0]


def test_yanchi_switch_is_one_line(tmp_path: Path) -> None:
    fields = {"city": "吴忠市", "county": "盐池县", "smes_served_last_year": 30, "client_list.count": 30}
    assert outcome(load_ruleset(), "art6_2_smes_served", fields) == "fail"
    path = edited_copy(tmp_path, "        2026-01-01: false\n", "        2026-01-01: true\n")
    assert outcome(load_ruleset(path), "art6_2_smes_served", fields) == "relaxed"


def test_qualified_reading_is_configurable(tmp_path: Path) -> None:
    fields = {"staff_list.count": None, "service_staff": 10, "staff_college_or_above": 8, "staff_mid_title_or_above": 3}
    assert outcome(load_ruleset(), "art6_5_qualified_ratio", fields) == "pass"
    path = edited_copy(tmp_path, "2026-01-01: degree_or_title", "2026-01-01: degree_and_title")
    assert outcome(load_ruleset(path), "art6_5_qualified_ratio", fields) == "fail"


def test_missing_file_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="无法读取规则文件"):
        load_ruleset(tmp_path / "nope.yaml")


def test_no_threshold_citation_or_place_literal_in_code() -> None:
    """Regulation lives in the data file: its values, citations and place names never appear in code."""
    ruleset = load_ruleset()
    code = "\n".join(p.read_text(encoding="utf-8") for p in (DEFAULT_RULESET.parents[2] / "check").glob("*.py"))
    literals: set[str] = set()
    for parameter in ruleset.parameters.values():
        for value in parameter.values.values():
            items = value if isinstance(value, list) else [value]
            literals.update(str(v) for v in items if not isinstance(v, bool) and len(str(v)) >= 3)
    literals.update(r.article for r in ruleset.rules.values())
    literals.update(r.clause for r in ruleset.relaxations.values())
    literals -= {"qualified", "adverse", "disclaimer", "degree_or_title"}  # enum ids, not regulation text
    found = sorted(lit for lit in literals if re.search(rf"(?<![\d.]){re.escape(lit)}(?![\d.])", code))
    assert found == [], found
