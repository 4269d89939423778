"""A year's assessment results from a spreadsheet (考核结果.xlsx)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from .api import Grade
from .db import RegistryError

TARGET_HEADERS = ("申报编号", "统一社会信用代码", "单位名称", "运营单位")


def read_grades(path: Path) -> list[Grade]:
    """Rows under a header row with 考核等级 and one of TARGET_HEADERS (说明 optional)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise RegistryError(f"无法读取考核结果表 {path}：{type(exc).__name__}") from exc
    rows = [[("" if v is None else str(v).strip()) for v in row] for row in book.active.iter_rows(values_only=True)]
    book.close()
    for n, row in enumerate(rows):
        if "考核等级" in row and any(h in row for h in TARGET_HEADERS):
            grade_col = row.index("考核等级")
            target_col = next(row.index(h) for h in TARGET_HEADERS if h in row)
            note_col = row.index("说明") if "说明" in row else None
            out = []
            for line in rows[n + 1:]:
                if len(line) <= max(grade_col, target_col) or not line[target_col]:
                    continue
                note = line[note_col] if note_col is not None and note_col < len(line) else ""
                out.append(Grade(target=line[target_col], grade=line[grade_col], note=note))
            return out
    raise RegistryError(f"考核结果表 {path} 中没有含“考核等级”和“{'/'.join(TARGET_HEADERS)}”的表头行")
