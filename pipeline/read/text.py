"""Plain-text reader (UTF-8 or GB18030)."""

from __future__ import annotations

from ..models import FileEntry, FileKind, Location, ReadDocument, TextBlock
from .errors import ReadFailure
from .normalize import normalize_text

MAX_TEXT_BYTES = 5 * 1024 * 1024


def decode_text(raw: bytes) -> str | None:
    """A text file's bytes as the reader decodes them (UTF-8, else GB18030); None when neither fits."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_text(entry: FileEntry) -> ReadDocument:
    text = decode_text(entry.disk_path.read_bytes()[:MAX_TEXT_BYTES])
    if text is None:
        raise ReadFailure("文本文件编码无法识别")
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.text)
    for n, para in enumerate((p for p in text.split("\n\n") if p.strip()), start=1):
        doc.blocks.append(TextBlock(text=normalize_text(para), loc=Location(paragraph=n)))
    return doc
