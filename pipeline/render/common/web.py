"""HTML pages (dossier.html, index.html) from the jinja2 templates, autoescape on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .compiled import use_kept
from .config import TEMPLATES_DIR


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_html(template: str, context: dict, target: Path) -> None:
    html = use_kept(environment()).get_template(template).render(**context)
    target.write_text(html, encoding="utf-8")
