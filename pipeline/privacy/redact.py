"""Copies of an applicant's Word and Excel files with personal data masked, done in the XML.

Only the parts that carry text are parsed and written again (a workbook's shared strings,
worksheets and comments; a document's body, headers, footers, footnotes, endnotes and
comments); every other member (styles, images, embedded objects) is copied as it is
stored, so the copy is the applicant's file with the masked text and nothing else changed.

Excel: a cell is masked as a whole (shared string, inline string, formula text, cached
string result, or an integer that is an ID or phone number, which becomes text).
Word: each run's text is masked as a whole (tabs and breaks count as whitespace), then the
paragraph's visible text, so a number split over several runs is masked too; the masked
characters replace the original ones in the runs they came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from ..render.common.ooxml import PARSER, Package, write_zip, xml_bytes
from .mask import mask_personal

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_SHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
}
_WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
}


def _masked_package(source: Path, target: Path, types: set[str], mask_part: Callable[[etree._Element], bool]) -> None:
    with Package(source) as package:
        content_types = package.content_types()
        members = package.members()
        for n, member in enumerate(members):
            if content_types.get(member.name) not in types:
                continue
            tree = etree.fromstring(package.read(member.name), PARSER).getroottree()
            if mask_part(tree.getroot()):
                members[n] = member.with_content(xml_bytes(tree))
    write_zip(target, members)


# --- Excel -------------------------------------------------------------------------------


def mask_xlsx(source: Path, target: Path) -> None:
    """Copy the workbook at `source` to `target` with every cell that carries personal data masked."""
    _masked_package(source, target, _SHEET_TYPES, _mask_sheet_part)


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _mask_rich_text(element: etree._Element, ns: str) -> bool:
    """A shared string, inline string or comment text (`<t>` or rich-text runs `<r><t>`,
    phonetic runs left out): masked as one text, which then replaces the runs."""
    texts = [t for t in element.iter(f"{ns}t") if t.getparent() is element or t.getparent().tag == f"{ns}r"]
    text = "".join(t.text or "" for t in texts)
    masked = mask_personal(text)
    if masked == text:
        return False
    for child in list(element):
        if child.tag in (f"{ns}t", f"{ns}r"):
            element.remove(child)
    t = etree.Element(f"{ns}t")
    _set_text(t, masked)
    element.insert(0, t)
    return True


def _integer(text: str) -> str | None:
    """A numeric cell's value as openpyxl reads it, when that is an int (str of it)."""
    if "." in text or "e" in text.lower():
        return None
    try:
        return str(int(text))
    except ValueError:
        return None


def _mask_cell(cell: etree._Element, ns: str) -> bool:
    kind = cell.get("t", "n")
    changed = False
    formula = cell.find(f"{ns}f")
    if formula is not None and formula.text and mask_personal(formula.text) != formula.text:
        formula.text = mask_personal(formula.text)
        changed = True
    value = cell.find(f"{ns}v")
    if kind == "inlineStr":
        inline = cell.find(f"{ns}is")
        return (inline is not None and _mask_rich_text(inline, ns)) or changed
    if value is None or value.text is None:
        return changed
    if kind == "str":
        if mask_personal(value.text) != value.text:
            value.text = mask_personal(value.text)
            changed = True
    elif kind == "n" and (number := _integer(value.text)) is not None and mask_personal(number) != number:
        if formula is not None:  # a formula's cached result: becomes a string result
            cell.set("t", "str")
            value.text = mask_personal(number)
        else:  # a typed-in number: becomes text, as openpyxl wrote a masked value
            inline = etree.Element(f"{ns}is")
            _set_text(etree.SubElement(inline, f"{ns}t"), mask_personal(number))
            cell.replace(value, inline)
            cell.set("t", "inlineStr")
        changed = True
    return changed


def _mask_sheet_part(root: etree._Element) -> bool:
    ns = f"{{{etree.QName(root).namespace}}}" if etree.QName(root).namespace else ""
    local = etree.QName(root).localname
    changed = False
    if local == "sst":
        for item in root.iter(f"{ns}si"):
            changed |= _mask_rich_text(item, ns)
    elif local == "comments":
        for text in root.iter(f"{ns}text"):
            changed |= _mask_rich_text(text, ns)
    else:
        for cell in root.iter(f"{ns}c"):
            changed |= _mask_cell(cell, ns)
    return changed


# --- Word --------------------------------------------------------------------------------


def mask_docx(source: Path, target: Path) -> None:
    """Copy the document at `source` to `target` with personal data masked in its text."""
    _masked_package(source, target, _WORD_TYPES, _mask_word_part)


class _Item:
    """A text-bearing child of a run: w:t / w:delText (its text) or w:tab, w:br, … (one character)."""

    __slots__ = ("editable", "element", "original", "text")

    def __init__(self, element: etree._Element, text: str, editable: bool) -> None:
        self.element, self.original, self.text, self.editable = element, text, text, editable


def _mask_word_part(root: etree._Element) -> bool:
    ns = f"{{{etree.QName(root).namespace}}}"
    text_tags = {f"{ns}t", f"{ns}delText"}
    marks = {f"{ns}tab": "\t", f"{ns}ptab": "\t", f"{ns}br": "\n", f"{ns}cr": "\n", f"{ns}noBreakHyphen": "-"}
    deleted = {f"{ns}del", f"{ns}moveFrom"}
    paragraphs: dict[etree._Element | None, list[tuple[list[_Item], bool]]] = {}
    for run in root.iter(f"{ns}r"):
        items = [
            _Item(child, child.text or "", True) if child.tag in text_tags else _Item(child, marks[child.tag], False)
            for child in run
            if child.tag in text_tags or child.tag in marks
        ]
        if items:
            owner = next((a for a in run.iterancestors(f"{ns}p")), None)
            visible = run.getparent() is not None and run.getparent().tag not in deleted
            paragraphs.setdefault(owner, []).append((items, visible))
    changed = False
    for owner, runs in paragraphs.items():
        for items, _ in runs:  # each run as a whole, as python-docx's run.text gave it
            changed |= _mask_items(items)
        if owner is not None:  # then the paragraph's visible text, across runs
            changed |= _mask_items([item for items, visible in runs if visible for item in items])
    for paragraph_runs in paragraphs.values() if changed else ():
        for items, _ in paragraph_runs:
            for item in items:
                if item.text == item.original:
                    continue
                if item.editable:
                    _set_text(item.element, item.text)
                else:  # a tab or break the masked text no longer has
                    item.element.getparent().remove(item.element)
    return changed


def _mask_items(items: list[_Item]) -> bool:
    """Mask the joined text of `items` and spread the result back over them."""
    text = "".join(item.text for item in items)
    masked = mask_personal(text)
    if masked == text or not any(item.editable for item in items):
        return False
    owners = [n for n, item in enumerate(items) for _ in item.text]  # item of each character
    pieces = [[] for _ in items]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, text, masked, autojunk=False).get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                pieces[owners[i1 + offset]].append(text[i1 + offset])
        elif j2 > j1:  # replaced or inserted characters go to the text item where the change starts
            at = owners[i1] if i1 < len(owners) else len(items) - 1
            pieces[_editable_near(items, at)].append(masked[j1:j2])
    new = ["".join(piece) for piece in pieces]
    marks_kept = all(item.editable or value in ("", item.text) for item, value in zip(items, new, strict=True))
    if "".join(new) != masked or not marks_kept:
        new = _fallback(items, masked)
    for item, value in zip(items, new, strict=True):
        item.text = value
    return True


def _editable_near(items: list[_Item], at: int) -> int:
    """`at` when it is a text item, else the text item before it, else the one after it."""
    for n in (*range(at, -1, -1), *range(at + 1, len(items))):
        if items[n].editable:
            return n
    raise ValueError("no text item")  # _mask_items only spreads over items with text


def _fallback(items: Iterable[_Item], masked: str) -> list[str]:
    """All the masked text in the first text item; the other items emptied (tabs and breaks removed)."""
    items = list(items)
    first = next(n for n, item in enumerate(items) if item.editable)
    return [masked if n == first else "" for n in range(len(items))]
