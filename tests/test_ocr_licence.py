"""Licences, certificates and an audit page as scan-like images, through read → classify →
extract → check: the fields, their OCR provenance, and the licence-based rules."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from pipeline.check import load_ruleset
from pipeline.classify import classify_documents
from pipeline.extract import extract_application
from pipeline.models import ApplicationPackage, FileEntry, FileKind, MaterialType
from pipeline.process import process_application
from pipeline.read import ocr_engine, read_file
from tests.conftest import REPO
from tests.test_ocr_support import (
    AUDIT_EXPECT,
    CERTIFICATES,
    audit_page,
    certificate_page,
    cjk_font_spec,
    code,
    degrade,
    font,
    red_seal,
)

pytestmark = pytest.mark.skipif(
    not ocr_engine.available() or cjk_font_spec() is None, reason="OCR engine or CJK font not installed"
)
AS_OF = date(2026, 4, 30)
LICENCE_RULES = ("art6_1_legal_entity", "art6_1_operating_years")


@pytest.fixture(scope="module", autouse=True)
def ocr_cache(fresh_ocr_cache):
    return fresh_ocr_cache


def read_image(path: Path):
    return read_file(FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=FileKind.image))


def extract(doc):
    classified = classify_documents([doc])
    return classified, extract_application([doc], classified).fields


@pytest.mark.parametrize("kind", list(CERTIFICATES))
def test_certificate_scan_fields(tmp_path, kind):
    spec = CERTIFICATES[kind]
    page = red_seal(certificate_page(kind, 1000), (760, 420), 110)
    path = tmp_path / "IMG_2034.jpg"
    degrade(page, angle=1.5, blur=0.7, noise=35, jpeg=45).save(path)
    classified, f = extract(read_image(path))
    assert classified[0].material is MaterialType.legal_entity_certificate
    assert f["licence.uscc"].value == spec["uscc"]
    for field_id, expected in spec["expect"].items():
        assert f[field_id].value == expected, field_id
    if kind != "enterprise":  # a certificate's 有效期 is no founding date: that comes from 附件2
        assert "licence.established_date" not in f
    assert f["licence.is_branch"].value is False
    assert f["licence.registered_capital"].value > 0
    ocr = f["licence.uscc"].source.ocr
    assert ocr is not None and ocr.engine.startswith("rapidocr") and ocr.confidence > 0.85 and ocr.bbox
    assert "文字识别" in f["licence.uscc"].source.location and f["licence.uscc"].source.extractor == "licence+ocr"


def test_scanned_audit_page_figures(tmp_path):
    path = tmp_path / "审计报告扫描.jpg"
    degrade(audit_page(1000), angle=-1.0, blur=0.6, noise=30, jpeg=50).save(path)
    classified, f = extract(read_image(path))
    assert classified[0].material is MaterialType.audit_reports
    for field_id, expected in AUDIT_EXPECT.items():
        assert f[field_id].value == pytest.approx(expected), field_id
        assert f[field_id].source.ocr is not None


def test_low_confidence_value_is_flagged_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_engine.ocr_settings(), "value_min_confidence", 1.01)  # every line falls short
    path = tmp_path / "licence.png"
    certificate_page("enterprise", 900).save(path)
    _, f = extract(read_image(path))
    assert any("置信度" in reason for reason in f["licence.established_date"].review)


# ------------------------------------------------------------- a batch of image licences
SAMPLES = REPO / "sample_submissions"
CASES = [
    "银川-宁夏创新汇科技服务有限公司",  # enterprise
    "银川-宁夏德润信息技术有限公司银川分公司",  # branch: no independent legal person
    "石嘴山-石嘴山市中小企业服务中心",  # 事业单位
    "银川-宁夏中小企业发展促进会",  # 社会团体
]


def licence_as_photo(pdf_path: Path, out: Path, replace: dict[str, str] | None = None) -> Path:
    """Draw the licence PDF's text lines as a scan-like photo (seal, skew, noise, JPEG)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    lines = [line.strip() for line in pdf[0].get_textpage().get_text_range().splitlines() if line.strip()]
    pdf.close()
    for old, new in (replace or {}).items():
        lines = [line.replace(old, new) for line in lines]
    text = font(24)
    img = Image.new("RGB", (1400, 80 + 44 * len(lines)), (248, 246, 238))
    draw = ImageDraw.Draw(img)
    for n, line in enumerate(lines):
        draw.text((60, 40 + 44 * n), line, font=text, fill=(25, 25, 25))
    img = red_seal(img, (1000, img.height - 120), 100)
    degrade(img, angle=1.2, blur=0.6, noise=30, jpeg=50).save(out)
    return out


@pytest.mark.parametrize("case", CASES)
def test_batch_with_image_licences_keeps_licence_fields_and_rules(tmp_path, case):
    source = SAMPLES / case
    if not (source / "营业执照副本.pdf").exists():
        pytest.skip("sample application changed")
    ruleset = load_ruleset(None)
    original = process_application(
        ApplicationPackage(applicant_id=case, source=source), AS_OF, ruleset, tmp_path / "ws1"
    ).result
    scanned = tmp_path / case
    shutil.copytree(source, scanned)
    licence_as_photo(scanned / "营业执照副本.pdf", scanned / "IMG_2034.jpg")
    (scanned / "营业执照副本.pdf").unlink()
    result = process_application(
        ApplicationPackage(applicant_id=case, source=scanned), AS_OF, ruleset, tmp_path / "ws2"
    ).result

    entry = result.materials[MaterialType.legal_entity_certificate]
    assert entry.status.value == "present" and entry.files == ["IMG_2034.jpg"]
    for field_id in (
        "licence.uscc",
        "licence.name",
        "licence.established_date",
        "licence.city",
        "licence.county",
        "licence.is_branch",
        "licence.legal_representative",
    ):
        if field_id in original.fields:
            assert result.value(field_id) == original.value(field_id), field_id
    before = {r.id: r.outcome for r in original.rules}
    after = {r.id: r.outcome for r in result.rules}
    for rule in LICENCE_RULES:
        assert after[rule] == before[rule], rule
    assert result.fields["licence.uscc"].source.ocr is not None


def test_image_licence_contradicting_the_report_goes_to_review(tmp_path):
    case = "银川-宁夏创新汇科技服务有限公司"
    scanned = tmp_path / case
    shutil.copytree(SAMPLES / case, scanned)
    other_code = code("91640104EHD6APBKM")  # valid, but not the code 附件2 gives
    licence_as_photo(
        scanned / "营业执照副本.pdf",
        scanned / "IMG_0001.jpg",
        {"91640104EHD6APBKKX": other_code, "2017年6月12日": "2025年1月2日"},
    )
    (scanned / "营业执照副本.pdf").unlink()
    result = process_application(
        ApplicationPackage(applicant_id=case, source=scanned), AS_OF, load_ruleset(None), tmp_path / "ws"
    ).result
    assert result.value("licence.uscc") == other_code
    assert result.value("licence.established_date") == "2025-01-02"
    rules = {r.id: r for r in result.rules}
    assert rules["art6_1_legal_entity"].outcome.value == "needs_review"
    assert "不一致" in rules["art6_1_legal_entity"].note
    assert rules["art6_1_operating_years"].outcome.value == "needs_review"  # licence and 附件2 disagree
