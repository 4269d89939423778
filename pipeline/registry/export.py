"""The Art. 15 public list of certified platforms: an .xlsx sheet and a self-contained page.

Only what the public database names (platform, unit, city, functions, certified on, valid
until): no credit code, no person, nothing from the applications' files. Applicant text
is escaped by the template (autoescape) and written as plain cell values in the sheet.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jinja2
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..privacy.mask import mask_personal
from ..render.common.config import labels, settings
from .api import Registry, Title
from .wording import wording

COLUMNS = ("platform", "unit", "city", "functions", "certified_on", "valid_until")
SHOWN = ("valid", "expiring")  # titles in force on the day of the list


def public_rows(registry: Registry, on: date) -> list[list[str]]:
    titles = [t for t in registry.titles() if registry.status_of(t, on) in SHOWN]
    titles.sort(key=lambda t: (t.city, t.certified_on, t.platform_name))
    return [_row(t) for t in titles]


def _row(title: Title) -> list[str]:
    functions = "、".join(labels().of("function", f) for f in title.functions)
    return [
        mask_personal(title.platform_name or title.unit_name),
        mask_personal(title.unit_name),
        title.city + (title.county if title.county and title.county != title.city else ""),
        functions,
        title.certified_on.isoformat(),
        title.valid_until.isoformat(),
    ]


def export_public_list(registry: Registry, on: date, xlsx: Path, html: Path) -> int:
    """Write both files; returns the number of platforms listed."""
    rows = public_rows(registry, on)
    words = wording()
    headers = [words.columns[c] for c in COLUMNS]
    _write_xlsx(rows, headers, xlsx)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent)), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("public_list.html.j2").render(
        title=words.export_title, intro=words.export_intro.format(on=on.isoformat()), headers=headers, rows=rows,
        department=settings().department, on=on.isoformat(),
    )
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(page, encoding="utf-8")
    return len(rows)


def _write_xlsx(rows: list[list[str]], headers: list[str], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = wording().export_sheet
    sheet.append(["序号", *headers])
    for n, row in enumerate(rows, 1):
        sheet.append([n, *row])
    fill = PatternFill("solid", fgColor="E8EEF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
    widths = [6, 36, 36, 12, 30, 12, 12]
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
