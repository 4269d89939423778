"""Reading the secretariat's spreadsheets (expert list, site inspections) by their header row."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


class ScoringError(Exception):
    """The scoring round cannot go on; the message is Chinese."""


def open_book(path: Path, what: str, read_only: bool = True):
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise ScoringError(f"无法读取{what} {path.name}：不是有效的 Excel 工作簿（{type(exc).__name__}）") from exc


def header_rows(path: Path, required: tuple[str, ...], what: str) -> tuple[list[str], list[list[str]]]:
    """The first sheet's header row (the first row holding one of `required`) and the rows below."""
    book = open_book(path, what)
    rows = [[_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    for n, row in enumerate(rows):
        if any(h in row for h in required):
            return row, rows[n + 1:]
    raise ScoringError(f"{what} {path.name} 中没有找到表头行（应含“{'/'.join(required)}”）")


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    return str(value).strip()
