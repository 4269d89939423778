"""The OCR engine's own cost under each setting of pipeline/data/ocr.yaml: seconds per call,
user and system CPU seconds, on the page images of a scan-heavy batch (benchmarks/scan_profile.py).

    python benchmarks/engine_settings.py [--apps 3] [--per-kind 12] [--threads 1] [--batch DIR]

Each variant runs in a fresh process (the engine's settings are fixed when it loads) through
the pipeline's own engine call (read_page): rapidocr's defaults, the memory arena, detection
sizes per kind of input, then the pipeline's settings as ocr.yaml has them. Images are given to the engine as the pipeline gives them
(image files as decoded, PDF pages rendered at ocr.yaml's pdf_dpi); the model load is
not counted. Prints one line per variant and kind of image (photo / scanned page).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT = {"limit_type": "min", "side_len": 736}  # rapidocr's own detection setting
VARIANTS: dict[str, dict] = {  # each changes ocr.yaml's settings in its own process
    "rapidocr defaults": {"engine_mem_arena": False, "keep_freed_memory": False, "detection": {"image": DEFAULT, "pdf_page": DEFAULT}},
    "memory arena on": {"engine_mem_arena": True, "keep_freed_memory": False, "detection": {"image": DEFAULT, "pdf_page": DEFAULT}},
    "no arena, glibc keeps freed": {"engine_mem_arena": False, "keep_freed_memory": True,
                                    "detection": {"image": DEFAULT, "pdf_page": DEFAULT}},
    "glibc keeps, images det max 1280": {"engine_mem_arena": False, "keep_freed_memory": True, "detection": {
        "image": {"limit_type": "max", "side_len": 1280}, "pdf_page": DEFAULT}},
    "arena, images det max 1280": {"engine_mem_arena": True, "detection": {
        "image": {"limit_type": "max", "side_len": 1280}, "pdf_page": DEFAULT}},
    "arena, all det max 960": {"engine_mem_arena": True, "detection": {
        "image": {"limit_type": "max", "side_len": 960}, "pdf_page": {"limit_type": "max", "side_len": 960}}},
    "pipeline (ocr.yaml)": {},
}
KINDS = {"photo": "image", "scanned page": "pdf_page"}


def _images(batch: Path) -> list[tuple[str, Path, int]]:
    """(kind, file, page) of every image the pipeline would OCR, decoded only when used (_decode)."""
    import pypdfium2 as pdfium

    out = []
    for path in sorted(batch.rglob("*")):
        if path.suffix.lower() in (".jpg", ".png"):
            out.append(("photo", path, 0))
        elif path.suffix.lower() == ".pdf":
            pdf = pdfium.PdfDocument(path)
            try:
                if pdf[0].get_textpage().count_chars() == 0:  # a text PDF is never OCR'd
                    out += [("scanned page", path, n) for n in range(len(pdf))]
            finally:
                pdf.close()
    return out


def _decode(path: Path, page: int):
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    from pipeline.read.ocr_engine import ocr_settings

    if path.suffix.lower() == ".pdf":
        pdf = pdfium.PdfDocument(path)
        try:
            image = pdf[page].render(scale=ocr_settings().pdf_dpi / 72).to_pil()
        finally:
            pdf.close()
    else:
        image = Image.open(path)
    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _spread(images: list[tuple[str, Path, int]], per_kind: int) -> list[tuple[str, Path, int]]:
    """At most `per_kind` images of each kind, spread over the batch (not only its first application)."""
    out = []
    for kind in sorted({item[0] for item in images}):
        of_kind = [item for item in images if item[0] == kind]
        step = max(1, len(of_kind) // per_kind) if per_kind else 1
        out += of_kind[::step][: per_kind or None]
    return out


def _child(batch: Path, variant: str, threads: int, per_kind: int) -> None:
    """Run one variant in this process and print its figures as JSON."""
    import pipeline.read.ocr_engine as eng

    images = _spread(_images(batch), per_kind)
    merged = {**eng.ocr_settings().model_dump(), **VARIANTS[variant], "engine_threads": threads}
    settings = eng.OcrSettings.model_validate(merged)
    eng.ocr_settings = lambda: settings  # read_page and engine() read the settings through this name
    votes = settings.direction_vote_lines
    eng.read_page(_decode(*images[0][1:]), votes, "image")  # model load and first-call set-up are not per-call cost
    figures: dict[str, list[float]] = {}
    for kind, path, page in images:
        image = _decode(path, page)
        before, wall = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        eng.read_page(image, votes, KINDS[kind])
        after = resource.getrusage(resource.RUSAGE_SELF)
        row = figures.setdefault(kind, [0, 0.0, 0.0, 0.0])
        row[0] += 1
        row[1] += time.monotonic() - wall
        row[2] += after.ru_utime - before.ru_utime
        row[3] += after.ru_stime - before.ru_stime
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"figures": figures, "peak_kib": peak}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime threads (0: onnxruntime's default)")
    parser.add_argument("--batch", type=Path, help="an existing batch instead of a generated one")
    parser.add_argument("--per-kind", type=int, default=12, help="at most this many images of each kind (0: all)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        _child(args.batch, args.variant, args.threads, args.per_kind)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        batch = args.batch
        if batch is None:
            from benchmarks.scan_profile import make_scan_heavy

            batch, _ = make_scan_heavy(Path(tmp), apps=args.apps)
        print(f"engine alone, {args.threads or 'default'} thread(s), load average {os.getloadavg()[0]:.2f} at start")
        print(f"{'variant':32s} {'kind':13s} {'calls':>5s} {'s/call':>7s} {'CPU s/call':>10s} {'user s':>7s} "
          f"{'sys s':>7s}  peak RSS")
        for variant in VARIANTS:
            proc = subprocess.run([sys.executable, __file__, "--variant", variant, "--batch", str(batch),
                                   "--threads", str(args.threads), "--per-kind", str(args.per_kind)], capture_output=True, text=True, cwd=REPO)
            if proc.returncode != 0:
                print(proc.stderr)
                return 1
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            for kind, (calls, wall, user, system) in sorted(result["figures"].items()):
                print(f"{variant:32s} {kind:13s} {calls:5d} {wall / calls:7.2f} {(user + system) / calls:10.2f} "
                      f"{user:7.1f} {system:7.1f}  "
                      f"{result['peak_kib'] / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
