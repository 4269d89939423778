"""The OCR reader on generated scan-like images: orientation, EXIF, skew, low resolution,
red seal, multi-page TIFF, scanned PDF pages, the content-hash cache, and the Chinese
message when no engine is installed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from pydantic import ValidationError

from pipeline.models import FileEntry, FileKind, Location, ReadDocument, TextBlock
from pipeline.read import READERS, ocr_engine, ocr_layout, read_file
from pipeline.read import ocr as ocr_reader
from pipeline.read.ocr_cache import OcrCache, cache_dir, use_cache_dir
from tests.test_ocr_support import (
    CERTIFICATES,
    certificate_page,
    cjk_font_spec,
    degrade,
    red_seal,
    save_with_exif_rotation,
)

pytestmark = pytest.mark.skipif(
    not ocr_engine.available() or cjk_font_spec() is None, reason="OCR engine or CJK font not installed"
)


@pytest.fixture(scope="module", autouse=True)
def ocr_cache(fresh_ocr_cache):
    return fresh_ocr_cache


def entry(path: Path, kind: FileKind = FileKind.image) -> FileEntry:
    return FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=kind)


def flat(doc: ReadDocument) -> str:
    return doc.full_text().replace(" ", "")


ENTERPRISE = CERTIFICATES["enterprise"]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("rot90.jpg", lambda: degrade(certificate_page("enterprise", 900), angle=90, jpeg=60)),
        ("rot180.png", lambda: degrade(certificate_page("enterprise", 900), angle=180, noise=30)),
        (
            "skew_seal.jpg",
            lambda: degrade(
                red_seal(certificate_page("enterprise", 900), (650, 330), 110), angle=2.5, blur=0.8, noise=40, jpeg=40
            ),
        ),
        ("small.jpg", lambda: degrade(certificate_page("enterprise", 560), blur=0.5, jpeg=70)),
    ],
)
def test_scan_defects_are_read_in_order(tmp_path, name, make):
    path = tmp_path / name
    make().save(path)
    doc = read_file(entry(path))
    assert doc.readable and doc.problem is None
    block = doc.blocks[0]
    assert block.origin == "ocr" and block.loc.page == 1 and block.ocr_lines
    lines = [line.text.replace(" ", "") for line in block.ocr_lines]
    assert lines[0] == "营业执照"  # upright: the title comes first
    assert ENTERPRISE["uscc"] in flat(doc)
    assert any(line.startswith("名称宁夏星河科技有限公司") for line in lines)  # label and value on one line
    assert all(0 < line.confidence <= 1 and len(line.bbox) == 4 for line in block.ocr_lines)


def test_exif_orientation_is_applied(tmp_path):
    path = save_with_exif_rotation(certificate_page("public_institution", 900), tmp_path / "IMG_2034.jpg")
    assert Image.open(path).size[0] < Image.open(path).size[1]  # stored turned
    doc = read_file(entry(path))
    assert doc.blocks[0].ocr_lines[0].text == "事业单位法人证书"
    assert CERTIFICATES["public_institution"]["uscc"] in flat(doc)


def test_multipage_tiff_gives_one_block_per_page(tmp_path):
    path = tmp_path / "scan.tif"
    first, second = certificate_page("social_organization", 800), certificate_page("private_non_enterprise", 800)
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")
    doc = read_file(entry(path))
    assert doc.page_count == 2 and [b.loc.page for b in doc.blocks] == [1, 2]
    assert "社会团体法人登记证书" in doc.page_text(1) and "民办非企业单位登记证书" in doc.page_text(2)


def test_scanned_pdf_pages_are_ocrd(tmp_path):
    path = tmp_path / "扫描件003.pdf"
    pages = [certificate_page("enterprise", 1000), certificate_page("public_institution", 1000)]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=150)
    doc = read_file(entry(path, FileKind.pdf))
    assert doc.readable and doc.problem is None
    assert [b.origin for b in doc.blocks] == ["ocr", "ocr"]
    assert "营业执照" in doc.page_text(1) and "事业单位法人证书" in doc.page_text(2)


def test_cid_junk_page_is_replaced_by_ocr(tmp_path):
    path = tmp_path / "junk.pdf"
    certificate_page("enterprise", 900).save(path, resolution=150)
    doc = ReadDocument(
        file=path.name,
        kind=FileKind.pdf,
        page_count=1,
        blocks=[TextBlock(text="(cid:12)(cid:34)(cid:56)(cid:78)", loc=Location(page=1))],
    )
    ocr_reader.ocr_scanned_pages(entry(path, FileKind.pdf), doc)
    assert doc.blocks[0].origin == "ocr" and "营业执照" in doc.blocks[0].text


def test_cache_by_content_hash_avoids_a_second_ocr(tmp_path, monkeypatch, ocr_cache):
    path = tmp_path / "licence.png"
    certificate_page("enterprise", 700).save(path)
    first = read_file(entry(path))
    copy = tmp_path / "another-name.png"
    copy.write_bytes(path.read_bytes())

    def no_ocr(image):
        raise AssertionError("OCR ran again although the result is cached")

    monkeypatch.setattr(ocr_reader, "ocr_image", no_ocr)
    second = read_file(entry(copy))
    assert second.full_text() == first.full_text()
    assert list(ocr_cache.rglob("*.json"))
    assert cache_dir("/elsewhere") == Path("/elsewhere")  # a directory argument wins (future --cache-dir)
    assert OcrCache(path, tmp_path / "fresh").get(1) is None


def test_cache_can_be_switched_off_or_moved(monkeypatch, tmp_path):
    monkeypatch.setenv(ocr_engine.ocr_settings().cache_env, "off")
    assert cache_dir() is None
    try:
        use_cache_dir(tmp_path / "ocr")  # what a pipeline-wide --cache-dir would do in each worker
        assert cache_dir() == tmp_path / "ocr"
        use_cache_dir(None, enabled=False)
        assert cache_dir() is None
    finally:
        use_cache_dir(None)


def test_engine_is_loaded_once():
    assert ocr_engine.engine() is ocr_engine.engine()


def test_batch_workers_share_the_cores(monkeypatch):
    monkeypatch.setattr(ocr_engine, "_workers", 1)
    assert ocr_engine.threads() is None  # a single process: onnxruntime's default, every core
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    ocr_engine.share_cores(2)
    assert ocr_engine.threads() == 2
    ocr_engine.share_cores(8)
    assert ocr_engine.threads() == 1  # never fewer than one thread


def test_without_engine_the_image_counts_but_says_why(tmp_path, monkeypatch):
    path = tmp_path / "营业执照.jpg"
    certificate_page("enterprise", 400).save(path)
    reader = READERS[FileKind.image]
    monkeypatch.setitem(
        READERS,
        FileKind.image,
        reader.__class__(reader.name, reader.read, lambda: False, reader.unavailable_reason, reader.fallback),
    )
    doc = read_file(entry(path))
    assert doc.readable and not doc.blocks
    assert "OCR" in doc.problem and "未安装" in doc.problem


def test_broken_image_is_unreadable_with_reason(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    doc = read_file(entry(path))
    assert not doc.readable and "图片" in doc.problem


def test_blank_image_reports_no_text(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (600, 400), (120, 160, 200)).save(path)
    doc = read_file(entry(path))
    assert doc.readable and doc.problem == ocr_reader.NO_TEXT


def test_seal_detection_uses_the_red_channel():
    page = red_seal(certificate_page("enterprise", 600), (420, 220), 90)
    bgr, seal = ocr_layout.engine_input(page)
    assert seal and min(bgr[220 - 88, 420]) > 200  # the seal ring turns light in every channel


def test_seal_thresholds_that_would_wrap_are_refused():
    settings = ocr_engine.ocr_settings().model_dump()
    ocr_engine.OcrSettings.model_validate(settings)
    with pytest.raises(ValidationError, match="seal_red_margin"):
        ocr_engine.OcrSettings.model_validate({**settings, "seal_red_min": 60, "seal_red_margin": 70})


def _read_with(settings, image) -> list:
    bgr, _ = ocr_layout.engine_input(image)
    return ocr_engine.read_page(bgr, settings.direction_vote_lines, "image")


def test_photo_probe_keeps_what_a_full_reading_finds(monkeypatch):
    """A photo with a banner is read from the small detection pass (its boxes only), a
    certificate again at full size: both give the text a full reading gives."""
    from samplegen.scans import event_photo

    settings = ocr_engine.ocr_settings()
    assert settings.photo_probe is not None
    without = settings.model_copy(update={"photo_probe": None})
    calls: list[int] = []
    detect = ocr_engine._detect_at
    monkeypatch.setattr(ocr_engine, "_detect_at", lambda eng, det: calls.append(det.side_len) or detect(eng, det))
    for image, probed_only in ((event_photo(7, "企业融资对接培训班", width=1600), True),
                               (certificate_page("enterprise", 1400), False)):
        calls.clear()
        monkeypatch.setattr(ocr_engine, "ocr_settings", lambda s=settings: s)
        pieces, _ = _read_with(settings, image)
        assert calls == ([settings.photo_probe.side_len] if probed_only else
                         [settings.photo_probe.side_len, settings.detection["image"].side_len])
        monkeypatch.setattr(ocr_engine, "ocr_settings", lambda s=without: s)
        full, _ = _read_with(without, image)
        assert [p.text for p in pieces] == [p.text for p in full] and pieces
