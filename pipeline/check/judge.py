"""Shared judgement logic: one test per source, then how the sources combine.

The secretariat's reading (shared/spec/domain.md): sources on different sides of a
threshold → needs_review; a value flagged for review never fails a rule on its own;
a value that cannot be found → needs_review (the evidence document is there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Outcome
from ..reference import field_catalog
from .context import Reading, Scope

# Float noise guard for inclusive comparisons (a ratio computed as 0.1 * 8 must reach a threshold
# written as a decimal); not a threshold.
EPS = 1e-9


@dataclass
class Test:
    """The verdict one source gives: ok True/False, or None when it cannot tell."""

    text: str  # Chinese: what this source says, e.g. 资产总计（审计）为…元
    ok: bool | None
    flagged: list[str]


@dataclass
class Verdict:
    outcome: Outcome
    note: str
    observed: object = None
    threshold: object = None


def number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def fmt(value: object, unit: str) -> str:
    """A value in Chinese display form for notes."""
    num = number(value)
    if num is None:
        return str(value)
    if unit == "比例":
        return f"{num * 100:.1f}%".replace(".0%", "%")
    if unit == "元":
        plain = f"{num:,.0f}" if num == int(num) else f"{num:,.2f}"
        if abs(num) < 10000:
            return f"{plain}元"
        return f"{plain}元（{f'{num / 10000:,.4f}'.rstrip('0').rstrip('.')}万元）"
    if unit == "倍":
        return f"{num:g}倍"
    return f"{num:g}{unit}"


def relative_difference(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def combine(tests: list[Test], requirement: str) -> tuple[Outcome, str]:
    """Combine per-source tests into one outcome with a Chinese explanation.

    `requirement` is the condition as a short phrase, e.g. 不低于50家."""
    said = "；".join(t.text for t in tests)
    decided = [t for t in tests if t.ok is not None]
    if not decided:
        return Outcome.needs_review, f"{said}。无法据此判断是否符合“{requirement}”的要求，需人工核对"
    if any(t.ok for t in decided) and not all(t.ok for t in decided):
        return Outcome.needs_review, f"{said}。不同材料的数据分别位于“{requirement}”要求的两侧，需人工核实"
    if all(t.ok for t in decided):
        return Outcome.pass_, f"{said}。符合“{requirement}”的要求"
    if all(t.flagged for t in decided):
        reasons = "；".join(r for t in decided for r in t.flagged)
        return Outcome.needs_review, f"{said}。不符合“{requirement}”的要求，但该数据提取存疑（{reasons}），需人工核实"
    return Outcome.fail, f"{said}。不符合“{requirement}”的要求"


def missing_note(labels: list[str]) -> Verdict:
    return Verdict(Outcome.needs_review, f"未能从材料中提取{'、'.join(labels)}，需人工核对")


def at_least(
    scope: Scope,
    field_ids: list[str],
    path: str,
    test: Callable[[float, float], bool] | None = None,
) -> Verdict:
    """Each source's value against the parameter at `path` (value ≥ threshold, or `test`)."""
    threshold = scope.param(path)
    unit = scope.unit(path)
    readings = [r for f in field_ids if (r := scope.read(f)) is not None]
    if not readings:
        return missing_note(_labels(field_ids))
    tests = [_threshold_test(r, threshold, unit, test) for r in readings]
    outcome, note = combine(tests, f"不低于{fmt(threshold, unit)}")
    note += _difference_note(scope, readings, unit)
    return Verdict(outcome, note, number(readings[0].value), threshold)


def _labels(field_ids: list[str]) -> list[str]:
    return [field_catalog().name(f) for f in field_ids]


def _threshold_test(reading: Reading, threshold: float, unit: str, test) -> Test:
    value = number(reading.value)
    text = f"{reading.label}为{fmt(reading.value, unit)}"
    if value is None:
        return Test(f"{reading.label}“{reading.value}”不是有效数值", None, reading.review)
    ok = test(value, threshold) if test else value >= threshold - EPS
    return Test(text, ok, reading.review)


def _difference_note(scope: Scope, readings: list[Reading], unit: str) -> str:
    values = [number(r.value) for r in readings]
    if len(values) < 2 or any(v is None for v in values):
        return ""
    tolerance = scope.param("crosscheck.material_difference")
    diff = relative_difference(values[0], values[1])
    if diff <= tolerance:
        return ""
    a, b = readings[0].label, readings[1].label
    return f"（{a}与{b}相差{diff * 100:.1f}%，超过{fmt(tolerance, '比例')}，见材料间不一致）"


def all_of(verdicts: list[Verdict]) -> Outcome:
    """Every part required: a definite fail fails, else any doubt needs review."""
    outcomes = [v.outcome for v in verdicts]
    if Outcome.fail in outcomes:
        return Outcome.fail
    if Outcome.needs_review in outcomes:
        return Outcome.needs_review
    return Outcome.pass_


def any_of(verdicts: list[Verdict]) -> Outcome:
    """Any route suffices: one pass passes, else any doubt needs review."""
    outcomes = [v.outcome for v in verdicts]
    if Outcome.pass_ in outcomes:
        return Outcome.pass_
    if Outcome.needs_review in outcomes:
        return Outcome.needs_review
    return Outcome.fail
