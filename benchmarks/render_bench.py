"""Render-stage speed per application: the two Word documents, dossier.html, masked copies.

    python3 -m pipeline run sample_submissions --out /tmp/rs --as-of 2026-04-30
    python3 benchmarks/render_bench.py [--results /tmp/rs] [--input sample_submissions] [--repeat 5] [--keep DIR]

Loads the results of a finished run (results.jsonl), opens the same applications again
to know their files and which of them carry personal data, then renders every
application `--repeat` times (after one warm-up) and prints the mean CPU milliseconds
per document and per application. `--keep DIR` writes one rendering of every
application (and its masked copies) under DIR, to compare two versions of the code.
To time another checkout, put it first on the path: PYTHONPATH=/path/to/checkout.
"""

from __future__ import annotations

import argparse
import inspect
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # an explicit PYTHONPATH (another checkout) goes first

import pipeline  # noqa: E402
from pipeline.cache import Cache, default_cache_dir, file_digest  # noqa: E402
from pipeline.ingest import discover_batch, open_application  # noqa: E402
from pipeline.models import ApplicationResult  # noqa: E402
from pipeline.process import analyse  # noqa: E402
from pipeline.render import checklist_context, dossier_context, render_application  # noqa: E402
from pipeline.render.common.sources import copy_sources  # noqa: E402
from pipeline.render.common.web import render_html  # noqa: E402
from pipeline.render.common.word import dossier_docx_context, render_docx  # noqa: E402


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=Path("/tmp/rs"))
    parser.add_argument("--input", type=Path, default=REPO / "sample_submissions")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    print(f"pipeline from {Path(pipeline.__file__).parent}")
    lines = (args.results / "results.jsonl").read_text(encoding="utf-8").splitlines()
    results = {r.applicant_id: r for r in (ApplicationResult.model_validate_json(line) for line in lines)}
    tmp = Path(tempfile.mkdtemp(prefix="render-bench-"))
    try:
        apps = []
        for n, pkg in enumerate(discover_batch(args.input).applications):
            opened = open_application(pkg, tmp / f"ws{n}")
            digests = {e.rel_path: file_digest(e.disk_path) for e in opened.files}
            analysis = analyse(opened.files, digests, Cache(default_cache_dir()))
            apps.append((results[pkg.applicant_id], opened.files, digests, set(analysis.personal)))
        print(
            f"{len(apps)} applications, {sum(len(a[1]) for a in apps)} files, "
            f"{sum(len(a[3]) for a in apps)} of them with personal data (masked copies)"
        )
        out = tmp / "out"
        out.mkdir()

        def dossier_docx(result: ApplicationResult, where: Path) -> None:
            context = dossier_context(result)
            if "build" in inspect.signature(render_docx).parameters:  # the docxtpl sub-document version
                render_docx("dossier.docx", context, where / "dossier.docx", build=dossier_docx_context(context))
            else:
                render_docx("dossier.docx", dossier_docx_context(context), where / "dossier.docx")

        def checklist_docx(result: ApplicationResult, where: Path) -> None:
            render_docx("checklist.docx", checklist_context(result), where / "checklist.docx")

        def html(result: ApplicationResult, where: Path) -> None:
            render_html("dossier.html.j2", dossier_context(result), where / "dossier.html")

        def copies(files, digests, personal, where: Path) -> None:
            shutil.rmtree(where / "files", ignore_errors=True)  # no manifest: every copy is made again
            copy_sources(files, digests, personal, where / "files", 1 << 30)

        parts = {
            "dossier.docx": lambda a, w: dossier_docx(a[0], w),
            "checklist.docx": lambda a, w: checklist_docx(a[0], w),
            "dossier.html": lambda a, w: html(a[0], w),
            "masked copies": lambda a, w: copies(a[1], a[2], a[3], w),
            "render_application": lambda a, w: render_application(a[0], w),
        }
        totals = {name: 0.0 for name in parts}
        for n, app in enumerate(apps):
            where = out / f"app{n}"
            where.mkdir()
            for fn in parts.values():  # warm-up: imports, template caches
                fn(app, where)
            for _ in range(args.repeat):
                for name, fn in parts.items():
                    totals[name] += _cpu(lambda fn=fn, app=app, where=where: fn(app, where))
        runs = len(apps) * args.repeat
        print(f"CPU ms per application (mean of {runs} renderings):")
        for name, total in totals.items():
            print(f"  {name:<20} {total / runs:7.1f}")
        both = (totals["dossier.docx"] + totals["checklist.docx"]) / runs
        print(f"  {'both Word documents':<20} {both:7.1f}")
        copied = sum(len(a[3]) for a in apps)
        if copied:
            print(f"  {'per masked file':<20} {totals['masked copies'] / args.repeat / copied:7.1f}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for app in apps:
                where = args.keep / app[0].applicant_id
                where.mkdir(parents=True, exist_ok=True)
                render_application(app[0], where)
                copies(app[1], app[2], app[3], where)
            print(f"documents kept under {args.keep}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
