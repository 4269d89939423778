"""Labels read by concept (data/concepts.yaml): each field takes its own wordings, in any word
order, with units and years split off, and rejects its near misses; values are never labels."""

from __future__ import annotations

import pytest

from pipeline.extract.concepts import PAIR, function_in, interpret

SMES = PAIR + "smes_served"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("从事为中小企业服务的专职人员（人）", "service_staff"),
        ("服务团队人数", "service_staff"),
        ("职工总数", "service_staff"),
        ("在岗服务人员", "service_staff"),
        ("服务人员总数（人）", "service_staff"),
        ("具有大专及以上学历人员（人）", "staff_college_or_above"),
        ("其中：大专及以上", "staff_college_or_above"),
        ("服务人员中大专以上学历人数", "staff_college_or_above"),
        ("中级及以上专业技术职称人员", "staff_mid_title_or_above"),
        ("其中：中级及以上技术职称（人）", "staff_mid_title_or_above"),
        ("公益性、低收费服务占总服务量比例", "public_benefit_share"),
        ("免费或低收费服务比例（%）", "public_benefit_share"),
        ("小微企业优惠服务占比", "public_benefit_share"),
        ("整合服务资源机构数", "aggregated_agencies"),
        ("带动社会服务机构数（家）", "aggregated_agencies"),
        ("企业满意率", "satisfaction_rate"),
        ("服务对象满意度（%）", "satisfaction_rate"),
        ("统一社会信用代码（18位）", "uscc"),
        ("组织机构代码", "uscc"),
        ("登记成立时间", "established_date"),
        ("成立（注册）时间", "established_date"),
        ("运营主体名称", "unit_name"),
        ("申请单位（公章）", "unit_name"),
        ("申报平台名称", "platform_name"),
        ("单位类型", "unit_nature"),
        ("平台运营单位性质", "unit_nature"),
        ("注册资本（开办资金）", "registered_capital"),
        ("总资产（万元）", "total_assets"),
        ("上年末资产总额", "total_assets"),
        ("上年度收入总额（万元）", "revenue"),
        ("其中：服务收入（万元）", "service_income"),
        ("服务成本支出", "service_expense"),
        ("固定服务场所面积（平方米）", "premises_area"),
        ("平台功能类别", "functions_claimed"),
        ("服务功能（请勾选）", "functions_claimed"),
        ("年组织开展信息服务活动次数", "info_activities"),
        ("年培训人次", "training_person_times"),
        ("年新增担保额（亿元）", "guarantee_new_amount"),
    ],
)
def test_each_field_takes_its_wordings(label, field):
    reading = interpret(label)
    assert reading is not None and reading.target == field, reading
    assert not reading.ambiguous


@pytest.mark.parametrize(
    ("label", "not_field"),
    [
        ("大专及以上学历人员占比", "staff_college_or_above"),  # a share, not a count
        ("其中大专及以上学历人数", "service_staff"),  # 学历 counts are not staff counts
        ("中级及以上职称人数", "service_staff"),
        ("中级及以上职称人数", "staff_college_or_above"),
        ("兼职服务人员", "service_staff"),
        ("服务企业数量", "service_staff"),
        ("年服务企业（家次）", SMES),  # enterprise-times are the market indicator
        ("线下服务企业数量", SMES),  # the information indicator
        ("服务企业满意度调查份数", "satisfaction_rate"),
        ("公益服务次数", "public_benefit_share"),
        ("服务收费标准", "service_income"),
        ("净资产", "total_assets"),
        ("固定资产", "total_assets"),
        ("资产负债率", "total_assets"),
        ("平台上线时间", "established_date"),
        ("证照编号", "uscc"),
        ("邮政编码", "uscc"),
        ("推荐单位", "unit_name"),
        ("联系人电话", "contact_person"),
        ("上年度净利润", "revenue"),
        ("服务收入", "revenue"),
    ],
)
def test_near_misses_are_rejected(label, not_field):
    reading = interpret(label)
    assert reading is None or reading.target != not_field, reading


@pytest.mark.parametrize(
    "value",
    [
        "☑信息服务 □技术服务 ☑培训服务",  # check boxes are values
        "信息服务、培训服务",  # a list of functions
        "宁夏某某科技服务有限公司",  # names
        "创新汇中小企业信息服务平台",
        "石嘴山市工业和信息化局",
        "事业单位法人",
        "已备案（编号NXPX-2023-017）",
        "2000万元",
        "85%",
    ],
)
def test_values_are_never_labels(value):
    assert interpret(value) is None


@pytest.mark.parametrize(
    ("label", "year", "relative"),
    [
        ("2025年服务企业数（家）", 2025, None),
        ("2024年度服务中小企业（家）", 2024, None),
        ("上年度服务企业数量", None, "last"),
        ("上一年度服务中小企业", None, "last"),
        ("前一年服务中小企业户数", None, "prior"),
        ("上上年度服务中小企业", None, "prior"),
        ("近两年服务中小企业数量", None, None),
    ],
)
def test_the_two_year_counts_carry_their_year(label, year, relative):
    reading = interpret(label)
    assert reading.target == SMES
    assert (reading.label.year, reading.label.relative) == (year, relative)


@pytest.mark.parametrize(
    ("function", "label", "field"),
    [
        ("information", "服务企业数量", "info_offline_smes"),
        ("information", "开展政策宣讲、供需对接等活动", "info_activities"),
        ("technology", "技术推广、项目推介及知识产权服务活动", "tech_activities"),
        ("entrepreneurship", "创业项目洽谈、推介活动", "entrepreneurship_activities"),
        ("training", "培训企业经营管理及技术人员", "training_person_times"),
        ("training", "年度培训规模", "training_person_times"),
        ("training", "培训资质", "training_qualification"),
        ("financing", "帮助企业获得融资", "financing_amount"),
        ("financing", "年组织投融资对接活动", "financing_activities"),
        ("consulting", "年组织开展诊断咨询活动", "consulting_activities"),
        ("market", "服务企业数", "market_enterprise_times"),
    ],
)
def test_indicators_are_read_in_their_function(function, label, field):
    reading = interpret(label, function)
    assert reading is not None and reading.target == field, reading


@pytest.mark.parametrize(
    ("text", "function"),
    [("信息服务", "information"), ("（一）信息服务功能", "information"), ("融资服务功能", "financing"),
     ("管理咨询服务", "consulting"), ("市场开拓服务", "market"), ("技术职称", None), ("培训人次", None),
     ("信息服务、培训服务", None)],
)
def test_function_rows_are_named_by_their_function(text, function):
    assert function_in(text) == function


def test_a_label_in_its_function_cell_is_not_an_indicator():
    assert interpret("培训服务") is None  # a row named by its function, not a figure's label


@pytest.mark.parametrize(
    ("label", "field"),
    [("上年度获得的营业性收入", "revenue"), ("认缴的注册资本数额", "registered_capital")],
)
def test_a_label_partly_in_unknown_words_is_read_weakly(label, field):
    assert interpret(label) is None or not interpret(label).weak
    reading = interpret(label, weak=True)
    assert reading is not None and reading.target == field


@pytest.mark.parametrize("label", ["其中女性员工", "平台负责人", "年度纳税额"])
def test_weak_reading_still_rejects_near_misses(label):
    reading = interpret(label, weak=True)
    assert reading is None or reading.target not in ("service_staff", "revenue")


def test_a_weakly_read_value_goes_to_review(tmp_path):
    from pipeline.extract import extract_application
    from pipeline.models import MaterialType
    from tests.test_extract_support import classified, docx_file

    doc = docx_file(tmp_path / "申请报告.docx", ["申请报告", [["上年度获得的营业性收入", "1,200万元"]]])
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    assert f["revenue"].value == 12_000_000.0
    assert f["revenue"].confidence <= 0.6 and "未能识别" in f["revenue"].review[0]


def test_a_text_line_that_is_just_label_and_value_is_read_weakly(tmp_path):
    from pipeline.extract import extract_application
    from pipeline.models import MaterialType
    from tests.test_extract_support import classified, pdf_file

    doc = pdf_file(tmp_path / "申请报告.pdf", [["申请报告", "上年度获得的营业性收入 1,200万元"]])
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    assert f["revenue"].value == 12_000_000.0 and f["revenue"].review
