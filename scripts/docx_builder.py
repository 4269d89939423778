"""python-docx helpers that build the docxtpl templates (used by build_docx_templates.py).

Fonts are named as Word and WPS know them on Chinese Windows (仿宋, 黑体, 楷体, 宋体); the
East Asian font slot, the `eastAsia` hint and the zh-CN language are set on every style
so Word, WPS and LibreOffice all pick the Chinese font (and the Simplified Chinese glyphs).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# GB/T 9704-2012 sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
SIZE_2, SIZE_3, SIZE_4, SIZE_S4, SIZE_5 = 22, 16, 14, 12, 10.5
FANGSONG, HEITI, KAITI, SONGTI = "仿宋", "黑体", "楷体", "宋体"


@dataclass
class Page:
    landscape: bool = False
    top: float = 3.7  # GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm
    bottom: float = 3.5
    left: float = 2.8
    right: float = 2.6


def set_font(element, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Name `name` in all four font slots of a style or run, with the East Asian hint and zh-CN."""
    font = element.font
    font.name = name
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = element.element.get_or_add_rPr() if hasattr(element, "element") else element._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)  # a theme font would override the named one
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(tc_pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}))


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _page_number_footer(section) -> None:
    """Centred "— 1 —" in 四号 宋体 (GB/T 9704 page numbers)."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(para.add_run("— "), SONGTI, SIZE_4)
    field = para._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
    run = para.add_run("1")
    set_font(run, SONGTI, SIZE_4)
    field.append(run._r)
    para._p.append(field)
    set_font(para.add_run(" —"), SONGTI, SIZE_4)


class Builder:
    def __init__(self, page: Page, body: float, line: float | None, table_size: float) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if page.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("top", "bottom", "left", "right"):
            setattr(section, f"{side}_margin", Cm(getattr(page, side)))
        _page_number_footer(section)
        self.body = body
        styles = self.doc.styles
        normal = styles["Normal"]
        set_font(normal, FANGSONG, body)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if line:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        set_font(styles["Title"], SONGTI, SIZE_2, bold=True)
        set_font(styles["Heading 1"], HEITI, body, bold=False)
        set_font(styles["Heading 2"], KAITI, body, bold=False)
        for name in ("Title", "Heading 1", "Heading 2"):
            styles[name].font.color.rgb = None
            pf = styles[name].paragraph_format
            pf.space_before, pf.space_after = Pt(6), Pt(3)
            pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.SINGLE, None
            pf.keep_with_next = True
        styles["Title"].paragraph_format.space_after = Pt(line or 12)
        title_ppr = styles["Title"].element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)  # the default template underlines titles; 公文 titles have no rule
        set_font(styles["Table Grid"], FANGSONG, table_size)

    def p(self, text: str, style=None, bold=False, align=None, indent=False, size=None, right_chars=0, font=None):
        """One paragraph whose text (a jinja tag or literal) is a single run."""
        para = self.doc.add_paragraph(style=style)
        run = para.add_run(text)
        run.bold = bold or None
        if font or size:
            set_font(run, font or FANGSONG, size)
        para.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(align)
        if indent:
            para.paragraph_format.first_line_indent = Pt(2 * (size or self.body))
        if right_chars:
            para.paragraph_format.right_indent = Pt(right_chars * self.body)
        return para

    def runs(self, *parts: str) -> None:
        """One paragraph made of several runs (e.g. a label and a `{{r x }}` tag)."""
        para = self.doc.add_paragraph()
        for text in parts:
            para.add_run(text)

    def table(self, headers, cells, loop, widths, extra_rows=(), size=None, gap=True) -> None:
        """A grid table: header row, `{%tr for loop %}`, one data row, `{%tr endfor %}`; `gap`: an
        empty paragraph after it (the dossier leaves it out: a line saved under every table)."""
        table = self.doc.add_table(rows=0, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid widths LibreOffice and WPS honour
        blank = [""] * (len(headers) - 1)
        rows = [headers, [f"{{%tr for {loop} %}}", *blank], cells, ["{%tr endfor %}", *blank], *extra_rows]
        for n, values in enumerate(rows):
            row = table.add_row()
            for cell, value, width in zip(row.cells, values, widths, strict=True):
                cell.width = Cm(width)
                para = cell.paragraphs[0]
                para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                para.paragraph_format.first_line_indent = Pt(0)
                run = para.add_run(value)
                if n == 0:
                    set_font(run, HEITI, size)
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    shade(cell, "E7E6E6")
                elif size:
                    set_font(run, FANGSONG, size)
            if n == 0:
                repeat_header(row)
        if gap:
            self.doc.add_paragraph()

    def save(self, path) -> None:
        self.doc.save(str(path))
