"""An application's documents: dossier.html, dossier.docx and checklist.docx."""

from __future__ import annotations

from pathlib import Path

from ..models import ApplicationResult
from .common.formatting import file_href
from .common.sources import WITHHELD_SUFFIX
from .common.web import render_html
from .common.word import dossier_docx_context, render_docx
from .dossier.dossier import dossier_context
from .notice.checklist import checklist_context


def render_application(result: ApplicationResult, app_dir: Path) -> None:
    """Write dossier.html, dossier.docx and checklist.docx for one application into app_dir."""
    app_dir.mkdir(parents=True, exist_ok=True)
    dossier = dossier_context(result)
    _point_to_notes(dossier, _withheld(app_dir / "files"))
    render_html("dossier.html.j2", dossier, app_dir / "dossier.html")
    render_docx("dossier.docx", dossier_docx_context(dossier), app_dir / "dossier.docx")
    render_docx("checklist.docx", checklist_context(result), app_dir / "checklist.docx")


def _withheld(files: Path) -> dict[str, str]:
    """Link to a withheld source file → link to the note that stands in for it (sources.py)."""
    if not files.is_dir():
        return {}
    notes = {}
    for note in files.rglob(f"*{WITHHELD_SUFFIX}"):
        rel = note.relative_to(files).as_posix()
        notes[file_href(rel.removesuffix(WITHHELD_SUFFIX))] = file_href(rel)
    return notes


def _point_to_notes(node, notes: dict[str, str]) -> None:
    """Every `href` of the context that opens a withheld file (at any page) opens its note instead."""
    if not notes:
        return
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if key == "href" and isinstance(value, str) and value.split("#", 1)[0] in notes:
            node[key] = notes[value.split("#", 1)[0]]
        elif isinstance(value, dict | list):
            _point_to_notes(value, notes)
