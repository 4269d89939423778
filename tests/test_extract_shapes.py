"""The shapes real 附件2 forms take: every layout read from real .docx / .pdf files, the same
field found whatever the table's shape; calendar years resolved against the as-of year."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import MaterialType
from tests.test_extract_support import classified, docx_file, pdf_file

AS_OF_YEAR = 2026


def _fields(doc, year=AS_OF_YEAR):
    return extract_application([doc], [classified(doc, MaterialType.application_report)], year).fields


def _values(fields, *ids):
    return tuple(fields[i].value if i in fields else None for i in ids)


@pytest.mark.parametrize(
    "rows",
    [
        [["指标", "2024年", "2025年"], ["服务中小企业数量（家）", "60", "75"], ["营业收入（万元）", "300", "368"]],
        [["指标", "2025年", "2024年"], ["服务中小企业数量（家）", "75", "60"], ["营业收入（万元）", "368", "300"]],
        [["项目", "上年度", "前一年度"], ["服务中小企业数量（家）", "75", "60"], ["营业收入（万元）", "368", "300"]],
        [["项目", "2025年（上年度）", "2024年（前一年度）"], ["服务企业户数", "75家", "60家"],
         ["收入总额", "368万元", "300万元"]],
    ],
)
def test_years_as_columns_in_either_order(tmp_path, rows):
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "smes_served_last_year", "smes_served_prior_year", "revenue") == (75, 60, 3_680_000.0)


def test_years_down_the_first_column(tmp_path):
    rows = [["年度", "服务中小企业数量（家）", "营业收入（万元）"], ["2024年", "60", "300"], ["2025年", "75", "368"]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "smes_served_last_year", "smes_served_prior_year", "revenue") == (75, 60, 3_680_000.0)


def test_calendar_years_are_resolved_against_the_as_of_year(tmp_path):
    rows = [["指标", "2023年", "2024年"], ["服务中小企业数量（家）", "60", "75"]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))  # as of 2026: 2024 is the prior year, 2025 not given
    assert _values(f, "smes_served_last_year", "smes_served_prior_year") == (None, 75)


def test_years_that_fit_no_as_of_year_are_read_by_order_for_review(tmp_path):
    rows = [["指标", "2021年", "2022年"], ["服务中小企业数量（家）", "60", "75"]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "smes_served_last_year", "smes_served_prior_year") == (75, 60)
    assert any("不是基准日期的上一年度" in r for r in f["smes_served_last_year"].review)


def test_labels_over_values_in_alternating_rows(tmp_path):
    rows = [
        ["资产总计", "上年度收入总额", "服务收入"],
        ["236.94 万元", "198.94 万元", "150.29 万元"],
        ["从业人员（服务中小企业）", "其中大专及以上学历", "上一年度服务中小企业"],
        ["15名", "12人", "78家"],
        ["前一年服务中小企业户数", "客户满意度", "带动服务机构"],
        ["64家", "88%", "4家"],
        ["公益及低收费服务比重", "", ""],
        ["45%", "", ""],
    ]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "total_assets", "revenue", "service_income", "service_staff", "staff_college_or_above") == (
        2_369_400.0, 1_989_400.0, 1_502_900.0, 15, 12)
    assert _values(f, "smes_served_last_year", "smes_served_prior_year", "satisfaction_rate",
                   "aggregated_agencies", "public_benefit_share") == (78, 64, 0.88, 4, 0.45)


def test_requirement_columns_are_never_the_figure(tmp_path):
    rows = [
        ["服务功能", "考核指标", "认定要求", "实际完成"],
        ["培训服务功能", "培训企业经营管理及技术人员", "500人次以上", "760人次"],
        ["培训服务功能", "培训资质", "具有培训资质或备案", "已备案（编号NXPX-2023-017）"],
        ["管理咨询服务", "年组织开展诊断咨询活动", "3次以上", "5次"],
        ["融资服务", "帮助企业获得融资", "2亿元以上", "2.3亿元"],
    ]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "training_person_times", "training_qualification", "consulting_activities",
                   "financing_amount") == (760, True, 5, 230_000_000.0)


def test_a_bound_written_instead_of_a_figure_goes_to_review(tmp_path):
    f = _fields(docx_file(tmp_path / "r.docx", [[["培训服务", "年培训人次", "500人次以上"]]]))
    assert f["training_person_times"].value == 500
    assert any("界限" in r for r in f["training_person_times"].review)


def test_function_given_once_in_a_merged_first_column_of_a_pdf_table(tmp_path):
    grid = [
        ["服务功能", "指标", "完成值"],
        ["信息服务", "线下服务中小企业（家）", "70家"],
        ["", "组织开展信息服务活动次数", "8次"],
        ["咨询服务", "年组织开展诊断咨询活动", "6次"],
    ]
    doc = pdf_file(tmp_path / "r.pdf", [["二、服务功能指标"]], tables={0: grid})
    f = _fields(doc)
    assert _values(f, "info_offline_smes", "info_activities", "consulting_activities") == (70, 8, 6)


def test_unit_in_its_own_column_and_value_with_unit(tmp_path):
    rows = [["功能", "指标", "单位", "数值"], ["技术服务", "年开展技术洽谈、检测、推广活动", "次", "11"],
            ["市场服务", "组织企业参展", "家次", "66"]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "tech_activities", "market_enterprise_times") == (11, 66)


def test_figures_in_running_text_of_a_function_section(tmp_path):
    doc = docx_file(tmp_path / "r.docx", [
        "二、服务功能指标",
        "（一）信息服务。2025年，线下服务企业数量62家；开展政策宣讲、供需对接等活动6次。",
        "（二）创业服务。2025年，创业项目洽谈、推介活动7场。",
        "五、近两年服务业绩",
        "2025年，平台共为205家中小企业提供各类服务，2024年服务中小企业190家，服务企业数量保持稳步增长。",
        "七、发展规划",
        "2026年度服务目标：服务中小企业不少于238家，组织各类服务活动不少于22场次。",
    ])
    f = _fields(doc)
    assert _values(f, "info_offline_smes", "info_activities", "entrepreneurship_activities") == (62, 6, 7)
    assert _values(f, "smes_served_last_year", "smes_served_prior_year") == (205, 190)
    assert f["info_activities"].confidence < 1 and "正文" in f["info_activities"].candidates[0].note


def test_a_percentage_is_no_count_and_a_count_no_amount(tmp_path):
    f = _fields(docx_file(tmp_path / "r.docx", [[["服务人员数", "85%"], ["资产总额", "35人"]]]))
    assert "service_staff" not in f and "total_assets" not in f


def test_label_value_pairs_that_name_no_field_are_kept(tmp_path):
    doc = docx_file(tmp_path / "r.docx", [[["资产总额（万元）", "150"], ["平台注册会员数", "1,260"]]])
    result = extract_application([doc], [classified(doc, MaterialType.application_report)], AS_OF_YEAR)
    others = {o.label: o.value for o in result.others}
    assert others == {"平台注册会员数": "1,260"}
    assert result.others[0].source.file == "r.docx"


def test_claimed_functions_from_filled_indicators_when_nothing_is_ticked(tmp_path):
    rows = [["服务功能", "指标", "完成值"], ["培训服务", "年培训人次", "620人次"], ["咨询服务", "诊断咨询活动", "4次"],
            ["融资服务", "融资总额", ""]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert f["functions_claimed"].value == ["training", "consulting"]
    assert f["functions_claimed"].confidence < 1


def test_a_unit_line_above_the_table_scales_its_bare_amounts(tmp_path):
    doc = docx_file(tmp_path / "r.docx", ["一、基本情况", "（金额单位：万元）",
                                          [["资产总额", "1287.23"], ["上年度营业收入", "988.44"], ["服务人员", "27"]]])
    f = _fields(doc)
    assert _values(f, "total_assets", "revenue", "service_staff") == (12_872_300.0, 9_884_400.0, 27)


def test_ticks_read_by_ocr_as_characters_before_the_options(tmp_path):
    f = _fields(docx_file(tmp_path / "r.docx", [[["申报功能", "口信息服务 回技术服务 口创业服务 团培训服务"]]]))
    assert f["functions_claimed"].value == ["technology", "training"]


def test_unit_nature_from_the_certificate_when_the_report_gives_none(tmp_path):
    from pipeline.extract import extract_application as extract

    report = docx_file(tmp_path / "申请报告.docx", [[["单位名称", "宁夏某某服务中心"], ["资产总额（万元）", "86"]]])
    cert = docx_file(tmp_path / "证书.docx", ["事业单位法人证书", [["统一社会信用代码", "12640202MB1234567X"],
                                                               ["名称", "宁夏某某服务中心"]]])
    result = extract([report, cert], [classified(report, MaterialType.application_report),
                                      classified(cert, MaterialType.legal_entity_certificate)], AS_OF_YEAR)
    nature = result.fields["unit_nature"]
    assert nature.value == "public_institution" and nature.confidence < 1 and nature.source.file == "证书.docx"


def test_two_figures_with_their_words_in_one_cell_of_a_function_row(tmp_path):
    rows = [["服务功能", "完成情况"], ["信息服务", "2025年线下服务企业85家，组织开展政策宣讲活动6次"]]
    f = _fields(docx_file(tmp_path / "r.docx", [rows]))
    assert _values(f, "info_offline_smes", "info_activities") == (85, 6)
