"""Build the docxtpl templates checklist.docx and dossier.docx with python-docx.

Run `.venv/bin/python scripts/build_docx_templates.py` after changing this script and commit
the generated .docx files. They are written into the package (pipeline/render/templates/),
so they ship in the wheel; this builder and docx_builder.py are development tools and do
not. Every jinja tag is written into a single run, so Word's run splitting never breaks a tag. Tags used: `{{ x }}` (escaped text), `{{r x }}`
(RichText built by pipeline/render/common/word.py), `{{p x }}` (a paragraph replaced by the
`w:tbl` word.py writes: the list tables), `{%p … %}` (paragraph-level control),
`{%tr … %}` (table-row loops) and `{% cellbg x %}` (a table cell's shading).

The checklist follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
发文机关标志 red 小标宋, 文号 and the red separator, title 二号 方正小标宋简体 centred, body 三号
仿宋 at a fixed 28 pt line pitch, level-1 headings 黑体 (一、), level-2 楷体 (（一）), signature
and date at the right (date in Arabic numerals, one run), 附注, 版记 between rules, page
numbers "— 1 —" in 四号 宋体.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "pipeline" / "render" / "templates"
sys.path.insert(0, str(HERE))

from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402
from docx_builder import FANGSONG, SIZE_2, SIZE_3, SIZE_4, SIZE_5, SIZE_S4, Builder, Page, set_font  # noqa: E402

SIZE_S5 = 9  # 小五: the dossier's tables


def _border(para, **sides: tuple[int, str]) -> None:
    """Paragraph rules (w:pBdr): side → (width in eighths of a point, RRGGBB); a rule spans the
    paragraph's width, which is the 版心's when the paragraph has no side indents."""
    ppr = para._p.get_or_add_pPr()
    bdr = ppr.makeelement(qn("w:pBdr"), {})
    for side in ("top", "bottom"):
        if side in sides:
            size, colour = sides[side]
            attrs = {qn("w:val"): "single", qn("w:sz"): str(size), qn("w:space"): "6", qn("w:color"): colour}
            bdr.append(bdr.makeelement(qn(f"w:{side}"), attrs))
    # w:pBdr stands before w:shd, w:tabs, w:spacing, w:ind, w:jc … (CT_PPr's sequence; Word is strict)
    ppr.insert_element_before(bdr, *_AFTER_PBDR)


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _keep(*paragraphs) -> None:
    for para in paragraphs:
        para.paragraph_format.keep_with_next = True


def _bookmark(para, name: str) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), "9704")
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), "9704")
    para._p.append(start)
    para._p.append(end)


def _imprint(b: Builder, text_width_cm: float, top: tuple[int, str] | None):
    """The 版记's last line: 印发机关 at the left (one character in), 印发日期 at the right (one
    character in), on one line by a right tab stop; the closing rule under it."""
    para = b.doc.add_paragraph()
    para.paragraph_format.left_indent = para.paragraph_format.right_indent = Pt(SIZE_4)
    para.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm) - Pt(2 * SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
    for text in ("{{ printing_office }}", "\t", "{{ printed }}"):
        set_font(para.add_run(text), FANGSONG, SIZE_4)
    _border(para, bottom=_RULE_THICK, **({"top": top} if top else {}))
    return para


# GB/T 9704-2012: 版头分隔线 red; 版记 rules black, the first and last 0.35 mm, the middle 0.25 mm.
_RED = "FF0000"
_RULE_RED = (18, _RED)
_RULE_THICK, _RULE_THIN = (8, "000000"), (6, "000000")
IMPRINT_BOOKMARK = "nx_imprint"  # read by pipeline/render/notice/imprint.py (BOOKMARK)
XIAOBIAOSONG = "方正小标宋简体"  # the title face of 公文; the PDF maps it to a free bold Song (pdf.py)


def build_checklist() -> None:
    """The 补正材料通知 / 审查情况告知 as a 公文 (GB/T 9704-2012): 版头 (发文机关标志 in red, 文号,
    red separator), 主体 (标题 in 小标宋, 主送, body, 附件说明, 署名 and 成文日期 with room for
    the seal, kept with the closing line, 附注), 版记 (抄送, 印发机关 and 印发日期 between rules)."""
    page = Page()
    b = Builder(page, body=SIZE_3, line=28, table_size=SIZE_S4)
    set_font(b.doc.styles["Title"], XIAOBIAOSONG, SIZE_2, bold=False)
    text_width = 21.0 - page.left - page.right
    # 版头
    mark = b.p("{{ issuer_mark }}", align="center", font=XIAOBIAOSONG, size=26)
    mark.runs[0].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    b.p("")
    number = b.p("{{ doc_number }}", align="center")
    _border(number, bottom=_RULE_RED)
    b.p("")
    # 主体
    b.p("{{ title }}", style="Title", align="center")
    b.p("{{ addressee }}：")
    b.p("{{ intro }}", indent=True)
    b.p("{{ sec_overview }}", style="Heading 1")
    b.table(
        ["序号", "材料（第十条、第十一条）", "核对结果", "已收到的文件"],
        ["{{ loop.index }}", "{{ m.name }}（{{ m.article }}）", "{{ m.status }}", "{{ m.files }}"],
        "m in items",
        [1.3, 7.0, 2.2, 5.1],
        size=SIZE_S4,
    )
    b.p("{%p if deficient %}")
    b.p("{{ sec_deficient }}", style="Heading 1")
    b.p("{%p for m in deficient %}")
    b.p("{{ m.heading }}", style="Heading 2")
    b.p("{%p for line in m.lines %}")
    b.p("{{ line }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if inconsistencies %}")
    b.p("{{ sec_explain }}", style="Heading 1")
    b.p("{{ explain_text }}", indent=True)
    b.p("{%p for x in inconsistencies %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if other_problems %}")
    b.p("{{ sec_other }}", style="Heading 1")
    b.p("{%p for x in other_problems %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("{%p if deadline %}")
    b.p("{{ sec_deadline }}", style="Heading 1")
    b.p("{{ deadline }}", indent=True)
    b.p("{%p endif %}")
    b.p("{%p if requirements %}")
    b.p("{{ requirements }}", indent=True)
    b.p("{%p endif %}")
    # The closing line is the last body text: the signature block keeps with it, so it never
    # stands alone on a page.
    _keep(b.p("{{ closing }}", indent=True))
    b.p("{%p if attachment_label %}")
    _keep(b.p(""))
    attachment = b.p("{{ attachment_label }}：{{ attachment_first }}", indent=True)
    _keep(attachment)
    b.p("{%p for a in attachment_rest %}")
    rest = b.p("{{ a }}")
    rest.paragraph_format.left_indent = Pt(5 * SIZE_3)  # under the first name, after "附件："
    _keep(rest)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    # Room for the seal (GB/T 9704 7.3.5.1: it presses on the 署名 and the date, its top within one
    # line of the text above): two blank lines, then 署名 over the date, the date four characters in.
    _keep(b.p(""), b.p(""))
    _keep(b.p("{{ department }}", align="right", right_chars=2))
    _keep(b.p("{{ date }}", align="right", right_chars=4))
    # 附注: the contact, under the date; it and the 版记 keep with the signature, so the 版记
    # never stands alone on a last page either.
    _keep(b.p("{{ note }}", indent=True))
    # 版记 (GB/T 9704 7.4): 抄送 between the first and the middle rule, then 印发机关 and 印发日期.
    # The empty paragraph before it carries a bookmark: the PDF copy gives it the space left on
    # the last page, so the 版记 stands at the foot of that page (render/notice/imprint.py).
    spacer = b.p("")
    _keep(spacer)
    _bookmark(spacer, IMPRINT_BOOKMARK)
    b.p("{%p if cc %}")
    cc = b.p("{{ cc }}", size=SIZE_4)
    cc.paragraph_format.left_indent = cc.paragraph_format.right_indent = Pt(SIZE_4)
    _border(cc, top=_RULE_THICK, bottom=_RULE_THIN)
    _keep(cc)
    _imprint(b, text_width, None)
    b.p("{%p else %}")
    _imprint(b, text_width, _RULE_THICK)
    b.p("{%p endif %}")
    b.save(OUT / "checklist.docx")


def build_dossier() -> None:
    """The expert's dossier: page 1 a summary (decision, what to judge, key figures with
    sources), then rules, inconsistencies, figures, narratives, lists, materials and the
    scoring sheet; tables in 小五 over the landscape width, so a typical dossier stays within
    8 pages."""
    # Body text in 五号 (10.5 pt, the size of a printed Chinese report's text), headings in 小四:
    # the narratives, a third of the dossier, take a fifth less paper.
    # Top and bottom margins of 1.5 cm (the page number sits in the bottom one): a line more a page.
    b = Builder(Page(landscape=True, top=1.5, bottom=1.5, left=2.0, right=2.0), SIZE_5, None, SIZE_5)
    for name in ("Heading 1", "Heading 2"):
        b.doc.styles[name].font.size = Pt(SIZE_S4)
    b.p("{{ title }}", style="Title", align="center")
    b.p("{{ unit_name }}　申报编号：{{ applicant_id }}　{{ date }}", align="center")
    b.p("一、摘要与初审结论", style="Heading 1")
    b.runs("初审结论：", "{{r decision_rt }}")
    b.table(
        ["项目", "内容", "项目", "内容"],
        ["{{ s.a.label }}", "{{ s.a.value }}", "{{ s.b.label }}", "{{ s.b.value }}"],
        "s in summary_rows",
        [3.2, 9.65, 3.2, 9.65],
        size=SIZE_S5,
        gap=False,
    )
    b.p("{{ judge_heading }}", style="Heading 2")
    b.p("{%p for x in judge %}")
    b.p("{{ x }}", indent=True, size=SIZE_5)
    b.p("{%p endfor %}")
    b.p("关键数据及来源", style="Heading 2")
    kshade = "{% cellbg k.shade %}"
    b.table(
        ["指标", "数值", "来源文件及位置", "原文摘录"],
        [kshade + "{{ k.name }}", kshade + "{{ k.value }}", kshade + "{{ k.source.label }}",
         kshade + "{{ k.source.excerpt }}"],
        "k in key_figures",
        [4.0, 5.2, 8.5, 8.0],
        size=SIZE_S5,
        gap=False,
    )
    b.p("说明：初审结论只依据可自动核对的条件；第六条中的定性要求和第八条由专家评审。{{ highlight_note }}。", size=SIZE_S5)
    b.doc.add_page_break()
    b.p("二、条件核验结果（第六条、第七条）", style="Heading 1")
    b.p("核验依据：{{ ruleset }}；基准日期：{{ as_of }}。", size=SIZE_S5)
    rshade = "{% cellbg r.shade %}"
    b.table(
        ["条款", "核验事项", "实际情况", "标准", "结论", "说明、依据及证据"],
        [
            rshade + "{{ r.article }}",
            rshade + "{{ r.title }}",
            rshade + "{{ r.observed }}",
            rshade + "{{ r.threshold }}",
            rshade + "{{r r.outcome_rt }}",
            rshade + "{{ r.note }}{% if r.relaxation %}　放宽依据：{{ r.relaxation }}{% endif %}"
            "{% if r.basis %}　依据：{{ r.basis }}{% endif %}"
            "{% if r.evidence_text %}　证据：{{ r.evidence_text }}{% endif %}",
        ],
        "r in rules",
        [2.2, 3.3, 4.0, 2.4, 1.5, 12.3],  # 实际情况 holds an 18-character credit code (capitals are wide) on one line
        size=SIZE_S5,
        gap=False,
    )
    b.p("{%p if shared_basis %}")
    b.p("{{ shared_basis }}", size=SIZE_S5)
    b.p("{%p endif %}")
    b.p("{%p if unclaimed_text %}")
    b.p("{{ unclaimed_text }}", size=SIZE_S5)
    b.p("{%p endif %}")
    # A section with nothing to show is one line ("三、材料间不一致：无"), not a heading and a line.
    b.p("{%p if inconsistencies %}")
    b.p("三、材料间不一致", style="Heading 1")
    ishade = "{% cellbg i.shade %}"
    b.table(
        ["涉及指标", "各处取值", "说明", "超出容差"],
        [
            ishade + "{{ i.fields }}",
            ishade + "{{ i.values_text }}",
            ishade + "{{ i.note }}",
            ishade + "{{ i.material }}",
        ],
        "i in inconsistencies",
        [5.0, 8.0, 10.7, 2.0],
        size=SIZE_S5,
        gap=False,
    )
    b.p("{%p else %}")
    b.p("三、材料间不一致：未发现", style="Heading 1")
    b.p("{%p endif %}")
    b.p("{%p if review_fields %}")
    b.p("四、需复核的数据", style="Heading 1")
    b.p("{%p for f in review_fields %}")
    b.p("{{ f.name }}（{{ f.value }}）：{{ f.review|join('；') }}　来源：{{ f.source.label }}"
        "{% if f.source.excerpt %}：{{ f.source.excerpt }}{% endif %}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p else %}")
    b.p("四、需复核的数据：无", style="Heading 1")
    b.p("{%p endif %}")
    b.p("{%p if others %}")
    b.p("其他填报内容（申请报告中未对应到核验项目的数据，供参考）", style="Heading 2")
    b.p("{%p for o in others %}")
    b.p("{{ o.label }}：{{ o.value }}（{{ o.source.label }}）", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p endif %}")
    b.p("五、其他数据及来源", style="Heading 1")
    b.p("{%p if figures_printed %}")
    b.p("首页和第四部分已列出的{{ figures_printed }}项数据不再重复；网页版列出全部数据及原文摘录。", size=SIZE_S5)
    b.p("{%p endif %}")
    ashade, bshade = "{% cellbg x.a.shade %}", "{% cellbg x.b.shade %}"

    def figure_cells(shade: str, f: str) -> list[str]:
        return [
            shade + "{{ " + f + ".name }}",
            shade + "{{ " + f + ".value }}{% if " + f + ".review %}【需复核：{{ " + f + ".review|join('；') }}】{% endif %}"
            "{% if " + f + ".verified %}【{{ " + f + ".verified }}】{% endif %}"
            "{% if " + f + ".alternatives %}（其他取值：{{ " + f + ".alternatives }}）{% endif %}",
            # No quotation: here it would be the label and value again; the HTML version quotes them.
            shade + "{{ " + f + ".source.label }}",
        ]

    b.table(
        ["指标", "数值", "来源", "指标", "数值", "来源"],
        figure_cells(ashade, "x.a") + figure_cells(bshade, "x.b"),
        "x in figure_rows",
        [3.1, 4.6, 5.15, 3.1, 4.6, 5.15],
        size=SIZE_S5,
        gap=False,
    )
    b.p("六、申请报告叙述部分（供专家评判，原文摘录）", style="Heading 1")
    b.p("{%p for n in narratives %}")
    b.p("{{ n.title }}　{{ n.source.label }}", style="Heading 2")
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
    b.p("{{ l.name }}（{{ l.file }}，共{{ l.total }}行{% if l.shown < l.total %}，摘录前{{ l.shown }}行{% endif %}）", style="Heading 2")
    b.p("{%p for w in l.warnings %}")
    b.p("注意：{{ w }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{{p l.table }}")
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
        [7.4, 3.4, 1.4, 8.2, 5.3],  # 第十一条第（一）项 on one line; 已提交 is short
        size=SIZE_S5,
        gap=False,
    )
    b.p("{%p if problems %}")
    b.p("九、处理中发现的问题", style="Heading 1")
    b.p("{%p for x in problems %}")
    b.p("{{ loop.index }}. {{ x }}", indent=True)
    b.p("{%p endfor %}")
    b.p("{%p else %}")
    b.p("九、处理中发现的问题：无", style="Heading 1")
    b.p("{%p endif %}")
    # The scoring sheet follows on (no page break): its heading and the two lines above the
    # table keep with it, so it never starts at the foot of a page.
    b.p("十、专家评分表", style="Heading 1")
    _keep(b.p("申报单位：{{ unit_name }}　　平台名称：{{ platform_name }}", size=SIZE_5))
    _keep(b.p("以下内容由专家根据申报材料判断，系统不作自动结论。", size=SIZE_5))
    b.table(
        ["序号", "评审内容", "依据条款", "评价要点", "评分", "意见"],
        ["{{ loop.index }}", "{{ c.item }}", "{{ c.article }}", "{{ c.points }}", "", ""],
        "c in criteria",
        [1.2, 4.0, 3.8, 9.5, 2.5, 4.7],  # 第六条第（四）项 on one line
        extra_rows=[["", "综合意见", "", "", "", ""]],
        size=SIZE_5,
        gap=False,
    )
    # The declaration keeps with the signature line: an expert never signs a page of its own.
    _keep(b.p("利益冲突声明：{{ declaration }}", indent=True))
    _keep(b.p("与申报单位存在利害关系的，应当主动申请回避：□ 无利害关系　□ 存在利害关系，申请回避", indent=True))
    b.p("专家签名：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", align="right")
    b.save(OUT / "dossier.docx")


if __name__ == "__main__":
    build_checklist()
    build_dossier()
    print(f"已生成 {OUT / 'checklist.docx'} 与 {OUT / 'dossier.docx'}")
