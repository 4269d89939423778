"""Excel (.xlsx) reader: every sheet as a table of strings, merged ranges filled in."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table
from .errors import ReadFailure
from .normalize import normalize_text

MAX_ROWS = 20000  # a list longer than this is not an application list; stop reading


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, "f").rstrip("0")
    return normalize_text(str(value))


def read_xlsx(entry: FileEntry) -> ReadDocument:
    try:
        workbook = openpyxl.load_workbook(str(entry.disk_path), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadFailure("Excel 文件已损坏或格式不正确，无法打开，请重新保存后提交") from exc
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.xlsx)
    for sheet in workbook.worksheets:
        doc.tables.append(_read_sheet(sheet, len(doc.tables) + 1))
    workbook.close()
    return doc


def _read_sheet(sheet, index: int) -> Table:
    fill: dict[tuple[int, int], object] = {}
    for merged in sheet.merged_cells.ranges:
        top_left = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                fill[(r, c)] = top_left
    rows: list[list[Cell]] = []
    for r, row in enumerate(sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS)), start=1):
        cells = []
        for c, cell in enumerate(row, start=1):
            value = fill.get((r, c), cell.value)
            ref = f"{get_column_letter(c)}{r}"
            cells.append(Cell(text=cell_text(value), loc=Location(sheet=sheet.title, cell=ref)))
        if any(cell.text for cell in cells):
            rows.append(cells)
    return Table(index=index, sheet=sheet.title, rows=rows)
