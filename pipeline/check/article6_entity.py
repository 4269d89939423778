"""Article 6 item (一): legal personhood, operating years, total assets, financial health."""

from __future__ import annotations

from datetime import date

from stdnum.cn import uscc as uscc_check

from ..models import Outcome, RuleResult
from .context import Reading, Scope, zh
from .judge import Test, Verdict, all_of, at_least, combine, fmt, number


def _code(value: object) -> str:
    return str(value).replace(" ", "").upper()


def art6_1_legal_entity(scope: Scope) -> RuleResult:
    fails: list[str] = []
    doubts: list[str] = []
    said: list[str] = []
    branch = scope.read("licence.is_branch")
    if branch is not None and branch.value is True:
        if branch.flagged:
            doubts.append(f"证照可能为分支机构，但识别存疑（{'；'.join(branch.review)}）")
        else:
            fails.append("证照为分支机构（分公司等，载明负责人/营业场所），不具有独立法人资格")
    licence_code = scope.read("licence.uscc")
    report_code = scope.read("uscc")
    for reading in (licence_code, report_code):
        if reading is None:
            continue
        code = _code(reading.value)
        if uscc_check.is_valid(code):
            said.append(f"{reading.label}为{code}，校验位正确")
        else:
            doubts.append(f"{reading.label}“{reading.value}”不是有效的统一社会信用代码（长度或校验位不符）")
    if licence_code is None:
        doubts.append("未能从法人证书或营业执照中读取统一社会信用代码，需人工核对证照")
    elif report_code is not None and _code(licence_code.value) != _code(report_code.value):
        doubts.append(f"申请报告填写的统一社会信用代码{report_code.value}与证照上的{licence_code.value}不一致")
    observed = _code(licence_code.value) if licence_code else None
    if fails:
        return scope.result(Outcome.fail, "；".join(fails + doubts), observed)
    if doubts:
        return scope.result(Outcome.needs_review, "；".join(said + doubts) + "，需人工核实", observed)
    return scope.result(Outcome.pass_, "；".join([*said, "法人证书或营业执照齐全，具有独立法人资格"]), observed)


def full_years(start: date, end: date) -> int:
    """Whole years from start to end (an anniversary counts on its day)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def art6_1_operating_years(scope: Scope) -> RuleResult:
    minimum = scope.param("art6_1.min_operating_years")
    as_of = scope.ctx.as_of
    readings = [r for f in ("licence.established_date", "established_date") if (r := scope.read(f)) is not None]
    if not readings:
        return scope.result(Outcome.needs_review, "未能从证照或申请报告中提取成立日期，需人工核对", None, minimum)
    tests: list[Test] = []
    observed = None
    for reading in readings:
        started = _as_date(reading.value)
        if started is None:
            tests.append(Test(f"{reading.label}“{reading.value}”不是有效日期", None, reading.review))
            continue
        years = full_years(started, as_of)
        observed = years if observed is None else observed
        tests.append(Test(f"{reading.label}为{started.isoformat()}，至{as_of.isoformat()}满{years}年", years >= minimum,
                          reading.review))
    outcome, note = combine(tests, f"运营{minimum}年以上")
    return scope.result(outcome, note, observed, minimum)


def art6_1_total_assets(scope: Scope) -> RuleResult:
    verdict = at_least(scope, ["audit.total_assets", "total_assets"], "art6_1.min_total_assets")
    return scope.result(verdict.outcome, verdict.note, verdict.observed, scope.param("art6_1.min_total_assets"))


def _opinion(scope: Scope) -> Verdict:
    failing = scope.param("art6_1.failing_opinions")
    opinion = scope.read("audit.opinion")
    if opinion is None:
        return Verdict(Outcome.needs_review, "未能从审计报告中识别审计意见类型，需人工核对")
    text = f"审计意见为{zh('audit_opinion', opinion.value)}"
    emphasis = scope.read("audit.emphasis")
    if emphasis is not None:
        text += f"（强调事项：{emphasis.value}，请专家关注）"
    failing_zh = "、".join(zh("audit_opinion", o) for o in failing)
    outcome, note = combine([Test(text, opinion.value not in failing, opinion.review)], f"审计意见不为{failing_zh}")
    return Verdict(outcome, note, opinion.value)


def _net_assets(scope: Scope) -> Verdict:
    floor = scope.param("art6_1.min_net_assets_exclusive")
    net = scope.read("audit.net_assets")
    if net is None or number(net.value) is None:
        assets, debts = scope.read("audit.total_assets"), scope.read("audit.total_liabilities")
        if assets is None or debts is None or number(assets.value) is None or number(debts.value) is None:
            return Verdict(Outcome.needs_review, "未能从审计报告中提取净资产，需人工核对")
        value = number(assets.value) - number(debts.value)
        net = Reading("audit.net_assets", value, None, assets.review + debts.review)
        label = "净资产（资产总计减负债合计）"
    else:
        value, label = number(net.value), net.label
    test = Test(f"{label}为{fmt(value, '元')}", value > floor, net.review)
    outcome, note = combine([test], f"净资产大于{fmt(floor, '元')}")
    return Verdict(outcome, note, value)


def art6_1_financial_health(scope: Scope) -> RuleResult:
    parts = [_opinion(scope), _net_assets(scope)]
    outcome = all_of(parts)
    note = "；".join(p.note for p in parts)
    return scope.result(outcome, note, parts[0].observed)
