"""Plain-text reader (UTF-8 or GB18030)."""

from __future__ import annotations

from ..models import FileEntry, FileKind, Location, ReadDocument, TextBlock
from .errors import ReadFailure
from .normalize import normalize_text

MAX_TEXT_BYTES = 5 * 1024 * 1024


def read_text(entry: FileEntry) -> ReadDocument:
    raw = entry.disk_path.read_bytes()[:MAX_TEXT_BYTES]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadFailure("文本文件编码无法识别")
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.text)
    for n, para in enumerate((p for p in text.split("\n\n") if p.strip()), start=1):
        doc.blocks.append(TextBlock(text=normalize_text(para), loc=Location(paragraph=n)))
    return doc
