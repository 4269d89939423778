"""Typed facts of one sample application, its rendering style and its ground truth."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

FUNCTION_NAMES = {
    "information": "信息服务",
    "technology": "技术服务",
    "entrepreneurship": "创业服务",
    "training": "培训服务",
    "financing": "融资服务",
    "consulting": "咨询服务",
    "market": "市场服务",
}
NATURE_NAMES = {
    "enterprise": "企业",
    "public_institution": "事业单位",
    "social_organization": "社会团体",
    "private_non_enterprise": "民办非企业单位",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Style(_Model):
    """How the documents write things; varied across samples and by later harnesses."""

    money: str = "wan_plain"  # see fmt.MONEY_STYLES
    pct: str = "pct"  # see fmt.PCT_STYLES
    columns: int = 4  # 基本情况表 width: 2 or 4
    labels: str = "standard"  # label wording set in report_docx.LABEL_SETS
    bounded: list[str] = Field(default_factory=list)  # 附件2 keys written as a bound ("460平方米以上")


class Audit(_Model):
    """Facts of the last-year audit report and the special audit of service income/expense."""

    firm: str
    report_no: str
    opinion: str = "standard_unqualified"  # AuditOpinion values
    total_assets: float
    total_liabilities: float
    revenue: float
    net_profit: float
    service_income: float
    service_expense: float
    prior_total_assets: float
    prior_revenue: float
    in_wan: bool = False  # statements printed with "单位：万元"

    @property
    def net_assets(self) -> float:
        return round(self.total_assets - self.total_liabilities, 2)


class Person(_Model):
    name: str
    female: bool
    id_number: str
    education: str
    title: str
    post: str


class Facts(_Model):
    """What is true about the applicant; every document is rendered from this."""

    unit_name: str
    platform_name: str
    uscc: str
    unit_nature: str
    established_date: date
    city: str
    county: str
    address: str
    legal_representative: str
    contact_person: str
    contact_phone: str
    recommending_unit: str
    registered_capital: float
    total_assets: float  # as stated in 附件2 (yuan)
    revenue: float
    service_income: float
    service_expense: float
    premises_area: float
    service_staff: int
    staff_college_or_above: int
    staff_mid_title_or_above: int
    smes_served_last_year: int
    smes_served_prior_year: int
    satisfaction_rate: float
    aggregated_agencies: int
    public_benefit_share: float
    functions: dict[str, dict[str, float | int | bool]] = Field(default_factory=dict)
    business_scope: str
    branch_of: str | None = None  # parent company when the licence is a 分公司 licence
    sponsor: str | None = None  # 举办单位 / 业务主管单位 for 事业单位 / 社团
    audit: Audit | None = None
    staff: list[Person] = Field(default_factory=list)
    clients: list[tuple[str, str, str, str, str]] = Field(default_factory=list)
    equipment: list[tuple[str, str, int, str, str]] = Field(default_factory=list)
    lessor: str = "宁夏宏泰物业管理有限公司"
    lease_start: date = date(2024, 1, 1)
    lease_years: int = 3
    monthly_rent: float = 18000.0

    @property
    def indicator_values(self) -> dict[str, float | int | bool]:
        out: dict[str, float | int | bool] = {}
        for values in self.functions.values():
            out.update(values)
        return out


class Expected(_Model):
    """Ground truth for an end-to-end test (as of samplegen.AS_OF)."""

    decision: str
    materials: dict[str, str]  # 8 Article 11 ids + recommendation_form → status
    material_files: dict[str, list[str]]  # material id → files (relative to the application root)
    resource_parts: dict[str, str]  # equipment_list / staff_list / client_list → status
    fields: dict[str, object]  # canonical field id → value (yuan, fraction, ISO date, int)
    rules: dict[str, str]  # rule id → outcome, for the rules that matter in this case
    inconsistencies: list[tuple[str, str]] = Field(default_factory=list)


class Case(_Model):
    """One sample application: facts, style, the files to write, and the ground truth."""

    applicant_id: str
    summary: str  # what this case exercises, in English
    facts: Facts
    style: Style = Field(default_factory=Style)
    files: dict[str, str]  # relative path → document kind (see build.BUILDERS)
    as_zip: bool = False
    zip_names: str = "utf-8"  # "gbk": member names as Chinese Windows writes them (no UTF-8 flag)
    merged: dict[str, list[str]] = Field(default_factory=dict)  # merged PDF path → component kinds
    expected: Expected
