"""Article 6 items (二)–(五): service record, premises and agencies, public benefit, staff."""

from __future__ import annotations

from ..models import MaterialType, Outcome, RuleResult, Source
from .context import Reading, Scope
from .judge import EPS, Test, at_least, combine, fmt, number

READING_ZH = {
    "degree_or_title": "具有大专及以上学历或中级及以上职称之一",
    "degree_and_title": "同时具有大专及以上学历和中级及以上职称",
}


def _threshold_rule(scope: Scope, field_ids: list[str], path: str) -> RuleResult:
    verdict = at_least(scope, field_ids, path)
    return scope.result(verdict.outcome, verdict.note, verdict.observed, scope.param(path))


def art6_2_smes_served(scope: Scope) -> RuleResult:
    return _threshold_rule(scope, ["smes_served_last_year", "client_list.count"], "art6_2.min_smes_served")


def art6_2_satisfaction(scope: Scope) -> RuleResult:
    return _threshold_rule(scope, ["satisfaction_rate", "client_list.satisfaction_rate"], "art6_2.min_satisfaction")


def art6_2_growth(scope: Scope) -> RuleResult:
    ratio = scope.param("art6_2.min_growth_ratio")
    last, prior = scope.read("smes_served_last_year"), scope.read("smes_served_prior_year")
    if last is None or prior is None or number(last.value) is None or number(prior.value) is None:
        return scope.result(Outcome.needs_review, "未能从申请报告中提取近两年服务中小企业数量，需人工核对")
    needed = number(prior.value) * ratio
    text = f"{last.label}为{fmt(last.value, '家')}，{prior.label}为{fmt(prior.value, '家')}"
    test = Test(text, number(last.value) >= needed, last.review + prior.review)
    growth = "上年度服务企业数量不少于前年度" + ("" if ratio == 1 else f"的{fmt(ratio, '倍')}")
    outcome, note = combine([test], growth)
    return scope.result(outcome, note, number(last.value), needed)


def _file_source(ref: str) -> Source:
    path, _, pages = ref.partition("#p")
    return Source(file=path, location=f"第{pages}页" if pages else None)


def art6_3_premises(scope: Scope) -> RuleResult:
    entry = scope.ctx.materials[MaterialType.premises_proof]
    for ref in entry.files:
        scope.sources.append(_file_source(ref))
    note = f"已提交固定经营服务场所证明：{'、'.join(entry.files)}"
    area = scope.read("premises_area")
    if area is not None:
        note += f"；申请报告填写服务场所面积{fmt(area.value, '㎡')}"
    return scope.result(Outcome.pass_, note + "。必要服务设施、仪器设备等由专家结合设备清单评审")


def art6_3_aggregated_agencies(scope: Scope) -> RuleResult:
    return _threshold_rule(scope, ["aggregated_agencies"], "art6_3.min_aggregated_agencies")


def art6_4_public_benefit_share(scope: Scope) -> RuleResult:
    return _threshold_rule(scope, ["public_benefit_share"], "art6_4.min_public_benefit_share")


def art6_5_service_staff(scope: Scope) -> RuleResult:
    return _threshold_rule(scope, ["service_staff", "staff_list.count"], "art6_5.min_service_staff")


def _bounds(n: float, college: float | None, title: float | None, either: float | None, reading: str):
    """Lowest and highest possible count of qualified staff under the reading, or None."""
    if reading == "degree_and_title":
        if college is not None and title is not None:
            both = college + title - either if either is not None else None
            return (both, both) if both is not None else (max(0.0, college + title - n), min(college, title))
        known = college if college is not None else title
        return None if known is None else (0.0, known)
    if either is not None:
        return either, either
    known = [x for x in (college, title) if x is not None]
    if not known:
        return None
    high = min(sum(known), n) if len(known) == 2 else n
    return max(known), high


def _ratio_test(scope: Scope, ids: tuple[str, str, str, str | None], reading: str, minimum: float):
    staff_r, college_r, title_r, either_r = (scope.read(i) if i else None for i in ids)
    n = number(staff_r.value) if staff_r else None
    values = [number(r.value) if r else None for r in (college_r, title_r, either_r)]
    if not n or all(v is None for v in values):
        return None
    used: list[Reading] = [r for r in (staff_r, college_r, title_r, either_r) if r is not None]
    bounds = _bounds(n, *values, reading)
    if bounds is None:
        return None
    low, high = bounds[0] / n, bounds[1] / n
    shown = fmt(low, "比例") if low == high else f"{fmt(low, '比例')}至{fmt(high, '比例')}"
    counts = "，".join(f"{r.label}{fmt(r.value, '人')}" for r in used)
    ok = True if low >= minimum - EPS else (False if high < minimum - EPS else None)
    return Test(f"{counts}，比例为{shown}", ok, [x for r in used for x in r.review]), low


def art6_5_qualified_ratio(scope: Scope) -> RuleResult:
    minimum = scope.param("art6_5.min_qualified_ratio")
    reading = scope.param("art6_5.qualified_reading")
    sources = [
        ("service_staff", "staff_college_or_above", "staff_mid_title_or_above", None),
        ("staff_list.count", "staff_list.college_count", "staff_list.mid_title_count", "staff_list.qualified_count"),
    ]
    found = [t for ids in sources if (t := _ratio_test(scope, ids, reading, minimum)) is not None]
    if not found:
        return scope.result(Outcome.needs_review, "未能从申请报告或人员名单中提取服务人员学历、职称人数，需人工核对",
                            None, minimum)
    requirement = f"{READING_ZH.get(reading, reading)}的人员占{fmt(minimum, '比例')}以上"
    outcome, note = combine([t for t, _ in found], requirement)
    return scope.result(outcome, note, round(found[0][1], 4), minimum)
