"""Article 12 public notice (公示): the applications proposed for certification and the
end of the notice period, 5 working days by the statutory holiday calendar.

The library side of `python -m pipeline notice`: read a run's results.jsonl, choose the
applications (decision `passed`, or the ids the secretariat names), compute the period
with chinesecalendar (make-up working Saturdays count as working days) and write the
notice as .docx (GB/T 9704 layout) and .html.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ...models import ApplicationResult, Decision
from ...models.result import read_results_file
from ...privacy.mask import mask_personal as mask
from ..common.config import settings
from ..common.formatting import fmt_day
from ..common.web import render_html


class NoticeError(Exception):
    """The notice cannot be made; the message is Chinese."""


@dataclass
class NoticePeriod:
    start: date
    end: date
    working_days: int
    calendar_covered: bool  # False: the holiday calendar lacks a year, weekdays were counted

    @property
    def warning(self) -> str:
        if self.calendar_covered:
            return ""
        return (
            "注意：法定节假日数据（chinesecalendar）未覆盖公示期所在年份，截止日期仅按周一至周五计算，"
            "未考虑法定节假日和调休，请人工核对。"
        )


def notice_period(start: date, working_days: int | None = None) -> NoticePeriod:
    """The notice runs `working_days` working days counted from `start` (start itself counts
    when it is a working day); returns the last day of the period."""
    days = working_days or settings().notice_working_days
    try:
        end = chinese_calendar.find_workday(days - 1, start)
        return NoticePeriod(start, end, days, True)
    except NotImplementedError:
        day, counted = start, 0
        while True:
            if day.weekday() < 5:
                counted += 1
                if counted == days:
                    return NoticePeriod(start, day, days, False)
            day += timedelta(days=1)


def load_results(source: Path) -> list[ApplicationResult]:
    """Results from a results.jsonl file or a run's output folder."""
    path = source / "results.jsonl" if source.is_dir() else source
    try:
        return read_results_file(path)
    except ValueError as exc:
        raise NoticeError(str(exc)) from exc


def select(results: list[ApplicationResult], ids: list[str] | None) -> list[ApplicationResult]:
    """The applications named by `ids` (in that order), or every `passed` one."""
    if not ids:
        return [r for r in results if r.decision == Decision.passed]
    by_id = {r.applicant_id: r for r in results}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise NoticeError("以下申报编号不在预审结果中：" + "、".join(unknown))
    return [by_id[i] for i in ids]


def notice_rows(results: list[ApplicationResult]) -> list[dict]:
    def text(r: ApplicationResult, fid: str, default: str = "") -> str:
        value = r.value(fid)
        return mask(str(value)) if value else default

    return [
        {
            "n": n,
            "platform": text(r, "platform_name", "（未提取到平台名称）"),
            "unit": text(r, "unit_name", r.applicant_id),
            "region": text(r, "city") + text(r, "county"),
            "id": r.applicant_id,
        }
        for n, r in enumerate(results, 1)
    ]


def notice_context(results: list[ApplicationResult], period: NoticePeriod) -> dict:
    cfg = settings()
    return {
        "title": cfg.notice_title,
        "intro": cfg.notice_intro,
        "period": f"公示期：{fmt_day(period.start)}至{fmt_day(period.end)}（{period.working_days}个工作日）。",
        "objection": cfg.notice_objection,
        "contact": cfg.contact,
        "warning": period.warning,
        "rows": notice_rows(results),
        "department": cfg.department,
        "date": fmt_day(period.start),
    }


def _run(para, text: str, font: str, size: float, bold: bool = False) -> None:
    run = para.add_run(text)
    run.font.name, run.font.size, run.bold = font, Pt(size), bold or None
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def _para(doc, text: str, font="仿宋", size=16, align=None, indent=True, bold=False):
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    para.alignment = align
    _run(para, text, font, size, bold)
    return para


def write_notice_docx(context: dict, target: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _para(doc, context["title"], "宋体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True)
    _para(doc, "", indent=False)
    _para(doc, context["intro"])
    if context["warning"]:
        _para(doc, context["warning"], bold=True)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ["序号", "平台名称", "运营单位", "所在地区"], strict=True):
        _run(cell.paragraphs[0], head, "黑体", 12)
    for row in context["rows"]:
        cells = table.add_row().cells
        for cell, value in zip(cells, [str(row["n"]), row["platform"], row["unit"], row["region"]], strict=True):
            _run(cell.paragraphs[0], value, "仿宋", 12)
    _para(doc, context["period"])
    _para(doc, context["objection"])
    _para(doc, f"（{context['contact']}）")
    _para(doc, "", indent=False)
    _para(doc, context["department"], align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _para(doc, context["date"], align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    doc.save(str(target))


def make_notice(source: Path, start: date, target: Path, ids: list[str] | None = None) -> tuple[dict, list[Path]]:
    """Write `target` (.docx) and the same notice as .html beside it; return the context and paths."""
    results = select(load_results(source), ids)
    context = notice_context(results, notice_period(start))
    docx_path = target.with_suffix(".docx")
    html_path = target.with_suffix(".html")
    docx_path.parent.mkdir(parents=True, exist_ok=True)
    write_notice_docx(context, docx_path)
    render_html("notice.html.j2", context, html_path)
    return context, [docx_path, html_path]
