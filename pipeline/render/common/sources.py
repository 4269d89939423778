"""Copies of the applicant's files under applicants/<id>/files/, which the dossier links to.

Experts open these, so personal data is masked there too: Excel and Word files that
carry ID or phone numbers are copied with those cells and texts masked (privacy/redact.py);
PDFs, photos and scans that carry them get a redacted copy, "<name>.已打码<suffix>", with the
personal data blacked out (privacy/redact_pdf.py, redact_image.py); old .doc/.xls files a
masked .docx/.xlsx ("<name>.已打码.docx", privacy/redact_legacy.py); text files a masked
text (redact_text.py). A clerk sees from the name that the file is not the original. A file
that cannot be redacted reliably (OFD, pages not read, a failure) is withheld with a note in
its place that says why (the secretariat keeps the original). The dossier's links open
whichever of these is there (present_copy). A manifest of source digests lets a re-run skip
unchanged files.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path, PurePosixPath

from pydantic import Field

from ...cache import text_digest
from ...models import FileEntry, FileKind
from ...models.common import Model
from ...privacy.redact import mask_docx, mask_xlsx
from ...privacy.redact_image import NotRedactable, redact_image, redacted_image_format
from ...privacy.redact_legacy import legacy_copy_suffix, redact_legacy
from ...privacy.redact_pdf import redact_pdf
from ...privacy.redact_text import redact_text
from ...privacy.regions import REDACTABLE, Redaction

log = logging.getLogger(__name__)

WITHHELD_SUFFIX = ".已隐去个人信息.txt"
REDACTED_MARK = ".已打码"  # 身份证.pdf → 身份证.已打码.pdf
MANIFEST = ".copies.json"  # rel_path → _stamp() of what an earlier run wrote
# Masked copies made by an earlier way of masking are made again (1: python-docx and openpyxl,
# run by run and cell by cell; 2: in the XML, paragraphs and headers too, pictures kept;
# 3: PDFs, images, old .doc/.xls and text files redacted or masked instead of withheld).
MASKING_VERSION = 3

_NOTE = "该文件含身份证号、电话等个人信息，{reason}，未随评审材料提供；如需查看原件，请向评审秘书处调阅。\n"
_NOT_REDACTABLE = {FileKind.ofd: "OFD 版式文件不能自动打码"}
_COPY_SUFFIXES = (".png", ".docx", ".xlsx")  # a redacted copy in another format than the original


class SourceCopies(Model):
    """What copy_sources left under `dest`: a re-run may skip the application while all of it is there."""

    manifest: dict[str, str] = Field(default_factory=dict)  # the manifest as written
    present: list[str] = Field(default_factory=list)  # the copies (or stand-ins), relative to dest
    complete: bool = True  # False: a copy failed and the next run must try again


def copies_current(copies: SourceCopies, dest: Path) -> bool:
    """The copies under `dest` are still the ones `copies` describes."""
    if _load_manifest(dest / MANIFEST) != copies.manifest:
        return False
    return all((dest / rel).is_file() for rel in copies.present)


def redacted_name(rel_path: str, suffix: str | None = None) -> str:
    """Where the redacted copy of `rel_path` is: same folder, "已打码" before the suffix."""
    path = PurePosixPath(rel_path)
    return str(path.with_name(f"{path.stem}{REDACTED_MARK}{suffix if suffix is not None else path.suffix}"))


def stand_ins(rel_path: str) -> list[str]:
    """What may stand for the copy of `rel_path` under files/, in order: the copy itself, its
    redacted copy (as the original, or as PNG, .docx or .xlsx), the note that it is withheld."""
    suffix = PurePosixPath(rel_path).suffix
    names = [rel_path, redacted_name(rel_path)]
    names += [redacted_name(rel_path, other) for other in _COPY_SUFFIXES if other != suffix.lower()]
    return [*names, rel_path + WITHHELD_SUFFIX]


def present_copy(dest: Path, rel_path: str) -> str | None:
    """The file under `dest` that opens for `rel_path` (relative, forward slashes), or None."""
    for rel in stand_ins(rel_path):
        target = dest / rel
        if target.is_file() and target.resolve().is_relative_to(dest.resolve()):
            return rel
    return None


def copy_sources(
    files: list[FileEntry],
    digests: dict[str, str],
    personal: set[str],
    dest: Path,
    max_bytes: int,
    redactions: dict[str, Redaction] | None = None,
) -> SourceCopies:
    """`redactions`: where the personal data of the PDFs and images in `personal` is (regions.py)."""
    redactions = redactions or {}
    manifest_path = dest / MANIFEST
    manifest = _load_manifest(manifest_path)
    copies = SourceCopies()
    taken = {entry.rel_path for entry in files}  # a redacted copy never overwrites another file's copy
    for entry in files:
        target = dest / entry.rel_path
        if entry.size > max_bytes or not target.resolve().is_relative_to(dest.resolve()):
            continue  # too large to be read, or (refused by ingest already) outside OUT
        digest = digests.get(entry.rel_path)
        masked = entry.rel_path in personal
        stamp = _stamp(digest, masked, redactions.get(entry.rel_path))
        done = present_copy(dest, entry.rel_path)
        if digest is None or manifest.get(entry.rel_path) != stamp or done is None:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                for rel in stand_ins(entry.rel_path)[1:]:
                    if rel not in taken:
                        (dest / rel).unlink(missing_ok=True)  # what an earlier run left in another way
                if masked:
                    done = _masked_copy(entry, dest, redactions.get(entry.rel_path), taken)
                else:
                    shutil.copyfile(entry.disk_path, target)
                    done = entry.rel_path
                manifest[entry.rel_path] = stamp
            except Exception as exc:  # a copy is a convenience; never fail the application over it
                log.warning("未能复制源文件 %s：%s", entry.rel_path, exc)
                target.unlink(missing_ok=True)
                manifest.pop(entry.rel_path, None)
                copies.complete = False
                continue
        if done is not None and (dest / done).exists():
            copies.present.append(done)
    if dest.exists():
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        copies.manifest = manifest
    return copies


def _stamp(digest: str | None, masked: bool, redaction: Redaction | None) -> str:
    """What made the copy: the content, whether it was masked (how), and where the boxes were."""
    if not masked:
        return f"{digest}:{masked}"
    stamp = f"{digest}:{masked}:{MASKING_VERSION}"
    return stamp if redaction is None else f"{stamp}:{text_digest(redaction.model_dump_json())[:12]}"


def _load_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _masked_copy(entry: FileEntry, dest: Path, redaction: Redaction | None, taken: set[str]) -> str:
    """Write the masked copy, the redacted copy or the note; its path relative to `dest`."""
    target = dest / entry.rel_path
    target.unlink(missing_ok=True)
    if entry.kind == FileKind.xlsx:
        mask_xlsx(entry.disk_path, target)
        return entry.rel_path
    if entry.kind == FileKind.docx:
        mask_docx(entry.disk_path, target)
        return entry.rel_path
    try:
        return _redacted_copy(entry, dest, redaction, taken)
    except NotRedactable as exc:
        reason = str(exc)
    except Exception as exc:  # whatever went wrong, the expert gets the note, never a half-redacted file
        log.warning("未能为 %s 制作打码副本：%r", entry.rel_path, exc)
        reason = "自动打码未能完成"
    note = entry.rel_path + WITHHELD_SUFFIX
    (dest / note).write_text(_NOTE.format(reason=reason), encoding="utf-8")
    return note


def _redacted_copy(entry: FileEntry, dest: Path, redaction: Redaction | None, taken: set[str]) -> str:
    if entry.kind == FileKind.ole2:
        rel = redacted_name(entry.rel_path, legacy_copy_suffix(entry.disk_path))
        return _write(dest, rel, taken, lambda target: redact_legacy(entry.disk_path, target))
    if entry.kind == FileKind.text:
        return _write(dest, redacted_name(entry.rel_path), taken, lambda target: redact_text(entry.disk_path, target))
    if entry.kind not in REDACTABLE:
        raise NotRedactable(_NOT_REDACTABLE.get(entry.kind, "该格式不能自动打码"))
    if redaction is None:
        raise NotRedactable("未能确定个人信息在文件中的位置")
    if redaction.problem:
        raise NotRedactable(redaction.problem)
    if entry.kind == FileKind.pdf:
        rel = redacted_name(entry.rel_path)
        make = redact_pdf
    else:
        keep = redacted_image_format(entry.disk_path) != "PNG" or entry.rel_path.lower().endswith(".png")
        rel = redacted_name(entry.rel_path, None if keep else ".png")
        make = redact_image
    return _write(dest, rel, taken, lambda target: make(entry.disk_path, target, redaction))


def _write(dest: Path, rel: str, taken: set[str], make) -> str:
    """`make(target)` for the copy at `rel`; no half-written copy is left when it fails."""
    if rel in taken:
        raise NotRedactable(f"申报材料中已有名为“{PurePosixPath(rel).name}”的文件")
    target = dest / rel
    try:
        make(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return rel
