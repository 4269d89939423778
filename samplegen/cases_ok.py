"""Sample cases that pass or go to review (decisions passed / needs_review)."""

from __future__ import annotations

from datetime import date

from samplegen.case_base import DEFAULT_FILES, all_pass, make_audit, make_case, make_facts
from samplegen.case_common import FIRMS, ZIP_LAYOUT, audit_for, base_facts
from samplegen.model import Case, Style


def _c01() -> Case:
    kw = base_facts(
        unit_name="宁夏智联科技服务有限公司",
        platform_name="宁夏智联中小企业综合服务平台",
        city="银川市",
        county="金凤区",
        address="宁夏银川市金凤区宁安大街490号智慧产业园A座6层",
        recommending_unit="银川市工业和信息化局",
        total_assets=3_256_800.0,
        revenue=4_865_200.0,
        service_income=2_135_600.0,
        service_expense=1_648_900.0,
        smes_served_last_year=86,
        smes_served_prior_year=72,
        satisfaction_rate=0.93,
        aggregated_agencies=6,
        established_date=date(2018, 5, 16),
        functions={
            "information": {"info_offline_smes": 62, "info_activities": 9},
            "technology": {"tech_activities": 6},
        },
    )
    kw["audit"] = audit_for(kw, 0, "宁正审字〔2026〕第0312号", 1_102_345.18, 312_456.78)
    f = make_facts("c01", "enterprise", "640106", (18, 15, 9), **kw)
    return make_case(
        "银川-宁夏智联科技服务有限公司",
        "clean pass: enterprise, information + technology",
        f,
        "passed",
        all_pass({"information": "pass", "technology": "pass"}),
    )


def _c02() -> Case:
    kw = base_facts(
        unit_name="石嘴山市中小企业服务中心",
        platform_name="石嘴山市中小企业创业服务平台",
        city="石嘴山市",
        county="大武口区",
        address="宁夏石嘴山市大武口区朝阳西街35号",
        recommending_unit="石嘴山市工业和信息化局",
        total_assets=862_400.0,
        registered_capital=500_000.0,
        revenue=1_260_000.0,
        service_income=980_000.0,
        service_expense=910_000.0,
        smes_served_last_year=64,
        smes_served_prior_year=58,
        satisfaction_rate=0.9,
        public_benefit_share=0.6,
        established_date=date(2012, 8, 20),
        sponsor="石嘴山市工业和信息化局",
        legal_representative="李志强",
        business_scope="为中小企业提供创业辅导、政策咨询、人才培训等公共服务",
        functions={
            "entrepreneurship": {"entrepreneurship_activities": 6},
            "training": {"training_person_times": 820, "training_qualification": True},
        },
    )
    kw["audit"] = audit_for(kw, 1, "宁华瑞审字〔2026〕第0087号", 215_600.00, 42_318.66)
    f = make_facts("c02", "public_institution", "640202", (12, 10, 6), **kw)
    files = {k: v for k, v in DEFAULT_FILES.items() if v not in ("audit", "special_audit", "icp")}
    files |= {
        "2025年度审计报告（含服务收支专项说明）.pdf": "audit_with_service",
        "培训机构备案证明.pdf": "training_filing",
    }
    rules = all_pass({"entrepreneurship": "pass", "training": "pass"}) | {"art6_1_total_assets": "relaxed"}
    return make_case(
        "石嘴山-石嘴山市中小企业服务中心",
        "事业单位 with total assets < 1,000,000: 6(1) relaxed; premises area written as a bound (to review)",
        f,
        "needs_review",
        rules,
        files,
        Style(money="yuan", pct="pct", columns=2, bounded=["premises_area"]),
    )


def _c03() -> Case:
    kw = base_facts(
        unit_name="宁夏六盘电子商务服务有限公司",
        platform_name="西吉县电子商务公共服务平台",
        city="固原市",
        county="西吉县",
        address="宁夏固原市西吉县吉强镇西兰街88号电商产业园2号楼",
        recommending_unit="固原市工业和信息化局",
        total_assets=1_480_000.0,
        registered_capital=2_000_000.0,
        revenue=1_950_000.0,
        service_income=1_120_000.0,
        service_expense=905_000.0,
        smes_served_last_year=58,
        smes_served_prior_year=51,
        satisfaction_rate=0.88,
        aggregated_agencies=3,
        premises_area=460.0,
        legal_representative="马永福",
        contact_person="海燕",
        contact_phone="13909541276",
        established_date=date(2019, 3, 8),
        functions={
            "market": {"market_enterprise_times": 135},
            "information": {"info_offline_smes": 55, "info_activities": 5},
        },
    )
    kw["audit"] = audit_for(kw, 0, "宁正审字〔2026〕第0455号", 380_120.55, 86_240.10)
    f = make_facts("c03", "enterprise", "640422", (8, 7, 4), **kw)
    rules = all_pass({"market": "pass", "information": "pass"}) | {"art6_5_service_staff": "relaxed"}
    return make_case(
        "固原-宁夏六盘电子商务服务有限公司",
        "mountain county (西吉县) with 8 staff: 6(5) relaxed; zip",
        f,
        "needs_review",
        rules,
        ZIP_LAYOUT,
        Style(pct="pct_fw_decimal"),
        as_zip=True,
    )


def _c08() -> Case:
    kw = base_facts(
        unit_name="宁夏创新汇科技服务有限公司",
        platform_name="创新汇中小企业信息服务平台",
        city="银川市",
        county="兴庆区",
        address="宁夏银川市兴庆区北京东路356号科创中心4层",
        recommending_unit="银川市工业和信息化局",
        total_assets=1_050_000.0,
        registered_capital=1_000_000.0,
        legal_representative="周俊杰",
        functions={"information": {"info_offline_smes": 58, "info_activities": 6}},
    )
    kw["audit"] = make_audit(
        FIRMS[2],
        "XYZH/2026YCAA20117",
        962_345.20,
        310_220.00,
        3_680_003.58,
        58_660.31,
        (kw["service_income"], kw["service_expense"]),
    )
    f = make_facts("c08", "enterprise", "640104", (10, 8, 4), **kw)
    rules = all_pass({"information": "pass"}) | {"art6_1_total_assets": "needs_review"}
    return make_case(
        "银川-宁夏创新汇科技服务有限公司",
        "附件2 says 105万元, audit 资产总计 962,345.20: needs review",
        f,
        "needs_review",
        rules,
        inconsistencies=[("total_assets", "audit.total_assets")],
    )


def _c11() -> Case:
    kw = base_facts(
        unit_name="宁夏中小企业发展促进会",
        platform_name="宁夏中小企业投融资服务平台",
        city="银川市",
        county="金凤区",
        address="宁夏银川市金凤区北京中路166号中小企业服务大厦10层",
        recommending_unit="银川市工业和信息化局",
        total_assets=2_150_000.0,
        registered_capital=300_000.0,
        satisfaction_rate=0.915,
        smes_served_last_year=94,
        smes_served_prior_year=81,
        aggregated_agencies=12,
        public_benefit_share=0.55,
        established_date=date(2014, 11, 6),
        sponsor="宁夏回族自治区工业和信息化厅",
        legal_representative="何志强",
        business_scope="政策研究、融资对接、管理咨询、行业交流、会员服务",
        functions={
            "financing": {"financing_activities": 5, "financing_amount": 265_000_000.0},
            "consulting": {"consulting_activities": 4},
        },
    )
    kw["audit"] = audit_for(
        kw, 2, "XYZH/2026YCAA20058", 640_500.00, 96_400.00, opinion="unqualified_with_emphasis", in_wan=True
    )
    f = make_facts("c11", "social_organization", "640106", (16, 13, 8), **kw)
    return make_case(
        "银川-宁夏中小企业发展促进会",
        "社会团体 passing; emphasis-of-matter audit; statements in 万元",
        f,
        "passed",
        all_pass({"financing": "pass", "consulting": "pass"}),
        style=Style(money="wan_suffix", pct="pct_fw_decimal", columns=2, labels="alt"),
    )


def _c12() -> Case:
    kw = base_facts(
        unit_name="中宁县创业就业培训学校",
        platform_name="中宁县中小企业培训服务平台",
        city="中卫市",
        county="中宁县",
        address="宁夏中卫市中宁县宁安镇枸杞大道22号",
        recommending_unit="中卫市工业和信息化局",
        total_assets=1_320_000.0,
        registered_capital=500_000.0,
        satisfaction_rate=0.86,
        legal_representative="丁秀英",
        sponsor="中宁县人力资源和社会保障局",
        established_date=date(2016, 9, 1),
        business_scope="创业培训、职业技能培训、经营管理培训",
        functions={"training": {"training_person_times": 1280, "training_qualification": True}},
    )
    kw["audit"] = audit_for(kw, 1, "宁华瑞审字〔2026〕第0301号", 280_000.00, 52_800.00)
    f = make_facts("c12", "private_non_enterprise", "640521", (12, 8, 5), mid_without_college=1, **kw)
    files = {
        p.replace("04附件5.pdf", "04房屋租赁合同.pdf")
        .replace("07ICP备案证明.pdf", "07培训机构备案证明.pdf")
        .replace("08真实性声明.pdf", "扫描件003.pdf"): k
        for p, k in ZIP_LAYOUT.items()
        if k not in ("audit", "special_audit")
    }
    files = {p: ("training_filing" if k == "icp" else k) for p, k in files.items()}
    files["申报材料/03审计报告.pdf"] = "audit_with_service"
    return make_case(
        "中卫-中宁县创业就业培训学校",
        "民办非企业单位 passing with training + filing; zip",
        f,
        "passed",
        all_pass({"training": "pass"}),
        files,
        Style(pct="fraction"),
        as_zip=True,
    )


# Case number → factory; cases.all_cases() merges these in number order.
FACTORIES = {1: _c01, 2: _c02, 3: _c03, 8: _c08, 11: _c11, 12: _c12}
