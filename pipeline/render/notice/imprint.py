"""GB/T 9704-2012 7.4: the 版记 stands at the foot of the notice's last page, its last rule on
the 版心's last line. A Word file cannot say where its pages end, so the PDF copy is made
twice: the first conversion shows how much room is left under the 版记 on the last page; that
room goes to the (bookmarked) empty paragraph before the 版记 in a copy of the document, which
is converted again. The second PDF replaces the first only when it has as many pages and its
版记 ends within a few points of the 版心's foot; otherwise the first stays (the 版记 then
simply follows the 附注, as in the Word file).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from lxml import etree

from ..common.ooxml import PARSER, Package, write_zip, xml_bytes

log = logging.getLogger(__name__)

BOOKMARK = "nx_imprint"  # set by scripts/build_docx_templates.py on the paragraph before the 版记
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "word/document.xml"
SAFETY_PT = 12.0  # left unused at the foot: the last line box and the closing rule reach below its glyphs


def pin_imprints(notices: list[Path]) -> list[Path]:
    """Remake the PDF copy of every notice (`x.docx` with a current `x.pdf`) with its 版记 at the
    foot of the last page; returns the notices whose PDF was remade."""
    from ..common.pdf import convert_to_pdf

    pinned = []
    with tempfile.TemporaryDirectory(prefix="nx-prescreen-imprint-") as tmp:
        staged: dict[Path, Path] = {}
        for n, docx in enumerate(notices):
            pdf = docx.with_suffix(".pdf")
            try:
                room = _room_pt(pdf, _bottom_margin_pt(docx))
                if room is None or room <= SAFETY_PT:
                    continue
                copy = Path(tmp) / f"n{n:05d}" / docx.name
                copy.parent.mkdir()
                _give_room(docx, copy, room - SAFETY_PT)
                staged[docx] = copy
            except (OSError, ValueError, etree.XMLSyntaxError) as exc:
                log.info("%s：版记未能移到页面底部（%s）", docx, exc)
        convert_to_pdf(list(staged.values()))
        for docx, copy in staged.items():
            remade, pdf = copy.with_suffix(".pdf"), docx.with_suffix(".pdf")
            if remade.exists() and _pages(remade) == _pages(pdf):
                room = _room_pt(remade, _bottom_margin_pt(docx))
                if room is not None and room <= 2 * SAFETY_PT:
                    shutil.move(str(remade), pdf)
                    pinned.append(docx)
    return pinned


def _bottom_margin_pt(docx: Path) -> float:
    with Package(docx) as package:
        root = etree.fromstring(package.read(_DOCUMENT), PARSER)
    margins = root.findall(f".//{{{_W}}}pgMar")
    if not margins:
        raise ValueError("没有页边距")
    return int(margins[-1].get(f"{{{_W}}}bottom")) / 20


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _room_pt(pdf: Path, bottom_margin: float) -> float | None:
    """Points between the lowest text line of the last page's 版心 and the 版心's foot (the page
    number sits below the 版心 and is not counted); None when the page has no such text."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[len(doc) - 1]
        text = page.get_textpage()
        try:
            bottoms = [
                box[1]
                for i in range(text.count_chars())
                if (box := text.get_charbox(i))[3] > bottom_margin and not text.get_text_range(i, 1).isspace()
            ]
        finally:
            text.close()
            page.close()
    finally:
        doc.close()
    return min(bottoms) - bottom_margin if bottoms else None


def _give_room(docx: Path, target: Path, room_pt: float) -> None:
    """A copy of `docx` whose bookmarked paragraph before the 版记 is `room_pt` points taller."""
    with Package(docx) as package:
        members = package.members()
        tree = etree.fromstring(package.read(_DOCUMENT), PARSER).getroottree()
    marks = tree.getroot().xpath(f"//w:bookmarkStart[@w:name='{BOOKMARK}']", namespaces={"w": _W})
    if not marks:
        raise ValueError("文档中没有版记位置标记")
    para = marks[0].getparent()
    ppr = para.find(f"{{{_W}}}pPr")
    if ppr is None:
        ppr = etree.SubElement(para, f"{{{_W}}}pPr")
        para.insert(0, ppr)
    spacing = ppr.find(f"{{{_W}}}spacing")
    if spacing is None:
        spacing = etree.SubElement(ppr, f"{{{_W}}}spacing")
    before = int(spacing.get(f"{{{_W}}}before") or 0)
    spacing.set(f"{{{_W}}}before", str(before + int(room_pt * 20)))
    for n, member in enumerate(members):
        if member.name == _DOCUMENT:
            members[n] = member.with_content(xml_bytes(tree))
    write_zip(target, members)
