"""Audit report and 服务收支专项审计报告 as text PDFs with ruled statements."""

from __future__ import annotations

from samplegen import fmt
from samplegen.audit_text import ADDRESSEE, opinion_paragraphs, statement_names
from samplegen.model import Audit, Facts
from samplegen.pdf_base import (
    CENTER,
    PLAIN,
    RIGHT,
    gap,
    heading,
    page_break,
    para,
    render,
    ruled_table,
    title,
)


def _split(total: float, shares: list[float]) -> list[float]:
    """Split ``total`` into parts by ``shares``; the last part takes the rounding remainder."""
    parts = [round(total * s, 2) for s in shares[:-1]]
    return [*parts, round(total - sum(parts), 2)]


def balance_rows(f: Facts, a: Audit) -> list[tuple[str, float, float]]:
    """(item, year-end, year-start) rows of the balance sheet; totals are exact sums."""
    prior_liab = round(a.prior_total_assets * (a.total_liabilities / a.total_assets), 2)

    def block(total_assets: float, liabilities: float) -> dict[str, float]:
        cash, recv, other, fixed, intangible = _split(total_assets, [0.34, 0.22, 0.07, 0.29, 0.08])
        payable, salary, tax = _split(liabilities, [0.55, 0.3, 0.15])
        net = round(total_assets - liabilities, 2)
        capital = min(round(f.registered_capital, 2), max(net, 0.0)) if f.unit_nature == "enterprise" else 0.0
        return {
            "货币资金": cash, "应收账款": recv, "其他应收款": other, "流动资产合计": round(cash + recv + other, 2),
            "固定资产": fixed, "无形资产": intangible, "非流动资产合计": round(fixed + intangible, 2),
            "资产总计": total_assets, "应付账款": payable, "应付职工薪酬": salary, "应交税费": tax,
            "流动负债合计": liabilities, "负债合计": liabilities, "capital": capital,
            "retained": round(net - capital, 2), "net": net, "total": total_assets,
        }

    end, start = block(a.total_assets, a.total_liabilities), block(a.prior_total_assets, prior_liab)
    enterprise = f.unit_nature == "enterprise"
    names = list(end)[:13]
    if enterprise:
        names += ["实收资本", "未分配利润", "所有者权益合计", "负债和所有者权益总计"]
    else:
        names += ["累计盈余" if f.unit_nature == "public_institution" else "非限定性净资产", "净资产合计",
                  "负债和净资产总计"]
    keys = {"实收资本": "capital", "未分配利润": "retained", "所有者权益合计": "net", "累计盈余": "net",
            "非限定性净资产": "net", "净资产合计": "net", "负债和所有者权益总计": "total", "负债和净资产总计": "total"}
    return [(n, end[keys.get(n, n)], start[keys.get(n, n)]) for n in names]


def income_rows(f: Facts, a: Audit) -> list[tuple[str, float, float]]:
    """(item, this year, last year) rows of the income statement."""
    prior_profit = round(a.prior_revenue * 0.04, 2)

    def block(revenue: float, net_profit: float) -> dict[str, float]:
        tax = round(net_profit * 0.05 / 0.95, 2) if net_profit > 0 else 0.0
        before_tax = round(net_profit + tax, 2)
        cost, levy, selling, admin, finance = _split(round(revenue - before_tax, 2), [0.62, 0.02, 0.1, 0.24, 0.02])
        return {"revenue": revenue, "cost": cost, "levy": levy, "selling": selling, "admin": admin,
                "finance": finance, "op": before_tax, "before": before_tax, "tax": tax, "net": net_profit}

    cur, pre = block(a.revenue, a.net_profit), block(a.prior_revenue, prior_profit)
    if f.unit_nature == "enterprise":
        names = [("一、营业收入", "revenue"), ("减：营业成本", "cost"), ("税金及附加", "levy"), ("销售费用", "selling"),
                 ("管理费用", "admin"), ("财务费用", "finance"), ("二、营业利润", "op"), ("三、利润总额", "before"),
                 ("减：所得税费用", "tax"), ("四、净利润", "net")]
    else:
        names = [("一、本期收入", "revenue"), ("其中：业务活动收入", "revenue"), ("二、本期费用", "expense"),
                 ("其中：业务活动费用", "cost"), ("单位管理费用", "admin_all"), ("三、本期盈余", "net")]
        for blk in (cur, pre):
            blk["expense"] = round(blk["revenue"] - blk["net"], 2)
            blk["admin_all"] = round(blk["expense"] - blk["cost"], 2)
    return [(n, cur[k], pre[k]) for n, k in names]


def _statement(story: list, name: str, f: Facts, a: Audit, year: int, date_line: str,
               rows: list[tuple[str, float, float]], columns: tuple[str, str]) -> None:
    story += [title(name), para(date_line, CENTER),
              para(f"编制单位：{f.unit_name}　　　　　　　　　单位：{'万元' if a.in_wan else '元'}", PLAIN), gap(2)]
    table = [["项目", *columns]] + [[n, fmt.amount(v1, a.in_wan), fmt.amount(v2, a.in_wan)] for n, v1, v2 in rows]
    story.append(ruled_table(table, [70, 48, 48], right_align_from=1))


def service_rows(a: Audit) -> list[tuple[str, float]]:
    inc = _split(a.service_income, [0.45, 0.35, 0.2])
    exp = _split(a.service_expense, [0.5, 0.3, 0.2])
    return [("一、服务收入合计", a.service_income), ("其中：咨询服务收入", inc[0]), ("培训服务收入", inc[1]),
            ("其他服务收入", inc[2]), ("二、服务支出合计", a.service_expense), ("其中：人员费用", exp[0]),
            ("场地及设备费用", exp[1]), ("活动组织费用", exp[2]),
            ("三、服务收支结余", round(a.service_income - a.service_expense, 2))]


def _service_table(a: Audit) -> list:
    rows = [["项目", "金额（元）"]] + [[n, fmt.amount(v)] for n, v in service_rows(a)]
    return [ruled_table(rows, [90, 60], right_align_from=1)]


def _signature(story: list, a: Audit, sign_date: str) -> None:
    story += [gap(10), para(f"{a.firm}（盖章）", RIGHT), para("中国注册会计师：张　伟　　李晓燕", RIGHT),
              para("中国　银川", RIGHT), para(sign_date, RIGHT)]


def build_audit_report(f: Facts, a: Audit, year: int = 2025, with_service_section: bool = False,
                       sign_date: str = "2026年3月10日") -> bytes:
    """The last-year audit report: cover, opinion, balance sheet, income statement[, service section]."""
    story: list = [gap(30), title(f"{f.unit_name}"), title(f"{year}年度财务报表审计报告"), gap(10),
                   para(a.report_no, CENTER), gap(60), para(a.firm, CENTER), para(sign_date, CENTER), page_break()]
    story += [title("审计报告"), para(a.report_no, RIGHT)]
    addressee = ADDRESSEE[f.unit_nature]
    story.append(para(f"{f.unit_name}{addressee}：", PLAIN))
    for head, paragraphs in opinion_paragraphs(f, year, a.opinion):
        story.append(heading(head))
        story += [para(p) for p in paragraphs]
    story.append(heading("管理层和治理层对财务报表的责任"))
    story.append(para("贵单位管理层负责按照适用的会计准则的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要的内部控制。"))
    _signature(story, a, sign_date)
    story.append(page_break())
    bs_name, is_name = statement_names(f.unit_nature)
    _statement(story, bs_name, f, a, year, f"{year}年12月31日", balance_rows(f, a), ("期末余额", "年初余额"))
    story.append(page_break())
    _statement(story, is_name, f, a, year, f"{year}年度", income_rows(f, a), ("本期金额", "上期金额"))
    if with_service_section:
        story += [page_break(), title("服务收支情况专项说明"),
                  para(f"根据委托，我们对{f.unit_name}{year}年度为中小企业提供服务的收入和支出情况进行了审计，具体如下："),
                  *_service_table(a),
                  para("经审计，上述服务收支情况在所有重大方面真实反映了贵单位的服务收支情况。")]
    return render(story, f"{year}年度审计报告", a.firm)


def build_special_audit(f: Facts, a: Audit, year: int = 2025, sign_date: str = "2026年3月12日") -> bytes:
    """A separate 服务收支专项审计报告."""
    number = a.report_no.replace("审字", "专审字")
    story: list = [title("服务收支专项审计报告"), para(number, RIGHT), para(f"{f.unit_name}：", PLAIN),
                   para(f"我们接受委托，对贵单位{year}年度面向中小企业提供服务的收入和支出情况进行了专项审计。"
                        "提供真实、完整的会计资料是贵单位的责任，我们的责任是在实施审计工作的基础上发表专项审计意见。"),
                   para(f"经审计，贵单位{year}年度服务收入{fmt.amount(a.service_income)}元，服务支出"
                        f"{fmt.amount(a.service_expense)}元，服务收支情况在所有重大方面真实、公允。"),
                   heading(f"附表：{year}年度服务收支明细表"), *_service_table(a)]
    _signature(story, a, sign_date)
    return render(story, "服务收支专项审计报告", a.firm)
