"""Masked copies of plain-text files (.txt, .csv): the text as the reader decodes it, masked.

The reader finds personal data in the NFKC form of the text (full-width digits read as
digits), so that form is what is masked and written (UTF-8); the copy is checked the same way.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..read.normalize import normalize_text
from ..read.text import MAX_TEXT_BYTES, decode_text
from .mask import has_personal_data, mask_personal
from .redact_image import NotRedactable


def redact_text(source: Path, target: Path) -> None:
    raw = source.read_bytes()
    if len(raw) > MAX_TEXT_BYTES:
        raise NotRedactable("文本文件过大，未全部读取")
    text = decode_text(raw)  # as the reader decodes it
    if text is None:
        raise NotRedactable("文本文件编码无法识别")
    masked = mask_personal(unicodedata.normalize("NFKC", text))
    if has_personal_data(normalize_text(masked)):
        raise NotRedactable("文本中有未能遮蔽的个人信息")
    target.write_text(masked, encoding="utf-8")
