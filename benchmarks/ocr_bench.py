"""Seconds per page and peak memory of the OCR path (read stage, cache off).

    python3 benchmarks/ocr_bench.py [--repeat N]

Generates scan-like pages (tests/test_ocr_support.py), reads each through the same
reader the pipeline uses (pipeline.read.read_file), and prints a Markdown table: the
first call (model load included), then the median seconds per page of each kind, and
the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["NX_PRESCREEN_OCR_CACHE"] = "off"  # measure OCR, not the cache

from pipeline.models import FileEntry, FileKind  # noqa: E402
from pipeline.read import read_file  # noqa: E402
from pipeline.read.ocr_engine import ocr_settings  # noqa: E402
from tests.test_ocr_support import audit_page, certificate_page, degrade, red_seal  # noqa: E402


def _pages(tmp: Path) -> dict[str, tuple[Path, FileKind]]:
    seal = red_seal(certificate_page("enterprise", 1200), (900, 480), 130)
    made = {
        "营业执照 照片 1200px（干净）": (certificate_page("enterprise", 1200), "a.png"),
        "营业执照 扫描样（印章/倾斜/噪声/JPEG）": (degrade(seal, angle=2, blur=0.8, noise=40, jpeg=40), "b.jpg"),
        "营业执照 旋转90°": (degrade(seal, angle=90, jpeg=60), "c.jpg"),
        "营业执照 低分辨率 600px": (degrade(certificate_page("enterprise", 600), jpeg=60), "d.jpg"),
        "审计报表页 扫描样": (degrade(audit_page(1100), angle=-1.5, blur=0.8, noise=30, jpeg=50), "e.jpg"),
    }
    out = {}
    for label, (img, name) in made.items():
        path = tmp / name
        img.save(path)
        out[label] = (path, FileKind.image)
    pdf = tmp / "scan.pdf"
    audit_page(1654).save(pdf, resolution=200)  # an A4-wide scanned page without text layer
    out[f"扫描 PDF 页（按 {ocr_settings().pdf_dpi} dpi 渲染）"] = (pdf, FileKind.pdf)
    return out


def _read(path: Path, kind: FileKind) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all threads of the process) of one read."""
    started, cpu = time.perf_counter(), time.process_time()
    doc = read_file(FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=kind))
    if not doc.blocks or not doc.blocks[0].text:
        raise SystemExit(f"no text read from {path.name}: {doc.problem}")
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = _pages(Path(tmp))
        first_label, (first_path, first_kind) = next(iter(pages.items()))
        first = _read(first_path, first_kind)
        rows = []
        for label, (path, kind) in pages.items():
            times = [_read(path, kind) for _ in range(args.repeat)]
            rows.append((label, statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| 页面 | 秒/页（中位数，{args.repeat} 次） | CPU 秒/页 |")
    print("|---|---|---|")
    print(f"| 首次调用（含模型加载）：{first_label} | {first[0]:.2f} | {first[1]:.2f} |")
    for label, wall, cpu in rows:
        print(f"| {label} | {wall:.2f} | {cpu:.2f} |")
    print(f"\n峰值内存（RSS）：{peak_mb:.0f} MB；CPU 核数：{os.cpu_count()}")


if __name__ == "__main__":
    main()
