"""The parts of a read document that classification looks at: the title zone (where a
document names itself), the body, the text lines, and whether it is a photo."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import FileKind, ReadDocument, Table, TextBlock
from .keywords import compact
from .phrases import PhraseText
from .settings import classify_settings

_HAN = re.compile(r"[\u4e00-\u9fff]")


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def _ocr_title_lines(block: TextBlock, count: int) -> list[str]:
    """The tallest OCR lines of a page: a certificate's or notice's title is its largest print."""
    lines = [line for line in block.ocr_lines if len(line.bbox) == 4 and han_count(line.text) >= 2]
    lines.sort(key=lambda line: -(line.bbox[3] - line.bbox[1]))
    return [line.text for line in lines[:count]]


def title_zone(blocks: list[TextBlock], tables: list[Table]) -> str:
    """The first short lines of the first page (and its tallest OCR lines), or a sheet's
    first rows: where a document names itself. A long line is a sentence, not a title."""
    return _zone(title_lines(blocks, tables), blocks)


def _zone(lines: list[str], blocks: list[TextBlock]) -> str:
    s = classify_settings()
    first = next((b for b in blocks if b.text.strip()), None)
    text = "".join(lines)
    return text[: s.title_chars * 2] if first is not None and first.origin == "ocr" else text[: s.title_chars]


def title_lines(blocks: list[TextBlock], tables: list[Table]) -> list[str]:
    """The lines of the title zone, compacted, one by one."""
    s = classify_settings()
    lines: list[str] = []
    first = next((b for b in blocks if b.text.strip()), None)
    if first is not None:
        page = first.loc.page
        seen = 0
        for block in blocks:
            if page is not None and block.loc.page != page:
                break
            for line in block.text.splitlines():
                if not line.strip():
                    continue
                seen += 1
                if len(compact(line)) <= s.page_title_max_chars:
                    lines.append(line)
                if len(lines) >= s.title_lines or seen >= s.title_lines + 2:
                    break
            if len(lines) >= s.title_lines or seen >= s.title_lines + 2:
                break
        if first.origin == "ocr":
            lines.extend(_ocr_title_lines(first, s.ocr_title_lines))
    elif tables:
        for table in tables[:3]:
            if table.sheet:
                lines.append(table.sheet)
            for row in table.rows[:3]:
                cells = list(dict.fromkeys(c.text for c in row if c.text.strip()))
                lines.append(" ".join(cells))
    return [c for c in (compact(line) for line in lines) if c]


@dataclass
class DocView:
    """What one file (or page range) offers classification."""

    file: str
    kind: FileKind
    readable: bool
    title: PhraseText | None
    body: PhraseText | None
    title_lines: list[str]
    text: str  # the document's whole text, compact (facets search it)
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    han: int = 0
    ocr: bool = False
    photo: bool = False

    @property
    def has_text(self) -> bool:
        return self.body is not None


def view_of(doc: ReadDocument) -> DocView:
    s = classify_settings()
    text = doc.full_text() if doc.readable else ""
    full = compact(text)
    body = full[: s.content_chars]
    ocr = any(b.origin == "ocr" for b in doc.blocks)
    han = han_count(text)
    image_like = doc.kind == FileKind.image or (bool(doc.blocks) and all(b.origin == "ocr" for b in doc.blocks))
    heads = title_lines(doc.blocks, doc.tables) if doc.readable else []
    title = _zone(heads, doc.blocks)
    return DocView(
        file=doc.file,
        kind=doc.kind,
        readable=doc.readable,
        title=PhraseText(title, compacted=True) if title else None,
        body=PhraseText(body, compacted=True) if body else None,
        title_lines=heads,
        text=full,
        lines=[line for b in doc.blocks for line in b.text.splitlines() if line.strip()],
        tables=doc.tables,
        han=han,
        ocr=ocr,
        photo=doc.readable and image_like and han < s.photo_max_han,
    )
