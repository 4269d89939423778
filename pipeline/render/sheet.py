"""summary.xlsx: applications, deficient materials and rule results, one sheet each."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import ApplicationResult, MaterialStatus
from ..reference import material_catalog
from .common import material_order, rule_title
from .config import labels, settings
from .formatting import fmt_rule_value
from .masking import mask_personal as mask

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
LINK_FONT = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")

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
    ("评审材料（Word）", 16),
    ("补正通知", 12),
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
    ("规则编号", 26),
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


def _sheet(ws: Worksheet, title: str, columns: list[tuple[str, int]], rows: list[list[object]]) -> None:
    ws.title = title
    ws.append([name for name, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for n, row in enumerate(rows, 2):
        ws.append([_safe(v) for v in row])
        # ws[n] would re-measure the sheet on every row (quadratic in the batch size)
        for cell in (ws.cell(row=n, column=c) for c in range(1, len(row) + 1)):
            cell.alignment = WRAP
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # applicant text is never a formula
    for n, (_, width) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def _link(ws: Worksheet, row: int, col: int, target: str) -> None:
    cell = ws.cell(row=row, column=col)
    cell.hyperlink = target
    cell.font = LINK_FONT


def _applications(ws: Worksheet, rows: list[dict]) -> None:
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
            "打开",
            "打开",
        ]
        for r in rows
    ]
    _sheet(ws, "申报汇总", APP_COLUMNS, data)
    for n, r in enumerate(rows, 2):
        _link(ws, n, 1, r["folder"] + "dossier.html")
        _link(ws, n, 13, r["folder"] + "dossier.docx")
        _link(ws, n, 14, r["folder"] + "checklist.docx")
        ws.cell(row=n, column=7).fill = PatternFill("solid", fgColor=r["colour"])


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
                    "\n".join(entry.files) if entry else "",
                    "\n".join(parts + [mask(n) for n in (entry.notes if entry else [])]),
                    spec.supply,
                ]
            )
    return out


def _rules(results: list[ApplicationResult], units: dict[str, str]) -> list[list[object]]:
    return [
        [
            result.applicant_id,
            units[result.applicant_id],
            rule.id,
            rule_title(rule.id, rule.title),
            rule.article,
            mask(fmt_rule_value(rule.id, rule.observed)) if rule.observed is not None else "",
            fmt_rule_value(rule.id, rule.threshold) if rule.threshold is not None else "",
            labels().of("outcome", rule.outcome),
            mask(rule.note),
            mask(rule.relaxation or ""),
        ]
        for result in results
        for rule in result.rules
    ]


def write_summary(results: list[ApplicationResult], rows: list[dict], target: Path) -> None:
    """Write summary.xlsx; `rows` are batch.app_row() of `results`, in the same order."""
    units = {r["id"]: r["unit"] for r in rows}
    wb = Workbook()
    _applications(wb.active, rows)
    _sheet(wb.create_sheet(), "材料缺失明细", MATERIAL_COLUMNS, _materials(results, units))
    ws = wb.create_sheet()
    _sheet(ws, "规则核验明细", RULE_COLUMNS, _rules(results, units))
    colours = settings().outcome_colours
    codes = {labels().of("outcome", k): v for k, v in colours.items()}
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        for cell in row:
            if cell.value in codes:
                cell.font = Font(bold=True, color=codes[cell.value])
    wb.save(str(target))
