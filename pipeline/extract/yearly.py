"""Figures tied to a year in 附件2: the two-year SME counts and "2024年/2025年" labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..models import Cell, Source
from . import matching as mt
from . import patterns as p
from .collect import Collector
from .config import TwoYearField, labels
from .values import Parsed


@dataclass
class YearValue:
    group: str  # key of labels.yaml two_year_fields
    value: int
    cell: Cell
    matched: str
    year: int | None = None
    tag: str | None = None  # "last" / "prior" from 上年度 / 前年度


@dataclass
class Dated:
    field_id: str
    year: int
    parsed: Parsed
    source: Source
    matched: str
    weight: float


@cache
def year_specific_fields() -> set[str]:
    """Fields whose label already says which year (上年度 / 前年度)."""
    return {f for spec in labels().two_year_fields.values() for f in (spec.last, spec.prior)}


def _tag(spec: TwoYearField, text: str) -> str | None:
    if mt.first_with(spec.last_words, text):
        return "last"
    if mt.first_with(spec.prior_words, text):
        return "prior"
    return None


def two_year_values(group: str, matched: str, label_cell: Cell, rest: list[Cell], offset: int,
                    col_years: dict[int, int], is_label: Callable[[str], bool]) -> list[YearValue]:
    """The counts after a two-year label, each with the year or 上年度/前年度 that names it."""
    spec = labels().two_year_fields[group]
    label_years = p.years_in(label_cell.text)
    pending = label_years[0] if label_years else None
    out: list[YearValue] = []
    for k, cell in enumerate(rest):
        if k > 0 and is_label(cell.text):
            break
        year = p.year_marker(cell.text)
        if year:
            pending = year
            continue
        for part in cell.text.replace("，", ",").replace("；", ",").replace(";", ",").split(","):
            years = p.years_in(part)
            digits = p.numbers(part.split("年")[-1] if years else part)
            value = p.to_float(digits[0]) if digits else None
            if value is None:
                continue
            tag = _tag(spec, part) or _tag(spec, label_cell.text)
            year_of = years[0] if years else pending or col_years.get(offset + k)
            out.append(YearValue(group, int(value), cell, matched, year_of, tag))
            pending = None
    return out


def resolve_two_year(items: list[YearValue], file: str, extractor: str, col: Collector) -> None:
    """Assign each count to 上年度 / 前年度: by its words, else the later of two years is 上年度."""
    for group in {y.group for y in items}:
        spec = labels().two_year_fields[group]
        mine = [y for y in items if y.group == group]
        years = sorted({y.year for y in mine if y.year}, reverse=True)
        for item in mine:
            if item.tag:
                target, parsed = (spec.last if item.tag == "last" else spec.prior), Parsed(item.value)
            elif item.year and len(years) >= 2 and item.year in years[:2]:
                target = spec.last if item.year == years[0] else spec.prior
                parsed = Parsed(item.value, 1.0, f"{item.year}年（按年度先后判断）")
            elif item.year and len(years) == 1:
                target = spec.last
                parsed = Parsed(item.value, 0.6, f"仅见{item.year}年数据，按上年度计")
                parsed.review.append(f"服务企业数量只填写了一个年度（{item.year}年），无法判断增长情况，请核对")
            else:
                continue
            col.add(target, parsed, Source.at(file, item.cell.loc, item.cell.text, extractor), item.matched)


def resolve_dated(items: list[Dated], col: Collector) -> None:
    """"2024年营业收入" and "2025年营业收入": the latest year is the figure asked for."""
    for field_id in {d.field_id for d in items}:
        mine = [d for d in items if d.field_id == field_id]
        latest = max(d.year for d in mine)
        for d in mine:
            if d.year == latest:
                d.parsed.note = f"取最近年度（{d.year}年）的数值"
                col.add(field_id, d.parsed, d.source, d.matched, d.weight)
