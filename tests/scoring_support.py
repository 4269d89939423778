"""Filling expert workbooks as an expert would: typing into the open cells and saving."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from pipeline.render.common.config import scoring
from pipeline.scoring.layout import FIRST_ROW, META_SHEET, SCORE_COL, declaration_row
from tests.conftest import make_xlsx

NO_CONFLICT, CONFLICT = scoring().conflict_choices


def sheets_of(path: Path) -> dict[str, str]:
    """applicant id → sheet title, from the workbook's hidden sheet."""
    book = openpyxl.load_workbook(path)
    meta = {str(r[0]): str(r[1]) for r in book[META_SHEET].iter_rows(values_only=True)}
    return {v: k for k, v in meta.items() if k.startswith("申报")}


def fill(path: Path, marks: dict[str, list | str], save_as: Path | None = None) -> Path:
    """marks: applicant id → the item scores (None leaves an item empty), or CONFLICT."""
    book = openpyxl.load_workbook(path)
    titles = sheets_of(path)
    answer_row = declaration_row(scoring())
    for applicant_id, given in marks.items():
        sheet = book[titles[applicant_id]]
        if given == CONFLICT:
            sheet.cell(row=answer_row, column=2, value=CONFLICT)
            continue
        for n, value in enumerate(given):
            sheet.cell(row=FIRST_ROW + n, column=SCORE_COL, value=value)
        sheet.cell(row=answer_row, column=2, value=NO_CONFLICT)
    target = save_as or path
    book.save(target)
    return target


def even_marks(total: float) -> list[float]:
    """Item scores that add up to `total` points of 100, each item in proportion to its maximum."""
    return [round(c.max_score * total / 100, 1) for c in scoring().criteria]


def expert_list(path: Path, names: list[str], assigned: dict[str, list[str]] | None = None) -> Path:
    assigned = assigned or {}
    rows = [["序号", "姓名", "工作单位", "联系电话", "评审申报"]]
    for n, name in enumerate(names, 1):
        rows.append([n, name, "宁夏大学", "13995112233", "、".join(assigned.get(name, []))])
    return make_xlsx(path, rows, title="专家名单")
