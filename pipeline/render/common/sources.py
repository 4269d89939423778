"""Copies of the applicant's files under applicants/<id>/files/, which the dossier links to.

Experts open these, so personal data is masked there too: Excel and Word files that
carry ID or phone numbers are copied with those cells and texts masked (redact.py); any other file
that carries them (a PDF, a scan) is withheld with a note in its place (the secretariat
keeps the original). A manifest of source digests lets a re-run skip unchanged files.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from pydantic import Field

from ...models import FileEntry, FileKind
from ...models.common import Model
from ...privacy.redact import mask_docx, mask_xlsx

log = logging.getLogger(__name__)

WITHHELD_SUFFIX = ".已隐去个人信息.txt"
MANIFEST = ".copies.json"  # rel_path → _stamp() of what an earlier run wrote
# Masked copies made by an earlier way of masking are made again (1: python-docx and openpyxl,
# run by run and cell by cell; 2: in the XML, paragraphs and headers too, pictures kept).
MASKING_VERSION = 2


class SourceCopies(Model):
    """What copy_sources left under `dest`: a re-run may skip the application while all of it is there."""

    manifest: dict[str, str] = Field(default_factory=dict)  # the manifest as written
    present: list[str] = Field(default_factory=list)  # the copies (or withheld notes), relative to dest
    complete: bool = True  # False: a copy failed and the next run must try again


def copies_current(copies: SourceCopies, dest: Path) -> bool:
    """The copies under `dest` are still the ones `copies` describes."""
    if _load_manifest(dest / MANIFEST) != copies.manifest:
        return False
    return all((dest / rel).is_file() for rel in copies.present)


def copy_sources(
    files: list[FileEntry], digests: dict[str, str], personal: set[str], dest: Path, max_bytes: int
) -> SourceCopies:
    manifest_path = dest / MANIFEST
    manifest = _load_manifest(manifest_path)
    copies = SourceCopies()
    for entry in files:
        target = dest / entry.rel_path
        if entry.size > max_bytes or not target.resolve().is_relative_to(dest.resolve()):
            continue  # too large to be read, or (refused by ingest already) outside OUT
        digest = digests.get(entry.rel_path)
        masked = entry.rel_path in personal
        done = target.with_name(target.name + WITHHELD_SUFFIX) if masked and not _maskable(entry) else target
        unchanged = digest is not None and manifest.get(entry.rel_path) == _stamp(digest, masked) and done.exists()
        if not unchanged:  # else the same file was copied (or masked) by an earlier run
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if masked:
                    _masked_copy(entry, target)
                else:
                    shutil.copyfile(entry.disk_path, target)
                manifest[entry.rel_path] = _stamp(digest, masked)
            except Exception as exc:  # a copy is a convenience; never fail the application over it
                log.warning("未能复制源文件 %s：%s", entry.rel_path, exc)
                target.unlink(missing_ok=True)
                manifest.pop(entry.rel_path, None)
                copies.complete = False
                continue
        if done.exists():
            copies.present.append(done.relative_to(dest).as_posix())
    if dest.exists():
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        copies.manifest = manifest
    return copies


def _stamp(digest: str | None, masked: bool) -> str:
    return f"{digest}:{masked}:{MASKING_VERSION}" if masked else f"{digest}:{masked}"


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
        mask_xlsx(entry.disk_path, target)
    elif entry.kind == FileKind.docx:
        mask_docx(entry.disk_path, target)
    else:
        target.unlink(missing_ok=True)
        note = target.with_name(target.name + WITHHELD_SUFFIX)
        note.write_text(
            "该文件含身份证号、电话等个人信息，未随评审材料提供；如需查看原件，请向评审秘书处调阅。\n", encoding="utf-8"
        )
