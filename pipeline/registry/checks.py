"""The registry checks of `run --registry`: what the registry and the rest of the batch say
about each application (Art. 14, 17 and the cross-year comparison).

The runner takes a `RegistryView` (what the registry knows, as of the run's date) from the
database before the batch, and applies `check_batch` to the finished results: the checks
need every application's credit code, so they run once the batch is done. Flags go into
`registry_checks`, a cross-year difference into `inconsistencies`, and each raises the
decision to the level the ruleset names (`lifecycle.checks.*.decision`).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from ..check.ruleset import RuleSet
from ..models import ApplicationResult, Decision, Inconsistency
from ..models.common import Model
from ..models.registry import RegistryFlag
from ..reference import field_catalog
from .rules import CheckKind, add_years
from .wording import wording

SEVERITY = [Decision.passed, Decision.needs_review, Decision.ineligible, Decision.incomplete]


class Certified(Model):
    round: int
    applicant_id: str
    certified_on: date
    valid_until: date
    revoked_on: date | None = None
    reason: str = ""
    article: str = ""


class Reported(Model):
    """An application of an earlier round: what the unit reported then."""

    round: int
    as_of: date
    applicant_id: str
    figures: dict[str, object] = Field(default_factory=dict)


class RegistryView(Model):
    """What the registry knows of each credit code, before the run's date."""

    certified: dict[str, list[Certified]] = Field(default_factory=dict)
    reported: dict[str, list[Reported]] = Field(default_factory=dict)

    def digest_text(self) -> str:
        return self.model_dump_json()


def code_of(result: ApplicationResult) -> str | None:
    """The unit's credit code as the results give it (licence first), upper-case."""
    for fid in ("licence.uscc", "uscc"):
        value = result.value(fid)
        if isinstance(value, str) and value.strip():
            return value.strip().upper()
    return None


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _param(ruleset: RuleSet, name: str, as_of: date):
    return ruleset.param(name, as_of).value


def title_flags(code: str, view: RegistryView, ruleset: RuleSet, as_of: date) -> list[RegistryFlag]:
    """Art. 17: a title still valid beyond this year, or revoked within the bar period."""
    life = ruleset.lifecycle
    assert life is not None
    notes = wording().notes
    reapply = bool(_param(ruleset, life.reapply_in_expiry_year, as_of))
    bar_years = int(_param(ruleset, life.revocation_bar_years, as_of))
    flags = []
    for cert in view.certified.get(code, []):
        if cert.certified_on > as_of:
            continue
        if cert.revoked_on is not None and cert.revoked_on <= as_of:
            if add_years(cert.revoked_on, bar_years) > as_of:
                check = life.checks[CheckKind.revoked]
                note = notes["revoked"].format(
                    uscc=code, round=cert.round, revoked_on=cert.revoked_on.isoformat(),
                    revoked_article=cert.article, reason=cert.reason, bar_years=bar_years,
                )
                flags.append(RegistryFlag(
                    id=CheckKind.revoked.value, article=check.article, title=check.title, note=note,
                    round=cert.round, certified_on=cert.certified_on, valid_until=cert.valid_until,
                    revoked_on=cert.revoked_on,
                ))
            continue
        expires_this_year = cert.valid_until.year == as_of.year
        if cert.valid_until >= as_of and not (reapply and expires_this_year):
            check = life.checks[CheckKind.repeat_application]
            note = notes["repeat_application"].format(
                uscc=code, certified_on=cert.certified_on.isoformat(), round=cert.round,
                valid_until=cert.valid_until.isoformat(), year=as_of.year, article=check.article,
            )
            flags.append(RegistryFlag(
                id=CheckKind.repeat_application.value, article=check.article, title=check.title, note=note,
                round=cert.round, certified_on=cert.certified_on, valid_until=cert.valid_until,
            ))
    return flags


def cross_year(result: ApplicationResult, code: str, view: RegistryView, ruleset: RuleSet) -> list[Inconsistency]:
    """This year's prior-year figures against the previous round's last-year figures."""
    life = ruleset.lifecycle
    assert life is not None
    as_of = result.as_of
    previous = [r for r in view.reported.get(code, []) if r.as_of.year == as_of.year - 1]
    if not previous:
        return []
    last = max(previous, key=lambda r: r.round)
    tolerance = float(_param(ruleset, life.tolerance, as_of))
    check = life.checks[CheckKind.cross_year]
    names = field_catalog()
    found = []
    for pair in life.cross_year:
        this_value, last_value = result.value(pair.this), last.figures.get(pair.last)
        if not _number(this_value) or not _number(last_value):
            continue
        base = max(abs(this_value), abs(last_value))
        difference = abs(this_value - last_value) / base if base else 0.0
        if difference <= tolerance:
            continue
        note = wording().notes["cross_year"].format(
            year=as_of.year - 2, field=names.name(pair.this), this_value=_fmt(this_value), round=last.round,
            round_applicant=last.applicant_id, last_value=_fmt(last_value), difference=f"{difference:.0%}",
            article=check.article,
        )
        found.append(Inconsistency(
            fields=[pair.this, f"registry.{last.round}.{pair.last}"],
            values=[this_value, last_value],
            note=note,
            material=True,
            article=check.article,
        ))
    return found


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def duplicates(results: list[ApplicationResult]) -> dict[str, list[str]]:
    """applicant id → the other applicant ids of the batch with the same credit code."""
    by_code: dict[str, list[str]] = {}
    for result in results:
        code = code_of(result)
        if code:
            by_code.setdefault(code, []).append(result.applicant_id)
    return {i: [o for o in ids if o != i] for ids in by_code.values() if len(ids) > 1 for i in ids}


def findings(
    result: ApplicationResult, view: RegistryView, ruleset: RuleSet, others: list[str]
) -> tuple[list[RegistryFlag], list[Inconsistency]]:
    """Everything the registry and the batch say about one application."""
    code = code_of(result)
    if code is None or ruleset.lifecycle is None:
        return [], []
    flags = title_flags(code, view, ruleset, result.as_of)
    if others:
        check = ruleset.lifecycle.checks[CheckKind.duplicate_in_batch]
        note = wording().notes["duplicate_in_batch"].format(uscc=code, others="、".join(others), article=check.article)
        flags.append(RegistryFlag(
            id=CheckKind.duplicate_in_batch.value, article=check.article, title=check.title, note=note, related=others
        ))
    return flags, cross_year(result, code, view, ruleset)


def route(decision: Decision, at_least: Decision) -> Decision:
    """The more severe of the two (incomplete > ineligible > needs_review > passed)."""
    return max(decision, at_least, key=SEVERITY.index)


def apply_findings(
    result: ApplicationResult, flags: list[RegistryFlag], inconsistencies: list[Inconsistency], ruleset: RuleSet
) -> ApplicationResult:
    """The result with the findings added and its decision routed by the ruleset."""
    assert ruleset.lifecycle is not None
    decision = result.decision
    for flag in flags:
        decision = route(decision, ruleset.lifecycle.checks[CheckKind(flag.id)].decision)
    if inconsistencies:
        decision = route(decision, ruleset.lifecycle.checks[CheckKind.cross_year].decision)
    return result.model_copy(update={
        "registry_checks": [*result.registry_checks, *flags],
        "inconsistencies": [*result.inconsistencies, *inconsistencies],
        "decision": decision,
    })
