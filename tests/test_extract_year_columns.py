"""Function-indicator tables with calendar years as columns (指标 | 2024年 | 2025年), in Word and
as a ruled PDF table: last year's column is read (as-of 2026), a yes/no row answered the same
in both years ("是 | 是") is two answers, not one merged cell, and none of them is the row's
申报 mark (a class a blind corpus reported: indicators not found under year columns)."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import MaterialType
from tests.test_extract_support import classified, docx_file, pdf_file

SHAPES = {
    "function column": [["服务功能", "指标", "2024年", "2025年"],
                        ["培训服务", "年培训人次", "800", "900"], ["培训服务", "是否具有培训资质或备案", "是", "是"],
                        ["市场服务", "年服务企业家次", "110", "135"]],
    "latest year first": [["服务功能", "指标名称", "2025年度", "2024年度"],
                          ["培训服务", "年培训中小企业人次", "900人次", "800人次"],
                          ["培训服务", "培训资质或备案情况", "已备案", "已备案"],
                          ["市场服务", "年服务企业家次", "135家次", "110家次"]],
    "unit column": [["功能", "指标", "单位", "2024年", "2025年"], ["培训服务", "培训人次", "人次", "800", "900"],
                    ["培训服务", "培训资质", "—", "有", "有"], ["市场服务", "服务企业", "家次", "110", "135"]],
    "two header rows": [["服务功能", "指标", "完成情况", "完成情况"], ["服务功能", "指标", "2024年", "2025年"],
                        ["培训服务", "年培训人次", "800", "900"], ["培训服务", "培训资质或备案", "有", "有"],
                        ["市场服务", "年服务企业家次", "110", "135"]],
    "function rows as headings": [["指标", "2024年", "2025年"], ["一、培训服务", "一、培训服务", "一、培训服务"],
                                  ["年培训人次", "800", "900"], ["是否具有培训资质或备案", "是", "是"],
                                  ["二、市场服务", "二、市场服务", "二、市场服务"], ["年服务企业家次", "110", "135"]],
    "claimed column": [["服务功能", "是否申报", "指标", "2024年", "2025年"],
                       ["培训服务", "是", "年培训人次", "800", "900"], ["培训服务", "是", "培训资质", "是", "是"],
                       ["市场服务", "是", "服务企业家次", "110", "135"]],
}


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_indicators_under_year_columns(tmp_path, shape, form):
    grid = SHAPES[shape]
    doc = (docx_file(tmp_path / "申请报告.docx", ["二、功能指标表", grid]) if form == "docx"
           else pdf_file(tmp_path / "申请报告.pdf", [["二、功能指标表"]], tables={0: grid}))
    f = extract_application([doc], [classified(doc, MaterialType.application_report)], 2026).fields
    got = {k: f[k].value for k in ("functions_claimed", "training_person_times", "training_qualification",
                                   "market_enterprise_times")}
    assert got == {"functions_claimed": ["training", "market"], "training_person_times": 900,
                   "training_qualification": True, "market_enterprise_times": 135}
    assert not any(f[k].review for k in got)
