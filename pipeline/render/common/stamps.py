"""Stamps: a set of rendered files remembers (in a marker file beside them) the digest of
what it was made from, so a re-run with the same inputs leaves the files as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...cache import RENDER_CODE, code_version, templates_version, text_digest
from .config import settings

APP_STAMP = ".render-stamp"  # an application's documents, in applicants/<dirname>/
APP_DOCUMENTS = ("dossier.html", "dossier.docx", "checklist.docx")
OVERVIEW_STAMP = ".overview-stamp"  # the batch overview, in the output folder
OVERVIEW = ("summary.xlsx", "index.html")


def is_current(folder: Path, marker: str, stamp: str, outputs: tuple[str, ...]) -> bool:
    """The files `outputs` in `folder` were all written from `stamp`."""
    try:
        recorded = (folder / marker).read_text(encoding="utf-8")
    except OSError:
        return False
    return recorded == stamp and all((folder / name).is_file() for name in outputs)


def render_version() -> str:
    """Rendered documents depend on the render code and the templates, and on today's date
    only when they carry it (settings.issue_date "today"; by default they carry the as-of
    date, which is in the results): a re-run the next day need not make them again."""
    today = date.today().isoformat() if settings().issue_date == "today" else ""
    # settings() with the department's override file merged in (run --settings): a new 文号
    # pattern or contact phone makes every document again.
    return text_digest(code_version(RENDER_CODE), templates_version(), today, settings().model_dump_json())
