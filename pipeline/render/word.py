"""Render the two Word documents from the docxtpl templates under templates/."""

from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate, RichText

from .config import TEMPLATES_DIR, settings


def render_docx(template: str, context: dict, target: Path) -> None:
    """Fill `templates/<template>` with `context` (autoescaped) and save it to `target`."""
    doc = DocxTemplate(str(TEMPLATES_DIR / template))
    doc.render(context, autoescape=True)
    doc.save(str(target))


def dossier_docx_context(context: dict) -> dict:
    """The dossier view plus the coloured RichText runs the .docx template uses."""
    rules = [
        {**rule, "outcome_rt": RichText(rule["outcome"], color=rule["colour"], bold=True)} for rule in context["rules"]
    ]
    colour = settings().decision_text_colours.get(context["decision_code"], "000000")
    decision_rt = RichText(context["decision"], bold=True, color=colour)
    return {**context, "rules": rules, "decision_rt": decision_rt}
