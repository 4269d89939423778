"""The OCR work of an application, counted at ingest to hand the largest ones out first."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from PIL import Image

from pipeline.ingest import discover_batch
from pipeline.ingest.work import ocr_pages
from pipeline.models.result import read_results_file
from pipeline.runner import run_batch
from samplegen import scans
from tests.conftest import make_pdf


def _app(root: Path, name: str, photos: int, scanned_pages: int) -> Path:
    app = root / name
    app.mkdir(parents=True)
    make_pdf(app / "申报书.pdf", [["自治区中小企业公共服务示范平台申报书", "申报单位：宁夏某某服务有限公司"]])
    for n in range(photos):
        Image.new("RGB", (40, 30), "white").save(app / f"IMG_{n}.jpg")
    if scanned_pages:
        text = make_pdf(app / "tmp.pdf", [[f"第{n + 1}页"] for n in range(scanned_pages)]).read_bytes()
        (app / "tmp.pdf").unlink()
        (app / "审计报告（扫描件）.pdf").write_bytes(scans.scan_pdf(text, seed=1, dpi=40))
    return app


def test_images_and_textless_pages_are_counted_in_folders_and_zips(tmp_path: Path) -> None:
    folder = _app(tmp_path / "batch", "甲公司", photos=2, scanned_pages=3)
    with zipfile.ZipFile(tmp_path / "batch" / "乙公司.zip", "w") as zf:
        for path in folder.iterdir():
            zf.write(path, f"申报材料/{path.name}")
        zf.writestr("__MACOSX/._IMG_0.jpg", b"junk")
    batch = discover_batch(tmp_path / "batch")
    assert {app.applicant_id: ocr_pages(app) for app in batch.applications} == {"甲公司": 5, "乙公司": 5}


def test_unreadable_input_counts_as_no_work(tmp_path: Path) -> None:
    app = tmp_path / "batch" / "丙公司"
    app.mkdir(parents=True)
    (app / "坏文件.pdf").write_bytes(b"%PDF-1.7 truncated")
    (tmp_path / "batch" / "丁公司.zip").write_bytes(b"PK\x03\x04 not a zip")
    batch = discover_batch(tmp_path / "batch")
    assert [ocr_pages(app) for app in batch.applications] == [0, 0]


def test_largest_first_keeps_results_in_input_order(tmp_path: Path) -> None:
    """Workers take the scanned application first; results.jsonl stays in the batch's order."""
    batch = tmp_path / "batch"
    _app(batch, "A小", photos=0, scanned_pages=0)
    _app(batch, "B大", photos=1, scanned_pages=2)
    out = tmp_path / "out"
    run_batch(batch, out, as_of=date(2026, 4, 30), jobs=2)
    assert [r.applicant_id for r in read_results_file(out / "results.jsonl")] == ["A小", "B大"]
