"""Render stage: the checklist, the expert dossier and the batch overview.

Public API:
- app_dirname(applicant_id) / unique_dirnames(ids): folder names under OUT/applicants/;
- render_application(result, app_dir): dossier.html, dossier.docx, checklist.docx;
- render_batch(results, out, dirnames, loose_files, batch_problems): summary.xlsx, index.html;
- mask_personal(text): the masking applied to everything experts see.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import text_digest
from ..models import ApplicationResult
from .batch import app_row, city_counts, decision_counts
from .checklist import checklist_context
from .common import issue_date
from .config import settings
from .dirnames import app_dirname, unique_dirnames
from .dossier import dossier_context
from .formatting import fmt_day
from .masking import mask_personal
from .pdf import convert_to_pdf, pdf_available
from .sheet import write_summary
from .stamps import OVERVIEW, OVERVIEW_STAMP, is_current
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
    pdf: bool | None = None,
    stamp: str | None = None,
) -> None:
    """Write summary.xlsx and index.html under `out` (applications live in out/applicants/<dirname>/).

    With `pdf` (default: settings.pdf) every application's dossier.docx and checklist.docx
    also get a PDF copy beside them (LibreOffice, when installed); a failed conversion is
    reported in index.html and the batch goes on.

    `stamp` names everything the overview is made from (results, folder names, code,
    templates, date); when out/.overview-stamp holds it and the same PDF state, the
    overview on disk is current and is not written again.
    """
    out.mkdir(parents=True, exist_ok=True)
    names = dict(dirnames)
    missing = [r.applicant_id for r in results if r.applicant_id not in names]
    if missing:  # never fail the batch over a missing name: derive one that does not collide
        names.update(unique_dirnames(list(names) + missing))
    problems = list(batch_problems)
    if settings().pdf if pdf is None else pdf:
        problems += _make_pdfs([out / "applicants" / names[r.applicant_id] for r in results])
    rows = [app_row(r, names[r.applicant_id]) for r in results]
    for row in rows:
        row["pdf"] = (out / "applicants" / row["dirname"] / "dossier.pdf").exists()
    marker = out / OVERVIEW_STAMP
    key = text_digest(stamp, *("1" if row["pdf"] else "0" for row in rows), *problems) if stamp else ""
    if key and is_current(out, OVERVIEW_STAMP, key, OVERVIEW):
        return
    marker.unlink(missing_ok=True)
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
        "batch_problems": [mask_personal(p) for p in problems],
    }
    render_html("index.html.j2", context, out / "index.html")
    if key:
        marker.write_text(key, encoding="utf-8")


def _pdf_current(document: Path) -> bool:
    """A re-run that left the Word file untouched need not convert it again."""
    pdf = document.with_suffix(".pdf")
    try:
        return pdf.stat().st_size > 0 and pdf.stat().st_mtime_ns >= document.stat().st_mtime_ns
    except OSError:
        return False


def _make_pdfs(app_dirs: list[Path]) -> list[str]:
    """PDF copies of the Word documents; returns Chinese problem lines (nothing when all went well)."""
    if not pdf_available():
        return ["本机未安装 LibreOffice，未生成 PDF 版本的评审材料和补正通知（可运行 scripts/install.sh 安装）。"]
    documents = [
        d / name
        for d in app_dirs
        for name in ("dossier.docx", "checklist.docx")
        if (d / name).exists() and not _pdf_current(d / name)
    ]
    failed = convert_to_pdf(documents) if documents else []
    return [f"{doc.parent.name}/{doc.name} 未能转换为 PDF，请用 Word 或 WPS 打开后另存为 PDF。" for doc in failed]
