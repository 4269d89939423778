"""samplegen builders: every audit opinion, table shape, money and percentage notation renders."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest

from samplegen import fmt
from samplegen.cases import all_cases
from samplegen.model import Style
from samplegen.pdf_audit import build_audit_report, build_special_audit
from samplegen.report_docx import LABEL_SETS, build_report

BASE = all_cases()[0]
OPINION_WORDS = {
    "standard_unqualified": "公允反映",
    "unqualified_with_emphasis": "强调事项",
    "qualified": "保留意见",
    "adverse": "否定意见",
    "disclaimer": "无法表示意见",
}


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join((p.extract_text() or "") for p in pdf.pages).replace("\n", "").replace(" ", "")


def _table_rows(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for row in document.tables[0].rows]


@pytest.mark.parametrize("opinion", sorted(OPINION_WORDS))
def test_every_audit_opinion_renders(opinion: str) -> None:
    audit = BASE.facts.audit.model_copy(update={"opinion": opinion})
    text = _pdf_text(build_audit_report(BASE.facts, audit))
    assert OPINION_WORDS[opinion] in text
    assert "资产总计" in text and "所有者权益合计" in text and "净利润" in text
    if opinion != "standard_unqualified":
        assert ("强调事项" in text) == (opinion == "unqualified_with_emphasis")


@pytest.mark.parametrize("nature", ["public_institution", "social_organization"])
def test_non_enterprise_statements_use_net_assets(nature: str) -> None:
    facts = BASE.facts.model_copy(update={"unit_nature": nature})
    text = _pdf_text(build_audit_report(facts, facts.audit, with_service_section=True))
    assert "净资产合计" in text and "所有者权益合计" not in text and "服务收入合计" in text


def test_statements_in_wan_and_special_audit() -> None:
    audit = BASE.facts.audit.model_copy(update={"in_wan": True})
    text = _pdf_text(build_audit_report(BASE.facts, audit))
    assert "单位：万元" in text and f"资产总计{fmt.amount(audit.total_assets, True)}" in text
    special = _pdf_text(build_special_audit(BASE.facts, audit))
    assert "服务收支专项审计报告" in special and fmt.amount(audit.service_income) in special


@pytest.mark.parametrize("columns", [2, 4])
@pytest.mark.parametrize("money", fmt.MONEY_STYLES)
@pytest.mark.parametrize("labels", sorted(LABEL_SETS))
def test_report_shapes(columns: int, money: str, labels: str) -> None:
    style = Style(columns=columns, money=money, pct="pct_fw_decimal", labels=labels)
    rows = _table_rows(build_report(BASE.facts, style))
    assert {len(r) for r in rows} == {columns}
    cells = [c for r in rows for c in r]
    assert fmt.money(BASE.facts.total_assets, money) in cells
    assert fmt.pct(BASE.facts.satisfaction_rate, "pct_fw_decimal") in cells
    label = fmt.money_label(LABEL_SETS[labels]["total_assets"], money)
    assert label in cells


def test_money_and_percent_notation() -> None:
    assert fmt.money(1_500_000, "wan_plain") == "150"
    assert fmt.money(1_500_000, "wan_suffix") == "150万元"
    assert fmt.money(1_500_000, "yuan") == "1,500,000.00元"
    assert fmt.pct(0.85, "pct") == "85%"
    assert fmt.pct(0.855, "pct_fw_decimal") == "85.5％"
    assert fmt.pct(0.85, "fraction") == "0.85"
