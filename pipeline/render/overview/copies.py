"""`pdf OUT [--ids …]`: the PDF copies of an output folder's Word documents, made after the run.

A run makes what triage needs (results, overview, .docx and .html documents); LibreOffice
costs as much as the whole rest of a scan-free batch, so the PDF copies are made on
request, by the same converter as `run --pdf` (common/pdf.py), and the overview is drawn
again so that it links the copies that now exist.
"""

from __future__ import annotations

from pathlib import Path

from ...review.folder import Folder
from ...review.runinfo import load_run_settings
from .overview import make_pdfs, pdf_copies, write_overview


class PdfError(Exception):
    """The request names no application of the folder; the message is Chinese."""


def make_pdf_copies(out: Path, ids: list[str] | None = None) -> tuple[int, list[str]]:
    """Make the missing or out-of-date PDF copies of `out`'s applications (all, or `ids`),
    then draw summary.xlsx and index.html again. Returns how many documents have a current
    PDF copy among those asked for, and the Chinese problem lines (LibreOffice missing,
    conversions that failed)."""
    folder = Folder(out)
    every = [r.applicant_id for r in folder.results]
    wanted = every if not ids else list(dict.fromkeys(ids))
    unknown = [i for i in wanted if i not in folder.by_id]
    if unknown:
        raise PdfError(f"输出文件夹 {out} 中没有这些申报编号：{'、'.join(unknown)}")
    problems = make_pdfs([folder.app_dir(i) for i in wanted])
    run = load_run_settings(out)
    loose = run.loose_files if run else []
    # No stamp: the overview is drawn again (it links what exists now); the next run draws it once more.
    write_overview(every, lambda: folder.results, out, folder.dirnames, loose, problems, pdf=False)
    made = sum(sum(pdf_copies(folder.app_dir(i))) for i in wanted)
    return made, problems
