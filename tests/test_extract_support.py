"""Builders for the extract tests: real .docx/.xlsx/.pdf files read by the real readers.

No tests here; the test_extract_* modules import these helpers.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from stdnum.cn import ric, uscc

from pipeline.models import Classified, FileEntry, FileKind, ListPart, MaterialType, ReadDocument
from pipeline.read import read_file

FONT = "STSong-Light"
VALID_USCC = "91640100MA76ABCD5D"


def valid_uscc(body17: str) -> str:
    return body17 + uscc.calc_check_digit(body17)


def valid_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def read(path: Path, kind: FileKind) -> ReadDocument:
    entry = FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=kind)
    doc = read_file(entry)
    assert doc.readable, doc.problem
    return doc


def docx_file(path: Path, parts: list) -> ReadDocument:
    """parts: str (Normal paragraph), ("Heading 1", text) or a table as a list of rows.

    A row cell of None continues the cell to its left (a horizontal merge).
    """
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif isinstance(part, tuple):
            document.add_paragraph(part[1], style=part[0])
        else:
            width = max(len(r) for r in part)
            table = document.add_table(rows=len(part), cols=width)
            for r, row in enumerate(part):
                for c, text in enumerate(row):
                    if text is not None:
                        table.cell(r, c).text = text
                for c, text in enumerate(row):
                    if text is None:
                        table.cell(r, c - 1).merge(table.cell(r, c))
    document.save(str(path))
    return read(path, FileKind.docx)


def xlsx_file(path: Path, sheets: dict[str, list[list[object]]], merge_title: bool = False) -> ReadDocument:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if merge_title and rows:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
    wb.save(str(path))
    return read(path, FileKind.xlsx)


def pdf_file(path: Path, pages: list[list[str]], tables: dict[int, list[list[str]]] | None = None) -> ReadDocument:
    """A text PDF, one list of lines per page; `tables` draws a ruled grid on a page (0-based)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), invariant=1)
    for n, lines in enumerate(pages):
        c.setFont(FONT, 10)
        y = 800
        for line in lines:
            c.drawString(40, y, line)
            y -= 16
        if tables and n in tables:
            _grid(c, tables[n], y - 10)
        c.showPage()
    c.save()
    return read(path, FileKind.pdf)


def _grid(c, rows: list[list[str]], top: float) -> None:
    widths = [170] + [110] * (max(len(r) for r in rows) - 1)
    height = 18
    x0 = 40
    for r, row in enumerate(rows):
        y = top - r * height
        x = x0
        for w, text in zip(widths, row, strict=False):
            c.rect(x, y - height, w, height)
            c.drawString(x + 3, y - 13, text)
            x += w


def classified(doc: ReadDocument, material: MaterialType, part: ListPart | None = None,
               first: int | None = None, last: int | None = None) -> Classified:
    return Classified(file=doc.file, material=material, part=part, first_page=first, last_page=last)
