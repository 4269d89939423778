"""reportlab helpers: the built-in CID font (real Chinese text layer), styles, ruled tables."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22)
PLAIN = ParagraphStyle("plain", parent=BODY, firstLineIndent=0)
TITLE = ParagraphStyle("title", parent=PLAIN, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=12)
HEADING = ParagraphStyle("heading", parent=PLAIN, fontSize=13, leading=22, spaceBefore=8, spaceAfter=4)
CENTER = ParagraphStyle("center", parent=PLAIN, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", parent=PLAIN, alignment=TA_RIGHT)
CELL = ParagraphStyle("cell", parent=PLAIN, fontSize=9.5, leading=13)
CELL_R = ParagraphStyle("cell_r", parent=CELL, alignment=TA_RIGHT)

Story = list


def title(text: str) -> Paragraph:
    return Paragraph(text, TITLE)


def heading(text: str) -> Paragraph:
    return Paragraph(text, HEADING)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


def gap(height_mm: float = 6) -> Spacer:
    return Spacer(1, height_mm * mm)


def page_break() -> PageBreak:
    return PageBreak()


def ruled_table(rows: list[list[str]], widths_mm: list[float], header_rows: int = 1,
                right_align_from: int | None = None, repeat_header: bool = True) -> Table:
    """A fully ruled table (pdfplumber extracts these exactly); cells wrap as Paragraphs."""
    def cell_style(i: int, j: int) -> ParagraphStyle:
        numeric = right_align_from is not None and j >= right_align_from and i >= header_rows
        return CELL_R if numeric else CELL

    data = [[Paragraph(str(c), cell_style(i, j)) for j, c in enumerate(row)] for i, row in enumerate(rows)]
    tbl = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=header_rows if repeat_header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.whitesmoke) if header_rows else None,
    ]
    tbl.setStyle(TableStyle([s for s in style if s]))
    return tbl


def kv_table(pairs: list[tuple[str, str]], widths_mm: tuple[float, float] = (40, 120)) -> Table:
    return ruled_table([[k, v] for k, v in pairs], list(widths_mm), header_rows=0)


def render(story: Story, doc_title: str, author: str = "") -> bytes:
    """Render a story to PDF bytes; ``invariant`` makes the output byte-identical across runs."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, title=doc_title, author=author,
                            leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm, bottomMargin=20 * mm)
    doc.build(story)
    return buf.getvalue()
