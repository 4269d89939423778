"""A limit decides what is read, never what was submitted: files past the depth, count or
size limits are listed as not read with the limit; members that cannot be unzipped keep
their names; OCR stopped by a hung engine keeps the pages read and names the rest; and
what was not read makes an otherwise missing material unreadable, not missing."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from pipeline.check import assess_materials
from pipeline.classify import classify_documents
from pipeline.ingest import discover_batch, open_application
from pipeline.ingest.limits import IngestLimits
from pipeline.models import FileEntry, FileKind, MaterialStatus, MaterialType, ReadDocument
from pipeline.read import ocr_engine, read_file
from pipeline.read.budget import ReadTimeout, time_budget
from pipeline.read.ocr import ocr_pdf_pages
from tests.test_classify import LICENCE, doc

M = MaterialType


def test_files_past_the_count_limit_are_listed_as_not_read(tmp_path: Path):
    app = tmp_path / "app"
    app.mkdir()
    for name in ("01申请报告.txt", "02营业执照.txt", "03审计报告.txt", "04租赁合同.txt"):
        (app / name).write_text("x", encoding="utf-8")
    opened = open_application(discover_batch(app).applications[0], tmp_path / "ws", IngestLimits(max_files=2))
    assert [f.rel_path for f in opened.files] == ["01申请报告.txt", "02营业执照.txt"]
    assert [n.rel_path for n in opened.not_read] == ["03审计报告.txt", "04租赁合同.txt"]
    assert all("文件数超过上限" in n.reason and n.limit for n in opened.not_read)


def test_zip_members_too_deep_or_corrupt_keep_their_names(tmp_path: Path):
    z = tmp_path / "app.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("/".join(f"d{i}" for i in range(70)) + "/申请报告.docx", b"deep")
        zf.writestr("营业执照.pdf", b"%PDF-1.4 fine")
    raw = bytearray(z.read_bytes())
    opened = open_application(discover_batch(z).applications[0], tmp_path / "ws")
    assert [f.rel_path for f in opened.files] == ["营业执照.pdf"]
    [deep] = opened.not_read
    assert deep.rel_path.endswith("/申请报告.docx") and "层级过深" in deep.reason
    # a member whose data is damaged: listed as not read, not a limit
    at = raw.find(b"fine")
    raw[at: at + 4] = b"XXXX"  # the stored CRC no longer matches
    z.write_bytes(bytes(raw))
    opened = open_application(discover_batch(z).applications[0], tmp_path / "ws2")
    damaged = [n for n in opened.not_read if n.rel_path == "营业执照.pdf"]
    assert damaged and not damaged[0].limit and "无法从压缩包中解压" in damaged[0].reason


def test_a_file_over_the_size_limit_is_not_read_but_kept(tmp_path: Path):
    path = tmp_path / "审计报告.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(151 * 1024 * 1024)  # sparse
    read = read_file(FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=FileKind.pdf))
    assert not read.readable and read.not_read and "文件过大" in read.not_read
    entry = assess_materials(classify_documents([read]))[M.audit_reports]
    assert entry.status == MaterialStatus.unreadable and entry.not_read == ["审计报告.pdf"]


def test_what_was_not_read_may_hold_a_material_nothing_else_gave():
    items = classify_documents([doc("营业执照.pdf", LICENCE),
                                doc("IMG_0032.pdf", readable=False, problem="PDF 文件已损坏或格式不正确，无法打开")])
    materials = assess_materials(items)
    assert materials[M.legal_entity_certificate].status == MaterialStatus.present
    for material in (M.premises_proof, M.audit_reports, M.recommendation_form):
        entry = materials[material]
        assert entry.status == MaterialStatus.unreadable and any("IMG_0032.pdf" in n for n in entry.notes)


@pytest.mark.skipif(not ocr_engine.available(), reason="OCR engine not installed")
def test_a_hung_engine_keeps_the_pages_read_and_names_the_rest(tmp_path: Path, monkeypatch):
    from samplegen import scans

    audit = Path(__file__).resolve().parents[1] / "sample_submissions/中卫-宁夏沙都科技企业孵化器有限公司/2025年度审计报告.pdf"
    data = scans.scan_pdf(audit.read_bytes(), 5)  # 4 image-only pages
    path = tmp_path / "扫描.pdf"
    path.write_bytes(data)
    entry = FileEntry(rel_path=path.name, disk_path=path, size=len(data), kind=FileKind.pdf)
    document = ReadDocument(file=path.name, kind=FileKind.pdf, page_count=4)
    settings = ocr_engine.ocr_settings()
    monkeypatch.setenv(settings.cache_env, "off")
    assert ocr_pdf_pages(entry, document, [1]) == []  # the engine is loaded, page 1 read
    # a guard so short that the next engine call counts as hung
    monkeypatch.setattr(ocr_engine, "ocr_settings", lambda: settings.model_copy(update={"engine_guard_seconds": 0.05}))
    left = ocr_pdf_pages(entry, document, [2, 3])
    assert left == [2, 3] and document.unread_pages == [2, 3]
    assert "第 2 页" in document.unread_reason and "未识别" in document.unread_reason
    assert [b.loc.page for b in document.blocks] == [1]


@pytest.mark.skipif(not ocr_engine.available(), reason="OCR engine not installed")
def test_the_file_guard_does_not_count_ocr_time(tmp_path: Path):
    """The file's guard bounds a stuck reader; OCR pages are bounded by count, so a file
    guard shorter than the OCR itself still reads every page (and resumes afterwards)."""
    from samplegen.material_variants import File, MaterialVariant

    variant = MaterialVariant("扫描", "", 0, [File("扫描.pdf", "evidence", scan=True)])
    data = variant.build()["扫描.pdf"]
    path = tmp_path / "扫描.pdf"
    path.write_bytes(data)
    entry = FileEntry(rel_path=path.name, disk_path=path, size=len(data), kind=FileKind.pdf)
    document = ReadDocument(file=path.name, kind=FileKind.pdf, page_count=1)
    env = ocr_engine.ocr_settings().cache_env
    old = os.environ.get(env)
    os.environ[env] = "off"
    try:
        with time_budget(0.05):
            left = ocr_pdf_pages(entry, document, [1])
            with pytest.raises(ReadTimeout):  # the file's guard is back once OCR is done
                while True:
                    pass
    finally:
        if old is None:
            os.environ.pop(env)
        else:
            os.environ[env] = old
    assert left == [] and document.blocks and document.blocks[0].text
