"""Small python-docx helpers shared by the .docx builders."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from samplegen.det import repack

FIXED_DT = datetime(2026, 4, 20, 9, 0, 0)


def new_document(title: str, author: str = "申报单位") -> DocxDocument:
    doc = Document()
    props = doc.core_properties
    props.created = props.modified = props.last_printed = FIXED_DT
    props.author = props.last_modified_by = author
    props.title = title
    props.revision = 1
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = doc.styles[style_name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), "宋体")
    doc.styles["Normal"].font.size = Pt(11)
    return doc


def centered(doc: DocxDocument, text: str, size: int = 12, bold: bool = False) -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def table(doc: DocxDocument, rows: list[list[str]], merge_tail: set[int] | None = None):
    """A grid table; rows in ``merge_tail`` have their cells 1..n merged into one value cell."""
    width = max(len(r) for r in rows)
    tbl = doc.add_table(rows=len(rows), cols=width)
    tbl.style = "Table Grid"
    for i, row in enumerate(rows):
        cells = tbl.rows[i].cells
        if merge_tail and i in merge_tail and width > 2:
            cells[1].merge(cells[width - 1])
            cells[0].text, cells[1].text = row[0], row[1]
            continue
        for j, text in enumerate(row):
            cells[j].text = text
    return tbl


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return repack(buf.getvalue())
