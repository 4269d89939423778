"""Check stage: Article 11 completeness, Article 6/7 rules, cross-document checks, decision.

    ruleset = load_ruleset()                      # validated regulation data
    materials = assess_materials(classified)      # Article 11 (+ 推荐表)
    result = check_application(materials, fields, as_of, ruleset)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from pydantic import Field

from ..models import Decision, FieldValue, Inconsistency, MaterialEntry, MaterialType, Outcome, RuleResult
from ..models.common import Model
from .completeness import assess_materials
from .context import Context, Scope
from .crosscheck import cross_check
from .decision import decide
from .registry import AGGREGATE, ARTICLE6, ARTICLE7, RULES
from .relax import relax
from .ruleset import RuleSet, RuleSetError, load_ruleset

__all__ = [
    "RULES",
    "CheckResult",
    "RuleSet",
    "RuleSetError",
    "Settle",
    "assess_materials",
    "check_application",
    "cross_check",
    "decide",
    "fallback_check",
    "load_ruleset",
]


class CheckResult(Model):
    """What the check stage concludes about one application."""

    rules: list[RuleResult] = Field(default_factory=list)
    inconsistencies: list[Inconsistency] = Field(default_factory=list)
    differences: list[Inconsistency] = Field(default_factory=list)  # under the materiality line or in doubt
    decision: Decision
    ruleset_id: str
    notes: list[str] = Field(default_factory=list)  # Chinese, e.g. as-of before the ruleset's dates


class Settle(Protocol):
    """What a person concluded about rules and inconsistencies (pipeline/review/apply.Settlement)."""

    def rule(self, result: RuleResult, relax: Callable[[RuleResult], RuleResult]) -> RuleResult: ...

    def inconsistencies(self, found: list[Inconsistency]) -> list[Inconsistency]: ...


def _no_evidence(scope: Scope, absent: list[str]) -> RuleResult:
    for name in scope.rule.parameters:
        scope.param(name)
    return scope.result(Outcome.no_evidence, f"{'、'.join(absent)}，无法核对本项（见补正材料通知）")


def _evaluate(ctx: Context, settle: Settle | None, fn, *args) -> RuleResult:
    scope = Scope(ctx, fn.__name__)
    absent = scope.absent_evidence()
    result = _no_evidence(scope, absent) if absent else relax(fn(scope, *args), ctx)
    return result if settle is None else settle.rule(result, lambda r: relax(r, ctx))


def _notes(ruleset: RuleSet, as_of: date) -> list[str]:
    earliest = ruleset.earliest_effective()
    if as_of < earliest:
        return [f"参考日期{as_of.isoformat()}早于规则参数的生效日期{earliest.isoformat()}，按最早生效的取值核对"]
    return []


def check_application(
    materials: dict[MaterialType, MaterialEntry],
    fields: dict[str, FieldValue],
    as_of: date,
    ruleset: RuleSet,
    settle: Settle | None = None,
) -> CheckResult:
    """Evaluate every Article 6 and 7 rule, cross-check documents and decide.

    `settle` applies what a person concluded to each rule as it is evaluated (so art7_any
    sees the settled functions) and to the inconsistencies, before the decision."""
    ctx = Context(materials=materials, fields=fields, as_of=as_of, ruleset=ruleset)
    article6 = [_evaluate(ctx, settle, fn) for fn in ARTICLE6]
    article7 = [_evaluate(ctx, settle, fn) for fn in ARTICLE7]
    rules = [*article6, *article7, _evaluate(ctx, settle, AGGREGATE, article7)]
    found = cross_check(fields, ruleset, as_of)
    inconsistencies = [i for i in found if i.material]
    differences = [i for i in found if not i.material]
    if settle is not None:
        inconsistencies = settle.inconsistencies(inconsistencies)
    return CheckResult(
        rules=rules,
        inconsistencies=inconsistencies,
        differences=differences,
        decision=decide(materials, rules, inconsistencies, ruleset),
        ruleset_id=ruleset.id,
        notes=_notes(ruleset, as_of),
    )


def fallback_check(materials: dict[MaterialType, MaterialEntry], ruleset: RuleSet, as_of: date) -> CheckResult:
    """When processing failed: every rule goes to a human (or no_evidence), decided on materials."""
    ctx = Context(materials=materials, fields={}, as_of=as_of, ruleset=ruleset)
    rules: list[RuleResult] = []
    for rule_id in RULES:
        scope = Scope(ctx, rule_id)
        absent = scope.absent_evidence()
        rules.append(_no_evidence(scope, absent) if absent else
                     scope.result(Outcome.needs_review, "处理该申报时出错，未能自动核对本项，需人工审查"))
    return CheckResult(
        rules=rules, decision=decide(materials, rules, [], ruleset), ruleset_id=ruleset.id, notes=_notes(ruleset, as_of)
    )
