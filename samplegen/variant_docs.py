"""Document builders for the accuracy harness's varied applications (samplegen.variants).

They re-use the sample builders' rows and facts but write them the way other applicants
and other audit firms do: a third label wording, 大写 amounts, 百分之 percentages, other
date notations, tables split in two, figures only in prose, the 附件2 as a text PDF,
statements in 万元 with the opening column first and a 行次 column, split across pages,
and lists with title rows, two-level headers, blank and subtotal rows, or as .docx tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cn2an

from samplegen import fmt, narrative, pdf_audit
from samplegen.audit_text import opinion_paragraphs, statement_names
from samplegen.docx_util import centered, new_document, table, to_bytes
from samplegen.model import Facts, Style
from samplegen.pdf_base import CENTER, PLAIN, RIGHT, gap, heading, page_break, para, render, ruled_table, title
from samplegen.report_docx import LABEL_SETS, SECTIONS, basic_rows, indicator_rows, shape_rows

# A third label wording (harnesses may add label sets, see report_docx.LABEL_SETS).
LABEL_SETS.setdefault(
    "third",
    {
        "unit_name": "单位名称",
        "platform_name": "示范平台名称",
        "uscc": "社会信用代码",
        "unit_nature": "机构性质",
        "established_date": "成立日期",
        "registered_capital": "注册资金",
        "location": "所属地区",
        "address": "通讯地址",
        "legal_representative": "法人代表",
        "contact_person": "联系人姓名",
        "contact_phone": "手机号码",
        "total_assets": "上年末资产总额",
        "revenue": "上年营业收入",
        "service_income": "上年服务收入",
        "service_expense": "上年服务支出",
        "premises_area": "办公场所面积（m²）",
        "service_staff": "专职服务人员数（人）",
        "staff_college_or_above": "大专以上学历人数",
        "staff_mid_title_or_above": "中级以上职称人数",
        "smes_last": "上年服务中小企业数（家）",
        "smes_prior": "前年服务中小企业数（家）",
        "satisfaction_rate": "客户满意度",
        "aggregated_agencies": "合作服务机构数",
        "public_benefit_share": "公益服务占比",
    },
)
LABEL_SETS.setdefault(
    "fourth",
    {
        "unit_name": "企业（单位）名称",
        "platform_name": "平台名称",
        "uscc": "统一社会信用代码（组织机构代码）",
        "unit_nature": "法人类型",
        "established_date": "成立（注册）时间",
        "registered_capital": "注册资本（金）",
        "location": "所属市、县（区）",
        "address": "单位地址（注册地）",
        "legal_representative": "法定代表人（负责人）",
        "contact_person": "联系人",
        "contact_phone": "联系电话（手机）",
        "total_assets": "上一年度资产总额",
        "revenue": "上一年度营业收入",
        "service_income": "上一年度服务收入",
        "service_expense": "上一年度服务支出",
        "premises_area": "服务场所建筑面积（㎡）",
        "service_staff": "服务人员数量",
        "staff_college_or_above": "其中：大专及以上学历人数",
        "staff_mid_title_or_above": "其中：中级及以上职称人数",
        "smes_last": "上一年度服务中小企业数（家）",
        "smes_prior": "前一年度服务中小企业数（家）",
        "satisfaction_rate": "用户满意率",
        "aggregated_agencies": "平台集聚服务机构数量",
        "public_benefit_share": "公益性（低收费）服务比例",
    },
)
ROW_KEYS = (
    "unit_name",
    "platform_name",
    "uscc",
    "established_date",
    "unit_nature",
    "registered_capital",
    "location",
    "address",
    "legal_representative",
    "contact_person",
    "contact_phone",
    "premises_area",
    "total_assets",
    "revenue",
    "service_income",
    "service_expense",
    "service_staff",
    "staff_college_or_above",
    "staff_mid_title_or_above",
    "aggregated_agencies",
    "smes_last",
    "smes_prior",
    "satisfaction_rate",
    "public_benefit_share",
)


@dataclass
class Notation:
    """How a varied 附件2 writes values beyond samplegen.Style."""

    capital_keys: tuple[str, ...] = ()  # money written 小写 with 大写 in brackets (or 大写 only: registered_capital)
    cn_percent: bool = False  # 百分之九十二
    date: str = "cn"  # cn 2018年5月16日 / iso 2018-05-16 / dot 2018.05.16 / slash 2018/5/16
    split_at: int | None = None  # the 基本情况表 continues in a second table from this row
    prose_keys: tuple[str, ...] = ()  # rows left out of the table, written in a paragraph instead
    spaced_counts: bool = False  # counts with their unit: "35人", "86家"
    short_wan: bool = False  # money as "325.68万" (no 元)
    extra: dict[str, str] = field(default_factory=dict)


def _date(f: Facts, how: str) -> str:
    d = f.established_date
    return {
        "iso": d.isoformat(),
        "dot": f"{d.year}.{d.month:02d}.{d.day:02d}",
        "cn0": f"{d.year}年{d.month:02d}月{d.day:02d}日",
        "slash": f"{d.year}/{d.month}/{d.day}",
    }.get(how, fmt.cn_date(d))


def _capital(yuan: float) -> str:
    return "人民币" + cn2an.an2cn(f"{yuan:.2f}".rstrip("0").rstrip("."), "rmb")


def _cn_pct(frac: float) -> str:
    return "百分之" + cn2an.an2cn(f"{frac * 100:g}")


def varied_rows(f: Facts, style: Style, note: Notation, last_year: int = 2025) -> list[tuple[str, str, bool]]:
    rows = basic_rows(f, style, last_year)
    out = []
    units = {"service_staff": "人", "smes_last": "家", "smes_prior": "家", "aggregated_agencies": "家"}
    for key, (label, value, wide) in zip(ROW_KEYS, rows, strict=True):
        if key in note.prose_keys:
            continue
        if key in note.capital_keys:
            yuan = getattr(f, key)
            value = _capital(yuan) if key == "registered_capital" else f"{yuan:,.2f}元（大写：{_capital(yuan)}）"
            label = label.replace("（万元）", "")
        elif note.short_wan and key in (
            "registered_capital",
            "total_assets",
            "revenue",
            "service_income",
            "service_expense",
        ):
            value = f"{fmt.wan(getattr(f, key)):g}万"
            label = label.replace("（万元）", "")
        elif key in ("satisfaction_rate", "public_benefit_share") and note.cn_percent:
            value = _cn_pct(getattr(f, key))
        elif key == "established_date":
            value = _date(f, note.date)
        elif note.spaced_counts and key in units:
            value = f"{value}{units[key]}"
        out.append((label, note.extra.get(key, value), wide))
    return out


def prose_paragraph(f: Facts, keys: tuple[str, ...], last_year: int = 2025) -> str:
    parts = {
        "total_assets": f"截至{last_year}年底，平台资产总额达{fmt.wan(f.total_assets):,.2f}万元",
        "revenue": f"{last_year}年实现营业收入{f.revenue:,.2f}元",
        "service_staff": f"从事中小企业服务人员共{f.service_staff}人",
        "satisfaction_rate": f"用户满意度达到{fmt.pct(f.satisfaction_rate, 'pct')}",
        "aggregated_agencies": f"集聚服务机构{f.aggregated_agencies}家",
        "public_benefit_share": f"公益性服务占比为{fmt.pct(f.public_benefit_share, 'pct')}",
    }
    return "；".join(parts[k] for k in keys if k in parts) + "。"


def build_report_docx(f: Facts, style: Style, note: Notation) -> bytes:
    doc = new_document("示范平台申请报告", f.unit_name)
    centered(doc, "自治区中小企业公共服务示范平台申请报告", 18, bold=True)
    for label, value in (
        ("平台名称", f.platform_name),
        ("申报单位（盖章）", f.unit_name),
        ("推荐单位", f.recommending_unit),
    ):
        centered(doc, f"{label}：{value}", 14)
    doc.add_page_break()
    doc.add_heading("一、基本情况", level=1)
    rows, merged = shape_rows(varied_rows(f, style, note), style.columns)
    if note.split_at:
        table(doc, rows[: note.split_at], {m for m in merged if m < note.split_at})
        doc.add_page_break()
        doc.add_paragraph("基本情况表（续）")
        table(doc, rows[note.split_at :], {m - note.split_at for m in merged if m >= note.split_at})
    else:
        table(doc, rows, merged)
    doc.add_heading("二、功能指标", level=1)
    table(doc, indicator_rows(f, style), {0})
    for heading_text, paragraphs in zip(SECTIONS, narrative.sections(f, 2025), strict=True):
        doc.add_heading(heading_text, level=2)
        if heading_text.startswith("一") and note.prose_keys:
            doc.add_paragraph(prose_paragraph(f, note.prose_keys))
        for text in paragraphs:
            doc.add_paragraph(text)
    return to_bytes(doc)


def build_report_pdf(f: Facts, style: Style, note: Notation) -> bytes:
    """The 附件2 printed to PDF: ruled label/value tables, then the narrative."""
    rows, _ = shape_rows(varied_rows(f, style, note), style.columns)
    widths = [45, 115] if style.columns == 2 else [34, 46, 34, 46]
    story: list = [para("附件2", PLAIN), gap(20), title("自治区中小企业公共服务示范平台"), title("申请报告"), gap(20)]
    story += [
        para(f"{k}：{v}", CENTER)
        for k, v in (
            ("平台名称", f.platform_name),
            ("申报单位（盖章）", f.unit_name),
            ("推荐单位", f.recommending_unit),
            ("日期", "2026年3月15日"),
        )
    ]
    story += [
        page_break(),
        heading("一、基本情况表"),
        ruled_table(rows, widths, header_rows=0),
        gap(4),
        heading("二、功能指标表"),
        ruled_table(indicator_rows(f, style), [30, 90, 40], header_rows=0),
        page_break(),
    ]
    for heading_text, paragraphs in zip(SECTIONS, narrative.sections(f, 2025), strict=True):
        story.append(heading(heading_text))
        if heading_text.startswith("一") and note.prose_keys:
            story.append(para(prose_paragraph(f, note.prose_keys)))
        story += [para(text) for text in paragraphs]
    return render(story, "申请报告", f.unit_name)


def build_audit_other_firm(f: Facts, year: int = 2025) -> bytes:
    """Another firm's layout: 行次 column, opening balance first, statements split over pages."""
    a = f.audit
    if a is None:
        raise ValueError("audit facts required")
    unit = "万元" if a.in_wan else "元"
    story: list = [title("审 计 报 告"), para(a.report_no, RIGHT), para(f"{f.unit_name}：", PLAIN)]
    for head, paragraphs in opinion_paragraphs(f, year, a.opinion):
        story += [heading(head), *[para(p) for p in paragraphs]]
    story += [
        gap(8),
        para(f"{a.firm}　　中国注册会计师：王　磊", RIGHT),
        para(f"{year + 1}年3月20日", RIGHT),
        page_break(),
    ]
    bs_name, is_name = statement_names(f.unit_nature)
    rows = pdf_audit.balance_rows(f, a)
    half = len(rows) // 2
    for part, chunk in enumerate((rows[:half], rows[half:])):
        story += [
            title(bs_name + ("（续）" if part else "")),
            para(f"{year}年12月31日", CENTER),
            para(f"编制单位：{f.unit_name}　　　　单位：{unit}", PLAIN),
        ]
        body = [
            [n, str(part * half + i + 1), fmt.amount(start, a.in_wan), fmt.amount(end, a.in_wan)]
            for i, (n, end, start) in enumerate(chunk)
        ]
        story += [
            ruled_table([["项目", "行次", "年初数", "期末数"], *body], [64, 14, 44, 44], right_align_from=1),
            page_break(),
        ]
    income = [
        [n, str(i + 1), fmt.amount(cur, a.in_wan), fmt.amount(pre, a.in_wan)]
        for i, (n, cur, pre) in enumerate(pdf_audit.income_rows(f, a))
    ]
    story += [
        title(is_name),
        para(f"{year}年度", CENTER),
        para(f"编制单位：{f.unit_name}　　　　单位：{unit}", PLAIN),
        ruled_table([["项目", "行次", "本年金额", "上年金额"], *income], [64, 14, 44, 44], right_align_from=1),
    ]
    story += [
        page_break(),
        title("服务收支情况"),
        para(
            f"经审计，{year}年度贵单位服务收入为{fmt.amount(a.service_income)}元，"
            f"服务支出为{fmt.amount(a.service_expense)}元。"
        ),
    ]
    return render(story, f"{year}年度审计报告", a.firm)
