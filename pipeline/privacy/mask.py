"""Mask personal data (ID numbers, phone numbers, e-mail addresses) in text experts see.

The patterns are deliberately narrow so that amounts and credit codes survive:
an ID number must carry a plausible birth date, a landline needs an area code or a
phone label in front of it.
"""

from __future__ import annotations

import re

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"

# 18-digit resident ID (6 region + YYYYMMDD + 3 + check) and the old 15-digit form (YYMMDD).
_ID18 = re.compile(
    _NOT_ALNUM_BEFORE
    + r"(\d{6})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})([0-9Xx])"
    + _NOT_ALNUM_AFTER
)
_ID15 = re.compile(
    _NOT_ALNUM_BEFORE + r"(\d{6})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})" + _NOT_ALNUM_AFTER
)
# Mobile numbers, optionally with +86 and separators: 139 1234 5678, 139-1234-5678.
_MOBILE = re.compile(r"(?<!\d)((?:\+?86[-\s]?)?1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)")
# Landlines with an area code: 0951-6038381, (0951)6038381, 0951 6038381.
_LANDLINE = re.compile(r"(?<!\d)([(（]?0\d{2,3}[)）]?[-－—\s]?)(\d{3,4})[-\s]?(\d{3,4})(?!\d)")
# A bare 7-8 digit number right after a phone label: 电话：6038381.
_LABELLED = re.compile(r"((?:电话|座机|传真|联系方式|手机|Tel|TEL|tel)[:：\s]*)(\d{3,4})[-\s]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def _id(m: re.Match[str]) -> str:
    return m.group(1) + "*" * (len(m.group(0)) - 10) + m.group(0)[-4:]


def mask_personal(text: str) -> str:
    """`text` with ID numbers, mobile and landline numbers and e-mail addresses masked.

    640104199001011234 -> 640104********1234; 13912345678 -> 139****5678;
    0951-6038381 -> 0951-603****; zhang.san@example.com -> z***@example.com.
    """
    if not text:
        return text
    text = _ID18.sub(_id, text)
    text = _ID15.sub(_id, text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _LANDLINE.sub(lambda m: f"{m.group(1)}{m.group(2)[:3]}****", text)
    text = _LABELLED.sub(lambda m: f"{m.group(1)}{m.group(2)[:3]}****", text)
    return _EMAIL.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)


def has_personal_data(text: str) -> bool:
    """The text carries something mask_personal would hide (its files' copies are masked or withheld)."""
    return mask_personal(text) != text
