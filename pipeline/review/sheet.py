"""复核清单.xlsx: the open items of an output folder as a sheet to fill in, and the filled sheet read back.

Export: one row per open item (applicant, item in Chinese, extracted value, source link,
why flagged), a drop-down list of the item's conclusions in the 结论 column (the lists sit on
a hidden sheet, so none is bound by Excel's 255-character limit on inline lists), columns
for the corrected value, the note and who, and two hidden columns that name the item and
the digests of its source files as exported (a row filled after a 补正 upload is then
recorded as stale, never applied to files the person did not see).

Import: every row is checked first; one bad row and nothing is written, with one Chinese
message per bad row. Otherwise all rows go into the store in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from ..cache import file_digest
from ..models import Resolution
from ..privacy.mask import mask_personal as mask
from ..render.common.formatting import location_text
from ..render.overview.sheet import ILLEGAL_CHARACTERS_RE, portable_links
from .folder import Folder
from .items import Item, ItemState, review_items
from .resolve import Answer, Rejected, check_digests, current_answer, index_items, resolutions_of, same_as_current
from .store import open_store
from .wording import wording

HEADER_ROW = 1  # 0-based: row 0 holds the instructions
VIA = "sheet"


class SheetError(Exception):
    """The sheet cannot be read, or some of its rows cannot be taken; the message is Chinese."""

    def __init__(self, message: str, rows: list[str] | None = None):
        super().__init__(message if not rows else "\n".join([message, *rows]))
        self.rows = rows or []


@dataclass
class Imported:
    recorded: int = 0
    skipped: int = 0  # rows without a conclusion
    same: int = 0  # rows that say what the store already holds
    stale: int = 0  # recorded, but their source files changed since the export


def _text(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _row(folder: Folder, item: Item) -> list[object]:
    source = item.sources[0] if item.sources else None
    current = item.mark if item.record is not None or item.verification is not None else ""
    return [
        item.applicant_id,
        mask(str(folder.by_id[item.applicant_id].value("unit_name") or "")),
        item.category,
        item.title,
        item.value,
        "\n".join(item.reasons),
        mask(source.file) + (f"（{location_text(source)}）" if location_text(source) else "") if source else "",
        mask(" ".join(source.excerpt.split())) if source else "",
        current,
    ]


def export_sheet(out: Path, target: Path | None = None, include_resolved: bool = False) -> tuple[Path, int, int]:
    """Write the review sheet of `out`; returns its path, the number of items and of applications."""
    folder = Folder(out)
    target = target or folder.out / wording().sheet_file
    items = [
        item
        for result in folder.results
        for item in review_items(result)
        if item.state == ItemState.open or include_resolved
    ]
    w = wording().sheet
    columns = list(w.columns.values())
    book = xlsxwriter.Workbook(str(target), {"strings_to_urls": False, "strings_to_formulas": False})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "pattern": 1, "text_wrap": True, "valign": "vcenter"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    fill = book.add_format({"text_wrap": True, "valign": "top", "bg_color": "#FFF2CC", "pattern": 1, "locked": False})
    link = book.add_format({"text_wrap": True, "valign": "top", "font_color": "#0563C1", "underline": 1})
    ws = book.add_worksheet(w.title)
    options = book.add_worksheet(w.options_title)
    ws.merge_range(0, 0, 0, len(columns) - 1, w.intro, wrap)
    ws.set_row(0, 60)
    for c, (name, width) in enumerate(columns):
        ws.write_string(HEADER_ROW, c, name, header)
        ws.set_column(c, c, width)
    names = list(w.columns)
    col = {name: i for i, name in enumerate(names)}
    lists: dict[tuple[str, ...], int] = {}
    for r, item in enumerate(items, HEADER_ROW + 1):
        for c, value in enumerate(_row(folder, item)):
            ws.write_string(r, c, _text(str(value)), wrap)
        source = item.sources[0].file if item.sources else None
        href = folder.source_link(item.applicant_id, source) if source else None
        if href:
            path = href.replace("%", "%25").replace("#", "%23")
            ws.write_url(r, col["source"], "external:" + path, link, _text(_row(folder, item)[col["source"]]))
        answer = current_answer(item)
        for name, value in zip(("conclusion", "corrected", "note", "who"), answer.model_dump().values(), strict=True):
            ws.write_string(r, col[name], _text(value), fill)
        ws.write_string(r, col["key"], item.key)
        ws.write_string(r, col["digests"], json.dumps(item.digests, ensure_ascii=False, sort_keys=True))
        labels = tuple(c.label for c in item.choices)
        if labels not in lists:
            lists[labels] = len(lists)
            for n, label in enumerate(labels):
                options.write_string(n, lists[labels], label)
        letter = xlsxwriter.utility.xl_col_to_name(lists[labels])
        ws.data_validation(r, col["conclusion"], r, col["conclusion"], {
            "validate": "list",
            "source": f"='{w.options_title}'!${letter}$1:${letter}${len(labels)}",
            "input_title": w.prompt_title,
            "input_message": w.prompt,
            "error_title": w.error_title,
            "error_message": w.error,
        })
    ws.set_column(col["key"], col["digests"], None, None, {"hidden": True})
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(items), 1), len(columns) - 1)
    options.hide()
    book.close()
    portable_links(target)
    return target, len(items), len({i.applicant_id for i in items})


# --- import --------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def read_answers(path: Path) -> tuple[list[Answer], list[str], int]:
    """The filled rows of a review sheet (answers), the messages of rows already known to be bad,
    and the number of rows left empty."""
    from ..imports import without

    with without("numpy"):  # openpyxl writes numpy numbers only; reading needs none
        import openpyxl

    w = wording()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any reason the file is no workbook: say so, in Chinese
        raise SheetError(w.message("sheet_unreadable", path=path, error=type(exc).__name__)) from exc
    try:
        if w.sheet.title not in book.sheetnames:
            raise SheetError(w.message("sheet_no_table", path=path, title=w.sheet.title))
        rows = list(book[w.sheet.title].iter_rows(values_only=True))
    finally:
        book.close()
    headers = [name for name, _ in w.sheet.columns.values()]
    if len(rows) <= HEADER_ROW or [_cell_text(v) for v in rows[HEADER_ROW][: len(headers)]] != headers:
        raise SheetError(w.message("sheet_no_table", path=path, title=w.sheet.title))
    col = {name: i for i, name in enumerate(w.sheet.columns)}
    answers, errors, empty = [], [], 0
    for n, values in enumerate(rows[HEADER_ROW + 1 :], HEADER_ROW + 2):
        cells = [_cell_text(v) for v in values] + [""] * (len(headers) - len(values))
        choice, typed, note, who = (cells[col[k]] for k in ("conclusion", "corrected", "note", "who"))
        if not choice:
            empty += 1
            if typed or note:
                errors.append(w.message("row_no_conclusion", row=n))
            continue
        try:
            digests = check_digests(n, cells[col["digests"]])
        except Rejected as exc:
            errors.append(str(exc))
            continue
        answers.append(Answer(row=n, applicant_id=cells[col["applicant"]], key=cells[col["key"]], choice=choice,
                              value_text=typed, note=note, who=who, digests=digests))
    return answers, errors, empty


def import_sheet(out: Path, path: Path, who: str | None = None) -> Imported:
    """Check every row of a filled review sheet, then record them all in one transaction."""
    folder = Folder(out)
    answers, errors, empty = read_answers(Path(path))
    if who:
        answers = [a if a.who else a.model_copy(update={"who": who}) for a in answers]
    items = index_items(folder.results)
    resolutions, more = resolutions_of(answers, items, set(folder.by_id), datetime.now().astimezone(), VIA)
    errors += more
    if errors:
        raise SheetError(wording().message("rejected", count=len(errors)), errors)
    report = Imported(skipped=empty)
    with open_store(folder.out) as store:
        current = store.current()
        new = [r for r in resolutions if not same_as_current(r, current)]
        report.same = len(resolutions) - len(new)
        if new:
            store.record(new, VIA, sheet=(Path(path).name, file_digest(Path(path))))
    report.recorded = len(new)
    report.stale = sum(1 for r in new if r.digests != items[(r.applicant_id, _key(r))].digests)
    return report



def _key(resolution: Resolution) -> str:
    return f"{resolution.kind.value}:{resolution.item}"
