"""Explain mode: the library function and the `explain` subcommand on a sample application."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.explain import ExplainError, describe, explain_field
from pipeline.models import FieldValue, Source

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_submissions" / "银川-宁夏智联科技服务有限公司"


def test_explain_subcommand_prints_value_source_and_candidates(capsys):
    code = main(["explain", str(SAMPLE), "total_assets", "--as-of", "2026-04-30"])
    out = capsys.readouterr().out
    assert code == 0
    assert "字段：total_assets（资产总额）" in out
    assert "取值：3,256,800" in out
    assert "申请报告.docx" in out and "资产总额" in out
    assert "全部候选" in out and "★1." in out


def test_explain_audit_field_from_sample(capsys):
    code = main(["explain", str(SAMPLE), "audit.total_assets", "--as-of", "2026-04-30"])
    out = capsys.readouterr().out
    assert code == 0 and "审计报告" in out and "资产总计" in out


def test_explain_unknown_field_lists_known_ones(capsys):
    code = main(["explain", str(SAMPLE), "no_such_field", "--as-of", "2026-04-30"])
    out = capsys.readouterr().out
    assert code == 3 and "未找到该字段" in out and "total_assets" in out


def test_explain_reads_results_jsonl(tmp_path):
    fv = FieldValue(
        value=0.92,
        source=Source(file="申请报告.docx", location="表1第22行第2列", excerpt="用户满意度 92%"),
        matched="用户满意度",
        review=["请核对"],
    )
    line = {"applicant_id": "甲", "fields": {"satisfaction_rate": fv.model_dump(mode="json")}}
    (tmp_path / "results.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    found = explain_field(tmp_path, "satisfaction_rate", applicant="甲")
    text = describe(found)
    assert found.value is not None and found.value.value == 0.92
    assert "用户满意度 92%" in text and "请核对" in text
    with pytest.raises(ExplainError):
        explain_field(tmp_path, "satisfaction_rate", applicant="乙")


def test_explain_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    assert "字段编号" in capsys.readouterr().out
