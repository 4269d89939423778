"""Batch speed, measured: cold run, warm re-run, one application changed, memory.

    python benchmarks/bench.py [--apps 100] [--jobs 2] [--scans 0.1] [--keep DIR]

Generates a batch of varied applications (the sample cases with other units,
names and figures; a share of them with their licence and declaration as scanned
images when the OCR engine is installed), then runs the real CLI on it and prints:
cold wall time, pages per second, peak RSS of the whole process tree, warm re-run
time, the time after one application changed, and the same batch's text pass done
naively (pdfplumber extract_text on every page, one process) as the baseline.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from samplegen.build import write_case  # noqa: E402
from samplegen.cases import all_cases  # noqa: E402
from samplegen.legacy import LEGACY_KINDS, merge_pdfs  # noqa: E402
from tests.conftest import make_pdf  # noqa: E402

NOTE = (
    "本公司按照企业会计准则的规定编制财务报表，以持续经营为基础，根据实际发生的交易和事项进行确认和计量。"
    "应收账款按账龄分析法计提坏账准备，固定资产按年限平均法计提折旧，营业收入在服务已经提供、收入金额能够"
    "可靠计量时确认。"
)


def _notes_pages(count: int, tmp: Path) -> bytes:
    """Pages of 财务报表附注: real audit reports carry 20-40 of them after the statements."""
    pages = [
        [f"财务报表附注（续）第{n + 1}页"] + [NOTE[i : i + 38] for i in range(0, len(NOTE), 38)] * 6
        for n in range(count)
    ]
    return make_pdf(tmp / "notes.pdf", pages).read_bytes()


AS_OF = "2026-04-30"


def make_batch(root: Path, count: int, notes_pages: int) -> Path:
    """`count` applications, each a sample case with its own unit name and figures, its
    audit report padded with `notes_pages` pages of notes to a realistic length."""
    batch = root / "batch"
    batch.mkdir(parents=True)
    notes = _notes_pages(notes_pages, root) if notes_pages else b""
    bases = [c for c in all_cases() if not set(c.files.values()) & set(LEGACY_KINDS)]
    for i in range(count):
        base = bases[i % len(bases)]
        city, _, unit = base.applicant_id.partition("-")
        name = f"{unit.replace('有限公司', '')}第{i + 1}分部有限公司" if "有限公司" in unit else f"{unit}{i + 1}"
        facts = base.facts.model_copy(
            update={
                "unit_name": name,
                "platform_name": f"{base.facts.platform_name}（{i + 1}）",
                "total_assets": base.facts.total_assets + 1000 * i,
                "smes_served_last_year": base.facts.smes_served_last_year + i % 7,
            }
        )
        case = base.model_copy(update={"applicant_id": f"{city}-{name}", "facts": facts})
        written = write_case(case, batch)
        for audit in written.rglob("*年度审计报告*.pdf") if notes else []:
            audit.write_bytes(merge_pdfs([audit.read_bytes(), notes]))
    return batch


def make_scan_batch(root: Path, count: int) -> tuple[Path, list[Path]]:
    """`count` applications made of photographed licences and scanned balance sheets."""
    from tests.test_ocr_support import audit_page, certificate_page, degrade, red_seal

    batch = root / "scans"
    kinds = ["enterprise", "public_institution", "social_organization", "private_non_enterprise"]
    images = []
    for i in range(count):
        app = batch / f"扫描-申报{i + 1:03d}"
        app.mkdir(parents=True)
        licence = red_seal(certificate_page(kinds[i % 4], 1200), (900, 480), 130)
        degrade(licence, angle=1.5, blur=0.6, noise=6, jpeg=60).save(app / "IMG_2034.jpg")
        audit_page(1100).save(app / "审计报告扫描.png")
        images += [app / "IMG_2034.jpg", app / "审计报告扫描.png"]
    return batch, images


def engine_pages_per_second(images: list[Path]) -> float:
    """The OCR engine alone on the same images, one process: the floor of the scanned part."""
    import numpy as np
    from PIL import Image

    from pipeline.read.ocr_engine import recognise

    recognise(np.asarray(Image.open(images[0]).convert("RGB")))  # model load is not page time
    started = time.monotonic()
    for path in images:
        recognise(np.asarray(Image.open(path).convert("RGB")))
    return len(images) / (time.monotonic() - started)


def pdf_pages(batch: Path) -> tuple[list[Path], int]:
    pdfs = [p for p in batch.rglob("*.pdf")]
    return pdfs, sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_cli(batch: Path, out: Path, cache: Path, jobs: int, *extra: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the process tree of one CLI run."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        str(batch),
        "--out",
        str(out),
        "--as-of",
        AS_OF,
        "--jobs",
        str(jobs),
        "--cache-dir",
        str(cache),
        *extra,
    ]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"pipeline failed:\n{err.decode()}")
    return time.monotonic() - started, peak


def naive_text_pass(pdfs: list[Path]) -> float:
    started = time.monotonic()
    for path in pdfs:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
    return time.monotonic() - started


def change_one(batch: Path) -> str:
    """Replace one application's audit report with another's, as a 补正 round would."""
    audits = [next(app.rglob("*年度审计报告*.pdf"), None) for app in sorted(batch.iterdir()) if app.is_dir()]
    target, donor = [a for a in audits if a is not None][:2]
    shutil.copyfile(donor, target)
    return target.parent.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", type=int, default=100, help="text-layer applications")
    parser.add_argument("--scans", type=int, default=10, help="applications made of scans (0: none)")
    parser.add_argument("--notes-pages", type=int, default=24, help="notes pages added to each audit report")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the generated batch and outputs here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="nx-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        batch = make_batch(root, args.apps, args.notes_pages)
        pdfs, pages = pdf_pages(batch)
        print(
            f"generated {args.apps} applications, {len(pdfs)} PDFs, {pages} PDF pages "
            f"in {time.monotonic() - started:.1f} s"
        )
        cache, out = root / "cache", root / "out"
        cold_nopdf, _ = run_cli(batch, root / "out-nopdf", root / "cache-nopdf", args.jobs, "--no-pdf")
        cold, cold_rss = run_cli(batch, out, cache, args.jobs)
        first_warm, _ = run_cli(batch, out, cache, args.jobs)  # also converts PDFs the cold run's cap left
        warm, warm_rss = run_cli(batch, out, cache, args.jobs)
        changed = change_one(batch)
        one, _ = run_cli(batch, out, cache, args.jobs)
        naive = naive_text_pass(pdfs)
        print(f"cold run, --no-pdf:          {cold_nopdf:7.1f} s   {pages / cold_nopdf:6.1f} PDF pages/s")
        print(
            f"cold run (with PDF copies):  {cold:7.1f} s   {pages / cold:6.1f} PDF pages/s   "
            f"peak RSS {cold_rss / 1024:6.0f} MiB"
        )
        print(
            f"first re-run:                {first_warm:7.1f} s   {100 * first_warm / cold:5.1f} % of cold   "
            "(finishes PDF copies left by the cold run's time cap)"
        )
        print(
            f"warm re-run:                 {warm:7.1f} s   {100 * warm / cold:5.1f} % of cold   "
            f"peak RSS {warm_rss / 1024:6.0f} MiB"
        )
        print(f"one application changed:     {one:7.1f} s   {100 * one / cold:5.1f} % of cold   ({changed})")
        print(
            f"naive pdfplumber text pass:  {naive:7.1f} s   (1 process, text only): the whole pipeline is "
            f"{naive / cold_nopdf:.1f}x faster (--no-pdf), {naive / cold:.1f}x (with PDF copies)"
        )
        if args.scans:
            scans, images = make_scan_batch(root, args.scans)
            scan_time, scan_rss = run_cli(scans, root / "out-scans", root / "cache-scans", args.jobs, "--no-pdf")
            floor = engine_pages_per_second(images)
            rate = len(images) / scan_time
            print(
                f"scanned part: {len(images)} pages in {scan_time:.1f} s = {rate:.2f} pages/s; engine alone "
                f"{floor:.2f} pages/s x {args.jobs} jobs = {floor * args.jobs:.2f}; pipeline reaches "
                f"{100 * rate / (floor * args.jobs):.0f} %   peak RSS {scan_rss / 1024:.0f} MiB"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
