"""Copies of the applicant's files under applicants/<id>/files/, which the dossier links to.

Experts open these, so personal data is masked there too: Excel and Word files that
carry ID or phone numbers are copied with those cells and runs masked; any other file
that carries them (a PDF, a scan) is withheld with a note in its place (the secretariat
keeps the original). A manifest of source digests lets a re-run skip unchanged files.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import docx
import openpyxl

from ..models import FileEntry, FileKind
from .masking import mask_personal

log = logging.getLogger(__name__)

WITHHELD_SUFFIX = ".已隐去个人信息.txt"
MANIFEST = ".copies.json"  # rel_path → "<source digest>:<masked>" of what an earlier run wrote


def copy_sources(
    files: list[FileEntry], digests: dict[str, str], personal: set[str], dest: Path, max_bytes: int
) -> None:
    manifest_path = dest / MANIFEST
    manifest = _load_manifest(manifest_path)
    for entry in files:
        target = dest / entry.rel_path
        if entry.size > max_bytes or not target.resolve().is_relative_to(dest.resolve()):
            continue  # too large to be read, or (refused by ingest already) outside OUT
        digest = digests.get(entry.rel_path)
        masked = entry.rel_path in personal
        done = target.with_name(target.name + WITHHELD_SUFFIX) if masked and not _maskable(entry) else target
        if digest is not None and manifest.get(entry.rel_path) == f"{digest}:{masked}" and done.exists():
            continue  # the same file was copied (or masked) by an earlier run
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            if masked:
                _masked_copy(entry, target)
            else:
                shutil.copyfile(entry.disk_path, target)
            manifest[entry.rel_path] = f"{digest}:{masked}"
        except Exception as exc:  # a copy is a convenience; never fail the application over it
            log.warning("could not copy %s: %s", entry.rel_path, exc)
            target.unlink(missing_ok=True)
            manifest.pop(entry.rel_path, None)
    if dest.exists():
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _load_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _maskable(entry: FileEntry) -> bool:
    return entry.kind in (FileKind.xlsx, FileKind.docx)


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


def has_personal_data(text: str) -> bool:
    return mask_personal(text) != text
