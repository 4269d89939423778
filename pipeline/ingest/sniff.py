"""Decide a file's kind from its first bytes, never from its extension alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..models import FileKind

_EXTENSION_KINDS: dict[str, FileKind] = {
    ".pdf": FileKind.pdf,
    ".docx": FileKind.docx,
    ".xlsx": FileKind.xlsx,
    ".doc": FileKind.ole2,
    ".xls": FileKind.ole2,
    ".wps": FileKind.ole2,
    ".et": FileKind.ole2,
    ".jpg": FileKind.image,
    ".jpeg": FileKind.image,
    ".png": FileKind.image,
    ".bmp": FileKind.image,
    ".tif": FileKind.image,
    ".tiff": FileKind.image,
    ".gif": FileKind.image,
    ".txt": FileKind.text,
    ".zip": FileKind.zip,
    ".ofd": FileKind.ofd,
}

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
)


def _ooxml_kind(path: Path) -> FileKind:
    """A zip container is .docx, .xlsx or a plain zip depending on its parts."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return FileKind.zip  # looks like a zip but is broken: the reader reports it
    if "word/document.xml" in names:
        return FileKind.docx
    if "xl/workbook.xml" in names:
        return FileKind.xlsx
    if "OFD.xml" in names:
        return FileKind.ofd
    return FileKind.zip


def sniff_kind(path: Path) -> FileKind:
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return FileKind.unknown
    if not head:
        return FileKind.empty
    if b"%PDF-" in head[:1024]:
        return FileKind.pdf
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _ooxml_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return FileKind.ole2
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        return FileKind.image
    if _looks_like_text(head):
        return FileKind.text
    return FileKind.unknown


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def extension_kind(name: str) -> FileKind | None:
    return _EXTENSION_KINDS.get(Path(name).suffix.lower())


def extension_mismatch(name: str, kind: FileKind) -> bool:
    """True when the extension promises a different kind than the content shows."""
    expected = extension_kind(name)
    if expected is None or kind in (FileKind.empty, FileKind.unknown):
        return False
    return expected != kind
