"""The lifecycle part of the ruleset (Articles 17 and 19, and the cross-year checks):
how long a title lasts, when a platform may apply again, what a grade leads to and how
a flag routes the decision. Values are parameters of the ruleset (dated, cited); this
module only reads them.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ..models.common import Decision, Model


class CheckKind(StrEnum):
    """What the registry can flag about an application (ids written into results.jsonl)."""

    repeat_application = "repeat_application"  # certified, title does not expire this year
    revoked = "revoked"  # title revoked within the bar period
    duplicate_in_batch = "duplicate_in_batch"  # same credit code twice in this batch
    cross_year = "cross_year"  # prior-year figures contradict last round's last-year figures


class CheckDef(Model):
    title: str
    article: str
    reference: str
    decision: Decision  # the application's decision is at least this (see checks.route)


class GradeDef(Model):
    article: str
    consequence: Literal["none", "recommend_national", "revoke_proposed"]
    note: str = ""


class CrossYearPair(Model):
    this: str  # field of this year's application, e.g. smes_served_prior_year
    last: str  # the same year's figure as the previous round stored it, e.g. smes_served_last_year


class Lifecycle(Model):
    """Names of the ruleset parameters (dotted paths) and the checks' routing."""

    validity_years: str
    reapply_in_expiry_year: str
    revocation_bar_years: str
    tolerance: str
    revocation_article: str
    grades: dict[str, GradeDef]
    checks: dict[CheckKind, CheckDef]
    cross_year: list[CrossYearPair] = Field(default_factory=list)
    key_figures: list[str] = Field(default_factory=list)  # fields a round keeps of each application

    def parameters(self) -> list[str]:
        return [self.validity_years, self.reapply_in_expiry_year, self.revocation_bar_years, self.tolerance]


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def valid_until(certified_on: date, years: int) -> date:
    """A title certified on a day lasts `years` years: until the day before that anniversary."""
    return add_years(certified_on, years) - timedelta(days=1)
