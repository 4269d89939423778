"""Excel (.xlsx) reader: every sheet as a table of strings, merged ranges filled in."""

from __future__ import annotations

import datetime as dt
import zipfile

from ..imports import without
from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table
from .errors import ReadFailure
from .normalize import normalize_text

# openpyxl imports numpy (~0.05 s of the ~0.14 s openpyxl costs a worker) only to accept
# numpy numbers as cell values when writing a workbook; this reader never writes one.
with without("numpy"):
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

MAX_ROWS = 20000  # a list longer than this is not an application list; stop reading
MAX_COLS = 200  # a declared sheet dimension can be forged to a million cells
MAX_MERGED = 2000


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
    merged = [
        (m.min_row, m.max_row, m.min_col, m.max_col, sheet.cell(m.min_row, m.min_col).value)
        for m in list(sheet.merged_cells.ranges)[:MAX_MERGED]
    ]
    rows: list[list[Cell]] = []
    rows_iter = sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), max_col=min(sheet.max_column, MAX_COLS))
    for r, row in enumerate(rows_iter, start=1):
        cells = []
        for c, cell in enumerate(row, start=1):
            value = next((v for r0, r1, c0, c1, v in merged if r0 <= r <= r1 and c0 <= c <= c1), cell.value)
            ref = f"{get_column_letter(c)}{r}"
            cells.append(Cell(text=cell_text(value), loc=Location(sheet=sheet.title, cell=ref)))
        if any(cell.text for cell in cells):
            rows.append(cells)
    return Table(index=index, sheet=sheet.title, rows=rows)
