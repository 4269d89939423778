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
