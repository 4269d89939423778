"""The 适当放宽 clause of Article 6: turn a `fail` into `relaxed` where the data says so."""

from __future__ import annotations

from ..models import Outcome, RuleResult
from ..models.rules import ParameterUse
from .context import Context, zh
from .ruleset import Relaxation


def _nature_reason(relaxation: Relaxation, ctx: Context) -> str | None:
    nature = ctx.reading("unit_nature")
    if nature is None or nature.value not in relaxation.natures:
        return None
    return f"申报单位性质为{zh('unit_nature', nature.value)}"


def _area_reason(relaxation: Relaxation, ctx: Context) -> tuple[str | None, list[ParameterUse]]:
    if relaxation.areas is None:
        return None, []
    used = [ctx.ruleset.param(relaxation.areas, ctx.as_of)]
    names = list(used[0].value)
    if relaxation.include_optional and relaxation.optional_areas:
        switch = ctx.ruleset.param(relaxation.include_optional, ctx.as_of)
        used.append(switch)
        if switch.value is True:
            optional = ctx.ruleset.param(relaxation.optional_areas, ctx.as_of)
            used.append(optional)
            names += list(optional.value)
    for field_id in relaxation.place_fields:
        place = ctx.reading(field_id)
        if place is None or not isinstance(place.value, str):
            continue
        hit = next((name for name in names if name in place.value), None)
        if hit:
            where = "" if hit == place.value else f"（{hit}）"
            return f"{place.label}为{place.value}，属于山区市县{where}", used
    return None, used


def relax(result: RuleResult, ctx: Context) -> RuleResult:
    """A failed rule whose condition a relaxation covers, for a unit it applies to, becomes relaxed."""
    if result.outcome != Outcome.fail:
        return result
    condition = ctx.ruleset.rule(result.id).condition
    for relaxation in ctx.ruleset.relaxations.values():
        if condition not in relaxation.conditions:
            continue
        reason = _nature_reason(relaxation, ctx)
        used: list[ParameterUse] = []
        if reason is None:
            reason, used = _area_reason(relaxation, ctx)
        if reason is None:
            continue
        return result.model_copy(
            update={
                "outcome": Outcome.relaxed,
                "relaxation": f"{relaxation.reference}：“{relaxation.clause}”",
                "note": f"{result.note}。{reason}，依据{relaxation.reference}（{relaxation.title}）"
                f"该条件可适当放宽，转专家评审",
                "parameters": [*result.parameters, *used],
            }
        )
    return result
