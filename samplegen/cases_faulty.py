"""Sample cases that are incomplete or ineligible."""

from __future__ import annotations

from datetime import date

from samplegen.case_base import DEFAULT_FILES, all_pass, make_case, make_facts
from samplegen.case_common import audit_for, base_facts
from samplegen.model import Case, Style


def _c04() -> Case:
    kw = base_facts(
        unit_name="宁夏塞上企业管理咨询有限公司",
        platform_name="吴忠市中小企业管理咨询服务平台",
        city="吴忠市",
        county="利通区",
        address="宁夏吴忠市利通区明珠路216号",
        recommending_unit="吴忠市工业和信息化局",
        total_assets=1_860_000.0,
        legal_representative="杨宏伟",
        functions={"consulting": {"consulting_activities": 5}},
    )
    f = make_facts("c04", "enterprise", "640302", (11, 9, 5), **kw)
    files = {k: v for k, v in DEFAULT_FILES.items() if v not in ("audit", "special_audit")}
    rules = {"art6_1_financial_health": "no_evidence", "art7_6_consulting": "pass", "art6_2_smes_served": "pass"}
    return make_case(
        "吴忠-宁夏塞上企业管理咨询有限公司", "no audit report at all: incomplete", f, "incomplete", rules, files
    )


def _c05() -> Case:
    kw = base_facts(
        unit_name="宁夏沙都科技企业孵化器有限公司",
        platform_name="中卫市科技创业孵化服务平台",
        city="中卫市",
        county="沙坡头区",
        address="宁夏中卫市沙坡头区迎宾大道创业园B区3号楼",
        recommending_unit="中卫市工业和信息化局",
        total_assets=2_430_000.0,
        legal_representative="刘振华",
        satisfaction_rate=0.85,
        functions={"entrepreneurship": {"entrepreneurship_activities": 5}, "technology": {"tech_activities": 4}},
    )
    kw["audit"] = audit_for(kw, 2, "XYZH/2026YCAA20031", 905_300.00, 128_600.25)
    f = make_facts("c05", "enterprise", "640502", (14, 11, 7), **kw)
    files = {k: v for k, v in DEFAULT_FILES.items() if v != "recommendation"}
    return make_case(
        "中卫-宁夏沙都科技企业孵化器有限公司",
        "no 推荐表 (附件1): incomplete",
        f,
        "incomplete",
        all_pass({"entrepreneurship": "pass", "technology": "pass"}),
        files,
        Style(money="wan_suffix"),
    )


def _c06() -> Case:
    kw = base_facts(
        unit_name="宁夏银鑫财务咨询服务有限公司",
        platform_name="银鑫中小企业财税咨询服务平台",
        city="银川市",
        county="兴庆区",
        address="宁夏银川市兴庆区解放东街112号金融大厦15层",
        recommending_unit="银川市工业和信息化局",
        total_assets=1_720_000.0,
        legal_representative="赵国栋",
        functions={"consulting": {"consulting_activities": 6}},
    )
    kw["audit"] = audit_for(kw, 1, "宁华瑞审字〔2026〕第0133号", 690_000.00, 45_230.12, opinion="qualified")
    f = make_facts("c06", "enterprise", "640104", (13, 10, 6), **kw)
    rules = {"art6_1_financial_health": "fail", "art6_1_total_assets": "pass", "art7_6_consulting": "pass"}
    return make_case("银川-宁夏银鑫财务咨询服务有限公司", "保留意见 audit opinion: ineligible", f, "ineligible", rules)


def _c07() -> Case:
    kw = base_facts(
        unit_name="青铜峡市鸿业企业服务有限公司",
        platform_name="青铜峡市中小企业服务平台",
        city="吴忠市",
        county="青铜峡市",
        address="宁夏吴忠市青铜峡市小坝镇古峡街69号",
        recommending_unit="吴忠市工业和信息化局",
        total_assets=1_350_000.0,
        satisfaction_rate=0.75,
        legal_representative="孙学文",
        functions={
            "training": {"training_person_times": 620, "training_qualification": False},
            "market": {"market_enterprise_times": 80},
        },
    )
    kw["audit"] = audit_for(kw, 0, "宁正审字〔2026〕第0501号", 402_000.00, 66_018.40)
    f = make_facts("c07", "enterprise", "640381", (12, 9, 5), **kw)
    rules = all_pass({"training": "fail", "market": "pass"}) | {"art6_2_satisfaction": "fail"}
    return make_case(
        "吴忠-青铜峡市鸿业企业服务有限公司",
        "satisfaction 75% outside the mountain area: ineligible;"
        " training without qualification fails but market passes",
        f,
        "ineligible",
        rules,
    )


def _c09() -> Case:
    kw = base_facts(
        unit_name="石嘴山市惠农区工业企业服务有限公司",
        platform_name="惠农区工业企业技术服务平台",
        city="石嘴山市",
        county="惠农区",
        address="宁夏石嘴山市惠农区育才路18号",
        recommending_unit="石嘴山市工业和信息化局",
        total_assets=1_240_000.0,
        established_date=date(2024, 4, 30),
        legal_representative="高鹏飞",
        smes_served_last_year=55,
        smes_served_prior_year=55,
        functions={"technology": {"tech_activities": 5}},
    )
    kw["audit"] = audit_for(kw, 1, "宁华瑞审字〔2026〕第0219号", 350_000.00, 21_500.00)
    f = make_facts("c09", "enterprise", "640205", (10, 7, 3), **kw)
    files = {k: v for k, v in DEFAULT_FILES.items() if v != "equipment_list"}
    rules = all_pass({"technology": "pass"})
    return make_case(
        "石嘴山-石嘴山市惠农区工业企业服务有限公司",
        "no equipment list: resource_lists partial; established exactly two years before as-of; equal SME counts",
        f,
        "incomplete",
        rules,
        files,
    )


def _c10() -> Case:
    kw = base_facts(
        unit_name="宁夏德润信息技术有限公司银川分公司",
        platform_name="德润中小企业信息服务平台",
        city="银川市",
        county="西夏区",
        address="宁夏银川市西夏区文萃南街600号",
        recommending_unit="银川市工业和信息化局",
        total_assets=1_560_000.0,
        legal_representative="罗振华",
        branch_of="宁夏德润信息技术有限公司",
        functions={"information": {"info_offline_smes": 70, "info_activities": 8}},
    )
    kw["audit"] = audit_for(kw, 0, "宁正审字〔2026〕第0377号", 420_000.00, 75_000.00)
    f = make_facts("c10", "enterprise", "640105", (11, 9, 5), **kw)
    rules = {"art6_1_legal_entity": "fail", "art7_1_information": "pass", "art7_any": "pass"}
    return make_case(
        "银川-宁夏德润信息技术有限公司银川分公司",
        "branch office licence (负责人/营业场所): not a legal person",
        f,
        "ineligible",
        rules,
    )


# Case number → factory; cases.all_cases() merges these in number order.
FACTORIES = {4: _c04, 5: _c05, 6: _c06, 7: _c07, 9: _c09, 10: _c10}
