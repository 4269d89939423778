"""Audit reports and special audits: real text PDFs in several layouts."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import MaterialType
from tests.test_extract_support import classified, pdf_file

STANDARD = [
    "审计报告", "宁某审字[2026]第0123号", "宁夏某某科技有限公司全体股东：", "一、审计意见",
    "我们审计了宁夏某某科技有限公司财务报表，包括2025年12月31日的资产负债表，2025年度的利润表。",
    "我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司2025年12月31日的财务状况。",
    "二、形成审计意见的基础", "三、管理层和治理层对财务报表的责任",
    "如果我们得出结论认为存在重大不确定性，我们应当发表非无保留意见。",
    "宁夏正信会计师事务所(有限公司)", "中国注册会计师：张三", "中国·银川 2026年3月20日",
]
BALANCE_CURRENT_FIRST = [
    "资产负债表", "编制单位：宁夏某某科技有限公司 2025年12月31日 单位：元",
    "资产 行次 期末余额 年初余额 负债和所有者权益 行次 期末余额 年初余额",
    "货币资金 1 500,000.00 400,000.00 短期借款 31 100,000.00 100,000.00",
    "资产总计 30 1,500,000.00 1,200,000.00 负债合计 46 600,000.00 500,000.00",
    "所有者权益(或股东权益)",
    "合计 52 900,000.00 700,000.00",
]
INCOME = ["利润表", "单位：元", "项目 行次 本期金额 上期金额", "一、营业收入 1 1,234,567.89 1,000,000.00",
          "减：营业成本 2 800,000.00 700,000.00", "四、净利润 30 123,456.78 100,000.00"]


def _extract(*docs):
    return extract_application(list(docs), [classified(d, MaterialType.audit_reports) for d in docs])


def test_text_statements_current_column_first_with_line_numbers(tmp_path):
    doc = pdf_file(tmp_path / "审计报告.pdf", [STANDARD, BALANCE_CURRENT_FIRST, INCOME])
    f = _extract(doc).fields
    assert f["audit.year"].value == 2025
    assert f["audit.firm"].value == "宁夏正信会计师事务所（有限公司）"
    assert f["audit.opinion"].value == "standard_unqualified"
    assert f["audit.total_assets"].value == 1_500_000.0
    assert f["audit.total_liabilities"].value == 600_000.0
    assert f["audit.net_assets"].value == 900_000.0  # label wrapped onto the next line
    assert f["audit.revenue"].value == pytest.approx(1_234_567.89)
    assert f["audit.net_profit"].value == pytest.approx(123_456.78)
    assert f["audit.total_assets"].source.page == 2
    assert "资产总计" in f["audit.total_assets"].source.excerpt
    assert f["audit.total_assets"].review == []


def test_opening_column_first_and_wan_yuan_unit(tmp_path):
    page = ["资产负债表", "2025年12月31日 金额单位：万元", "项目 年初余额 期末余额",
            "资产总计 120.00 150.50", "负债合计 20.00 30.00", "所有者权益合计 100.00 120.50"]
    f = _extract(pdf_file(tmp_path / "审计报告.pdf", [STANDARD, page])).fields
    assert f["audit.total_assets"].value == pytest.approx(1_505_000.0)
    assert f["audit.net_assets"].value == pytest.approx(1_205_000.0)
    assert "万元" in f["audit.total_assets"].candidates[0].note


def test_ruled_table_statement(tmp_path):
    grid = [["项目", "年初余额", "期末余额"], ["资产总计", "120.00", "150.50"], ["负债合计", "20.00", "30.00"],
            ["所有者权益合计", "100.00", "120.50"]]
    doc = pdf_file(tmp_path / "审计报告.pdf", [STANDARD, ["资产负债表", "单位：万元"]], tables={1: grid})
    assert doc.tables, "pdfplumber should find the ruled table"
    fv = _extract(doc).fields["audit.total_assets"]
    assert fv.value == pytest.approx(1_505_000.0)
    assert fv.source.location == "第2页表1第2行第3列"
    assert fv.review == []  # the text-line reading agrees


def test_public_institution_statements(tmp_path):
    page = ["收入支出表", "单位：元", "项目 本年数 上年数", "一、收入合计 2,000,000.00 1,800,000.00",
            "二、支出合计 1,900,000.00 1,750,000.00", "本年盈余 100,000.00 50,000.00",
            "资产负债表 2025年12月31日", "项目 期末余额 年初余额", "资产总计 3,000,000.00 2,800,000.00",
            "负债合计 500,000.00 400,000.00", "净资产合计 2,500,000.00 2,400,000.00"]
    f = _extract(pdf_file(tmp_path / "审计报告.pdf", [STANDARD, page])).fields
    assert f["audit.revenue"].value == 2_000_000.0
    assert f["audit.net_profit"].value == 100_000.0
    assert f["audit.net_assets"].value == 2_500_000.0


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["一、审计意见", "我们认为，财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了财务状况。"],
         "standard_unqualified"),
        (["一、保留意见", "我们认为，除形成保留意见的基础部分所述事项可能产生的影响外，公允反映了财务状况。",
          "二、形成保留意见的基础", "存货盘点受限。"], "qualified"),
        (["一、否定意见", "由于形成否定意见的基础部分所述事项的重要性，财务报表没有公允反映。",
          "二、形成否定意见的基础"], "adverse"),
        (["一、无法表示意见", "我们不对后附的财务报表发表审计意见。", "二、形成无法表示意见的基础"], "disclaimer"),
        (["一、审计意见", "我们认为，在所有重大方面按照企业会计准则的规定编制，公允反映了财务状况。",
          "三、强调事项", "我们提醒财务报表使用者关注未决诉讼事项。本段内容不影响已发表的审计意见。",
          "四、其他信息", "管理层对其他信息负责。"], "unqualified_with_emphasis"),
    ],
)
def test_opinions(tmp_path, paragraphs, expected):
    head = ["审计报告", "宁夏某某科技有限公司：", "我们审计了财务报表，包括2025年12月31日的资产负债表。"]
    tail = ["如果披露不充分，我们应当发表非无保留意见。", "宁夏正信会计师事务所(有限公司)"]
    f = _extract(pdf_file(tmp_path / "审计报告.pdf", [head + paragraphs + tail])).fields
    assert f["audit.opinion"].value == expected
    if expected == "unqualified_with_emphasis":
        emphasis = f["audit.emphasis"].value
        assert emphasis.startswith("我们提醒") and "其他信息" not in emphasis


def test_special_audit_gives_service_figures_only(tmp_path):
    main = pdf_file(tmp_path / "审计报告.pdf", [STANDARD, BALANCE_CURRENT_FIRST, INCOME])
    special = pdf_file(tmp_path / "服务收支专项审计报告.pdf", [
        ["服务收支专项审计报告", "宁夏某某科技有限公司：", "我们审计了贵公司2025年度服务收支情况。",
         "经审计，2025年度贵公司服务收入为856,000.00元，服务支出为612,345.60元。"],
        ["服务收支情况表", "单位：元", "项目 本年金额 上年金额", "服务收入合计 856,000.00 700,000.00",
         "服务支出合计 612,345.60 500,000.00", "收入合计 856,000.00 700,000.00"],
    ])
    f = _extract(main, special).fields
    assert f["audit.service_income"].value == 856_000.0
    assert f["audit.service_expense"].value == pytest.approx(612_345.6)
    assert f["audit.service_income"].review == []
    assert f["audit.revenue"].value == pytest.approx(1_234_567.89)  # not the special audit's 收入合计
    assert f["audit.opinion"].source.file == "审计报告.pdf"


def test_figures_that_do_not_add_up_go_to_review(tmp_path):
    page = ["资产负债表", "单位：元", "项目 期末余额 年初余额", "资产总计 1,500,000.00 1,200,000.00",
            "负债合计 600,000.00 500,000.00", "所有者权益合计 700,000.00 700,000.00"]
    fv = _extract(pdf_file(tmp_path / "审计报告.pdf", [STANDARD, page])).fields["audit.total_assets"]
    assert any("不等于" in r for r in fv.review)


def test_note_references_between_label_and_amounts(tmp_path):
    page = ["利润表", "单位：元", "项目 附注 本期金额 上期金额", "一、营业收入 五、20 1,234,567.89 1,000,000.00",
            "四、净利润 (3) -12,345.60 100,000.00"]
    f = _extract(pdf_file(tmp_path / "审计报告.pdf", [STANDARD, page])).fields
    assert f["audit.revenue"].value == pytest.approx(1_234_567.89)
    assert f["audit.net_profit"].value == pytest.approx(-12_345.6)


def test_word_audit_report_with_statement_tables(tmp_path):
    from tests.test_extract_support import docx_file

    doc = docx_file(tmp_path / "审计报告.docx", [
        *STANDARD, "资产负债表", "2025年12月31日  单位：万元",
        [["项目", "期末数", "期初数"], ["资产总计", "250.00", "200.00"], ["负债合计", "50.00", "40.00"],
         ["所有者权益合计", "200.00", "160.00"]],
        "利润表", "单位：万元",
        [["项目", "本年累计数", "上年同期数"], ["一、营业收入", "368.00", "300.00"], ["四、净利润", "12.86", "10.00"]],
    ])
    result = extract_application([doc], [classified(doc, MaterialType.audit_reports)])
    f = result.fields
    assert f["audit.total_assets"].value == pytest.approx(2_500_000.0)
    assert f["audit.net_assets"].value == pytest.approx(2_000_000.0)
    assert f["audit.revenue"].value == pytest.approx(3_680_000.0)
    assert f["audit.net_profit"].value == pytest.approx(128_600.0)
    assert f["audit.opinion"].value == "standard_unqualified"
    assert f["audit.total_assets"].source.location == "表1第2行第2列"


ACTIVITIES = ["业务活动表", "编制单位：宁夏某某企业服务促进会 2025年度 单位：元",
              "项目 本年数 上年数", "一、收入", "其中：会费收入 300,000.00 280,000.00",
              "提供服务收入 1,150,000.00 900,000.00", "收入合计 1,450,000.00 1,180,000.00",
              "二、费用 业务活动成本 1,200,000.00 1,000,000.00"]


@pytest.mark.parametrize("statement_title", ["服务收支情况表", "服务收入支出明细", "中小企业服务收支情况"])
def test_a_social_organisation_s_service_income_is_the_service_statement_s(tmp_path, statement_title):
    """A 社团/民非 业务活动表 has its own 提供服务收入 line; Art. 6's service income is the one the
    service income/expense statement reports, whatever that statement is titled."""
    main = pdf_file(tmp_path / "审计报告.pdf", [STANDARD, BALANCE_CURRENT_FIRST, ACTIVITIES])
    special = pdf_file(tmp_path / "专项审计报告.pdf", [
        ["专项审计报告", "我们审计了贵会2025年度服务收支情况。"],
        [statement_title, "单位：元", "项目 本年金额 上年金额", "服务收入 856,000.00 700,000.00",
         "服务支出 612,345.60 500,000.00"],
    ])
    f = _extract(main, special).fields
    assert f["audit.service_income"].value == 856_000.0
    assert f["audit.service_income"].review == []
    assert f["audit.revenue"].value == pytest.approx(1_450_000.0)  # the statement's total income


def test_without_a_service_statement_the_activities_line_is_used_and_said(tmp_path):
    main = pdf_file(tmp_path / "审计报告.pdf", [STANDARD, BALANCE_CURRENT_FIRST, ACTIVITIES])
    f = _extract(main).fields
    assert f["audit.service_income"].value == pytest.approx(1_150_000.0)
    chosen = f["audit.service_income"]
    assert any("年度财务报表" in (c.note or "") for c in chosen.candidates if c.value == chosen.value)
