"""附件2 application report: real .docx / .pdf files in several layouts."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import MaterialType
from tests.test_extract_support import VALID_USCC, classified, docx_file, pdf_file

FOUR_COLUMNS = [
    ["申报单位名称", "宁夏某某科技有限公司", None, None],
    ["统一社会信用代码", VALID_USCC, "单位性质", "☑企业 □事业单位 □社会团体 □民办非企业单位"],
    ["成立时间", "2019年3月15日", "注册资本（万元）", "500"],
    ["注册地址", "宁夏银川市金凤区北京中路168号", "联系人", "张三"],
    ["资产总额（万元）", "150", "上年度营业收入", "1,200,000.00元"],
    ["上年度服务收入（万元）", "80", "上年度服务支出（万元）", "60"],
    ["服务场所面积（㎡）", "800", "从事中小企业服务人员数", "35人"],
    ["其中大专及以上学历人数", "30", "其中中级及以上职称人数", "12"],
    ["服务中小企业数量（家）", "2024年", "100", "2025年", "120"],
    ["用户满意度", "92%", "集聚服务机构数", "5家"],
    ["公益性或低收费服务占比", "35%", "申报功能", "☑信息服务 □技术服务 ☑培训服务 □融资服务"],
]
INDICATORS = [
    ["功能", "指标", "上年度完成情况", "是否申报"],
    ["信息服务", "线下年服务企业数量（家）", "120", "√"],
    ["信息服务", "年组织开展信息服务活动次数", "6", "√"],
    ["培训服务", "年培训人次", "800人次", "√"],
    ["培训服务", "培训资质或主管部门备案", "☑有 □无", "√"],
    ["融资服务", "年帮助中小企业融资总额（万元）", "30000", "否"],
]
EXPECTED = {
    "unit_name": "宁夏某某科技有限公司",
    "platform_name": "宁夏智慧企业服务平台",
    "uscc": VALID_USCC,
    "unit_nature": "enterprise",
    "established_date": "2019-03-15",
    "registered_capital": 5_000_000.0,
    "address": "宁夏银川市金凤区北京中路168号",
    "city": "银川市",
    "county": "金凤区",
    "total_assets": 1_500_000.0,
    "revenue": 1_200_000.0,
    "service_income": 800_000.0,
    "service_expense": 600_000.0,
    "premises_area": 800.0,
    "service_staff": 35,
    "staff_college_or_above": 30,
    "staff_mid_title_or_above": 12,
    "smes_served_last_year": 120,
    "smes_served_prior_year": 100,
    "satisfaction_rate": 0.92,
    "aggregated_agencies": 5,
    "public_benefit_share": 0.35,
    "functions_claimed": ["information", "training"],
    "info_offline_smes": 120,
    "info_activities": 6,
    "training_person_times": 800,
    "training_qualification": True,
    "financing_amount": 300_000_000.0,
}


def _extract(doc):
    return extract_application([doc], [classified(doc, MaterialType.application_report)])


def _cover():
    return [("Title", "自治区中小企业公共服务示范平台申请报告"), "平台名称：宁夏智慧企业服务平台",
            "申报单位（盖章）：宁夏某某科技有限公司", "推荐单位：银川市工业和信息化局"]


def test_four_column_table_with_indicator_table_and_narratives(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        *_cover(), ("Heading 1", "一、基本情况表"), FOUR_COLUMNS, ("Heading 1", "二、功能指标表"), INDICATORS,
        ("Heading 1", "三、平台建设和运营情况"), "平台于2019年建成。", "设有服务大厅。",
        ("Heading 1", "四、服务能力"), "拥有专职人员35人。",
        ("Heading 1", "五、服务业绩"), "上年服务企业120家。",
        ("Heading 1", "六、特色和示范作用（第八条）"), "示范带动明显。",
        ("Heading 1", "七、发展规划和年度服务目标"), "计划服务150家。",
        ("Heading 1", "八、管理制度与收费标准"), "制定了收费标准。",
    ])
    result = _extract(doc)
    got = {k: result.fields[k].value for k in EXPECTED}
    assert got == EXPECTED
    assert result.fields["recommending_unit"].value == "银川市工业和信息化局"
    total = result.fields["total_assets"]
    assert total.source.file == "申请报告.docx" and total.source.location == "表1第5行第2列"
    assert total.matched == "资产总额" and total.review == []
    assert len(result.fields["unit_name"].candidates) == 2  # table and cover agree
    keys = [n.key for n in result.narratives]
    assert keys == ["operation", "capability", "performance", "features", "plan", "management"]
    assert result.narratives[0].text == "平台于2019年建成。\n设有服务大厅。"
    assert result.narratives[3].source.location == "第14段"


def test_two_column_table_with_unit_column_merges_and_year_columns(tmp_path):
    doc = docx_file(tmp_path / "附件2.docx", [
        "一、基本情况",
        [
            ["单位名称", "宁夏某某服务中心", None],
            ["单位性质", "□企业 ■事业单位 □社会团体 □民办非企业单位", None],
            ["注册时间", "2018.6.1", None],
            ["所在地", "固原市西吉县", None],
            ["资产总额", "1,500,000.00", "元"],
            ["服务人员数", "20", "人"],
            ["用户满意度", "88", "%"],
        ],
        [
            ["指标", "2024年", "2025年"],
            ["服务中小企业数量", "60", "75"],
        ],
        "二、平台建设和运营情况",
        "中心成立以来……",
        "三、服务能力",
        "中心有专业人员20人。",
    ])
    f = _extract(doc).fields
    assert f["unit_name"].value == "宁夏某某服务中心"
    assert f["unit_nature"].value == "public_institution"
    assert f["established_date"].value == "2018-06-01"
    assert (f["city"].value, f["county"].value) == ("固原市", "西吉县")
    assert f["total_assets"].value == 1_500_000.0
    assert f["service_staff"].value == 20
    assert f["satisfaction_rate"].value == pytest.approx(0.88)
    assert f["smes_served_last_year"].value == 75 and f["smes_served_prior_year"].value == 60


def test_prose_lines_instead_of_tables(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        "申报单位名称：宁夏某某协会",
        "单位性质：社会团体",
        "成立时间：2020年1月",
        "注册地址：宁夏吴忠市红寺堡区新民街1号",
        "资产总额：壹佰贰拾万元；上年度营业收入：80万元",
        "上年度服务中小企业数量：58家；前年度服务中小企业数量：52家",
        "用户满意度：90分",
        "申报功能：信息服务、咨询服务",
    ])
    f = _extract(doc).fields
    assert f["unit_nature"].value == "social_organization"
    assert f["established_date"].value == "2020-01-01"
    assert (f["city"].value, f["county"].value) == ("吴忠市", "红寺堡区")
    assert f["total_assets"].value == 1_200_000.0
    assert f["revenue"].value == 800_000.0
    assert (f["smes_served_last_year"].value, f["smes_served_prior_year"].value) == (58, 52)
    assert f["satisfaction_rate"].value == pytest.approx(0.9)
    assert f["functions_claimed"].value == ["information", "consulting"]


def test_pdf_report_lines_and_narratives(tmp_path):
    doc = pdf_file(tmp_path / "申请报告.pdf", [
        ["自治区中小企业公共服务示范平台申请报告", "平台名称:宁夏创业服务平台",
         "申报单位(盖章):宁夏某某管理咨询有限公司"],
        ["基本情况表", f"统一社会信用代码 {VALID_USCC}", "资产总额(万元) 320 上年度营业收入(万元) 210",
         "从事中小企业服务人员数 18 用户满意度 95%"],
        ["一、平台建设和运营情况", "平台于2018年建成运营。", "二、特色和示范作用", "形成了创业辅导品牌。"],
    ])
    result = _extract(doc)
    f = result.fields
    assert f["platform_name"].value == "宁夏创业服务平台"
    assert f["uscc"].value == VALID_USCC
    assert f["total_assets"].value == 3_200_000.0
    assert f["revenue"].value == 2_100_000.0
    assert f["service_staff"].value == 18
    assert f["satisfaction_rate"].value == pytest.approx(0.95)
    assert f["total_assets"].source.page == 2
    assert {n.key for n in result.narratives} == {"operation", "features"}


def test_disagreeing_values_in_one_document_go_to_review(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        "资产总额：150万元",
        [["资产总额（万元）", "180"], ["从事中小企业服务人员数", "12"]],
    ])
    fv = _extract(doc).fields["total_assets"]
    assert fv.value == 1_800_000.0  # the table cell outranks the prose line
    assert len(fv.candidates) == 2
    assert any("取值不一致" in r for r in fv.review)


def test_unit_mismatch_and_bad_code_go_to_review(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        [["资产总额（万元）", "1500000"], ["统一社会信用代码", VALID_USCC[:-1] + "X"], ["用户满意度", "180%"]],
    ])
    f = _extract(doc).fields
    assert any("疑似以元填写" in r for r in f["total_assets"].review)
    assert any("校验位" in r for r in f["uscc"].review)
    assert any("超出" in r for r in f["satisfaction_rate"].review)


def test_labels_over_values_and_year_labelled_figures(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        [["从事中小企业服务人员数", "其中大专及以上学历", "其中中级及以上职称"], ["25", "20", "9"]],
        [["2024年营业收入（万元）", "300"], ["2025年营业收入（万元）", "368"], ["2025年服务中小企业数量", "72家"],
         ["2024年服务中小企业数量", "65家"]],
    ])
    f = _extract(doc).fields
    assert (f["service_staff"].value, f["staff_college_or_above"].value, f["staff_mid_title_or_above"].value) == (
        25, 20, 9)
    assert f["revenue"].value == 3_680_000.0 and f["revenue"].review == []
    assert (f["smes_served_last_year"].value, f["smes_served_prior_year"].value) == (72, 65)


def test_indicator_labels_read_in_the_context_of_their_function(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [[
        ["申报功能", "□信息服务 ☑技术服务 □创业服务 □培训服务 ☑融资服务 □咨询服务 □市场服务", None],
        ["服务功能", "指标", "上年度完成情况"],
        ["技术服务", "年开展服务活动次数", "4"],
        ["融资服务", "年组织投融资服务活动次数", "5"],
        ["融资服务", "年帮助融资总额", "2.65亿元"],
        ["融资服务", "年新增担保额", "—"],
    ]])
    f = _extract(doc).fields
    assert f["functions_claimed"].value == ["technology", "financing"]
    assert f["tech_activities"].value == 4
    assert f["financing_activities"].value == 5
    assert f["financing_amount"].value == 265_000_000.0
    assert "guarantee_new_amount" not in f or f["guarantee_new_amount"].value is None


def test_written_and_figure_amounts_must_agree(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [[["注册资本", "人民币伍佰万元整（¥6,000,000.00元）"]]])
    fv = _extract(doc).fields["registered_capital"]
    assert any("大写金额" in r for r in fv.review)


def test_pdf_report_with_a_ruled_basic_information_table(tmp_path):
    grid = [["申报单位名称", "宁夏某某科技公司", "", ""],
            ["资产总额(万元)", "243", "上年度营业收入(万元)", "368"],
            ["服务人员数", "14", "用户满意度", "85%"]]
    doc = pdf_file(tmp_path / "申请报告.pdf", [["基本情况表"]], tables={0: grid})
    assert doc.tables
    f = _extract(doc).fields
    assert f["unit_name"].value == "宁夏某某科技公司"
    assert f["total_assets"].value == 2_430_000.0
    assert f["revenue"].value == 3_680_000.0
    assert f["service_staff"].value == 14
    assert f["satisfaction_rate"].value == pytest.approx(0.85)
    assert f["total_assets"].source.page == 1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("信息服务、培训服务", ["information", "training"]),
        ("☑信息服务 □技术服务 ☑培训服务", ["information", "training"]),
        ("信息服务（√） 技术服务（ ） 培训服务（√）", ["information", "training"]),
        ("■融资服务", ["financing"]),
    ],
)
def test_claimed_functions_in_a_table_cell(tmp_path, cell, expected):
    doc = docx_file(tmp_path / "申请报告.docx", [[["申报功能", cell], ["平台名称", "某平台"]]])
    assert _extract(doc).fields["functions_claimed"].value == expected


def test_several_pairs_on_one_line(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        "资产总额：150万元  从事中小企业服务人员数：35人；联系人：张 三",
        "注册地址：宁夏 银川市 西夏区 文昌路1号",
    ])
    f = _extract(doc).fields
    assert f["total_assets"].value == 1_500_000.0
    assert f["service_staff"].value == 35
    assert f["contact_person"].value == "张三"
    assert f["address"].value == "宁夏银川市西夏区文昌路1号"
    assert f["county"].value == "西夏区"


def test_narratives_with_plain_numbered_headings_and_sub_headings(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [
        "一、平台建设和运营情况", "（一）服务能力建设", "平台建有服务大厅。", "（二）运营机制", "实行会员制。",
        "二、服务能力", "有专职人员20人。",
        "第八条 特色和示范作用", "形成了品牌。",
    ])
    narratives = {n.key: n for n in _extract(doc).narratives}
    assert set(narratives) == {"operation", "capability", "features"}
    assert "实行会员制。" in narratives["operation"].text
    assert narratives["capability"].text == "有专职人员20人。"


YEAR_INDICATORS = [["功能", "指标", "2024年", "2025年"],
                   ["信息服务", "开展信息服务活动次数", "5", "8"],
                   ["信息服务", "线下服务企业数（家）", "90", "130"],
                   ["技术服务", "开展技术服务活动（次）", "4", "6"]]


@pytest.mark.parametrize("ruled", [True, False])
def test_indicator_years_as_columns_in_a_pdf(tmp_path, ruled):
    """Ruled: the table's year columns decide, and the text layer's copy of the same rows is
    not read again without them. Unruled (or OCR'd): a year header line gives the columns."""
    if ruled:
        doc = pdf_file(tmp_path / "申请报告.pdf", [["申请报告"]], tables={0: YEAR_INDICATORS})
    else:
        doc = pdf_file(tmp_path / "申请报告.pdf", [["申请报告", *("  ".join(r) for r in YEAR_INDICATORS)]])
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    assert (f["info_activities"].value, f["info_offline_smes"].value, f["tech_activities"].value) == (8, 130, 6)


def test_a_bound_written_before_the_figure_is_not_the_figure(tmp_path):
    doc = pdf_file(tmp_path / "申请报告.pdf", [["申请报告", "服务功能  指标名称  认定要求  实际完成  是否申报",
                                                 "信息服务  线下年服务中小企业数量  ≥100家  156家  是",
                                                 "融资服务  年帮助中小企业融资总额  不少于5亿元  —  否"]])
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    assert f["info_offline_smes"].value == 156
    assert f["financing_amount"].review and "界限" in f["financing_amount"].review[0]  # a bound alone: review


def _docx_with_boxes(path, make_box):
    """A 申报功能 cell whose boxes Word made one way or another (make_box(run_parent, checked))."""
    import docx
    from docx.oxml.ns import qn  # noqa: F401  (used by the makers)

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "申报功能"
    paragraph = table.cell(0, 1).paragraphs[0]
    for name, checked in (("信息服务", True), ("技术服务", False), ("培训服务", True)):
        make_box(paragraph, checked)
        paragraph.add_run(name + " ")
    document.save(str(path))
    from pipeline.models import FileKind
    from tests.test_extract_support import read
    return read(path, FileKind.docx)


def _symbol_font_box(paragraph, checked):
    from docx.oxml.ns import qn
    run = paragraph.add_run("R" if checked else "£")  # what Wingdings 2 shows as ☑ / □
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:ascii"), "Wingdings 2")
    fonts.set(qn("w:hAnsi"), "Wingdings 2")


def _form_field_box(paragraph, checked):
    from docx.oxml import parse_xml
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    state = "<w:checked/>" if checked else ""
    paragraph._p.append(parse_xml(
        f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {w}><w:instrText> FORMCHECKBOX </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'))


@pytest.mark.parametrize("make_box", [_symbol_font_box, _form_field_box])
def test_check_boxes_however_word_made_them(tmp_path, make_box):
    doc = _docx_with_boxes(tmp_path / "申请报告.docx", make_box)
    assert _extract(doc).fields["functions_claimed"].value == ["information", "training"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("信息服务 是 技术服务 否 培训服务 是", ["information", "training"]),
     ("信息服务（有） 市场服务（无）", ["information"]),
     ("政策信息服务、检验检测服务、电子商务服务", ["information", "technology", "market"])],
)
def test_claimed_functions_answered_or_named_by_their_services(tmp_path, cell, expected):
    doc = docx_file(tmp_path / "申请报告.docx", [*_cover(), [["申报功能", cell]]])
    assert _extract(doc).fields["functions_claimed"].value == expected


@pytest.mark.parametrize(
    ("part", "expected"),
    [([["功能", "指标", "完成情况"], ["培训服务", "具有培训资质或备案", "√"]], True),  # a tick alone
     ([["办学许可证", "有"]], True),  # named outside the training rows
     ("本平台具有培训资质，已在自治区中小企业主管部门备案。", True),  # stated in a sentence
     ("平台目前尚未取得培训资质，正在申请备案。", False)],
)
def test_training_qualification_however_stated(tmp_path, part, expected):
    doc = docx_file(tmp_path / "申请报告.docx", [*_cover(), part])
    assert _extract(doc).fields["training_qualification"].value is expected


def test_a_unit_row_at_the_top_of_the_table_scales_its_bare_amounts(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [*_cover(), [["单位：万元", None], ["资产总额", "1560"], ["上年度营业收入", "980"]]])
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    assert (f["total_assets"].value, f["revenue"].value) == (15_600_000.0, 9_800_000.0)


def test_a_name_stops_where_another_label_starts_on_its_line(tmp_path):
    doc = docx_file(tmp_path / "申请报告.docx", [("Title", "申请报告"), "申报单位： 宁夏某某科技有限公司          日期：2026年3月"])
    assert _extract(doc).fields["unit_name"].value == "宁夏某某科技有限公司"


def test_a_cell_of_several_indicator_lines_gives_each_its_field(tmp_path):
    """A merged-function table whose value cell holds one 'indicator：value' line per indicator:
    every line names its own field (not the first label taking the cell's first number)."""
    table = [["功能", "指标及完成情况"],
             ["信息服务", "线下年服务企业数量（家）：120\n年组织开展信息服务活动次数：6次"],
             ["培训服务", "年培训人次：800人次；培训资质或主管部门备案：有"]]
    doc = docx_file(tmp_path / "申请报告.docx", [*_cover(), ("Heading 1", "二、功能指标表"), table])
    f = _extract(doc).fields
    assert (f["info_offline_smes"].value, f["info_activities"].value) == (120, 6)
    assert (f["training_person_times"].value, f["training_qualification"].value) == (800, True)


@pytest.mark.parametrize(("answer", "expected"), [("具有职业培训资质（人社部门备案）", True),
                                                   ("已取得培训资质并在人社部门备案", True), ("无培训资质", False)])
def test_an_answer_that_repeats_the_label_words_is_the_value(tmp_path, answer, expected):
    table = [["功能", "指标", "完成情况"], ["培训服务", "年培训人次", "800"],
             ["培训服务", "培训资质或主管部门备案", answer]]
    doc = docx_file(tmp_path / "申请报告.docx", [*_cover(), ("Heading 1", "二、功能指标表"), table])
    assert _extract(doc).fields["training_qualification"].value is expected


@pytest.mark.parametrize("capital", ["2000", "2,000"])
def test_a_round_amount_is_not_a_year(tmp_path, capital):
    """注册资本（万元）| 2000: the unit is in the label and the amount looks like a year; a bare
    year marks a value only in front of it (2024 | 100 | 2025 | 120 still gives both years)."""
    table = [["申报单位名称", "宁夏某某科技有限公司", "统一社会信用代码", VALID_USCC],
             ["注册资本（万元）", capital, "资产总额（万元）", "2050"],
             ["服务中小企业数量（家）", "2024", "100", "2025", "120"]]
    f = _extract(docx_file(tmp_path / "申请报告.docx", [*_cover(), ("Heading 1", "一、基本情况表"), table])).fields
    assert (f["registered_capital"].value, f["total_assets"].value) == (20_000_000.0, 20_500_000.0)
    assert (f["smes_served_last_year"].value, f["smes_served_prior_year"].value) == (120, 100)


def test_disagreeing_functions_are_named_in_chinese_in_the_review_reason(tmp_path):
    """People read review reasons: the functions two places disagree on are named as the form
    names them, never by their ids."""
    doc = docx_file(tmp_path / "申请报告.docx", [
        "申报功能：☑信息服务 □技术服务 ☑培训服务",
        [["申报功能", "☑信息服务 ☑技术服务 □培训服务"]],
    ])
    reasons = " ".join(_extract(doc).fields["functions_claimed"].review)
    assert "取值不一致" in reasons and "信息服务" in reasons
    assert not any(word in reasons for word in ("information", "technology", "training"))


def test_a_sub_item_prefix_before_the_label_is_passed_over(tmp_path):
    """'其中：上年度服务收入（万元）：80' in a label：value cell layout: 其中 only introduces the label."""
    table = [["申报单位名称：宁夏某某科技有限公司", "上年度营业收入（万元）：120"],
             ["其中：上年度服务收入（万元）：80", "上年度服务支出（万元）：60"]]
    f = _extract(docx_file(tmp_path / "申请报告.docx", [*_cover(), ("Heading 1", "一、基本情况表"), table])).fields
    assert (f["revenue"].value, f["service_income"].value, f["service_expense"].value) == (1_200_000.0, 800_000.0,
                                                                                          600_000.0)


def test_label_row_and_value_row_split_by_a_page_break(tmp_path):
    """The labels at the foot of one page, their values at the top of the next (two PDF tables)."""
    labels_row = [["服务人员(人)", "大专以上(人)", "中级职称(人)"]]
    values_row = [["35", "20", "11"]]
    doc = pdf_file(tmp_path / "申请报告.pdf", [["基本情况表"], []], tables={0: labels_row, 1: values_row})
    assert [t.page for t in doc.tables] == [1, 2]
    fields = _extract(doc).fields
    assert fields["service_staff"].value == 35
    assert fields["staff_college_or_above"].value == 20
    assert fields["staff_mid_title_or_above"].value == 11
    assert fields["staff_college_or_above"].source.page == 2  # the value's own page


def test_a_table_on_the_next_page_that_has_its_own_labels_is_not_joined(tmp_path):
    first = [["服务人员(人)", "大专以上(人)", "中级职称(人)"]]
    second = [["资产总额(万元)", "营业收入(万元)", "服务收入(万元)"], ["300", "200", "100"]]
    doc = pdf_file(tmp_path / "申请报告.pdf", [["基本情况表"], []], tables={0: first, 1: second})
    fields = _extract(doc).fields
    assert fields["total_assets"].value == 3_000_000
    assert fields.get("service_staff") is None or fields["service_staff"].value is None


@pytest.mark.parametrize("pages", [
    [["基本情况", "服务人员数  大专以上学历人数  中级以上职称人数", "35  20  11"]],
    [["基本情况", "服务人员数  大专以上学历人数  中级以上职称人数", "- 3 -"], ["35  20  11", "二、服务能力"]],
])
def test_a_line_of_labels_over_a_line_of_values(tmp_path, pages):
    """A text layer (or OCR'd page) with the labels on one line and the figures on the next,
    a page break and its page number possibly between them."""
    f = _extract(pdf_file(tmp_path / "申请报告.pdf", pages)).fields
    assert (f["service_staff"].value, f["staff_college_or_above"].value, f["staff_mid_title_or_above"].value) == (35, 20, 11)


def test_a_line_of_labels_followed_by_other_text_takes_nothing(tmp_path):
    pages = [["服务人员数  大专以上学历人数  中级以上职称人数", "平台2025年服务企业 120 家", "35  20  11"]]
    f = _extract(pdf_file(tmp_path / "申请报告.pdf", pages)).fields
    assert "staff_college_or_above" not in f or f["staff_college_or_above"].value is None


def test_ocr_lines_of_a_two_line_check_box_cell_with_its_label_on_the_second(tmp_path):
    """OCR groups a two-line cell's first line alone and puts the (vertically centred) label on
    the second: the two lines are one answer, the word broken between them whole again."""
    pages = [["□信息服务 □技术服务 ☑创业服务 ☑培训服务 □融资服", "申报功能 务 □咨询服务 □市场服务"]]
    f = _extract(pdf_file(tmp_path / "申请报告.pdf", pages)).fields
    assert f["functions_claimed"].value == ["entrepreneurship", "training"]


def test_an_unclosed_bracket_at_the_end_of_a_wrapped_label(tmp_path):
    pages = [["上年度服务中小企业数量（ 64", "2025年）", "前一年度服务中小企业数量（ 58", "2024年）"]]
    f = _extract(pdf_file(tmp_path / "申请报告.pdf", pages)).fields
    assert (f["smes_served_last_year"].value, f["smes_served_prior_year"].value) == (64, 58)


WRAPPED_OCR_LINES = [  # OCR lines of a scanned 4-column table whose cells wrap onto a second line
    "平台名称 宁夏智联中小企业综合服务", "平台",
    "注册地址 宁夏银川市金凤区宁安大街", "490号智慧产业园A座6层",
    "资产总额(万元) 325.68 上年度营业收入( 486.52", "万元)",
    "上年度服务收入( 213.56 上年度服务支出( 164.89", "万元) 万元)",
    "从事中小企业服务 18 其中大专及以上学 15", "人员数 历",
    "其中中级及以上职 9 集聚服务机构数 6", "称",
    "上年度服务中小企 86 前年度服务中小企 72", "业数量(2025年) 业数量(2024年)",
    "二、功能指标表",
]


def test_wrapped_cells_of_a_scanned_table_read_as_whole_labels_and_values(tmp_path):
    f = _extract(pdf_file(tmp_path / "申请报告.pdf", [WRAPPED_OCR_LINES])).fields
    expected = {
        "platform_name": "宁夏智联中小企业综合服务平台", "address": "宁夏银川市金凤区宁安大街490号智慧产业园A座6层",
        "total_assets": 3_256_800.0, "revenue": 4_865_200.0, "service_income": 2_135_600.0,
        "service_expense": 1_648_900.0, "service_staff": 18, "staff_college_or_above": 15,
        "staff_mid_title_or_above": 9, "aggregated_agencies": 6,
        "smes_served_last_year": 86, "smes_served_prior_year": 72,
    }
    assert {k: f[k].value for k in expected} == pytest.approx(expected)


@pytest.mark.parametrize(("lines", "expected"), [
    (["申报功能 □信息服务 □技术服务 □创业服务 □培训服务 □融资服", "务☑咨询服务 □市场服务"], ["consulting"]),
    (["申报功能 信息服务 □技术服务 □创业服务 □培训服务 □融资服", "务 □咨询服务 市场服务"], ["information", "market"]),
])
def test_a_check_box_answer_broken_inside_an_option_name(tmp_path, lines, expected):
    """OCR breaks a wrapped cell inside "融资服务": the broken-off characters go back to the
    option, the second line stays part of the answer (boxes OCR lost: the options without one)."""
    fv = _extract(pdf_file(tmp_path / "申请报告.pdf", [lines])).fields["functions_claimed"]
    assert fv.value == expected
