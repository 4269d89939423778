"""Word (.docx) reader: paragraphs and table cells in body order, each located."""

from __future__ import annotations

import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from lxml import etree

from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table, TextBlock
from .errors import ReadFailure
from .normalize import normalize_text

_W_T, _W_TAB, _W_BR, _W_SYM, _W_P = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sym"), qn("w:p")
_W_CHAR, _W_FONT = qn("w:char"), qn("w:font")
_W_RPR, _W_RFONTS, _W_FLDCHAR = qn("w:rPr"), qn("w:rFonts"), qn("w:fldChar")
_W_FFDATA, _W_CHECKBOX, _W_CHECKED, _W_DEFAULT, _W_VAL = (
    qn("w:ffData"), qn("w:checkBox"), qn("w:checked"), qn("w:default"), qn("w:val"))

# Check boxes typed with symbol fonts (Insert > Symbol) rather than Unicode characters.
_SYMBOLS = {
    ("wingdings", "F0FE"): "☑",
    ("wingdings", "F0A8"): "□",
    ("wingdings", "F06F"): "□",
    ("wingdings", "F078"): "☒",
    ("wingdings", "F0FC"): "√",
    ("wingdings", "F0FD"): "☒",
    ("wingdings 2", "F052"): "☑",
    ("wingdings 2", "F054"): "☒",
    ("wingdings 2", "F0A3"): "□",
    ("wingdings 2", "F050"): "√",
    ("wingdings 2", "F02A"): "□",
}


def element_text(element) -> str:
    """Text of a paragraph or cell element, including tabs, breaks and check boxes however Word
    made them: a symbol (Insert > Symbol), a letter typed in a symbol font ("R" in Wingdings 2
    shows ☑), or a legacy form-field check box (no text at all, only its checked state)."""
    parts: list[str] = []
    for el in element.iter(_W_T, _W_TAB, _W_BR, _W_SYM, _W_P, _W_FLDCHAR):
        if el.tag == _W_T:
            parts.append(_in_symbol_font(el, el.text or ""))
        elif el.tag == _W_FLDCHAR:
            parts.append(_form_checkbox(el))
        elif el.tag == _W_TAB:
            parts.append("\t")
        elif el.tag in (_W_BR, _W_P) and parts:
            parts.append("\n")
        elif el.tag == _W_SYM:
            key = ((el.get(_W_FONT) or "").lower(), (el.get(_W_CHAR) or "").upper())
            parts.append(_SYMBOLS.get(key, ""))
    return "".join(parts)


def _in_symbol_font(t, text: str) -> str:
    """Characters of a run set in Wingdings / Wingdings 2 as the check boxes they show."""
    run = t.getparent()
    fonts = run.find(f"{_W_RPR}/{_W_RFONTS}") if run is not None else None
    if fonts is None:
        return text
    font = next((v.lower() for v in fonts.attrib.values() if v.lower().startswith("wingdings")), None)
    if font is None:
        return text
    return "".join(_SYMBOLS.get((font, f"F0{ord(ch):02X}"), "") if ord(ch) < 0x100 else ch for ch in text)


def _form_checkbox(fld) -> str:
    """A legacy FORMCHECKBOX field: ☑ or □ by its checked state (or its default)."""
    box = fld.find(f"{_W_FFDATA}/{_W_CHECKBOX}")
    if box is None:
        return ""
    state = box.find(_W_CHECKED)
    if state is None:
        state = box.find(_W_DEFAULT)
    checked = state is not None and (state.get(_W_VAL) or "1").lower() not in ("0", "false", "off")
    return "☑" if checked else "□"


def read_docx(entry: FileEntry) -> ReadDocument:
    try:
        document = docx.Document(str(entry.disk_path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ReadFailure("Word 文件已损坏或格式不正确，无法打开，请重新保存后提交") from exc
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.docx)
    body = document.element.body
    paragraph_no = 0
    for child in body.iterchildren():
        if child.tag == _W_P:
            text = normalize_text(element_text(child))
            if text:
                paragraph_no += 1
                doc.blocks.append(
                    TextBlock(text=text, loc=Location(paragraph=paragraph_no), style=_style_name(document, child))
                )
        elif child.tag == qn("w:tbl"):
            table = _read_table(DocxTable(child, document), len(doc.tables) + 1)
            table.after_paragraph = paragraph_no or None
            doc.tables.append(table)
    return doc


def _style_name(document, paragraph) -> str | None:
    ppr = paragraph.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    if style_id is None:
        return None
    try:
        return document.styles.get_by_id(style_id, 1).name  # 1 = WD_STYLE_TYPE.PARAGRAPH
    except (KeyError, ValueError):
        return style_id


def _read_table(table: DocxTable, index: int) -> Table:
    rows: list[list[Cell]] = []
    for r, row in enumerate(table.rows, start=1):
        try:
            cells = row.cells
        except (IndexError, ValueError):  # irregular grids (gridBefore / broken spans)
            cells = []
        rows.append(
            [
                Cell(
                    text=normalize_text(element_text(cell._tc)),
                    loc=Location(table=index, row=r, col=c),
                )
                for c, cell in enumerate(cells, start=1)
            ]
        )
    return Table(index=index, rows=rows)
