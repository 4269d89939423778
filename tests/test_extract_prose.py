"""Figures of the 附件2 written only in running text (.docx paragraphs and PDF pages)."""

from __future__ import annotations

import pytest

from pipeline.extract.collect import Collector
from pipeline.extract.report import extract_report
from tests.test_extract_support import docx_file, pdf_file

PROSE = (
    "截至2025年底平台资产总额达1,860万元；全年实现营业收入3,680,000.00元。"
    "平台现有从事中小企业服务人员共35人，集聚服务机构6家，用户满意度达到百分之九十二。"
    "平台服务场所面积为620平方米。"
)


def _fields(doc):
    col = Collector()
    extract_report(doc, col)
    return col.build()


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_figures_only_in_prose(tmp_path, form):
    doc = (
        docx_file(tmp_path / "r.docx", [("Heading 1", "一、平台建设和运营情况"), PROSE])
        if form == "docx"
        else pdf_file(tmp_path / "r.pdf", [["一、平台建设和运营情况", PROSE[:60], PROSE[60:]]])
    )
    fields = _fields(doc)
    expected = {
        "total_assets": 18_600_000.0,
        "revenue": 3_680_000.0,
        "service_staff": 35,
        "aggregated_agencies": 6,
        "satisfaction_rate": 0.92,
        "premises_area": 620.0,
    }
    for field_id, value in expected.items():
        fv = fields[field_id]
        assert fv.value == pytest.approx(value), field_id
        assert fv.source.extractor == "report.prose" and fv.confidence < 1
        assert fv.matched.startswith("正文：")
    assert "资产总额达1,860万元" in fields["total_assets"].source.excerpt


def test_table_value_wins_and_disagreeing_prose_sends_it_to_review(tmp_path):
    doc = docx_file(tmp_path / "r.docx", [[["资产总额（万元）", "325.68"]], PROSE])
    fields = _fields(doc)
    assets = fields["total_assets"]
    assert assets.value == pytest.approx(3_256_800.0) and assets.source.extractor == "report"
    assert "report.prose" in {c.source.extractor for c in assets.candidates}
    assert any("取值不一致" in r and "1,860" not in r and "18,600,000" in r for r in assets.review)
    assert fields["service_staff"].value == 35  # not in the table: read from the prose


def test_prose_that_agrees_with_the_table_raises_nothing(tmp_path):
    doc = docx_file(tmp_path / "r.docx", [[["资产总额（万元）", "1860"]], PROSE])
    assets = _fields(doc)["total_assets"]
    assert assets.value == pytest.approx(18_600_000.0) and assets.source.extractor == "report"
    assert assets.review == []


@pytest.mark.parametrize(
    "text",
    [
        "平台资产总额较上年增长了15%。",
        "资产总额详见审计报告第5页。",
        "服务人员培训计划见附件。",
        "资产总额占比达15%。",
        "服务人员达15%。",
    ],
)
def test_prose_without_a_figure_next_to_the_label_gives_nothing(tmp_path, text):
    fields = _fields(docx_file(tmp_path / "r.docx", [text]))
    assert "total_assets" not in fields and "service_staff" not in fields


# ----------------------------------------------------------------------------- functions claimed in a sentence
CLAIMS = [
    ("本平台本次申报信息服务、技术服务和培训服务三项功能。", ["information", "technology", "training"]),
    ("我中心拟申报的服务功能为信息、技术、培训。", ["information", "technology", "training"]),
    ("根据自身条件，申请认定融资服务和管理咨询两类服务功能，现将有关情况报告如下。", ["financing", "consulting"]),
    ("本单位申报培训服务功能，现有技术人员12名。", ["training"]),  # 技术人员 names no function
]
NOT_CLAIMS = [
    "本次不申报融资服务功能。",  # negated
    "申报单位应具备信息服务、技术服务、培训服务等功能中的三项以上。",  # the requirement, not a claim
    "请在申报的功能前勾选：信息服务、技术服务。",  # the form's instruction
    "申报功能：□信息服务 ☑技术服务 □培训服务",  # the form's own answer (read as such, not as prose)
    "本平台申报信息服务、技术服务、创业服务、培训服务、融资服务、管理咨询、市场服务功能。",  # all seven: a list
    "我单位申请认定自治区中小企业公共服务示范平台。",  # no function word
]


@pytest.mark.parametrize(("sentence", "expected"), CLAIMS)
def test_functions_claimed_only_in_a_sentence(tmp_path, sentence, expected):
    doc = docx_file(tmp_path / "r.docx", [("Heading 1", "一、平台基本情况"), sentence])
    fv = _fields(doc)["functions_claimed"]
    assert fv.value == expected
    assert fv.source.extractor == "report.prose" and fv.matched == "正文：申报功能"
    assert fv.confidence >= 0.8 and not fv.review  # an explicit sentence decides like an answer


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_sentences_that_claim_nothing(tmp_path, sentence):
    from pipeline.extract.config import labels
    from pipeline.extract.prose_claims import claimed_in

    assert claimed_in(sentence, labels().prose.claims) == []


def test_a_marked_answer_wins_over_a_sentence(tmp_path):
    doc = docx_file(tmp_path / "r.docx", [[["申报功能", "☑信息服务 □技术服务 □培训服务"]],
                                         "本平台申报技术服务功能。"])
    fv = _fields(doc)["functions_claimed"]
    assert fv.value == ["information"] and fv.source.extractor == "report"


def test_sentences_claiming_different_functions_go_to_review(tmp_path):
    doc = docx_file(tmp_path / "r.docx", ["本平台申报信息服务、培训服务两项功能。", "今年拟申报的功能为技术、培训。"])
    fv = _fields(doc)["functions_claimed"]
    assert fv.value == ["information", "training"]
    assert fv.confidence < 0.8 and any("不一致" in r for r in fv.review)
