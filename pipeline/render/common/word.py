"""Render the two Word documents from the docxtpl templates in pipeline/render/templates/.

docxtpl re-opens the template, re-patches its XML with regular expressions and compiles
the resulting jinja template on every render. Here every worker process does that once
per template (keyed by path, size and mtime) and keeps the result: the compiled body
template, the document element around the body and every other package member exactly
as docxtpl would write it (headers, footers and properties carry no tags, so they do not
depend on the context). A render then only runs the jinja template, applies docxtpl's own
post-processing (`resolve_listing`, `fix_tables`, `fix_docpr_ids`) and writes the zip: the
same document docxtpl writes, without the cost. A template whose headers, footers or
properties do carry tags is rendered by docxtpl itself.

The staff / client / equipment lists are written as WordprocessingML directly: the same
`w:tbl` that a python-docx sub-document with the `Table Grid` style gave, applicant text
escaped and stripped of the characters XML cannot carry.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from jinja2 import Environment, Template
from lxml import etree
from markupsafe import Markup

from ...classify.columns import names_a_party
from .compiled import from_source
from .config import TEMPLATES_DIR, settings
from .ooxml import Member, write_zip

TABLE_FONT, HEADER_FONT, TABLE_PT = "仿宋", "黑体", 9

# The dossier's landscape A4 text width (29.7 cm less 2 × 2 cm margins) in twips: the lists use
# all of it, so names, ID numbers and phone numbers fit their column instead of breaking mid-token.
_LIST_TABLE_TWIPS = round((29.7 - 4.0) / 2.54 * 1440)
# Characters XML 1.0 cannot carry (C0 controls but tab, newline, carriage return; surrogates;
# U+FFFE, U+FFFF). python-docx refused them and docxtpl's recovering parser drops them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile(r"(\t|\r|\n)")
_TAG = re.compile(r"\{[{%#]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A table whose rows all have exactly `n` cells (and which has rows): fix_tables leaves it.
_ROWS_FIT = etree.XPath("boolean(.//w:tr) and not(.//w:tr[count(w:tc) != $n])", namespaces={"w": _W.strip("{}")})


def _cell_content(value: object) -> str:
    """A run's content as python-docx's `run.text = value` writes it: tab → w:tab,
    CR/LF → w:br, the rest in w:t (space-preserving when it starts or ends with whitespace)."""
    out = []
    for piece in _BREAKS.split(_NOT_XML.sub("", str(value))):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(out)


def _list_table(columns: list[str], rows: list[list[str]]) -> Markup:
    """A staff / client / equipment list as a Word table (grid style, header row 黑体,
    body 仿宋, 9 pt, single line spacing), for a `{{p …}}` tag."""
    width = max([len(columns)] + [len(r) for r in rows] + [1])
    widths = _column_twips([columns, *rows], width)
    size = TABLE_PT * 2
    para_pr = '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
    parts = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
        'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for n, values in enumerate([columns, *rows] if columns else rows):
        font = HEADER_FONT if (n == 0 and columns) else TABLE_FONT
        run_pr = (
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/><w:sz w:val="{size}"/></w:rPr>'
        )
        parts.append("<w:tr>")
        for w, value in zip(widths, [*values, *[""] * (width - len(values))], strict=True):
            cell_pr = f'<w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>'
            parts.append(f"<w:tc>{cell_pr}<w:p>{para_pr}<w:r>{run_pr}{_cell_content(value)}</w:r></w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return Markup("".join(parts))


# Column widths are reckoned in the table's em (9 pt = 180 twips). A cell has 108 twips of
# padding each side (the Table Grid style) and LibreOffice needs a little slack besides.
_EM_TWIPS = TABLE_PT * 20
_CELL_PAD_TWIPS = 2 * 108 + 40
_ASCII_RUN = re.compile(r"[!-~]+")  # letters, digits and signs: an ID, a credit code, a phone


def _em(text: str) -> float:
    """How wide `text` is drawn, in em: CJK one, Latin capitals about four fifths (FandolFang
    draws W and M a full em), digits and small letters a half."""
    width = 0.0
    for ch in text:
        if ord(ch) > 0x2E80 or ch in "MW@%&":
            width += 1.0
        elif ch.isupper() or ch in "mw":
            width += 0.8
        else:
            width += 0.5
    return width


def _token_em(text: object) -> float:
    """The widest run of Latin letters, digits and signs in a cell: a masked ID number, a credit
    code, a phone number. A line break inside one makes it unreadable."""
    return max((_em(run) for run in _ASCII_RUN.findall(str(text))), default=0.0)


def _name_em(text: object) -> float:
    """A person's or a company's name is kept whole too (where the width allows)."""
    value = str(text).strip()
    return _em(value) if value and names_a_party(value) else 0.0


def _column_twips(rows: list[list[str]], width: int) -> list[int]:
    """Share the list table's width so that nothing unbreakable breaks: every column gets the
    room its longest ID, code or phone number needs (and two and a half characters at least),
    then, the width allowing, its longest name; then up to its longest entry (capped: a long
    free text wraps), then the slack by that length. The header row may wrap between characters
    and counts only for the longest entry."""
    body = rows[1:] if len(rows) > 1 else rows

    def longest(table: list[list[str]], c: int, measure) -> float:
        return max([measure(r[c]) for r in table if c < len(r)] + [0.0])

    need = [min(max(longest(rows, c, _em), 2.0), 20.0) for c in range(width)]
    hard = [max(longest(body, c, _token_em), min(need[c], 2.5)) for c in range(width)]
    names = [max(h, longest(body, c, _name_em)) for c, h in enumerate(hard)]
    room = _LIST_TABLE_TWIPS - width * _CELL_PAD_TWIPS
    base = _grow(hard, names, room)
    base = _grow(base, [max(b, n) for b, n in zip(base, need, strict=True)], room)
    slack = max(room - sum(base) * _EM_TWIPS, 0.0)
    total = sum(need) or 1.0
    return [_CELL_PAD_TWIPS + int(b * _EM_TWIPS + slack * n / total) for b, n in zip(base, need, strict=True)]


def _grow(base: list[float], target: list[float], room: float) -> list[float]:
    """`base` widened towards `target` (in em) as far as `room` (twips) allows, each column by the
    same share of what it lacks; a `base` wider than the room is scaled down to fit it."""
    have = sum(base) * _EM_TWIPS
    if have >= room:
        return [b * room / have for b in base] if have > room else base
    lack = sum(t - b for t, b in zip(target, base, strict=True)) * _EM_TWIPS
    share = min(1.0, (room - have) / lack) if lack > 0 else 0.0
    return [b + (t - b) * share for t, b in zip(target, base, strict=True)]


@dataclass
class _Compiled:
    """One template, prepared once per process."""

    tpl: DocxTemplate  # only its stateless helpers are used after preparation
    body: Template
    shell: etree._Element  # w:document with an empty w:body
    head: bytes  # the shell serialised, up to its w:body …
    tail: bytes  # … and after it
    members: list[Member | None]  # the package's members in order; None: word/document.xml


_COMPILED: dict[tuple[str, int, int], _Compiled | None] = {}
_DOCUMENT = "word/document.xml"


def _static_parts_have_tags(tpl: DocxTemplate) -> bool:
    """Whether the headers, footers, footnotes or core properties carry jinja tags (after
    docxtpl's patching, which joins a tag Word split over several runs)."""
    parts = [
        tpl.get_part_xml(part) for uri in (tpl.HEADER_URI, tpl.FOOTER_URI) for _, part in tpl.get_headers_footers(uri)
    ]
    parts += [
        part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
        for part in tpl.docx.part.package.parts
        if part.content_type.endswith(".footnotes+xml")
    ]
    props = tpl.docx.core_properties
    texts = [
        getattr(props, name) or "" for name in ("author", "comments", "identifier", "language", "subject", "title")
    ]
    return any(_TAG.search(text) for text in [*map(tpl.patch_xml, parts), *texts])


def _compile(path: Path) -> _Compiled | None:
    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    if _static_parts_have_tags(tpl):
        return None
    env = Environment(autoescape=True)  # what docxtpl's render(autoescape=True) uses
    # Headers, footers, properties and footnotes without tags render the same whatever the
    # context: let docxtpl do it once, exactly as it does on every render.
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel_key, xml in list(tpl.build_headers_footers_xml({}, uri, env)):
            tpl.map_headers_footers_xml(rel_key, xml)
    tpl.render_properties({}, env)
    tpl.render_footnotes({}, env)
    # render_xml_part puts a newline before every w:p (for error line numbers) and takes it
    # out of the output again; compiled without them, the output is the same.
    body = from_source(env, f"docx/{path.name}", tpl.patch_xml(tpl.get_xml()))
    shell = copy.deepcopy(tpl.docx.element)
    shell.replace(shell.find(qn("w:body")), shell.makeelement(qn("w:body"), {}))
    head, _, tail = etree.tostring(shell, encoding="UTF-8", standalone=True).partition(b"<w:body/>")
    buffer = io.BytesIO()
    tpl.docx.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        members = [
            None if name == _DOCUMENT else Member.deflated(name, package.read(name)) for name in package.namelist()
        ]
    if members.count(None) != 1:
        return None
    return _Compiled(tpl=tpl, body=body, shell=shell, head=head, tail=tail, members=members)


def _compiled(path: Path) -> _Compiled | None:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _COMPILED:
        _COMPILED[key] = _compile(path)
    return _COMPILED[key]


def _body_tree(tpl: DocxTemplate, xml: str) -> etree._Element:
    """docxtpl's `fix_tables(xml)`, parsed once: when no cell spans columns and every row of
    every table has as many cells as the table has grid columns, fix_tables changes nothing
    and its cell-by-cell walk in Python (the costly part) is skipped."""
    if "gridSpan" in xml:
        return tpl.fix_tables(xml)
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    for table in tree.iter(f"{_W}tbl"):
        grid = table.find(f"{_W}tblGrid")
        if grid is None or not _ROWS_FIT(table, n=len(grid.findall(f"{_W}gridCol"))):
            return tpl.fix_tables(xml)
    return tree


def _document_xml(compiled: _Compiled, tree: etree._Element) -> bytes:
    """The shell with `tree` as its body, serialised as python-docx saves it. Moved into the
    shell, the body loses its namespace declarations (the shell's own): when it has no
    others, its serialisation can be put in the shell's place instead, which is faster."""
    if tree.attrib or dict(tree.nsmap) != dict(compiled.shell.nsmap):
        root = copy.deepcopy(compiled.shell)
        root.replace(root.find(f"{_W}body"), tree)
        return etree.tostring(root, encoding="UTF-8", standalone=True)
    body = etree.tostring(tree, encoding="UTF-8")
    inner = b"<w:body/>" if body.endswith(b"/>") and len(tree) == 0 else b"<w:body>" + body[body.index(b">") + 1 :]
    return compiled.head + inner + compiled.tail


def _render_document_xml(compiled: _Compiled, context: dict) -> bytes:
    """word/document.xml as DocxTemplate.render + save write it."""
    tpl = compiled.tpl
    xml = compiled.body.render(context)
    if "{_" in xml or "_}" in xml or "%_" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\t\a\n\f"):  # resolve_listing changes nothing without them
        xml = tpl.resolve_listing(xml)
    tree = _body_tree(tpl, xml)
    if "docPr" in xml:  # fix_docpr_ids renumbers wp:docPr elements only
        tpl.docx_ids_index = 1000
        tpl.fix_docpr_ids(tree)
    return _document_xml(compiled, tree)


def render_docx(template: str, context: dict, target: Path) -> None:
    """Fill `pipeline/render/templates/<template>` with `context` (autoescaped) and save it to `target`."""
    path = TEMPLATES_DIR / template
    compiled = _compiled(path)
    if compiled is None:
        doc = DocxTemplate(str(path))
        doc.render(context, autoescape=True)
        doc.save(str(target))
        return
    document = Member.deflated(_DOCUMENT, _render_document_xml(compiled, context))
    write_zip(target, [document if member is None else member for member in compiled.members])


def dossier_docx_context(context: dict) -> dict:
    """The dossier context with the coloured RichText runs and the list tables the .docx uses."""
    rules = [
        {**rule, "outcome_rt": RichText(rule["outcome"], color=rule["colour"], bold=True)} for rule in context["rules"]
    ]
    lists = [{**item, "table": _list_table(item["columns"], item["rows"])} for item in context["lists"]]
    colour = settings().decision_text_colours.get(context["decision_code"], "000000")
    decision_rt = RichText(context["decision"], bold=True, color=colour, size=28)
    return {**context, "rules": rules, "lists": lists, "decision_rt": decision_rt}
