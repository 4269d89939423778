"""Extraction on the harness's deliberately varied applications (samplegen.variants):
real generated .docx / PDF / .xlsx files in layouts and notations the samples do not use."""

from __future__ import annotations

import math

import pytest

from pipeline.classify import classify_documents
from pipeline.extract import extract_application
from pipeline.models import Classified, Extraction, FileKind, ListPart, MaterialType
from samplegen.case_base import KIND_MATERIAL
from samplegen.variants import all_variants
from tests.test_extract_support import read

# Which material each samplegen document kind is, as the generator itself defines it.
ROLE = {kind: (MaterialType(m), ListPart(p) if p else None) for kind, (m, p) in KIND_MATERIAL.items()}
KINDS = {".pdf": FileKind.pdf, ".docx": FileKind.docx, ".xlsx": FileKind.xlsx}
VARIANTS = {v.case.applicant_id.split("-")[0]: v for v in all_variants()}
_CACHE: dict[str, Extraction] = {}


def extracted(tmp_path_factory, number: str) -> tuple[Extraction, dict]:
    variant = VARIANTS[number]
    if number not in _CACHE:
        folder = tmp_path_factory.mktemp(number)
        docs, items = [], []
        for rel, data in variant.files().items():
            role = variant.case.files[rel]
            if role not in ROLE:
                continue
            path = folder / rel.replace("/", "_")
            path.write_bytes(data)
            doc = read(path, KINDS[path.suffix])
            docs.append(doc)
            material, part = ROLE[role]
            items.append(Classified(file=doc.file, material=material, part=part))
        _CACHE[number] = extract_application(docs, items)
    return _CACHE[number], variant.case.expected.fields


def _same(expected, got) -> bool:
    if isinstance(expected, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, expected, rel_tol=1e-6, abs_tol=0.01)
    if isinstance(expected, list) and isinstance(got, list):
        return sorted(expected) == sorted(got)
    return expected == got


@pytest.mark.parametrize("number", sorted(VARIANTS))
def test_variant_fields_match_ground_truth(tmp_path_factory, number):
    result, expected = extracted(tmp_path_factory, number)
    wrong = {}
    for field_id, value in expected.items():
        if field_id.startswith("licence."):
            continue  # no licence is read here (another extractor's job)
        got = result.fields[field_id].value if field_id in result.fields else None
        if not _same(value, got):
            wrong[field_id] = (value, got)
    assert wrong == {}


def test_pdf_report_reads_tables_and_lost_check_marks(tmp_path_factory):
    result, _ = extracted(tmp_path_factory, "变体07")
    nature = result.fields["unit_nature"]
    assert nature.value == "public_institution"
    assert any(c.source.file.endswith(".pdf") and c.source.page == 2 for c in nature.candidates)
    assert result.fields["functions_claimed"].value == ["entrepreneurship", "training"]


def test_figures_only_in_prose_are_read_with_lower_confidence(tmp_path_factory):
    result, expected = extracted(tmp_path_factory, "变体04")
    for field_id in ("total_assets", "service_staff", "satisfaction_rate"):
        fv = result.fields[field_id]
        assert _same(expected[field_id], fv.value)
        assert fv.source.extractor == "report.prose" and fv.confidence < 1
        assert fv.matched.startswith("正文")
    assert "资产总额达" in result.fields["total_assets"].source.excerpt


def test_prose_in_pdf_report(tmp_path_factory):
    result, expected = extracted(tmp_path_factory, "变体09")
    assert result.fields["total_assets"].value == pytest.approx(expected["total_assets"])
    assert result.fields["total_assets"].source.page is not None


def test_capital_amounts_percent_words_and_split_table(tmp_path_factory):
    result, expected = extracted(tmp_path_factory, "变体03")
    assert result.fields["registered_capital"].value == expected["registered_capital"]
    assert result.fields["total_assets"].review == []  # 大写 and 小写 agree
    assert result.fields["satisfaction_rate"].value == pytest.approx(expected["satisfaction_rate"])
    assert result.fields["smes_served_prior_year"].value == expected["smes_served_prior_year"]  # second table


def test_other_firm_audit_in_wan_split_over_pages(tmp_path_factory):
    result, expected = extracted(tmp_path_factory, "变体05")
    fv = result.fields["audit.total_assets"]
    assert fv.value == pytest.approx(expected["audit.total_assets"])  # year-end column, not 年初
    assert "万元" in (fv.candidates[0].note or "")
    assert result.fields["audit.net_assets"].value == pytest.approx(expected["audit.net_assets"])
    assert result.fields["audit.service_income"].value == pytest.approx(expected["audit.service_income"])


def test_lists_with_title_rows_two_level_header_subtotals_and_docx(tmp_path_factory):
    result, expected = extracted(tmp_path_factory, "变体06")
    assert result.fields["client_list.count"].value == expected["client_list.count"]
    assert result.fields["client_list.satisfaction_rate"].value == pytest.approx(
        expected["client_list.satisfaction_rate"], abs=1e-3
    )
    assert result.fields["staff_list.count"].value == expected["staff_list.count"]
    assert result.fields["staff_list.qualified_count"].value == expected["staff_list.qualified_count"]
    staff = next(t for t in result.lists if t.part is ListPart.staff_list)
    assert staff.file.endswith(".docx")
    assert all("********" in cell for row in staff.rows for cell in row if len(cell) == 18 and cell[:6].isdigit())


def test_pdf_report_classifies_by_content(tmp_path_factory):
    """The PDF 附件2 also classifies as the application report by content."""
    variant = VARIANTS["变体02"]
    folder = tmp_path_factory.mktemp("cls")
    rel = next(r for r, k in variant.case.files.items() if k == "report")
    path = folder / "扫描件003.pdf"
    path.write_bytes(variant.files()[rel])
    items = classify_documents([read(path, FileKind.pdf)])
    assert items[0].material is MaterialType.application_report
