"""An application's documents: dossier.html, dossier.docx and checklist.docx."""

from __future__ import annotations

from pathlib import Path

from ..models import ApplicationResult
from .checklist import checklist_context
from .dossier import dossier_context
from .web import render_html
from .word import dossier_docx_context, render_docx


def render_application(result: ApplicationResult, app_dir: Path) -> None:
    """Write dossier.html, dossier.docx and checklist.docx for one application into app_dir."""
    app_dir.mkdir(parents=True, exist_ok=True)
    dossier = dossier_context(result)
    render_html("dossier.html.j2", dossier, app_dir / "dossier.html")
    render_docx("dossier.docx", dossier_docx_context(dossier), app_dir / "dossier.docx")
    render_docx("checklist.docx", checklist_context(result), app_dir / "checklist.docx")
