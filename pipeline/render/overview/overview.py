"""The batch overview (summary.xlsx, index.html) and the PDF copies of every application's documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ...cache import text_digest
from ...models import ApplicationResult
from ..common.config import settings
from ..common.dirnames import unique_dirnames
from ..common.stamps import OVERVIEW, OVERVIEW_STAMP, is_current

INDEX_TEMPLATE = "index.html.j2"


def render_batch(
    results: list[ApplicationResult],
    out: Path,
    dirnames: dict[str, str],
    loose_files: list[str],
    batch_problems: list[str],
    pdf: bool | None = None,
) -> None:
    """summary.xlsx and index.html (and the PDF copies, see write_overview) from results in hand."""
    names = dict(dirnames)
    missing = [r.applicant_id for r in results if r.applicant_id not in names]
    if missing:  # never fail the batch over a missing name: derive one that does not collide
        names.update(unique_dirnames(list(names) + missing))
    write_overview([r.applicant_id for r in results], lambda: results, out, names, loose_files, batch_problems, pdf)


def write_overview(
    ids: list[str],
    load: Callable[[], Iterable[ApplicationResult]],
    out: Path,
    dirnames: dict[str, str],
    loose_files: list[str],
    batch_problems: list[str],
    pdf: bool | None = None,
    stamp: str | None = None,
) -> None:
    """Write summary.xlsx and index.html for the applications `ids` (in this order).

    With `pdf` (default: settings.pdf, off) every application's dossier.docx and checklist.docx
    also get a PDF copy beside them (LibreOffice, when installed); a failed conversion is
    reported in index.html and the batch goes on. Without it, copies made earlier stay as long
    as they are current (`pdf OUT` makes them later); only current copies are linked.

    `stamp` names everything the overview is made from (results, folder names, code,
    templates, date); when out/.overview-stamp holds it and the same PDF state, the
    overview on disk is current: it is not written again and `load`, which gives the
    results in the order of `ids`, is never called.
    """
    out.mkdir(parents=True, exist_ok=True)
    app_dirs = [out / "applicants" / dirnames[i] for i in ids]
    problems = list(batch_problems)
    if settings().pdf if pdf is None else pdf:
        problems += make_pdfs(app_dirs)
    else:
        drop_stale_pdfs(app_dirs)
    has_pdf = [pdf_copies(d) for d in app_dirs]
    marker = out / OVERVIEW_STAMP
    key = text_digest(stamp, *(f"{int(a)}{int(b)}" for a, b in has_pdf), *problems) if stamp else ""
    if key and is_current(out, OVERVIEW_STAMP, key, OVERVIEW):
        return
    marker.unlink(missing_ok=True)
    _draw(list(load()), has_pdf, out, dirnames, loose_files, problems)
    if key:
        marker.write_text(key, encoding="utf-8")


def preload() -> None:
    """Load what drawing the overview needs (Excel, HTML), e.g. while workers are busy."""
    from ..common.compiled import use_kept
    from ..common.web import environment
    from . import (
        batch,  # noqa: F401
        sheet,  # noqa: F401
    )

    use_kept(environment()).get_template(INDEX_TEMPLATE)


def _draw(
    results: list[ApplicationResult],
    has_pdf: list[tuple[bool, bool]],
    out: Path,
    dirnames: dict[str, str],
    loose_files: list[str],
    problems: list[str],
) -> None:
    # Imported here: a re-run whose overview is current needs none of the Excel and HTML machinery.
    from ...privacy.mask import mask_personal
    from ..common.formatting import fmt_day
    from ..common.texts import issue_date
    from ..common.web import render_html
    from .batch import app_row, city_counts, decision_counts
    from .sheet import write_summary

    rows = [app_row(r, dirnames[r.applicant_id]) for r in results]
    for row, (dossier, checklist) in zip(rows, has_pdf, strict=True):
        row["dossier_pdf"], row["checklist_pdf"] = dossier, checklist
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
    render_html(INDEX_TEMPLATE, context, out / "index.html")


PDF_SOURCES = ("dossier.docx", "checklist.docx")


def _pdf_current(document: Path) -> bool:
    """The PDF beside `document` was made from it as it is now (a re-run that left the Word
    file untouched need not convert it again; one that rewrote it makes the copy stale)."""
    pdf = document.with_suffix(".pdf")
    try:
        return pdf.stat().st_size > 0 and pdf.stat().st_mtime_ns >= document.stat().st_mtime_ns
    except OSError:
        return False


def pdf_copies(app_dir: Path) -> tuple[bool, bool]:
    """Whether the dossier and the checklist of `app_dir` have a current PDF copy: only those are linked."""
    dossier, checklist = (_pdf_current(app_dir / name) for name in PDF_SOURCES)
    return dossier, checklist


def drop_stale_pdfs(app_dirs: list[Path]) -> None:
    """A run that makes no PDFs removes the copies its new Word files made out of date, so that
    nobody opens a PDF that says something else than the documents beside it."""
    for d in app_dirs:
        for name in PDF_SOURCES:
            if not _pdf_current(d / name):
                (d / name).with_suffix(".pdf").unlink(missing_ok=True)


def make_pdfs(app_dirs: list[Path]) -> list[str]:
    """PDF copies of the Word documents that have no current one; returns Chinese problem
    lines (nothing when all went well)."""
    documents = [d / name for d in app_dirs for name in PDF_SOURCES if (d / name).exists() and not _pdf_current(d / name)]
    if not documents:
        return []
    from ..common.pdf import convert_to_pdf, pdf_available  # finds LibreOffice; not needed when every copy is current

    if not pdf_available():
        return ["本机未安装 LibreOffice，未生成 PDF 版本的评审材料和补正通知（可运行 scripts/install.sh 安装）。"]
    failed = convert_to_pdf(documents)
    from ..notice.imprint import pin_imprints  # GB/T 9704: the 版记 at the foot of the last page

    pin_imprints([doc for doc in documents if doc.name == "checklist.docx" and doc not in failed])
    return [f"{doc.parent.name}/{doc.name} 未能转换为 PDF，请用 Word 或 WPS 打开后另存为 PDF。" for doc in failed]
