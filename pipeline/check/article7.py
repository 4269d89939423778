"""Article 7: the seven function requirements (only claimed functions count) and art7_any."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Function, Outcome, RuleResult
from .context import Context, Scope, zh
from .judge import Test, Verdict, all_of, any_of, at_least, combine

# The 附件2 indicator fields of each function: a function whose box could not be read is
# treated as claimed when any of its indicators is filled in.
INDICATORS: dict[Function, tuple[str, ...]] = {
    Function.information: ("info_offline_smes", "info_activities"),
    Function.technology: ("tech_activities",),
    Function.entrepreneurship: ("entrepreneurship_activities",),
    Function.training: ("training_person_times", "training_qualification"),
    Function.financing: ("financing_activities", "financing_amount", "guarantee_new_amount"),
    Function.consulting: ("consulting_activities",),
    Function.market: ("market_enterprise_times",),
}


def claimed_functions(ctx: Context) -> tuple[set[Function], str]:
    """The claimed functions and, when inferred from indicators, a Chinese note saying so."""
    reading = ctx.reading("functions_claimed")
    if reading is not None and isinstance(reading.value, list | str):
        values = re.split(r"[\s,，、;；]+", reading.value) if isinstance(reading.value, str) else reading.value
        return {Function(v) for v in values if v in Function.__members__}, ""
    inferred = {fn for fn, ids in INDICATORS.items() if any(ctx.reading(i) is not None for i in ids)}
    return inferred, "未能识别申报功能勾选情况，按申请报告中填写了指标的功能核对"


def _function_rule(scope: Scope, evaluate: Callable[[Scope], tuple[Outcome, list[Verdict]]]) -> RuleResult:
    function = scope.rule.function
    claimed, inferred_note = claimed_functions(scope.ctx)
    if function not in claimed:
        return scope.result(Outcome.no_evidence, f"未申报{zh('function', function)}功能，不予核对")
    outcome, parts = evaluate(scope)
    note = "；".join(p.note for p in parts)
    if inferred_note:
        note = f"{inferred_note}。{note}"
    threshold = parts[0].threshold if len(parts) == 1 else None
    return scope.result(outcome, note, parts[0].observed, threshold)


def _single(path: str, field_id: str):
    def evaluate(scope: Scope) -> tuple[Outcome, list[Verdict]]:
        verdict = at_least(scope, [field_id], path)
        return verdict.outcome, [verdict]

    return evaluate


def art7_1_information(scope: Scope) -> RuleResult:
    def evaluate(s: Scope):
        parts = [at_least(s, ["info_offline_smes"], "art7_1.min_offline_smes"),
                 at_least(s, ["info_activities"], "art7_1.min_activities")]
        return all_of(parts), parts

    result = _function_rule(scope, evaluate)
    if result.outcome == Outcome.pass_:
        result.note += "。线上信息服务系统由专家评审"
    return result


def art7_2_technology(scope: Scope) -> RuleResult:
    return _function_rule(scope, _single("art7_2.min_activities", "tech_activities"))


def art7_3_entrepreneurship(scope: Scope) -> RuleResult:
    return _function_rule(scope, _single("art7_3.min_activities", "entrepreneurship_activities"))


def _qualification(scope: Scope) -> Verdict:
    required = scope.param("art7_4.qualification_required")
    reading = scope.read("training_qualification")
    if not required:
        return Verdict(Outcome.pass_, "本规则版本不要求培训资质或备案")
    if reading is None:
        return Verdict(Outcome.needs_review, "未能确认培训资质或主管部门备案情况，需人工核对资质证明材料")
    test = Test(f"{reading.label}：{zh('bool', reading.value)}", reading.value is True, reading.review)
    outcome, note = combine([test], "具有培训资质或在中小企业主管部门备案")
    return Verdict(outcome, note, reading.value)


def art7_4_training(scope: Scope) -> RuleResult:
    def evaluate(s: Scope):
        parts = [at_least(s, ["training_person_times"], "art7_4.min_person_times"), _qualification(s)]
        return all_of(parts), parts

    return _function_rule(scope, evaluate)


def art7_5_financing(scope: Scope) -> RuleResult:
    def evaluate(s: Scope):
        service = [at_least(s, ["financing_activities"], "art7_5.min_activities"),
                   at_least(s, ["financing_amount"], "art7_5.min_financing_amount")]
        guarantee = s.read("guarantee_new_amount")
        routes = [Verdict(all_of(service), "服务机构途径：" + "；".join(v.note for v in service), service[1].observed)]
        if guarantee is not None:
            g = at_least(s, ["guarantee_new_amount"], "art7_5.min_guarantee_amount")
            routes.append(Verdict(g.outcome, "融资担保机构途径：" + g.note, g.observed))
        return any_of(routes), routes

    return _function_rule(scope, evaluate)


def art7_6_consulting(scope: Scope) -> RuleResult:
    return _function_rule(scope, _single("art7_6.min_activities", "consulting_activities"))


def art7_7_market(scope: Scope) -> RuleResult:
    return _function_rule(scope, _single("art7_7.min_enterprise_times", "market_enterprise_times"))


def art7_any(scope: Scope, functions: list[RuleResult]) -> RuleResult:
    """At least one claimed function passes (Article 7); one failing function is no failure."""
    claimed, _ = claimed_functions(scope.ctx)
    needed = scope.param("art7.min_functions_passed")
    rules = scope.ctx.ruleset.rules
    mine = [r for r in functions if rules[r.id].function in claimed]
    for r in mine:
        scope.sources.extend(s for s in r.evidence if s not in scope.sources)
    names = {r.id: zh("function", rules[r.id].function) for r in mine}
    passed = [names[r.id] for r in mine if r.outcome == Outcome.pass_]
    if len(passed) >= needed:
        return scope.result(Outcome.pass_, f"满足{'、'.join(passed)}功能要求", len(passed), needed)
    if not mine:
        return scope.result(Outcome.needs_review, "未能识别申报的服务功能及其指标，需人工核对申请报告", 0, needed)
    doubtful = [names[r.id] for r in mine if r.outcome != Outcome.fail]
    if doubtful:
        note = f"{'、'.join(doubtful)}功能需人工核实，已确认满足要求的功能不足{needed}项"
        return scope.result(Outcome.needs_review, note, len(passed), needed)
    note = f"申报的{'、'.join(names.values())}功能均未达到{scope.rule.article}的功能要求"
    return scope.result(Outcome.fail, note, len(passed), needed)
