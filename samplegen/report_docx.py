"""附件2 application report (.docx): cover, 基本情况表, 功能指标表, narrative sections."""

from __future__ import annotations

from samplegen import fmt, narrative
from samplegen.docx_util import centered, new_document, table, to_bytes
from samplegen.model import FUNCTION_NAMES, NATURE_NAMES, Facts, Style

# Label wording per field; harnesses may add sets to vary the documents.
LABEL_SETS: dict[str, dict[str, str]] = {
    "standard": {
        "unit_name": "申报单位名称",
        "platform_name": "平台名称",
        "uscc": "统一社会信用代码",
        "unit_nature": "单位性质",
        "established_date": "成立时间",
        "registered_capital": "注册资本",
        "location": "所在地（市、县（区））",
        "address": "注册地址",
        "legal_representative": "法定代表人",
        "contact_person": "联系人",
        "contact_phone": "联系电话",
        "total_assets": "资产总额",
        "revenue": "上年度营业收入",
        "service_income": "上年度服务收入",
        "service_expense": "上年度服务支出",
        "premises_area": "服务场所面积（㎡）",
        "service_staff": "从事中小企业服务人员数",
        "staff_college_or_above": "其中大专及以上学历",
        "staff_mid_title_or_above": "其中中级及以上职称",
        "smes_last": "上年度服务中小企业数量",
        "smes_prior": "前年度服务中小企业数量",
        "satisfaction_rate": "用户满意度",
        "aggregated_agencies": "集聚服务机构数",
        "public_benefit_share": "公益性或低收费服务占比",
    },
    "alt": {
        "unit_name": "运营单位",
        "platform_name": "平台名称",
        "uscc": "统一社会信用代码",
        "unit_nature": "单位类型",
        "established_date": "注册时间",
        "registered_capital": "注册资金",
        "location": "所在市、县（区）",
        "address": "单位地址",
        "legal_representative": "法定代表人",
        "contact_person": "联 系 人",
        "contact_phone": "联系方式",
        "total_assets": "资产总额",
        "revenue": "营业收入（上年度）",
        "service_income": "服务收入（上年度）",
        "service_expense": "服务支出（上年度）",
        "premises_area": "服务场所面积（平方米）",
        "service_staff": "服务人员总数",
        "staff_college_or_above": "大专及以上学历人数",
        "staff_mid_title_or_above": "中级及以上职称人数",
        "smes_last": "近两年服务中小企业数量（上年度）",
        "smes_prior": "近两年服务中小企业数量（前年度）",
        "satisfaction_rate": "服务满意度",
        "aggregated_agencies": "集聚服务机构（家）",
        "public_benefit_share": "公益性服务占比",
    },
}
MONEY_KEYS = ("registered_capital", "total_assets", "revenue", "service_income", "service_expense")
WIDE_KEYS = ("unit_name", "platform_name", "unit_nature", "address")
SECTIONS = (
    "一、平台建设和运营情况",
    "二、服务能力",
    "三、服务业绩",
    "四、特色和示范作用",
    "五、发展规划和年度服务目标",
    "六、管理制度与收费标准",
)


def basic_rows(f: Facts, style: Style, last_year: int) -> list[tuple[str, str, bool]]:
    """(label, value, wide) for the 基本情况表, in template order."""
    lab = LABEL_SETS[style.labels]
    nature = fmt.checkboxes(list(NATURE_NAMES.values()), {NATURE_NAMES[f.unit_nature]})
    values = {
        "unit_name": f.unit_name,
        "platform_name": f.platform_name,
        "uscc": f.uscc,
        "unit_nature": nature,
        "established_date": fmt.cn_date(f.established_date),
        "location": f"{f.city}{f.county}",
        "address": f.address,
        "legal_representative": f.legal_representative,
        "contact_person": f.contact_person,
        "contact_phone": f.contact_phone,
        "premises_area": f"{f.premises_area:g}",
        "service_staff": str(f.service_staff),
        "staff_college_or_above": str(f.staff_college_or_above),
        "staff_mid_title_or_above": str(f.staff_mid_title_or_above),
        "smes_last": f"{f.smes_served_last_year}",
        "smes_prior": f"{f.smes_served_prior_year}",
        "satisfaction_rate": fmt.pct(f.satisfaction_rate, style.pct),
        "aggregated_agencies": str(f.aggregated_agencies),
        "public_benefit_share": fmt.pct(f.public_benefit_share, style.pct),
    }
    for key in MONEY_KEYS:
        values[key] = fmt.money(getattr(f, key), style.money)
    for key in style.bounded:  # applicants write "460平方米以上" where the form asks for a figure
        values[key] = f"{values[key]}{'平方米' if key == 'premises_area' else ''}以上"
    order = [
        "unit_name", "platform_name", "uscc", "established_date", "unit_nature", "registered_capital",
        "location", "address", "legal_representative", "contact_person", "contact_phone", "premises_area",
        "total_assets", "revenue", "service_income", "service_expense", "service_staff",
        "staff_college_or_above", "staff_mid_title_or_above", "aggregated_agencies", "smes_last",
        "smes_prior", "satisfaction_rate", "public_benefit_share",
    ]
    rows = []
    for key in order:
        label = lab[key]
        if key in MONEY_KEYS:
            label = fmt.money_label(label, style.money)
        if key == "smes_last":
            label += f"（{last_year}年）"
        elif key == "smes_prior":
            label += f"（{last_year - 1}年）"
        rows.append((label, values[key], key in WIDE_KEYS))
    return rows


def shape_rows(rows: list[tuple[str, str, bool]], columns: int) -> tuple[list[list[str]], set[int]]:
    """Lay label/value pairs out as 2 or 4 columns; wide values get a merged cell in 4 columns."""
    if columns == 2:
        return [[label, value] for label, value, _ in rows], set()
    out: list[list[str]] = []
    merged: set[int] = set()
    pending: list[str] = []
    for label, value, wide in rows:
        if wide:
            merged.add(len(out) + (1 if pending else 0))
            if pending:
                out.append([*pending, "", ""])
                pending = []
            out.append([label, value, "", ""])
        elif pending:
            out.append([*pending, label, value])
            pending = []
        else:
            pending = [label, value]
    if pending:
        out.append([*pending, "", ""])
    return out, merged


def indicator_rows(f: Facts, style: Style, all_functions: bool = False) -> list[list[str]]:
    """功能指标表 rows: function / indicator / value (last year)."""
    specs = {
        "information": [
            ("线下年服务企业数量（家）", "info_offline_smes"),
            ("年组织开展服务活动次数", "info_activities"),
        ],
        "technology": [("年开展技术洽谈、检测、推广等服务活动次数", "tech_activities")],
        "entrepreneurship": [("年开展创业项目洽谈、推介活动次数", "entrepreneurship_activities")],
        "training": [("年培训人次", "training_person_times"), ("是否具有培训资质或备案", "training_qualification")],
        "financing": [
            ("年组织投融资服务活动次数", "financing_activities"),
            ("年帮助融资总额", "financing_amount"),
            ("年新增担保额", "guarantee_new_amount"),
        ],
        "consulting": [("年组织公益性诊断咨询活动次数", "consulting_activities")],
        "market": [("年服务企业家次", "market_enterprise_times")],
    }
    rows = [["申报功能", fmt.checkboxes(list(FUNCTION_NAMES.values()), {FUNCTION_NAMES[k] for k in f.functions}), ""]]
    rows.append(["服务功能", "指标", "上年度完成情况"])
    for func, items in specs.items():
        if func not in f.functions and not all_functions:
            continue
        values = f.functions.get(func, {})
        for label, key in items:
            value = values.get(key)
            if value is None:
                text = "—" if func in f.functions else ""
            elif isinstance(value, bool):
                text = "是（已备案）" if value else "否"
            elif key in ("financing_amount", "guarantee_new_amount"):
                text = fmt.money(float(value), "wan_suffix" if style.money == "wan_plain" else style.money)
            else:
                text = str(value)
            rows.append([FUNCTION_NAMES[func], label, text])
    return rows


def build_report(f: Facts, style: Style, last_year: int = 2025, report_date: str = "2026年3月15日") -> bytes:
    """The complete 附件2 application report as .docx bytes."""
    doc = new_document("示范平台申请报告", f.unit_name)
    centered(doc, "附件2", 11)
    doc.add_paragraph()
    centered(doc, "自治区中小企业公共服务示范平台", 22, bold=True)
    centered(doc, "申请报告", 22, bold=True)
    doc.add_paragraph()
    for label, value in (
        ("平台名称", f.platform_name),
        ("申报单位（盖章）", f.unit_name),
        ("推荐单位", f.recommending_unit),
        ("日　　期", report_date),
    ):
        centered(doc, f"{label}：{value}", 14)
    doc.add_page_break()
    doc.add_heading("一、基本情况表", level=1)
    rows, merged = shape_rows(basic_rows(f, style, last_year), style.columns)
    table(doc, rows, merged)
    doc.add_paragraph()
    doc.add_heading("二、功能指标表", level=1)
    table(doc, indicator_rows(f, style), {0})
    doc.add_page_break()
    doc.add_heading("申请报告正文", level=1)
    for title, paragraphs in zip(SECTIONS, narrative.sections(f, last_year), strict=True):
        doc.add_heading(title, level=2)
        for text in paragraphs:
            doc.add_paragraph(text)
    return to_bytes(doc)
