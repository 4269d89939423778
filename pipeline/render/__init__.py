"""Render stage: the checklist, the expert dossier and the batch overview.

Public API:
- app_dirname(applicant_id) / unique_dirnames(ids): folder names under OUT/applicants/;
- render_application(result, app_dir): dossier.html, dossier.docx, checklist.docx;
- render_batch(results, out, dirnames, loose_files, batch_problems): summary.xlsx, index.html;
- mask_personal(text): the masking applied to everything experts see.
"""

from __future__ import annotations

from pathlib import Path

from ..models import ApplicationResult
from .batch import app_row, city_counts, decision_counts
from .checklist import checklist_context
from .common import issue_date
from .config import settings
from .dirnames import app_dirname, unique_dirnames
from .dossier import dossier_context
from .formatting import fmt_day
from .masking import mask_personal
from .sheet import write_summary
from .web import render_html
from .word import dossier_docx_context, render_docx

__all__ = ["app_dirname", "mask_personal", "render_application", "render_batch", "unique_dirnames"]


def render_application(result: ApplicationResult, app_dir: Path) -> None:
    """Write dossier.html, dossier.docx and checklist.docx for one application into app_dir."""
    app_dir.mkdir(parents=True, exist_ok=True)
    dossier = dossier_context(result)
    render_html("dossier.html.j2", dossier, app_dir / "dossier.html")
    render_docx("dossier.docx", dossier_docx_context(dossier), app_dir / "dossier.docx")
    render_docx("checklist.docx", checklist_context(result), app_dir / "checklist.docx")


def render_batch(
    results: list[ApplicationResult],
    out: Path,
    dirnames: dict[str, str],
    loose_files: list[str],
    batch_problems: list[str],
) -> None:
    """Write summary.xlsx and index.html under `out` (applications live in out/applicants/<dirname>/)."""
    out.mkdir(parents=True, exist_ok=True)
    names = dict(dirnames)
    missing = [r.applicant_id for r in results if r.applicant_id not in names]
    if missing:  # never fail the batch over a missing name: derive one that does not collide
        names.update(unique_dirnames(list(names) + missing))
    rows = [app_row(r, names[r.applicant_id]) for r in results]
    write_summary(results, rows, out / "summary.xlsx")
    cfg = settings()
    as_of = results[0].as_of if results else None
    context = {
        "title": cfg.index_title,
        "department": cfg.department,
        "office": cfg.office,
        "date": fmt_day(issue_date(as_of)),
        "total": len(rows),
        "decisions": decision_counts(rows),
        "cities": city_counts(rows),
        "apps": rows,
        "loose_files": loose_files,
        "batch_problems": [mask_personal(p) for p in batch_problems],
    }
    render_html("index.html.j2", context, out / "index.html")
