"""The 统一社会信用代码 on a licence: read it (repairing one OCR confusion when exactly one
repair makes the GB 32100 check digit valid), tell the unit nature its registering
authority implies (9x 工商, 5x 民政, 1x 机构编制) and the division of characters 3–8."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdnum.cn import uscc

from ..models import UnitNature
from . import patterns as p
from .config import regions
from .values import Parsed

# Characters OCR confuses, each with what it may really be. O, I, Z, S and V never occur
# in a credit code; the pairs among valid characters (0/D, 8/B …) are tried only when
# no invalid character is present.
CONFUSIONS: dict[str, str] = {
    "O": "0D",
    "Q": "0",
    "D": "0",
    "0": "DQ",
    "I": "1",
    "L": "1",
    "1": "L",
    "T": "1",
    "Z": "2",
    "2": "Z",
    "S": "5",
    "5": "S",
    "B": "8",
    "8": "B",
    "G": "6",
    "6": "G",
    "V": "UY",
    "U": "V",
}
_INVALID = set("IOSVZ")
_TOKEN = re.compile(r"[0-9A-Z]{17,19}")

# First character (registering authority) → the unit natures it allows.
AUTHORITY_NATURES: dict[str, set[UnitNature]] = {
    "1": {UnitNature.public_institution},
    "5": {UnitNature.social_organization, UnitNature.private_non_enterprise},
    "9": {UnitNature.enterprise},
}
AUTHORITY_NAMES = {
    "1": "机构编制部门（事业单位）",
    "5": "民政部门（社会团体、民办非企业单位）",
    "9": "市场监管部门（企业）",
}


def _tokens(text: str) -> list[str]:
    flat = p.compact(unicodedata.normalize("NFKC", text)).upper()
    return _TOKEN.findall(flat)


def _repairs(code: str) -> list[tuple[str, int, str, str]]:
    """Every single-character confusion repair that yields a valid code: (code, position, from, to)."""
    invalid = [i for i, c in enumerate(code) if c in _INVALID or (i < 8 and not c.isdigit())]
    positions = invalid if invalid else range(len(code))
    if len(invalid) > 1:
        return []
    found = []
    for i in positions:
        for alt in CONFUSIONS.get(code[i], ""):
            candidate = code[:i] + alt + code[i + 1 :]
            if uscc.is_valid(candidate):
                found.append((candidate, i + 1, code[i], alt))
    return found


def read_uscc(text: str) -> Parsed | None:
    """The credit code in a licence's text; check digit validated, one confusion repaired."""
    valid = p.uscc_candidates(text)
    if valid and uscc.is_valid(valid[0]):
        return Parsed(valid[0])
    tokens = [t for t in _tokens(text) if len(t) == 18] or (valid[:1])
    if not tokens:
        raw = p.compact(text).upper()
        if len(raw) < 8:
            return None
        return Parsed(raw, 0.3, review=[f"统一社会信用代码“{raw}”不是18位有效格式，请核对"])
    code = tokens[0]
    repairs = _repairs(code)
    if len(repairs) == 1:
        fixed, pos, old, new = repairs[0]
        return Parsed(fixed, 0.9, f"识别结果 {code} 第{pos}位“{old}”按常见识别混淆修正为“{new}”后校验位正确")
    if len(repairs) > 1:
        options = "、".join(r[0] for r in repairs)
        return Parsed(
            code, 0.5, review=[f"统一社会信用代码 {code} 校验位不正确，可能的修正不唯一（{options}），请核对原件"]
        )
    return Parsed(code, 0.6, review=[f"统一社会信用代码 {code} 校验位不正确，请核对（GB 32100）"])


_RUN = re.compile(r"[0-9A-Z]+")


def code_shapes(text: str) -> list[str]:
    """18-character strings of the credit code's alphabet in a line: a run of exactly 18, or
    neighbouring runs split only by spaces that add up to 18 ("9164 0100 MA76…"). A longer run
    (the 2019 licence's 20-digit 证照编号) is never cut into one."""
    flat = unicodedata.normalize("NFKC", text).upper()
    runs = [(m.start(), m.end()) for m in _RUN.finditer(flat)]
    out: list[str] = []
    for i, (start, _) in enumerate(runs):
        joined, end = "", start
        for a, b in runs[i:]:
            if flat[end:a].strip():
                break
            joined += flat[a:b]
            end = b
            if len(joined) >= 18:
                break
        if len(joined) == 18:
            out.append(joined)
    return list(dict.fromkeys(out))


def best_code(lines: list[str], labelled: list[int], numbered: set[int]) -> tuple[Parsed, int] | None:
    """The credit code of a licence: of every code-shaped string, the valid one nearest its label
    (same line, then the lines after it), never one on a 证照编号 line; when none is valid, the
    nearest one with a single OCR confusion repaired, or the nearest one for review."""
    found: list[tuple[tuple[int, int], str, int]] = []  # (rank, code, line)
    for n, line in enumerate(lines):
        if n in numbered and n not in labelled:
            continue
        for code in code_shapes(line):
            distance = min((abs(n - k) + (0.5 if n < k else 0) for k in labelled), default=99)
            found.append(((0 if uscc.is_valid(code) else 1, distance), code, n))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    (valid_rank, _), code, line = found[0]
    if valid_rank == 0:
        return Parsed(code), line
    parsed = read_uscc(code)
    return (parsed, line) if parsed is not None else None


def nature_conflict(code: str, nature: UnitNature | str | None, what: str) -> str | None:
    """A Chinese review reason when the code's registering authority does not fit `nature`."""
    if not nature or not code:
        return None
    allowed = AUTHORITY_NATURES.get(code[0])
    if allowed is None:
        return None
    try:
        nature = UnitNature(nature)
    except ValueError:
        return None
    if nature in allowed:
        return None
    return f"统一社会信用代码 {code} 首位“{code[0]}”表示登记管理部门为{AUTHORITY_NAMES[code[0]]}，与{what}不符，请核对"


@dataclass(frozen=True)
class CodePlace:
    city: str | None
    county: str | None
    division: str  # the 6-digit code read
    old: bool  # matched a former code


def code_place(code: str) -> CodePlace | None:
    """The Ningxia division named by characters 3–8 of a credit code (current or former code)."""
    if len(code) != 18 or not code[2:8].isdigit():
        return None
    division = code[2:8]
    data = regions()
    if division == data.province.code:
        return CodePlace(None, None, division, False)
    for city in data.cities:
        for county in city.counties:
            if division == county.code or division in county.old_codes:
                return CodePlace(city.name, county.name, division, division != county.code)
        if division == city.code or division in city.old_codes:
            return CodePlace(city.name, None, division, division != city.code)
    return None


def outside_region(code: str) -> str | None:
    """A review reason when the code's division is not in Ningxia (often a misread digit)."""
    if len(code) != 18 or not code[2:8].isdigit():
        return None
    if code[2:4] == regions().province.code[:2]:
        return None
    return f"统一社会信用代码 {code} 第3–8位行政区划码 {code[2:8]} 不属于宁夏，请核对登记机关或识别结果"
