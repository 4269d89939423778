"""Helpers that turn compact case descriptions into Facts, file layouts and ground truth."""

from __future__ import annotations

from typing import Any

from samplegen import fmt
from samplegen.ids import make_uscc
from samplegen.model import Audit, Case, Expected, Facts, Style
from samplegen.people import make_clients, make_equipment, make_staff

AUDIT_YEAR = 2025
MATERIAL_IDS = (
    "application_report", "legal_entity_certificate", "audit_reports", "premises_proof", "resource_lists",
    "service_evidence", "qualifications", "authenticity_declaration", "recommendation_form",
)
FUNCTION_ORDER = ("information", "technology", "entrepreneurship", "training", "financing", "consulting", "market")
ART6_RULES = (
    "art6_1_legal_entity", "art6_1_operating_years", "art6_1_total_assets", "art6_1_financial_health",
    "art6_2_smes_served", "art6_2_satisfaction", "art6_2_growth", "art6_3_premises",
    "art6_3_aggregated_agencies", "art6_4_public_benefit_share", "art6_5_service_staff", "art6_5_qualified_ratio",
)
FUNCTION_RULES = {f: f"art7_{i}_{f}" for i, f in enumerate(FUNCTION_ORDER, start=1)}
# Document kind → (material id, resource_lists part or None).
KIND_MATERIAL = {
    "report": ("application_report", None), "recommendation": ("recommendation_form", None),
    "licence": ("legal_entity_certificate", None), "audit": ("audit_reports", None),
    "audit_with_service": ("audit_reports", None), "special_audit": ("audit_reports", None),
    "lease": ("premises_proof", None), "staff_list": ("resource_lists", "staff_list"),
    "client_list": ("resource_lists", "client_list"), "equipment_list": ("resource_lists", "equipment_list"),
    "evidence": ("service_evidence", None), "icp": ("qualifications", None),
    "training_filing": ("qualifications", None), "declaration": ("authenticity_declaration", None),
}
# Legacy-format kinds (read from samplegen/static/) stand for the same document as their base kind.
KIND_ALIASES = {"report_doc": "report", "staff_list_xls": "staff_list"}
KIND_MATERIAL.update({alias: KIND_MATERIAL[base] for alias, base in KIND_ALIASES.items()})

DEFAULT_FILES = {
    "申请报告.docx": "report", "推荐表.docx": "recommendation", "营业执照副本.pdf": "licence",
    "2025年度审计报告.pdf": "audit", "服务收支专项审计报告.pdf": "special_audit", "房屋租赁合同.pdf": "lease",
    "人员名单.xlsx": "staff_list", "服务企业名单及满意度.xlsx": "client_list", "设备清单.xlsx": "equipment_list",
    "活动通知及工作总结.pdf": "evidence", "ICP备案证明.pdf": "icp", "真实性声明.pdf": "declaration",
}


def make_audit(firm: str, report_no: str, total: float, liabilities: float, revenue: float, profit: float,
               service: tuple[float, float], **kw: Any) -> Audit:
    return Audit(firm=firm, report_no=report_no, total_assets=total, total_liabilities=liabilities,
                 revenue=revenue, net_profit=profit, service_income=service[0], service_expense=service[1],
                 prior_total_assets=kw.pop("prior_total_assets", round(total * 0.91, 2)),
                 prior_revenue=kw.pop("prior_revenue", round(revenue * 0.88, 2)), **kw)


def make_facts(key: str, nature: str, region: str, staff: tuple[int, int, int], satisfied: int | None = None,
               equipment: int = 12, **kw: Any) -> Facts:
    """Facts with a valid USCC for ``region``, a staff list of ``staff`` = (n, college, mid-title),
    a client list of ``smes_served_last_year`` rows of which ``satisfied`` are 满意/非常满意."""
    n, college, mid = staff
    smes = kw["smes_served_last_year"]
    if satisfied is None:
        satisfied = round(kw["satisfaction_rate"] * smes)
    kw.setdefault("uscc", make_uscc(nature, region, key))
    kw.setdefault("service_staff", n)
    kw.setdefault("staff_college_or_above", college)
    kw.setdefault("staff_mid_title_or_above", mid)
    return Facts(unit_nature=nature, staff=make_staff(key, n, college, mid, kw.pop("mid_without_college", 0)),
                 clients=make_clients(key, smes, satisfied, region[:4] + "00"),
                 equipment=make_equipment(key, equipment), **kw)


def _ratio_written(frac: float, style: str) -> float:
    return round(frac, 3) if style == "pct_fw_decimal" else frac


def report_fields(f: Facts, style: Style) -> dict[str, Any]:
    """Values a correct extractor reads from the 附件2 report (as written, units resolved)."""
    out: dict[str, Any] = {
        "unit_name": f.unit_name, "platform_name": f.platform_name, "uscc": f.uscc, "unit_nature": f.unit_nature,
        "established_date": f.established_date.isoformat(), "city": f.city, "county": f.county,
        "legal_representative": f.legal_representative, "premises_area": f.premises_area,
        "service_staff": f.service_staff, "staff_college_or_above": f.staff_college_or_above,
        "staff_mid_title_or_above": f.staff_mid_title_or_above,
        "smes_served_last_year": f.smes_served_last_year, "smes_served_prior_year": f.smes_served_prior_year,
        "satisfaction_rate": _ratio_written(f.satisfaction_rate, style.pct),
        "aggregated_agencies": f.aggregated_agencies,
        "public_benefit_share": _ratio_written(f.public_benefit_share, style.pct),
        "functions_claimed": [k for k in FUNCTION_ORDER if k in f.functions],
    }
    for key in ("registered_capital", "total_assets", "revenue", "service_income", "service_expense"):
        out[key] = fmt.money_written(getattr(f, key), style.money)
    indicator_style = "wan_suffix" if style.money == "wan_plain" else style.money
    for key, value in f.indicator_values.items():
        is_money = key in ("financing_amount", "guarantee_new_amount")
        out[key] = fmt.money_written(float(value), indicator_style) if is_money else value
    return out


def audit_fields(a: Audit) -> dict[str, Any]:
    def stmt(v: float) -> float:
        return round(round(v / 10000, 2) * 10000, 2) if a.in_wan else v

    return {
        "audit.year": AUDIT_YEAR, "audit.firm": a.firm, "audit.opinion": a.opinion,
        "audit.total_assets": stmt(a.total_assets), "audit.total_liabilities": stmt(a.total_liabilities),
        "audit.net_assets": stmt(a.net_assets), "audit.revenue": stmt(a.revenue),
        "audit.net_profit": stmt(a.net_profit), "audit.service_income": a.service_income,
        "audit.service_expense": a.service_expense,
    }


def list_fields(f: Facts, kinds: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "staff_list" in kinds:
        college = [p.education in ("博士", "硕士", "本科", "大专") for p in f.staff]
        titled = [p.title in ("高级工程师", "工程师", "高级经济师", "经济师", "会计师") for p in f.staff]
        out.update({"staff_list.count": len(f.staff), "staff_list.college_count": sum(college),
                    "staff_list.mid_title_count": sum(titled),
                    "staff_list.qualified_count": sum(c or t for c, t in zip(college, titled, strict=True))})
    if "client_list" in kinds:
        satisfied = sum(r[4] in ("非常满意", "满意") for r in f.clients)
        out.update({"client_list.count": len(f.clients), "client_list.satisfied_count": satisfied,
                    "client_list.satisfaction_rate": round(satisfied / len(f.clients), 4)})
    if "equipment_list" in kinds:
        out["equipment_list.count"] = len(f.equipment)
    return out


def licence_fields(f: Facts) -> dict[str, Any]:
    out = {"licence.name": f.unit_name, "licence.uscc": f.uscc, "licence.is_branch": f.branch_of is not None,
           "licence.city": f.city, "licence.county": f.county}
    if f.unit_nature == "public_institution":  # a 事业单位法人证书 prints its validity, no founding date
        out["licence.valid_from"] = f.established_date.isoformat()
    else:
        out["licence.established_date"] = f.established_date.isoformat()
    if f.branch_of is None:
        out["licence.legal_representative"] = f.legal_representative
    return out


def materials(files: dict[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(material statuses, resource_lists part statuses, files per material) implied by a file layout."""
    found: dict[str, list[str]] = {m: [] for m in MATERIAL_IDS}
    kinds_by_material: dict[str, set[str]] = {m: set() for m in MATERIAL_IDS}
    for path, kind in files.items():
        material, _ = KIND_MATERIAL[kind]
        found[material].append(path)
        kinds_by_material[material].add(KIND_ALIASES.get(kind, kind))
    parts = {p: "present" if p in kinds_by_material["resource_lists"] else "missing"
             for p in ("equipment_list", "staff_list", "client_list")}
    status = {m: "present" if found[m] else "missing" for m in MATERIAL_IDS}
    if found["resource_lists"] and "missing" in parts.values():
        status["resource_lists"] = "partial"
    audit_kinds = kinds_by_material["audit_reports"]
    if audit_kinds and not ("audit_with_service" in audit_kinds or {"audit", "special_audit"} <= audit_kinds):
        status["audit_reports"] = "partial"
    return status, parts, {m: sorted(v) for m, v in found.items() if v}


def all_pass(functions: dict[str, str]) -> dict[str, str]:
    """Every Article 6 rule passes; ``functions`` gives the claimed functions' outcomes; art7_any derived."""
    rules = dict.fromkeys(ART6_RULES, "pass")
    rules.update({FUNCTION_RULES[k]: v for k, v in functions.items()})
    rules["art7_any"] = "pass" if "pass" in functions.values() else "fail"
    return rules


def make_case(applicant_id: str, summary: str, facts: Facts, decision: str, rules: dict[str, str],
              files: dict[str, str] | None = None, style: Style | None = None, as_zip: bool = False,
              inconsistencies: list[tuple[str, str]] | None = None) -> Case:
    """Assemble a Case, deriving expected materials and fields from the facts and the file layout."""
    files = dict(DEFAULT_FILES if files is None else files)
    style = style or Style()
    status, parts, by_material = materials(files)
    kinds = {KIND_ALIASES.get(kind, kind) for kind in files.values()}
    fields: dict[str, Any] = {}
    if "report" in kinds:
        fields.update(report_fields(facts, style))
    if "licence" in kinds:
        fields.update(licence_fields(facts))
    if kinds & {"audit", "audit_with_service"} and facts.audit is not None:
        fields.update(audit_fields(facts.audit))
    fields.update(list_fields(facts, kinds))
    expected = Expected(decision=decision, materials=status, material_files=by_material, resource_parts=parts,
                        fields=fields, rules=rules, inconsistencies=inconsistencies or [])
    return Case(applicant_id=applicant_id, summary=summary, facts=facts, style=style, files=files,
                as_zip=as_zip, expected=expected)
