"""summary.xlsx: applications, deficient materials and rule results, one sheet each.

Written with XlsxWriter, which streams rows and shares one format object per style:
about three times faster than building the workbook cell by cell in openpyxl, which
matters on a re-run where only the overview has to be made again.
"""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter
from lxml import etree

from ...models import ApplicationResult, MaterialStatus
from ...privacy.mask import mask_personal as mask
from ...reference import material_catalog
from ..common.config import labels, settings
from ..common.formatting import fmt_rule_value
from ..common.ooxml import PARSER, Package, write_zip, xml_bytes
from ..common.texts import material_order, rule_title
from ..common.wording import for_people, unclaimed, wording

# Control characters an XML cell cannot hold (the same set openpyxl refuses).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
HEADER = {"bold": True, "bg_color": "#D9E1F2", "pattern": 1, "valign": "vcenter", "text_wrap": True}
WRAP = {"text_wrap": True, "valign": "top"}
LINK = {**WRAP, "font_color": "#0563C1", "underline": 1}

APP_COLUMNS = [
    ("申报编号", 28),
    ("申报单位", 30),
    ("平台名称", 30),
    ("所在市", 10),
    ("所在县（区）", 12),
    ("单位性质", 14),
    ("初审结论", 12),
    ("缺失材料", 40),
    ("未通过规则", 36),
    ("放宽规则", 36),
    ("需复核事项", 40),
    ("不一致", 40),
    ("待复核数", 10),
    ("待人工复核事项", 40),
    ("评审材料（网页）", 12),
    ("评审材料（Word）", 12),
    ("评审材料（PDF）", 12),
    ("补正通知（Word）", 12),
    ("补正通知（PDF）", 12),
]
MATERIAL_COLUMNS = [
    ("申报编号", 28),
    ("申报单位", 30),
    ("材料", 40),
    ("条款", 18),
    ("状态", 10),
    ("已发现的文件", 36),
    ("说明", 40),
    ("应补正内容", 60),
]
RULE_COLUMNS = [
    ("申报编号", 28),
    ("申报单位", 30),
    ("核验事项", 30),
    ("条款", 18),
    ("实际情况", 24),
    ("标准", 20),
    ("结论", 18),
    ("说明", 50),
    ("放宽依据", 40),
]


def _safe(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


class _Book:
    """The workbook and its formats, one per distinct style."""

    def __init__(self, target: Path):
        self.wb = xlsxwriter.Workbook(str(target), {"strings_to_urls": False, "strings_to_formulas": False})
        self._formats: dict[tuple, object] = {}

    def fmt(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def sheet(self, title: str, columns: list[tuple[str, int]], rows: list[list[object]], styles=None):
        """A sheet with a styled header, wrapped cells, frozen first row and column and a filter.

        `styles(row_index, col_index, value)` may name a format (a dict) for a cell."""
        ws = self.wb.add_worksheet(title)
        header = self.fmt(**HEADER)
        for c, (name, width) in enumerate(columns):
            ws.write_string(0, c, name, header)
            ws.set_column(c, c, width)
        wrap = self.fmt(**WRAP)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row):
                style = styles(r, c, value) if styles else None
                cell_format = self.fmt(**style) if style else wrap
                value = _safe(value)
                if isinstance(value, str):
                    ws.write_string(r, c, value, cell_format)  # applicant text is never a formula or link
                elif value is None:
                    ws.write_blank(r, c, None, cell_format)
                else:
                    ws.write(r, c, value, cell_format)
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        # Printed as the secretariat reads it: A4 landscape, all columns on the page width,
        # the header row on every page.
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        return ws

    def close(self) -> None:
        self.wb.close()


def _applications(book: _Book, rows: list[dict]) -> None:
    data = [
        [
            r["id"],
            r["unit"],
            r["platform"],
            r["city"],
            r["county"],
            r["nature"],
            r["decision"],
            "\n".join(r["missing"]),
            "\n".join(r["failed"]),
            "\n".join(r["relaxed"]),
            "\n".join(r["flags"]),
            "\n".join(r["inconsistencies"]),
            r["open_count"],
            "\n".join(r["open"]),
            "打开",
            "打开",
            "打开" if r.get("dossier_pdf") else "",
            "打开",
            "打开" if r.get("checklist_pdf") else "",
        ]
        for r in rows
    ]
    # Column → the application's file it opens; the PDF copies only when they exist and are current.
    links = {0: "dossier.html", 14: "dossier.html", 15: "dossier.docx", 16: "dossier.pdf", 17: "checklist.docx", 18: "checklist.pdf"}

    def style(r: int, c: int, _value) -> dict | None:
        if c in links:
            return LINK
        if c == 6:
            return {**WRAP, "bg_color": f"#{rows[r - 1]['colour']}", "pattern": 1}
        return None

    ws = book.sheet("申报汇总", APP_COLUMNS, data, style)
    link = book.fmt(**LINK)
    for r, row in enumerate(rows, 1):
        for c, name in links.items():
            if not data[r - 1][c]:
                continue
            # A relative link to a file of the output folder. XlsxWriter escapes spaces and keeps
            # Chinese as written; "#" would start an anchor and "%" an escape, so those two are escaped here.
            path = (row["folder"] + name).replace("%", "%25").replace("#", "%23")
            ws.write_url(r, c, "external:" + path, link, _safe(data[r - 1][c]))


def _materials(results: list[ApplicationResult], units: dict[str, str]) -> list[list[object]]:
    catalog = material_catalog()
    out = []
    for result in results:
        for material in material_order():
            entry = result.materials.get(material)
            status = entry.status if entry else MaterialStatus.missing
            if status == MaterialStatus.present:
                continue
            spec = catalog.spec(material)
            parts = [
                f"{catalog.part_name(p)}：{labels().of('material_status', s)}"
                for p, s in ((entry.parts or {}).items() if entry else [])
                if s != MaterialStatus.present
            ]
            out.append(
                [
                    result.applicant_id,
                    units[result.applicant_id],
                    spec.name,
                    spec.article,
                    labels().of("material_status", status),
                    "\n".join(for_people(f) for f in entry.files) if entry else "",
                    "\n".join(parts + [mask(for_people(n)) for n in (entry.notes if entry else [])]),
                    spec.supply,
                ]
            )
    return out


def _rules(results: list[ApplicationResult], units: dict[str, str]) -> list[list[object]]:
    return [
        [
            result.applicant_id,
            units[result.applicant_id],
            rule_title(rule.id, rule.title),
            rule.article,
            mask(fmt_rule_value(rule.id, rule.observed)) if rule.observed is not None else "",
            fmt_rule_value(rule.id, rule.threshold) if rule.threshold is not None else "",
            wording().unclaimed_outcome if unclaimed(result, rule) else labels().of("outcome", rule.outcome),
            wording().unclaimed_note if unclaimed(result, rule) else mask(for_people(rule.note)),
            mask(for_people(rule.relaxation or "")),
        ]
        for result in results
        for rule in result.rules
    ]


def write_summary(results: list[ApplicationResult], rows: list[dict], target: Path) -> None:
    """Write summary.xlsx; `rows` are batch.app_row() of `results`, in the same order."""
    units = {r["id"]: r["unit"] for r in rows}
    book = _Book(target)
    _applications(book, rows)
    book.sheet("材料缺失明细", MATERIAL_COLUMNS, _materials(results, units))
    colours = settings().outcome_colours
    codes = {labels().of("outcome", k): v for k, v in colours.items()}

    def outcome(_r: int, c: int, value) -> dict | None:
        if c == 6 and value in codes:
            return {**WRAP, "bold": True, "font_color": f"#{codes[value]}"}
        return None

    book.sheet("规则核验明细", RULE_COLUMNS, _rules(results, units), outcome)
    book.close()
    portable_links(target)


_SHEET_RELS = "xl/worksheets/_rels/"


def portable_links(target: Path) -> None:
    """Write relative links with forward slashes. XlsxWriter writes them the Windows way
    (applicants\\x\\dossier.html), which Excel and WPS follow but LibreOffice on Linux
    and macOS does not; a link with forward slashes opens everywhere."""
    with Package(target) as package:
        members = [
            member.with_content(_forward_slashes(package.read(member.name)))
            if member.name.startswith(_SHEET_RELS)
            else member
            for member in package.members()
        ]
    write_zip(target, members)


def _forward_slashes(rels: bytes) -> bytes:
    tree = etree.ElementTree(etree.fromstring(rels, PARSER))
    for relationship in tree.getroot():
        if relationship.get("TargetMode") == "External":
            relationship.set("Target", relationship.get("Target", "").replace("\\", "/"))
    return xml_bytes(tree)
