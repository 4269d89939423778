"""Defaults and layouts shared by the sample case definitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from samplegen.case_base import make_audit

FIRMS = (
    "宁夏正大会计师事务所（有限公司）",
    "宁夏华瑞会计师事务所有限公司",
    "信永中和会计师事务所（特殊普通合伙）银川分所",
)
SCOPE = (
    "企业管理咨询；信息技术咨询服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；"
    "会议及展览服务；职业技能培训（不含需取得许可的培训）"
)
ZIP_LAYOUT = {
    "申报材料/01申请报告.docx": "report",
    "申报材料/02营业执照副本.pdf": "licence",
    "申报材料/03审计报告/2025年度审计报告.pdf": "audit",
    "申报材料/03审计报告/服务收支专项审计报告.pdf": "special_audit",
    "申报材料/04附件5.pdf": "lease",
    "申报材料/05清单/人员名单.xlsx": "staff_list",
    "申报材料/05清单/服务企业名单及满意度.xlsx": "client_list",
    "申报材料/05清单/设备清单.xlsx": "equipment_list",
    "申报材料/06活动通知及工作总结.pdf": "evidence",
    "申报材料/07ICP备案证明.pdf": "icp",
    "申报材料/08真实性声明.pdf": "declaration",
    "推荐表.docx": "recommendation",
}


def base_facts(**kw: Any) -> dict[str, Any]:
    """Defaults shared by the samples; every case overrides what it is about."""
    out: dict[str, Any] = dict(
        registered_capital=5_000_000.0,
        premises_area=620.0,
        aggregated_agencies=5,
        public_benefit_share=0.35,
        smes_served_last_year=72,
        smes_served_prior_year=65,
        satisfaction_rate=0.92,
        business_scope=SCOPE,
        contact_person="马晓燕",
        contact_phone="0951-5012368",
        legal_representative="王建国",
        established_date=date(2017, 6, 12),
        revenue=3_680_000.0,
        service_income=1_860_000.0,
        service_expense=1_420_000.0,
    )
    out.update(kw)
    return out


def audit_for(kw: dict[str, Any], firm: int, number: str, liabilities: float, profit: float, **extra: Any) -> Any:
    """Audit facts consistent with the 附件2 figures in ``kw`` (cents added as a real report has)."""
    return make_audit(
        FIRMS[firm],
        number,
        round(kw["total_assets"] + 12.47, 2),
        liabilities,
        round(kw["revenue"] + 3.58, 2),
        profit,
        (kw["service_income"], kw["service_expense"]),
        **extra,
    )
