"""A list is recognised by what its columns hold (data/list_columns.yaml).

Every table of a document (a sheet, a Word or PDF table, or text lines that split into
cells) is read column by column: the share of a column's cells that are people's
names, company names or equipment names, and which supporting kinds (degrees, titles,
ID numbers; ratings, service items; models, quantities) sit in other columns. This is
classification only: counting rows is the extractor's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import Field

from ..models import ListPart, Table
from ..models.common import Model
from ..reference import DATA_DIR, load_yaml

_ID_NUMBER = re.compile(r"^\d{6}(?:\d{8}|\*{8}|\*+)\d{3}[\dXx*]$")
_PHONE = re.compile(r"^(?:1[3-9]\d[\d*]{4}\d{4}|0\d{2,3}-?\d{7,8})$")
_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?$|^\d{4}年\d{1,2}月$")
_MODEL = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-_/. +]{1,30}$")
_QUANTITY = re.compile(r"^\d{1,4}\s*[台套个件部把张组块只辆项批本支根条]?$")
_MONEY = re.compile(r"^[¥￥]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s*(?:元|万元)?$")
_HAN = re.compile(r"^[\u4e00-\u9fff·]+$")
_SPLIT = re.compile(r"\s+")


class KindSpec(Model):
    words: list[str] = Field(default_factory=list)
    contains: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)
    surnames: str = ""
    compound_surnames: list[str] = Field(default_factory=list)
    min_chars: int = 0


class PartSpec(Model):
    key: str
    support: list[str]


class ListColumns(Model):
    version: int
    min_rows: int
    max_rows: int
    key_share: float
    key_weight: float
    support_weight: float
    support_cap: float
    parts: dict[ListPart, PartSpec]
    kinds: dict[str, KindSpec]


@cache
def list_columns() -> ListColumns:
    return ListColumns.model_validate(load_yaml(DATA_DIR / "list_columns.yaml"))


def _ends(value: str, suffixes: list[str]) -> bool:
    return value.endswith(_as_tuple(tuple(suffixes)))


@cache
def _as_tuple(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    return suffixes


@cache
def _contains_pattern(kind: str) -> re.Pattern | None:
    words = list_columns().kinds[kind].contains
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


def _contains(kind: str, value: str) -> bool:
    pattern = _contains_pattern(kind)
    return pattern is not None and pattern.search(value) is not None


def _organisation(value: str, spec: ListColumns) -> bool:
    org = spec.kinds["organisation"]
    return len(value) >= org.min_chars and _ends(value, org.suffixes)


def _person(value: str, spec: ListColumns) -> bool:
    person = spec.kinds["person"]
    if not (2 <= len(value) <= 4 and _HAN.match(value)):
        return False
    if _ends(value, spec.kinds["equipment"].suffixes) or _ends(value, spec.kinds["organisation"].suffixes):
        return False
    if value in spec.kinds["education"].words or _contains("title", value):
        return False
    return value[0] in person.surnames or any(value.startswith(c) for c in person.compound_surnames)


def _equipment(value: str, spec: ListColumns) -> bool:
    eq = spec.kinds["equipment"]
    if len(value) < 2 or _organisation(value, spec) or _person(value, spec):
        return False
    return _ends(value, eq.suffixes) or _contains("equipment", value)


def _matches(kind: str, value: str, spec: ListColumns) -> bool:
    """Whether a cell holds a value of `kind`."""
    if kind == "person":
        return _person(value, spec)
    if kind == "organisation":
        return _organisation(value, spec)
    if kind == "equipment":
        return _equipment(value, spec)
    if kind == "id_number":
        return bool(_ID_NUMBER.match(value))
    if kind == "phone":
        return bool(_PHONE.match(value))
    if kind == "date":
        return bool(_DATE.match(value))
    if kind == "model":
        return bool(_MODEL.match(value))
    if kind == "quantity":
        return bool(_QUANTITY.match(value))
    if kind == "money":
        return bool(_MONEY.match(value)) and not _QUANTITY.match(value)
    ks = spec.kinds[kind]
    return value in ks.words or _contains(kind, value) or (bool(ks.suffixes) and _ends(value, ks.suffixes))


@dataclass
class ListEvidence:
    part: ListPart
    score: float
    detail: str  # Chinese: which column holds what
    table: int  # index of the table (1-based) the evidence came from


def _is_sequence(values: list[str]) -> bool:
    """An index column (1, 2, 3 …) is no quantity column."""
    numbers = [v for v in values if v.isdigit()]
    return len(numbers) >= 3 and [int(v) for v in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _columns(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    columns = []
    for c in range(width):
        columns.append([r[c].strip() for r in rows if c < len(r) and r[c].strip()])
    return columns


@lru_cache(maxsize=1 << 15)
def _kinds(value: str) -> frozenset[str]:
    """Every kind a cell's value is (cached: the same values recur across lists)."""
    spec = list_columns()
    return frozenset(kind for kind in _ALL_KINDS if _matches(kind, value, spec))


def names_a_party(value: str) -> bool:
    """Whether a list cell is a person's or an organisation's name (the dossier keeps it whole on one line)."""
    return bool(_kinds(value.strip()) & {"person", "organisation"})


_ALL_KINDS = (
    "person", "organisation", "equipment", "education", "title", "id_number", "gender", "phone", "post",
    "satisfaction", "service", "date", "agreement", "model", "quantity", "money", "unit",
)


def _share(kind: str, values: list[frozenset[str]], spec: ListColumns) -> float:
    if len(values) < spec.min_rows:
        return 0.0
    return sum(kind in v for v in values) / len(values)


def _score_rows(rows: list[list[str]], index: int) -> list[ListEvidence]:
    spec = list_columns()
    texts = _columns(rows[: spec.max_rows])
    columns = [[_kinds(v) for v in values] for values in texts]
    out: list[ListEvidence] = []
    for part, pspec in spec.parts.items():
        shares = [_share(pspec.key, values, spec) for values in columns]
        if not shares:
            continue
        key_col = max(range(len(shares)), key=lambda c: shares[c])
        if shares[key_col] < spec.key_share:
            continue
        score = spec.key_weight * shares[key_col]
        supports: list[str] = []
        support_total = 0.0
        for kind in pspec.support:
            best = 0.0
            for c, values in enumerate(columns):
                if c == key_col or (kind == "quantity" and _is_sequence(texts[c])):
                    continue
                best = max(best, _share(kind, values, spec))
            if best >= spec.key_share:
                supports.append(kind)
                support_total += spec.support_weight * best
        score += min(spec.support_cap, support_total)
        detail = f"第{key_col + 1}列{shares[key_col]:.0%}为{_KIND_NAMES[pspec.key]}"
        if supports:
            detail += "，另有" + "、".join(_KIND_NAMES[k] for k in supports) + "列"
        out.append(ListEvidence(part, round(score, 2), detail, index))
    return out


_KIND_NAMES = {
    "person": "人名",
    "organisation": "单位名称",
    "equipment": "设备名称",
    "education": "学历",
    "title": "职称",
    "id_number": "身份证号",
    "gender": "性别",
    "phone": "电话",
    "post": "职务",
    "satisfaction": "满意度",
    "service": "服务内容",
    "date": "日期",
    "agreement": "协议编号",
    "model": "型号",
    "quantity": "数量",
    "money": "金额",
    "unit": "单位",
}


def table_evidence(tables: list[Table]) -> list[ListEvidence]:
    """Evidence from every table, strongest first."""
    out: list[ListEvidence] = []
    for table in tables:
        out.extend(_score_rows(table.texts(), table.index))
    return sorted(out, key=lambda e: -e.score)


def line_evidence(lines: list[str]) -> list[ListEvidence]:
    """Evidence from text lines that split into three or more cells (PDF or OCR tables)."""
    rows = [cells for cells in (_SPLIT.split(line.strip()) for line in lines) if len(cells) >= 3]
    if len(rows) < list_columns().min_rows:
        return []
    return sorted(_score_rows(rows, 0), key=lambda e: -e.score)
