"""Audit reports in every opinion type and in two firms' layouts, as real generated PDFs."""

from __future__ import annotations

import pytest

from pipeline.extract.audit import extract_audit
from pipeline.extract.collect import Collector
from pipeline.models import FileKind
from samplegen import pdf_audit
from samplegen.case_base import audit_fields
from samplegen.cases import all_cases
from samplegen.variant_docs import build_audit_other_firm
from tests.test_extract_support import read

OPINIONS = ("standard_unqualified", "unqualified_with_emphasis", "qualified", "adverse", "disclaimer")
ENTERPRISE, SOCIETY = all_cases()[0].facts, all_cases()[10].facts  # a company; a 社团 (业务活动表)


def _extract(tmp_path, data: bytes) -> dict:
    path = tmp_path / "审计报告.pdf"
    path.write_bytes(data)
    col = Collector()
    extract_audit(read(path, FileKind.pdf), col)
    return col.build()


@pytest.mark.parametrize("opinion", OPINIONS)
@pytest.mark.parametrize("layout", ["sample", "other_firm"])
def test_opinion_and_statement_figures(tmp_path, opinion, layout):
    facts = ENTERPRISE.model_copy(update={"audit": ENTERPRISE.audit.model_copy(update={"opinion": opinion})})
    data = pdf_audit.build_audit_report(facts, facts.audit) if layout == "sample" else build_audit_other_firm(facts)
    fields = _extract(tmp_path, data)
    expected = audit_fields(facts.audit)
    assert fields["audit.opinion"].value == opinion
    for key in ("audit.total_assets", "audit.total_liabilities", "audit.net_assets", "audit.revenue"):
        assert fields[key].value == pytest.approx(expected[key], abs=0.01), key
    assert fields["audit.firm"].value == facts.audit.firm
    assert fields["audit.year"].value == 2025


@pytest.mark.parametrize("in_wan", [False, True])
def test_society_statements_in_yuan_and_wan_with_opening_column_first(tmp_path, in_wan):
    facts = SOCIETY.model_copy(update={"audit": SOCIETY.audit.model_copy(update={"in_wan": in_wan})})
    fields = _extract(tmp_path, build_audit_other_firm(facts))
    expected = audit_fields(facts.audit)
    assert fields["audit.revenue"].value == pytest.approx(
        expected["audit.revenue"], abs=0.01
    )  # 业务活动收入 / 本期收入
    assert fields["audit.total_assets"].value == pytest.approx(
        expected["audit.total_assets"], abs=0.01
    )  # 期末, not 年初
    assert fields["audit.net_assets"].value == pytest.approx(expected["audit.net_assets"], abs=0.01)
    assert fields["audit.service_income"].value == pytest.approx(facts.audit.service_income)  # prose section
    assert fields["audit.service_expense"].value == pytest.approx(facts.audit.service_expense)
