"""评审汇总.xlsx: the ranking with the proposed list, every sheet's scores, and the problems
found reading the workbooks back. `notice --from 评审汇总.xlsx` reads the proposed list."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..render.common.config import labels, scoring
from .models import Ranked, Review
from .sheets import ScoringError, header_rows

SUMMARY_FILE = "评审汇总.xlsx"
RANKING_HEADERS = ["名次", "申报编号", "申报单位", "平台名称", "所在市", "初审结论", "有效评分数", "各专家总分",
                   "回避专家", "汇总方法", "得分", "实地考察", "考察说明", "建议列入拟认定名单"]
PROPOSED_HEADER = "建议列入拟认定名单"
YES, NO = "是", "否"
HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
PROPOSED_FILL = PatternFill("solid", fgColor="C6EFCE")


def write_summary(rows: list[Ranked], review: Review, path: Path) -> None:
    cfg = scoring()
    book = Workbook()
    ranking = book.active
    ranking.title = "评审汇总"
    ranking.append(RANKING_HEADERS)
    for r in rows:
        ranking.append([
            r.rank, r.applicant_id, r.unit, r.platform, r.city, labels().of("decision", r.decision), len(r.totals),
            "、".join(f"{t:g}" for t in r.totals), "、".join(r.conflicts), r.method, r.score, r.inspection,
            r.inspection_note, YES if r.proposed else NO,
        ])
        if r.proposed:
            for cell in ranking[ranking.max_row]:
                cell.fill = PROPOSED_FILL
    ranking.append([])
    ranking.append([f"汇总口径：{cfg.aggregation.reference}；建议列入拟认定名单：有效评分不少于{cfg.min_valid_scores}份、"
                    f"得分不低于{cfg.pass_score:g}分且实地考察未判为“不通过”（可在本列修改后用于公示）。"])
    details = book.create_sheet("评分明细")
    items = [c.item for c in cfg.criteria]
    details.append(["申报编号", "专家", "文件", "利益冲突", *items, "总分", "采用"])
    for s in review.sheets:
        details.append([s.applicant_id, s.expert, s.file, "申请回避" if s.conflict else "无",
                        *[s.items.get(i) for i in items], s.total, YES if s.valid else NO])
    problems = book.create_sheet("校验问题")
    problems.append(["文件", "专家", "申报编号", "问题"])
    for p in review.problems:
        problems.append([p.file, p.expert, p.applicant_id, p.text])
    if not review.problems:
        problems.append(["", "", "", "未发现问题"])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font, cell.fill = Font(bold=True), HEAD_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            sheet.column_dimensions[col[0].column_letter].width = 16
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def proposed_ids(path: Path) -> list[str]:
    """The applicant ids marked 是 in 建议列入拟认定名单 (in the sheet's order)."""
    header, rows = header_rows(path, (PROPOSED_HEADER,), "评审汇总表")
    if "申报编号" not in header:
        raise ScoringError(f"评审汇总表 {path.name} 的表头中没有“申报编号”")
    id_col, flag_col = header.index("申报编号"), header.index(PROPOSED_HEADER)
    return [row[id_col] for row in rows if len(row) > max(id_col, flag_col) and row[flag_col] == YES and row[id_col]]
