"""Expert workbooks read back and checked: every score in range, no item missing, the
declaration answered; a declared conflict excludes the expert for that application; a
workbook of an unknown expert, an application not assigned or a changed criteria list is
refused. Nothing is dropped silently: every refusal is a `Problem` in 评审汇总.xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..models import ApplicationResult
from ..render.common.config import Scoring, scoring
from .layout import FIRST_ROW, FORMAT, ITEM_COL, META_SHEET, SCORE_COL, criteria_digest, declaration_row
from .models import Assignment, Inspection, Problem, Review, SheetScore
from .sheets import ScoringError, header_rows, open_book
from .workbook import ASSIGNMENT_FILE


def load_assignment(folder: Path) -> Assignment:
    path = folder / ASSIGNMENT_FILE
    try:
        return Assignment.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScoringError(f"找不到或无法读取评分分配记录 {path}（请先运行 scores OUT --experts …）") from exc


def read_back(paths: list[Path], assignment: Assignment, results: list[ApplicationResult]) -> Review:
    cfg = scoring()
    known = {r.applicant_id for r in results}
    review = Review()
    seen: set[tuple[str, str]] = set()
    for path in sorted(paths):
        for sheet in _read_workbook(path, assignment, known, cfg, review.problems):
            key = (sheet.expert, sheet.applicant_id)
            if key in seen:
                review.problems.append(Problem(file=path.name, expert=sheet.expert, applicant_id=sheet.applicant_id,
                                               text="同一专家对同一申报交回了两份评分，后一份未采用"))
                continue
            seen.add(key)
            review.sheets.append(sheet)
    returned = {s.expert for s in review.sheets} | {p.expert for p in review.problems}
    for expert in assignment.experts:
        if expert not in returned:
            review.problems.append(Problem(file=assignment.files.get(expert, ""), expert=expert, text="该专家的评分表未交回"))
    return review


def _meta(book) -> dict[str, str] | None:
    if META_SHEET not in book.sheetnames:
        return None
    rows = {str(r[0]): str(r[1]) for r in book[META_SHEET].iter_rows(values_only=True) if r and r[0] is not None}
    return rows if rows.get("format") == FORMAT else None


def _read_workbook(
    path: Path, assignment: Assignment, known: set[str], cfg: Scoring, problems: list[Problem]
) -> list[SheetScore]:
    try:
        book = open_book(path, "评分表", read_only=False)
    except ScoringError as exc:
        problems.append(Problem(file=path.name, text=str(exc)))
        return []
    meta = _meta(book)
    if meta is None:
        problems.append(Problem(file=path.name, text="不是本工具生成的专家评分表（缺少标识信息），未采用"))
        return []
    expert = meta.get("expert", "")
    if expert not in assignment.experts:
        problems.append(Problem(file=path.name, expert=expert, text=f"专家“{expert}”不在本轮评审的专家名单中，未采用"))
        return []
    if meta.get("criteria") != criteria_digest(cfg) or meta.get("as_of") != assignment.as_of.isoformat():
        problems.append(Problem(file=path.name, expert=expert,
                                text="评分表与本轮的评审项目或预审批次不一致（评分表生成后 scoring.yaml 或预审结果有变化），未采用"))
        return []
    out = []
    for sheet_title, applicant_id in meta.items():
        if sheet_title in ("format", "expert", "as_of", "criteria"):
            continue
        if applicant_id not in known or applicant_id not in assignment.experts[expert]:
            problems.append(Problem(file=path.name, expert=expert, applicant_id=applicant_id,
                                    text="该申报不在预审结果中或未分配给该专家，未采用"))
            continue
        if sheet_title not in book.sheetnames:
            problems.append(Problem(file=path.name, expert=expert, applicant_id=applicant_id,
                                    text=f"缺少工作表“{sheet_title}”"))
            continue
        out.append(_read_sheet(book[sheet_title], path.name, expert, applicant_id, cfg, problems))
    return out


def _read_sheet(sheet, file: str, expert: str, applicant_id: str, cfg: Scoring, problems: list[Problem]) -> SheetScore:
    result = SheetScore(expert=expert, applicant_id=applicant_id, file=file)

    def problem(text: str) -> None:
        problems.append(Problem(file=file, expert=expert, applicant_id=applicant_id, text=f"{sheet.title}：{text}"))

    answer = str(sheet.cell(row=declaration_row(cfg), column=2).value or "").strip()
    if answer not in cfg.conflict_choices:
        problem("未选择利益冲突声明，评分未采用" if not answer else f"利益冲突声明“{answer}”无效，评分未采用")
        return result
    if answer != cfg.conflict_choices[0]:
        result.conflict = True  # excluded for this application; not a problem of the workbook
        return result
    missing, wrong = [], []
    total = 0.0
    for n, criterion in enumerate(cfg.criteria):
        row = FIRST_ROW + n
        if str(sheet.cell(row=row, column=ITEM_COL).value or "") != criterion.item:
            problem(f"第{row}行的评审项目被改动（应为“{criterion.item}”），评分未采用")
            return result
        value = sheet.cell(row=row, column=SCORE_COL).value
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(criterion.item)
            continue
        try:
            score = float(str(value).strip())
        except ValueError:
            wrong.append(f"{criterion.item}（“{value}”不是数字）")
            continue
        if not 0 <= score <= criterion.max_score:
            wrong.append(f"{criterion.item}（{score:g} 分，应在 0 至 {criterion.max_score:g} 之间）")
            continue
        result.items[criterion.item] = score
        total += score * criterion.weight
    if missing:
        problem(f"缺少得分：{'、'.join(missing)}，评分未采用")
    if wrong:
        problem(f"得分超出范围或无效：{'；'.join(wrong)}，评分未采用")
    if not missing and not wrong:
        result.total = round(total, 2)
        result.valid = True
    return result


def read_inspections(path: Path, known: set[str], problems: list[Problem]) -> dict[str, Inspection]:
    """实地考察.xlsx: 申报编号, 考察结果 (通过/不通过), 考察日期, 说明; rows without a result are skipped."""
    cfg = scoring()
    header, rows = header_rows(path, ("考察结果",), "实地考察表")
    if "申报编号" not in header:
        raise ScoringError(f"实地考察表 {path.name} 的表头中没有“申报编号”")
    cols = {name: header.index(name) if name in header else None for name in ("申报编号", "考察结果", "考察日期", "说明")}

    def cell(row: list[str], name: str) -> str:
        col = cols[name]
        return row[col] if col is not None and col < len(row) else ""

    out: dict[str, Inspection] = {}
    for row in rows:
        applicant_id, outcome = cell(row, "申报编号"), cell(row, "考察结果")
        if not applicant_id or not outcome:
            continue
        if applicant_id not in known:
            problems.append(Problem(file=path.name, applicant_id=applicant_id, text="实地考察表中的申报编号不在预审结果中"))
            continue
        if outcome not in cfg.inspection_choices:
            problems.append(Problem(file=path.name, applicant_id=applicant_id,
                                    text=f"考察结果“{outcome}”无效，应为：{'、'.join(cfg.inspection_choices)}"))
            continue
        day = None
        if cell(row, "考察日期"):
            try:
                day = date.fromisoformat(cell(row, "考察日期")[:10])
            except ValueError:
                problems.append(Problem(file=path.name, applicant_id=applicant_id,
                                        text=f"考察日期“{cell(row, '考察日期')}”应写作 YYYY-MM-DD"))
        out[applicant_id] = Inspection(applicant_id=applicant_id, passed=outcome == cfg.inspection_choices[0],
                                       inspected_on=day, note=cell(row, "说明"))
    return out
