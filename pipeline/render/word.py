"""Render the two Word documents from the docxtpl templates under templates/."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate, RichText

from .config import TEMPLATES_DIR, settings

TABLE_FONT, HEADER_FONT, TABLE_PT = "仿宋", "黑体", 9


def _font(run, name: str) -> None:
    run.font.name = name
    run.font.size = Pt(TABLE_PT)
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _list_table(doc: DocxTemplate, columns: list[str], rows: list[list[str]]):
    """A staff / client / equipment list as a real Word table (a docxtpl sub-document)."""
    sub = doc.new_subdoc()
    width = max([len(columns)] + [len(r) for r in rows] + [1])
    table = sub.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for n, values in enumerate([columns, *rows] if columns else rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, [*values, *[""] * (width - len(values))], strict=True):
            para = cell.paragraphs[0]
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            run = para.add_run(str(value))
            _font(run, HEADER_FONT if (n == 0 and columns) else TABLE_FONT)
    return sub


def render_docx(template: str, context: dict, target: Path, build=None) -> None:
    """Fill `templates/<template>` with `context` (autoescaped) and save it to `target`.

    `build(doc, context)` may add document-bound objects (sub-documents) to the context.
    """
    doc = DocxTemplate(str(TEMPLATES_DIR / template))
    if build is not None:
        context = build(doc, context)
    doc.render(context, autoescape=True)
    doc.save(str(target))


def dossier_docx_context(context: dict):
    """A builder adding the coloured RichText runs and the list tables the .docx dossier uses."""

    def build(doc: DocxTemplate, _: dict) -> dict:
        rules = [
            {**rule, "outcome_rt": RichText(rule["outcome"], color=rule["colour"], bold=True)}
            for rule in context["rules"]
        ]
        lists = [{**item, "table": _list_table(doc, item["columns"], item["rows"])} for item in context["lists"]]
        colour = settings().decision_text_colours.get(context["decision_code"], "000000")
        decision_rt = RichText(context["decision"], bold=True, color=colour, size=28)
        return {**context, "rules": rules, "lists": lists, "decision_rt": decision_rt}

    return build
