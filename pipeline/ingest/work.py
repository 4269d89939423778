"""How much OCR an application will need, counted before it is read: its images and the
pages of its PDFs that have no text layer. A batch run hands the applications with the
most such pages to the workers first, so one long scanned application does not start last
and leave the other core idle at the end (issue 17).

The count is an estimate for ordering only; it never decides what is read. Anything that
cannot be opened here counts as no work (the reader reports it properly later).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..models import ApplicationPackage, FileKind
from .limits import DEFAULT_LIMITS, is_junk
from .sniff import extension_kind
from .zips import member_name


def ocr_pages(pkg: ApplicationPackage) -> int:
    """Images plus text-less PDF pages of the application (a zip's members, a folder's files)."""
    try:
        if pkg.is_zip:
            return _zip_pages(pkg.source)
        return sum(_file_pages(name, path) for name, path in _folder_files(pkg.source))
    except (OSError, zipfile.BadZipFile, RuntimeError):
        return 0


def _folder_files(root: Path):
    for folder, dirs, files in os.walk(root):  # symlinks are not followed (ingest refuses them too)
        dirs[:] = [d for d in dirs if not is_junk(d + "/x")]
        for name in files:
            if not is_junk(name):
                yield name, Path(folder) / name


def _file_pages(name: str, path: Path) -> int:
    kind = extension_kind(name)
    if kind == FileKind.image:
        return 1
    if kind == FileKind.pdf and path.stat().st_size <= DEFAULT_LIMITS.max_file_bytes:
        return _scanned_pages(str(path))
    return 0


def _zip_pages(source: Path) -> int:
    pages = 0
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            name = member_name(info)
            kind = extension_kind(name)
            if info.is_dir() or is_junk(name):
                continue
            if kind == FileKind.image:
                pages += 1
            elif kind == FileKind.pdf and info.file_size <= DEFAULT_LIMITS.max_file_bytes:
                with zf.open(info) as member:  # bounded: a member lying about its size is cut
                    pages += _scanned_pages(member.read(DEFAULT_LIMITS.max_file_bytes))
    return pages


def _scanned_pages(source: str | bytes) -> int:
    import pypdfium2 as pdfium

    from ..read.settings import read_settings

    floor = read_settings().min_page_chars
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError:
        return 0
    try:
        count = 0
        for page in pdf:
            text = page.get_textpage()
            count += text.count_chars() < floor
            text.close()
            page.close()
        return count
    finally:
        pdf.close()
