"""Build the docxtpl templates checklist.docx and dossier.docx with python-docx.

Run `python templates/build_docx_templates.py` after changing this script and commit
the generated .docx files. Every jinja tag is written into a single run, so Word's
run splitting never breaks a tag. Tags used: `{{ x }}` (escaped text), `{{r x }}`
(RichText built by pipeline/render/docx.py), `{%p … %}` (paragraph-level control)
and `{%tr … %}` (table-row loops).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
BODY_FONT, HEAD_FONT = "宋体", "黑体"


def _font(style, name: str, size: float, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = tc_pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


class Builder:
    def __init__(self, landscape: bool = False) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
        styles = self.doc.styles
        _font(styles["Normal"], BODY_FONT, 11)
        _font(styles["Title"], HEAD_FONT, 18, bold=True)
        _font(styles["Heading 1"], HEAD_FONT, 14, bold=True)
        _font(styles["Heading 2"], HEAD_FONT, 12, bold=True)
        for name in ("Title", "Heading 1", "Heading 2"):
            styles[name].font.color.rgb = None
        _font(styles["Table Grid"], BODY_FONT, 9)

    def p(
        self,
        text: str,
        style: str | None = None,
        bold: bool = False,
        align: str | None = None,
        indent: bool = False,
        size: float | None = None,
    ) -> None:
        """One paragraph whose text (a jinja tag or literal) is a single run."""
        para = self.doc.add_paragraph(style=style)
        run = para.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if align == "center":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            para.paragraph_format.first_line_indent = Pt(22)

    def runs(self, *parts: str) -> None:
        """One paragraph made of several runs (e.g. a label and a `{{r x }}` tag)."""
        para = self.doc.add_paragraph()
        for text in parts:
            para.add_run(text)

    def table(
        self, headers: list[str], cells: list[str], loop: str, widths: list[float], extra_rows: list[list[str]] = ()
    ) -> None:
        """A grid table: header row, `{%tr for loop %}`, one data row, `{%tr endfor %}`."""
        table = self.doc.add_table(rows=0, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid widths LibreOffice and WPS honour
        rows = [
            headers,
            [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1),
            cells,
            ["{%tr endfor %}"] + [""] * (len(headers) - 1),
            *extra_rows,
        ]
        for n, values in enumerate(rows):
            row = table.add_row()
            for cell, value, width in zip(row.cells, values, widths, strict=True):
                cell.width = Cm(width)
                cell.paragraphs[0].add_run(value).bold = (n == 0) or None
                if n == 0:
                    _shade(cell, "D9E1F2")
            if n == 0:
                _repeat_header(row)
        self.doc.add_paragraph()

    def save(self, name: str) -> None:
        self.doc.save(str(HERE / name))


def build_checklist() -> None:
    b = Builder()
    b.p("{{ title }}", style="Title", align="center")
    b.p("{{ addressee }}：")
    b.p("{{ intro }}", indent=True)
    b.p("申报材料核对情况", style="Heading 1")
    b.table(
        ["序号", "材料名称", "依据", "核对结果", "已发现的文件"],
        ["{{ loop.index }}", "{{ m.name }}", "{{ m.article }}", "{{ m.status }}", "{{ m.files }}"],
        "m in items",
        [1.2, 5.5, 3.0, 2.0, 5.3],
    )
    b.p("{%p if deficient %}")
    b.p("需要补正的内容", style="Heading 1")
    b.p("{%p for m in deficient %}")
    b.p("{{ m.heading }}", bold=True)
    b.p("{%p for line in m.lines %}")
    b.p("{{ line }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if other_problems %}")
    b.p("其他问题", style="Heading 1")
    b.p("{%p for x in other_problems %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if inconsistencies %}")
    b.p("需要说明的情况", style="Heading 1")
    b.p("{{ explain_text }}", indent=True)
    b.p("{%p for x in inconsistencies %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if deadline %}")
    b.p("{{ deadline }}", indent=True)
    b.p("{%p endif %}")
    b.p("{{ contact }}", indent=True)
    b.p("")
    b.p("{{ department }}", align="right")
    b.p("{{ office }}", align="right")
    b.p("{{ date }}", align="right")
    b.save("checklist.docx")


def build_dossier() -> None:
    b = Builder(landscape=True)
    b.p("{{ title }}", style="Title", align="center")
    b.p("{{ unit_name }}　申报编号：{{ applicant_id }}　{{ date }}", align="center")
    b.p("一、基本情况与初审结论", style="Heading 1")
    b.runs("初审结论：", "{{r decision_rt }}")
    b.table(["项目", "内容"], ["{{ s.label }}", "{{ s.value }}"], "s in summary", [6.0, 19.7])
    b.p("二、关键数据及来源", style="Heading 1")
    b.table(
        ["指标", "数值", "来源文件", "位置", "原文摘录"],
        [
            "{{ f.name }}",
            "{{ f.value }}{% if f.review %}【需复核：{{ f.review|join('；') }}】{% endif %}"
            "{% if f.alternatives %}（其他取值：{{ f.alternatives }}）{% endif %}",
            "{{ f.source.file }}",
            "{{ f.source.location }}",
            "{{ f.source.excerpt }}",
        ],
        "f in figures",
        [4.5, 6.0, 5.0, 3.2, 7.0],
    )
    b.p("三、条件核验结果（第六条、第七条）", style="Heading 1")
    b.table(
        ["条款", "核验事项", "实际情况", "标准", "结论", "说明"],
        [
            "{{ r.article }}",
            "{{ r.title }}",
            "{{ r.observed }}",
            "{{ r.threshold }}",
            "{{r r.outcome_rt }}",
            "{{ r.note }}{% if r.relaxation %}　放宽依据：{{ r.relaxation }}{% endif %}"
            "{% for e in r.evidence %}　证据：{{ e.label }} {{ e.excerpt }}{% endfor %}",
        ],
        "r in rules",
        [3.0, 4.0, 3.5, 3.0, 2.7, 9.5],
    )
    b.p("{%p if parameter_rows %}")
    b.p("核验所用参数及依据", style="Heading 2")
    b.table(
        ["核验事项", "参数", "取值", "依据", "施行日期"],
        ["{{ p.rule }}", "{{ p.name }}", "{{ p.value }}", "{{ p.reference }}", "{{ p.effective }}"],
        "p in parameter_rows",
        [4.0, 5.0, 3.5, 10.2, 3.0],
    )
    b.p("{%p endif %}")
    b.p("四、材料间不一致", style="Heading 1")
    b.p("{%p if inconsistencies %}")
    b.table(
        ["涉及指标", "各处取值", "说明", "超出容差"],
        ["{{ i.fields }}", "{{ i.values }}", "{{ i.note }}", "{{ i.material }}"],
        "i in inconsistencies",
        [5.0, 8.0, 10.7, 2.0],
    )
    b.p("{%p else %}")
    b.p("未发现材料间不一致。")
    b.p("{%p endif %}")
    b.p("五、需复核的数据", style="Heading 1")
    b.p("{%p for f in review_fields %}")
    b.p("{{ f.name }}（{{ f.value }}）：{{ f.review|join('；') }}", indent=True)
    b.p("{%p else %}")
    b.p("无。", indent=True)
    b.p("{%p endfor %}")
    b.p("六、申请报告叙述部分（供专家评判）", style="Heading 1")
    b.p("{%p for n in narratives %}")
    b.p("{{ n.title }}", style="Heading 2")
    b.p("来源：{{ n.source.label }}", size=9)
    b.p("{%p for x in n.paragraphs %}")
    b.p("{{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p if n.truncated %}")
    b.p("（篇幅较长，以下从略，请查阅原文件。）", indent=True)
    b.p("{%p endif %}")
    b.p("{%p else %}")
    b.p("未提取到叙述部分，请查阅申请报告原文。", indent=True)
    b.p("{%p endfor %}")
    b.p("七、名单摘录（个人信息已脱敏）", style="Heading 1")
    b.p("{%p for l in lists %}")
    b.p("{{ l.name }}（{{ l.file }}，共{{ l.total }}行，显示前{{ l.shown }}行）", style="Heading 2")
    b.p("{%p for w in l.warnings %}")
    b.p("注意：{{ w }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{{ l.columns|join('　') }}", bold=True, size=9)
    b.p("{%p for x in l.lines %}")
    b.p("{{ x }}", size=9)
    b.p("{%p endfor %}")
    b.p("{%p else %}")
    b.p("未提取到名单。", indent=True)
    b.p("{%p endfor %}")
    b.p("八、申报材料清单（第十条、第十一条）", style="Heading 1")
    b.table(
        ["材料", "条款", "状态", "文件", "说明"],
        [
            "{{ m.name }}",
            "{{ m.article }}",
            "{{ m.status }}",
            "{{ m.files_text }}",
            "{{ m.parts_text }}{% for x in m.notes %}　{{ x }}{% endfor %}",
        ],
        "m in materials",
        [6.5, 3.5, 2.2, 7.0, 6.5],
    )
    b.p("九、处理中发现的问题", style="Heading 1")
    b.p("{%p for x in problems %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p else %}")
    b.p("无。", indent=True)
    b.p("{%p endfor %}")
    b.p("十、专家评分表", style="Heading 1")
    b.p("以下内容由专家根据申报材料判断，系统不作自动结论。", size=9)
    b.table(
        ["序号", "评审内容", "依据条款", "评价要点", "评分", "意见"],
        ["{{ loop.index }}", "{{ c.item }}", "{{ c.article }}", "{{ c.points }}", "", ""],
        "c in criteria",
        [1.2, 4.0, 3.0, 9.5, 2.5, 5.5],
        extra_rows=[["", "综合意见", "", "", "", ""]],
    )
    b.p("{{ declaration }}", indent=True)
    b.p("专家签名：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", align="right")
    b.save("dossier.docx")


if __name__ == "__main__":
    build_checklist()
    build_dossier()
    print("已生成 checklist.docx 与 dossier.docx")
