"""One scoring workbook per expert (openpyxl): an instruction sheet, one sheet per assigned
application with the criteria of scoring.yaml, locked labels and formulas, score cells
that accept only 0–max, and the conflict-of-interest declaration to choose."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..models import ApplicationResult, Decision
from ..privacy.mask import mask_personal
from ..render.common.config import Scoring, scoring
from .layout import (
    FIRST_ROW,
    FORMAT,
    HEADERS,
    INTRO_SHEET,
    META_SHEET,
    SCORE_COL,
    criteria_digest,
    declaration_row,
    safe_file_part,
    sheet_name,
    total_row,
)
from .models import Assignment, Expert
from .sheets import ScoringError

ASSIGNMENT_FILE = "分配.json"
INSPECTION_FILE = "实地考察.xlsx"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OPEN = Protection(locked=False)


def scored(results: list[ApplicationResult], cfg: Scoring | None = None) -> list[ApplicationResult]:
    """The applications that go to the experts (by pre-screen decision, scoring.yaml)."""
    decisions = {Decision(d) for d in (cfg or scoring()).scored_decisions}
    return [r for r in results if r.decision in decisions]


def assignments(results: list[ApplicationResult], experts: list[Expert]) -> dict[str, list[ApplicationResult]]:
    by_id = {r.applicant_id: r for r in results}
    default = scored(results)
    out = {}
    for expert in experts:
        unknown = [a for a in expert.assigned if a not in by_id]
        if unknown:
            raise ScoringError(f"专家“{expert.name}”分配的申报不在预审结果中：{'、'.join(unknown)}")
        out[expert.name] = [by_id[a] for a in expert.assigned] if expert.assigned else default
        if not out[expert.name]:
            raise ScoringError(f"专家“{expert.name}”没有可评审的申报")
    return out


def write_workbooks(results: list[ApplicationResult], experts: list[Expert], folder: Path) -> Assignment:
    cfg = scoring()
    chosen = assignments(results, experts)
    folder.mkdir(parents=True, exist_ok=True)
    as_of = results[0].as_of
    files = {}
    for expert in experts:
        name = f"评分表-{safe_file_part(expert.name)}.xlsx"
        _workbook(expert, chosen[expert.name], cfg, as_of.isoformat()).save(folder / name)
        files[expert.name] = name
    assignment = Assignment(
        as_of=as_of,
        criteria_digest=criteria_digest(cfg),
        experts={e: [r.applicant_id for r in apps] for e, apps in chosen.items()},
        files=files,
    )
    (folder / ASSIGNMENT_FILE).write_text(assignment.model_dump_json(indent=2), encoding="utf-8")
    _inspection_sheet(sorted({r.applicant_id: r for apps in chosen.values() for r in apps}.values(),
                             key=lambda r: r.applicant_id), cfg).save(folder / INSPECTION_FILE)
    return assignment


def _text(result: ApplicationResult, fid: str) -> str:
    value = result.value(fid)
    return mask_personal(str(value)) if value else ""


def _workbook(expert: Expert, apps: list[ApplicationResult], cfg: Scoring, as_of: str) -> Workbook:
    book = Workbook()
    intro = book.active
    intro.title = INTRO_SHEET
    intro["A1"] = cfg.workbook_title
    intro["A1"].font = Font(bold=True, size=14)
    intro["A3"], intro["B3"] = "评审专家", expert.name
    intro["A4"], intro["B4"] = "工作单位", expert.organisation
    intro["A5"], intro["B5"] = "评审申报数", len(apps)
    for n, line in enumerate(cfg.workbook_intro, 7):
        intro.cell(row=n, column=1, value=line).alignment = Alignment(wrap_text=True)
        intro.merge_cells(start_row=n, start_column=1, end_row=n, end_column=6)
        intro.row_dimensions[n].height = 36
    intro.column_dimensions["A"].width = 14
    intro.column_dimensions["B"].width = 40
    intro.protection.sheet = True
    meta = book.create_sheet(META_SHEET)
    for row in (("format", FORMAT), ("expert", expert.name), ("as_of", as_of), ("criteria", criteria_digest(cfg))):
        meta.append(row)
    for n, result in enumerate(apps, 1):
        sheet = book.create_sheet(sheet_name(n))
        meta.append((sheet.title, result.applicant_id))
        _application_sheet(sheet, expert, result, cfg)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    return book


def _application_sheet(sheet: Worksheet, expert: Expert, result: ApplicationResult, cfg: Scoring) -> None:
    sheet["A1"] = cfg.workbook_title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:H1")
    for row, (label, value) in enumerate(
        (("评审专家", expert.name), ("申报编号", mask_personal(result.applicant_id)), ("申报单位", _text(result, "unit_name")),
         ("平台名称", _text(result, "platform_name")), ("所在市县", _text(result, "city") + _text(result, "county"))),
        2,
    ):
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=value)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
    for col, head in enumerate(HEADERS, 1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=col, value=head)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BOX
    for n, c in enumerate(cfg.criteria):
        row = FIRST_ROW + n
        values = (n + 1, c.article, c.item, c.points, c.max_score, c.weight)
        for col, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.border, cell.alignment = BOX, Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * max(1, -(-len(c.points) // 24))  # Excel does not grow merged/wrapped rows
        for col in (SCORE_COL, SCORE_COL + 1):
            cell = sheet.cell(row=row, column=col)
            cell.protection, cell.fill, cell.border = OPEN, INPUT_FILL, BOX
        check = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=str(c.max_score), allow_blank=True,
            showErrorMessage=True, errorTitle="得分超出范围", error=f"本项得分应在 0 至 {c.max_score:g} 之间",
        )
        sheet.add_data_validation(check)
        check.add(sheet.cell(row=row, column=SCORE_COL))
    last = total_row(cfg)
    first_ref, last_ref = f"G{FIRST_ROW}", f"G{last - 1}"
    sheet.cell(row=last, column=3, value="合计").font = Font(bold=True)
    sheet.cell(row=last, column=5, value=f"=SUMPRODUCT(E{FIRST_ROW}:E{last - 1},F{FIRST_ROW}:F{last - 1})")
    sheet.cell(row=last, column=SCORE_COL, value=f"=SUMPRODUCT({first_ref}:{last_ref},F{FIRST_ROW}:F{last - 1})")
    sheet.cell(row=last, column=SCORE_COL).font = Font(bold=True)
    declare = declaration_row(cfg)
    sheet.cell(row=declare - 1, column=1, value="利益冲突声明").font = Font(bold=True)
    sheet.cell(row=declare - 1, column=2, value=cfg.declaration).alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=declare - 1, start_column=2, end_row=declare - 1, end_column=8)
    sheet.row_dimensions[declare - 1].height = 15 * max(2, -(-len(cfg.declaration) // 60))
    sheet.cell(row=declare, column=1, value="本人选择").font = Font(bold=True)
    answer = sheet.cell(row=declare, column=2)
    answer.protection, answer.fill, answer.border = OPEN, INPUT_FILL, BOX
    choices = DataValidation(type="list", formula1='"' + ",".join(cfg.conflict_choices) + '"', allow_blank=True,
                             showErrorMessage=True, error="请从下拉列表中选择")
    sheet.add_data_validation(choices)
    choices.add(answer)
    sheet.merge_cells(start_row=declare, start_column=2, end_row=declare, end_column=4)
    sheet.cell(row=declare + 1, column=1, value="专家签名").font = Font(bold=True)
    sheet.cell(row=declare + 1, column=5, value="日期").font = Font(bold=True)
    for col in (2, 6):
        cell = sheet.cell(row=declare + 1, column=col)
        cell.protection, cell.fill, cell.border = OPEN, INPUT_FILL, BOX
    for col, width in zip("ABCDEFGH", (8, 16, 20, 44, 7, 7, 9, 22), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"  # printed for signing: one page wide
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection.sheet = True


def _inspection_sheet(apps: list[ApplicationResult], cfg: Scoring) -> Workbook:
    """The form for the site inspections (实地考察, Art. 12): one row per application to score."""
    book = Workbook()
    sheet = book.active
    sheet.title = "实地考察"
    sheet.append(["申报编号", "申报单位", "平台名称", "考察结果", "考察日期", "说明"])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
    for r in apps:
        sheet.append([r.applicant_id, _text(r, "unit_name"), _text(r, "platform_name"), None, None, None])
    check = DataValidation(type="list", formula1='"' + ",".join(cfg.inspection_choices) + '"', allow_blank=True)
    sheet.add_data_validation(check)
    check.add(f"D2:D{max(2, len(apps) + 1)}")
    for col, width in zip("ABCDEF", (40, 36, 36, 10, 12, 40), strict=True):
        sheet.column_dimensions[col].width = width
    return book
