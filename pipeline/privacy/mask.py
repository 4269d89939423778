"""Mask personal data (ID numbers, phone numbers, e-mail addresses) in text experts see.

The patterns are deliberately narrow so that amounts and credit codes survive:
an ID number must carry a plausible birth date, a landline needs an area code or a
phone label in front of it.

Each rule says which parts of a match stay and what replaces the rest, so the same rules
give the masked text (mask_personal) and the characters it hides (hidden_ranges), which the
redacted copies of PDFs and scans black out: what is masked in a document is what is
blacked out in a copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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

# A match becomes pieces: (start, end) of the text kept as it is, or a string put in.
Piece = tuple[int, int] | str


def _id(m: re.Match[str]) -> list[Piece]:
    return [m.span(1), "*" * (len(m.group(0)) - 10), (m.end() - 4, m.end())]


def _area_and_three(m: re.Match[str]) -> list[Piece]:
    return [m.span(1), (m.start(2), m.start(2) + 3), "****"]


# In this order: a later rule reads the text the earlier ones masked (no phone inside a masked ID).
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], list[Piece]]]] = [
    (_ID18, _id),
    (_ID15, _id),
    (_MOBILE, lambda m: [m.span(1), "****", m.span(3)]),
    (_LANDLINE, _area_and_three),
    (_LABELLED, _area_and_three),
    (_EMAIL, lambda m: [m.span(1), "***", m.span(2)]),
]


def _masked(text: str) -> tuple[str, list[int | None]]:
    """The masked text, and for each of its characters the index of the original one (None: put in)."""
    origin: list[int | None] = list(range(len(text)))
    for pattern, pieces in _RULES:
        out: list[str] = []
        moved: list[int | None] = []
        last = 0
        for m in pattern.finditer(text):  # the matches re.sub would replace
            out.append(text[last : m.start()])
            moved += origin[last : m.start()]
            for piece in pieces(m):
                if isinstance(piece, str):
                    out.append(piece)
                    moved += [None] * len(piece)
                else:
                    out.append(text[piece[0] : piece[1]])
                    moved += origin[piece[0] : piece[1]]
            last = m.end()
        if last:
            out.append(text[last:])
            moved += origin[last:]
            text, origin = "".join(out), moved
    return text, origin


def mask_personal(text: str) -> str:
    """`text` with ID numbers, mobile and landline numbers and e-mail addresses masked.

    640104199001011234 -> 640104********1234; 13912345678 -> 139****5678;
    0951-6038381 -> 0951-603****; zhang.san@example.com -> z***@example.com.
    """
    if not text:
        return text
    return _masked(text)[0]


def hidden_ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) ranges of `text` that mask_personal hides (replaced or dropped), in order."""
    if not text:
        return []
    kept = {n for n in _masked(text)[1] if n is not None}
    ranges: list[tuple[int, int]] = []
    for n in range(len(text)):
        if n in kept:
            continue
        if ranges and ranges[-1][1] == n:
            ranges[-1] = (ranges[-1][0], n + 1)
        else:
            ranges.append((n, n + 1))
    return ranges


def has_personal_data(text: str) -> bool:
    """The text carries something mask_personal would hide (its files' copies are masked or redacted)."""
    return mask_personal(text) != text
