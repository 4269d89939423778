"""Lifecycle dates and statuses (Art. 17), grades (Art. 19) and decision routing, from the ruleset data."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.check import load_ruleset
from pipeline.models import Decision
from pipeline.registry.api import Title
from pipeline.registry.checks import Certified, RegistryView, route, title_flags
from pipeline.registry.rules import add_years, valid_until

RULESET = load_ruleset()
LIFE = RULESET.lifecycle


def test_ruleset_names_the_article_17_parameters():
    assert RULESET.param(LIFE.validity_years, date(2026, 5, 1)).value == 3
    assert RULESET.param(LIFE.reapply_in_expiry_year, date(2026, 5, 1)).value is True
    assert "第十七条" in RULESET.param(LIFE.validity_years, date(2026, 5, 1)).reference
    assert {g: d.consequence for g, d in LIFE.grades.items()} == {
        "优秀": "recommend_national", "合格": "none", "不合格": "revoke_proposed"}


@pytest.mark.parametrize(
    ("certified", "years", "until"),
    [
        (date(2025, 10, 20), 3, date(2028, 10, 19)),
        (date(2026, 1, 1), 3, date(2028, 12, 31)),  # expires in 2028: a 2028 application is a re-application
        (date(2024, 2, 29), 3, date(2027, 2, 27)),  # leap day: the anniversary is 28 February
        (date(2023, 3, 1), 3, date(2026, 2, 28)),
    ],
)
def test_valid_until(certified, years, until):
    assert valid_until(certified, years) == until


def test_add_years_leap_day():
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def _title(**kw) -> Title:
    base = dict(id=1, round=2025, applicant_id="银川-甲", unit_name="甲", uscc="91640106DNQHT1QF4E", platform_name="甲平台",
                city="银川市", county="", functions=["information"], certified_on=date(2025, 10, 20),
                valid_until=date(2028, 10, 19))
    return Title(**(base | kw))


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (date(2025, 10, 20), "valid"),
        (date(2027, 12, 31), "valid"),
        (date(2028, 1, 1), "expiring"),  # the expiry year: may apply again (Art. 17)
        (date(2028, 10, 19), "expiring"),
        (date(2028, 10, 20), "expired"),
    ],
)
def test_status_over_the_title_life(on, status):
    assert _title().status(on, LIFE, reapply=True) == status


def test_status_without_reapplication_in_expiry_year():
    assert _title().status(date(2028, 3, 1), LIFE, reapply=False) == "valid"


def test_revoked_from_the_revocation_day():
    title = _title(revoked_on=date(2026, 6, 1), reason="虚报", article="第十七条")
    assert title.status(date(2026, 5, 31), LIFE, reapply=True) == "valid"
    assert title.status(date(2026, 6, 1), LIFE, reapply=True) == "revoked"


def test_grade_consequences_come_from_the_rules():
    assert "国家" in _title(grades={2026: "优秀"}).consequence(LIFE)
    assert "撤销" in _title(grades={2026: "不合格"}).consequence(LIFE)
    assert _title(grades={2026: "合格"}).consequence(LIFE) == ""
    # a failed grade already followed by a revocation proposes nothing more
    assert _title(grades={2026: "不合格"}, revoked_on=date(2027, 3, 1)).consequence(LIFE) == ""


def _view(**cert) -> RegistryView:
    base = dict(round=2025, applicant_id="银川-甲", certified_on=date(2025, 10, 20), valid_until=date(2028, 10, 19))
    return RegistryView(certified={"91640106DNQHT1QF4E": [Certified(**(base | cert))]})


@pytest.mark.parametrize(
    ("as_of", "flagged"),
    [
        (date(2026, 4, 30), ["repeat_application"]),
        (date(2027, 4, 30), ["repeat_application"]),
        (date(2028, 4, 30), []),  # expiry year: re-application allowed
        (date(2029, 4, 30), []),  # expired
        (date(2025, 4, 30), []),  # before the certification
    ],
)
def test_repeat_application_by_year(as_of, flagged):
    flags = title_flags("91640106DNQHT1QF4E", _view(), RULESET, as_of)
    assert [f.id for f in flags] == flagged
    for flag in flags:
        assert flag.article == "第十七条" and "2028-10-19" in flag.note


@pytest.mark.parametrize(
    ("as_of", "flagged"),
    [(date(2026, 4, 30), ["revoked"]), (date(2028, 11, 30), ["revoked"]), (date(2028, 12, 1), [])],
)
def test_revoked_within_the_bar_period(as_of, flagged):
    view = _view(revoked_on=date(2025, 12, 1), reason="虚报服务业绩", article="第十七条")
    flags = title_flags("91640106DNQHT1QF4E", view, RULESET, as_of)
    assert [f.id for f in flags] == flagged
    if flags:
        assert "虚报服务业绩" in flags[0].note and "3年" in flags[0].note


def test_route_never_lowers_a_decision():
    assert route(Decision.passed, Decision.needs_review) == Decision.needs_review
    assert route(Decision.incomplete, Decision.needs_review) == Decision.incomplete
    assert route(Decision.ineligible, Decision.needs_review) == Decision.ineligible
