"""Masked copies of legacy Word and Excel files (.doc/.xls, Kingsoft .wps/.et).

They are converted with LibreOffice, as the reader converts them, and the converted .docx or
.xlsx is masked like any other (redact.py). The copy is then read again with the pipeline's
own reader and given out only when nothing personal is left in it: the conversion is not
the applicant's file, so the copy is checked rather than trusted.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..models import FileEntry, FileKind
from ..read.docx import read_docx
from ..read.errors import ReadFailure
from ..read.legacy import convert, ole2_subtype
from ..read.xlsx import read_xlsx
from .mask import has_personal_data
from .redact import mask_docx, mask_xlsx
from .redact_image import NotRedactable

_FORMATS = {"word": ("doc", ".docx"), "excel": ("xls", ".xlsx")}


def legacy_copy_suffix(source: Path) -> str:
    """The suffix of the masked copy of `source`: .docx or .xlsx."""
    subtype = ole2_subtype(source)
    if subtype not in _FORMATS:
        raise NotRedactable("加密或无法识别的旧版 Office 文件不能自动遮蔽")
    return _FORMATS[subtype][1]


def redact_legacy(source: Path, target: Path) -> None:
    """Write `target` (.docx or .xlsx, see legacy_copy_suffix): `source` converted, then masked."""
    source_ext, suffix = _FORMATS[ole2_subtype(source)]
    with tempfile.TemporaryDirectory(prefix="nx-prescreen-mask-") as tmp:
        try:
            converted = convert(source, source_ext, suffix[1:], Path(tmp))
        except ReadFailure as exc:
            raise NotRedactable("旧版 Office 文件未能转换") from exc
        (mask_docx if suffix == ".docx" else mask_xlsx)(converted, target)
    entry = FileEntry(rel_path=target.name, disk_path=target, kind=FileKind(suffix[1:]), size=target.stat().st_size)
    copy = read_docx(entry) if suffix == ".docx" else read_xlsx(entry)
    if has_personal_data(copy.full_text()):
        target.unlink(missing_ok=True)
        raise NotRedactable("转换后的副本中仍有未能遮蔽的个人信息")
