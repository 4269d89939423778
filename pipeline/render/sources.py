"""Copies of the applicant's files under applicants/<id>/files/, which the dossier links to.

Experts open these, so personal data is masked there too: Excel and Word files that
carry ID or phone numbers are copied with those cells and runs masked; any other file
that carries them (a PDF, a scan) is withheld, and its dossier link says so (the
secretariat keeps the original). Files that did not change are not copied again.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import docx
import openpyxl

from ..cache import file_digest
from ..models import FileEntry, FileKind
from .masking import mask_personal

log = logging.getLogger(__name__)

WITHHELD_SUFFIX = ".已隐去个人信息.txt"


def copy_sources(
    files: list[FileEntry], digests: dict[str, str], personal: set[str], dest: Path, max_bytes: int
) -> None:
    for entry in files:
        target = dest / entry.rel_path
        if entry.size > max_bytes or not target.resolve().is_relative_to(dest.resolve()):
            continue  # too large to be read, or (refused by ingest already) outside OUT
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if entry.rel_path in personal:
                _masked_copy(entry, target)
            elif not _same_content(target, entry.size, digests.get(entry.rel_path)):
                shutil.copyfile(entry.disk_path, target)
        except Exception as exc:  # a copy is a convenience; never fail the application over it
            log.warning("could not copy %s: %s", entry.rel_path, exc)
            target.unlink(missing_ok=True)


def _masked_copy(entry: FileEntry, target: Path) -> None:
    if entry.kind == FileKind.xlsx:
        workbook = openpyxl.load_workbook(entry.disk_path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str | int) and not isinstance(cell.value, bool):
                        masked = mask_personal(str(cell.value))
                        if masked != str(cell.value):
                            cell.value = masked
        workbook.save(target)
    elif entry.kind == FileKind.docx:
        document = docx.Document(str(entry.disk_path))
        paragraphs = list(document.paragraphs)
        for table in document.tables:
            paragraphs.extend(p for row in table.rows for cell in row.cells for p in cell.paragraphs)
        for paragraph in paragraphs:
            for run in paragraph.runs:
                run.text = mask_personal(run.text)
        document.save(str(target))
    else:
        target.unlink(missing_ok=True)
        note = target.with_name(target.name + WITHHELD_SUFFIX)
        note.write_text(
            "该文件含身份证号、电话等个人信息，未随评审材料提供；如需查看原件，请向评审秘书处调阅。\n", encoding="utf-8"
        )


def _same_content(target: Path, size: int, digest: str | None) -> bool:
    try:
        return digest is not None and target.stat().st_size == size and file_digest(target) == digest
    except OSError:
        return False


def has_personal_data(text: str) -> bool:
    return mask_personal(text) != text
