"""Decision precedence and cross-document inconsistencies."""

from __future__ import annotations

from pipeline.check import cross_check, fallback_check, load_ruleset
from tests.test_check_rules import BASELINE, build_fields, build_materials, run_case

AS_OF = BASELINE["as_of"]


def decision(case: dict) -> str:
    return run_case(case, load_ruleset()).decision.value


def test_passed() -> None:
    assert decision({}) == "passed"


def test_incomplete_beats_ineligible() -> None:
    assert decision({"materials": {"authenticity_declaration": "missing"},
                     "fields": {"audit.opinion": "adverse"}}) == "incomplete"


def test_partial_lists_and_unreadable_and_recommendation_form_are_incomplete() -> None:
    assert decision({"materials": {"resource_lists.equipment_list": "missing"}}) == "incomplete"
    assert decision({"materials": {"qualifications": "unreadable"}}) == "incomplete"
    assert decision({"materials": {"recommendation_form": "missing"}}) == "incomplete"


def test_ineligible_beats_needs_review() -> None:
    assert decision({"fields": {"audit.opinion": "adverse", "aggregated_agencies": None}}) == "ineligible"


def test_relaxed_is_needs_review() -> None:
    assert decision({"fields": {"unit_nature": "public_institution", "audit.net_assets": -5}}) == "needs_review"


def test_material_inconsistency_is_needs_review() -> None:
    # both above the threshold, but 附件2 and the audit differ by more than 5 %
    assert decision({"fields": {"total_assets": 2000000}}) == "needs_review"


def test_small_difference_is_reported_but_not_material() -> None:
    ruleset = load_ruleset()
    found = cross_check(build_fields({"total_assets": 1530000}), ruleset, AS_OF)
    assert len(found) == 1 and not found[0].material
    assert found[0].fields == ["total_assets", "audit.total_assets"]
    assert decision({"fields": {"total_assets": 1530000}}) == "passed"


def test_rounding_difference_is_not_reported() -> None:
    assert cross_check(build_fields({"total_assets": 1502000}), load_ruleset(), AS_OF) == []


def test_identity_mismatches_are_material() -> None:
    fields = build_fields({"licence.name": "宁夏某某科技有限公司银川分公司", "licence.established_date": "2019-01-01",
                           "uscc": "12640400MB12345673"})
    found = {tuple(i.fields): i for i in cross_check(fields, load_ruleset(), AS_OF)}
    assert found[("unit_name", "licence.name")].material
    assert found[("established_date", "licence.established_date")].material
    assert found[("uscc", "licence.uscc")].material


def test_name_compared_without_bracket_width() -> None:
    fields = build_fields({"unit_name": "宁夏某某（银川）科技有限公司", "licence.name": "宁夏某某(银川)科技有限公司"})
    assert cross_check(fields, load_ruleset(), AS_OF) == []


def test_unit_nature_against_credit_code() -> None:
    found = cross_check(build_fields({"unit_nature": "public_institution"}), load_ruleset(), AS_OF)
    assert [i.fields for i in found] == [["unit_nature", "licence.uscc"]]
    assert "单位性质" in found[0].note


def test_list_cross_checks() -> None:
    fields = build_fields({"staff_list.count": 12, "client_list.count": 80, "client_list.satisfaction_rate": 0.7})
    pairs = {tuple(i.fields) for i in cross_check(fields, load_ruleset(), AS_OF) if i.material}
    assert pairs == {("service_staff", "staff_list.count"), ("smes_served_last_year", "client_list.count"),
                     ("satisfaction_rate", "client_list.satisfaction_rate")}


def test_fallback_check() -> None:
    ruleset = load_ruleset()
    checked = fallback_check(build_materials(), ruleset, AS_OF)
    assert checked.decision.value == "needs_review"
    assert len(checked.rules) == len(ruleset.rules)
    assert fallback_check(build_materials({"audit_reports": "missing"}), ruleset, AS_OF).decision.value == "incomplete"
