"""An application's documents: dossier.html, dossier.docx and checklist.docx."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from ..models import ApplicationResult
from .common.formatting import file_href
from .common.sources import WITHHELD_SUFFIX, present_copy
from .common.web import render_html
from .common.word import dossier_docx_context, render_docx
from .dossier.dossier import dossier_context
from .notice.checklist import checklist_context


def render_application(result: ApplicationResult, app_dir: Path) -> None:
    """Write dossier.html, dossier.docx and checklist.docx for one application into app_dir."""
    app_dir.mkdir(parents=True, exist_ok=True)
    dossier = dossier_context(result)
    if (app_dir / "files").is_dir():
        _stand_ins(dossier, app_dir / "files")
    render_html("dossier.html.j2", dossier, app_dir / "dossier.html")
    render_docx("dossier.docx", dossier_docx_context(dossier), app_dir / "dossier.docx")
    render_docx("checklist.docx", checklist_context(result), app_dir / "checklist.docx")


def _stand_ins(node, files: Path) -> None:
    """Every `href` of the context that opens a source file whose copy is not there under its own
    name opens what stands for it (sources.py): its redacted copy (at the same page: the pages are
    the original's) or the note that it is withheld."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if key == "href" and isinstance(value, str) and value.startswith("files/"):
            link, _, page = value.partition("#")
            rel = unquote(link.removeprefix("files/"))
            present = present_copy(files, rel)
            if present is not None and present != rel:
                keep = page and not present.endswith(WITHHELD_SUFFIX)
                node[key] = file_href(present) + (f"#{page}" if keep else "")
        elif isinstance(value, dict | list):
            _stand_ins(value, files)
