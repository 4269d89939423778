"""Reader for OLE2 files: legacy Word/WPS via LibreOffice, Excel/ET via xlrd."""

from __future__ import annotations

import tempfile
from pathlib import Path

import xlrd

from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table
from .docx import read_docx
from .errors import ReadFailure
from .legacy import convert, ole2_subtype
from .xlsx import cell_text, read_xlsx

_MAX_ROWS = 20000
_MAX_COLS = 200


def read_ole2(entry: FileEntry) -> ReadDocument:
    subtype = ole2_subtype(entry.disk_path)
    if subtype == "encrypted":
        raise ReadFailure("文件已加密（需要密码才能打开），请提交未加密的版本")
    if subtype == "broken":
        raise ReadFailure("旧版 Office/WPS 文件已损坏，无法打开，请重新保存后提交")
    if subtype == "excel":
        try:
            return read_xls(entry)
        except xlrd.XLRDError:
            return _converted(entry, "xls", "xlsx")
    if subtype == "word":
        return _converted(entry, "doc", "docx")
    raise ReadFailure("无法识别的旧版 Office 文件（可能是演示文稿等），请提交 PDF 版本")


def _converted(entry: FileEntry, source_ext: str, target_ext: str) -> ReadDocument:
    with tempfile.TemporaryDirectory(prefix="nx-prescreen-conv-") as tmp:
        target = convert(entry.disk_path, source_ext, target_ext, Path(tmp))
        proxy = entry.model_copy(update={"disk_path": target, "size": target.stat().st_size})
        doc = read_docx(proxy) if target_ext == "docx" else read_xlsx(proxy)
    doc.converted_from = source_ext
    return doc


def read_xls(entry: FileEntry) -> ReadDocument:
    try:
        book = xlrd.open_workbook(str(entry.disk_path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError:
        raise
    except Exception as exc:  # xlrd raises assorted errors on damaged streams
        raise xlrd.XLRDError(str(exc)) from exc
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.xlsx, converted_from="xls")
    try:
        for index in range(book.nsheets):
            doc.tables.append(_sheet_table(book, book.sheet_by_index(index), index + 1))
    finally:
        book.release_resources()
    return doc


def _sheet_table(book, sheet, index: int) -> Table:
    fill: dict[tuple[int, int], object] = {}
    for r0, r1, c0, c1 in sheet.merged_cells:
        top_left = _value(book, sheet, r0, c0)
        for r in range(r0, min(r1, _MAX_ROWS)):
            for c in range(c0, min(c1, _MAX_COLS)):
                fill[(r, c)] = top_left
    rows: list[list[Cell]] = []
    for r in range(min(sheet.nrows, _MAX_ROWS)):
        cells = [
            Cell(
                text=cell_text(fill.get((r, c), _value(book, sheet, r, c))),
                loc=Location(sheet=sheet.name, cell=f"{xlrd.formula.colname(c)}{r + 1}"),
            )
            for c in range(min(sheet.ncols, _MAX_COLS))
        ]
        if any(cell.text for cell in cells):
            rows.append(cells)
    return Table(index=index, sheet=sheet.name, rows=rows)


def _value(book, sheet, r: int, c: int):
    cell = sheet.cell(r, c)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    return cell.value
