"""Figures tied to a year in 附件2: the two-year SME counts and "2024年/2025年" labels or columns.

A year is named by a calendar year ("2025年", "2025年度", a column header "2024年") or by a
relative word (上年度 / 前一年度, concepts.yaml `years`). Calendar years are resolved against
the as-of year: last year = as-of year − 1, the prior year = − 2; a report that names other
years is read by their order, with a review reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import Cell, Source
from . import patterns as p
from .collect import Collector
from .concepts import concepts, read_label
from .values import Parsed

Slot = Literal["last", "prior"]


# What may stand beside the year in a year header ("2025年度", "2025年数据", "上年度完成情况").
_TAG_WORDS = {"", "年", "度", "年度", "数", "数据", "完成", "完成情况", "情况", "实际", "末", "年末", "底", "年底", "全年",
              "指标", "数值", "实际完成", "完成值"}


@dataclass(frozen=True)
class YearTag:
    year: int | None = None
    relative: Slot | None = None

    def __bool__(self) -> bool:
        return self.year is not None or self.relative is not None


def year_tag(text: str) -> YearTag | None:
    """A cell that only names a year: "2024年", "2025年度", "上年度", "2025年（上年度）"."""
    key = p.norm(text)
    if not key or len(key) > 16 or "," in key:  # "2,000" is an amount written with a separator
        return None
    label = read_label(text)
    if label.main not in _TAG_WORDS or label.unit:  # "2018.6.1" a date, "2025年营业收入" a label, "2000万元" money
        return None
    tag = YearTag(label.year, label.relative)
    return tag or None


def text_tag(text: str) -> YearTag:
    """The year a label or value text names anywhere in it (YearTag() when none)."""
    label = read_label(text)
    return YearTag(label.year, label.relative)


@dataclass
class YearValue:
    group: str  # key of concepts.yaml `pairs`
    value: Parsed
    cell: Cell
    matched: str
    tag: YearTag
    label: str = ""  # the label as written, for the excerpt


@dataclass
class Dated:
    field_id: str
    tag: YearTag
    parsed: Parsed
    source: Source
    matched: str
    weight: float


def slot_of(tag: YearTag, as_of_year: int | None) -> Slot | None:
    if tag.relative:
        return tag.relative
    if tag.year is not None and as_of_year is not None:
        return {as_of_year - 1: "last", as_of_year - 2: "prior"}.get(tag.year)
    return None


def _by_order(years: list[int]) -> dict[int, Slot]:
    """Without an as-of year that the report's years fit: the later of two is last year."""
    latest = sorted(set(years), reverse=True)[:2]
    return {y: s for y, s in zip(latest, ("last", "prior"), strict=False)}


def resolve_pairs(items: list[YearValue], file: str, extractor: str, col: Collector,
                  as_of_year: int | None) -> None:
    """Give each count its field (上年度 / 前一年度) by its year or relative word."""
    for group in dict.fromkeys(y.group for y in items):
        spec = concepts().pairs[group]
        mine = [y for y in items if y.group == group]
        calendar = [y.tag.year for y in mine if y.tag.year is not None and not y.tag.relative]
        fits = as_of_year is not None and any(slot_of(YearTag(y), as_of_year) for y in calendar)
        order = {} if fits else _by_order(calendar)
        alone = len(mine) == 1 and not mine[0].tag
        for item in mine:
            slot = _pair_slot(item, fits, order, as_of_year, alone)
            if slot is not None:
                target = spec.last if slot == "last" else spec.prior
                excerpt = item.label if item.cell.text in item.label else f"{item.label} {item.cell.text}"
                excerpt = p.join_cjk(" ".join(excerpt.split()))
                col.add(target, item.value, Source.at(file, item.cell.loc, excerpt, extractor), item.matched)


def _pair_slot(item: YearValue, fits: bool, order: dict[int, Slot], as_of_year: int | None,
               alone: bool) -> Slot | None:
    """The slot of one count, noting on its Parsed how it was decided."""
    parsed, tag = item.value, item.tag
    if tag.relative or (tag.year is not None and fits):
        slot = slot_of(tag, as_of_year)
        if slot and tag.year is not None:
            parsed.note = parsed.note or f"{tag.year}年"
        return slot
    if tag.year is not None:
        slot = order.get(tag.year)
        if slot is None:
            return None
        if len(order) < 2:
            parsed.confidence = min(parsed.confidence, 0.6)
            parsed.note = f"仅见{tag.year}年数据，按上年度计"
            parsed.review.append(f"服务企业数量只填写了一个年度（{tag.year}年），无法判断增长情况，请核对")
        elif as_of_year is not None:
            years = "、".join(str(y) for y in sorted(order))
            parsed.review.append(f"申请报告所列年度（{years}年）不是基准日期的上一年度（{as_of_year - 1}年）"
                                 "和前一年度，已按年度先后理解，请核对")
        else:
            parsed.note = f"{tag.year}年（按年度先后判断）"
        return slot
    if alone:  # "年服务中小企业数量 120", no other year given: the year Article 6(2) asks about
        parsed.confidence = min(parsed.confidence, 0.8)
        parsed.note = "未注明年度，按上年度计"
        return "last"
    return None


def resolve_dated(items: list[Dated], col: Collector, as_of_year: int | None) -> None:
    """"2025年营业收入" and "2024年营业收入": the figure of last year is the one asked for."""
    for field_id in dict.fromkeys(d.field_id for d in items):
        mine = [d for d in items if d.field_id == field_id]
        chosen = [d for d in mine if slot_of(d.tag, as_of_year) == "last"]
        if not chosen and not any(slot_of(d.tag, as_of_year) == "prior" for d in mine):
            years = [d.tag.year for d in mine if d.tag.year is not None]
            if not years:
                continue
            latest = max(years)
            chosen = [d for d in mine if d.tag.year == latest]
            for d in chosen:
                if as_of_year is not None:
                    d.parsed.review.append(f"申请报告中该项为{latest}年数据，不是基准日期的上一年度（{as_of_year - 1}年），请核对")
        for d in chosen:
            d.parsed.note = d.parsed.note or (f"取{d.tag.year}年的数值" if d.tag.year else "取上年度的数值")
            col.add(field_id, d.parsed, d.source, d.matched, d.weight)
