"""Credit codes and places: values that need a library or the regions table to judge."""

from __future__ import annotations

from stdnum.cn import uscc

from ..models import Source
from . import patterns as p
from .collect import Collector
from .regions import locate
from .values import Parsed


def parse_uscc(text: str) -> Parsed | None:
    """An 18-character credit code, its check digit verified by stdnum.cn.uscc."""
    found = p.uscc_candidates(text)
    if not found:
        raw = p.compact(text).upper()
        if len(raw) < 8:
            return None
        return Parsed(raw, 0.3, review=[f"统一社会信用代码“{raw}”不是18位有效格式，请核对"])
    code = found[0]
    if not uscc.is_valid(code):
        return Parsed(code, 0.6, review=[f"统一社会信用代码 {code} 校验位不正确，请核对（GB 32100）"])
    return Parsed(code)


def add_place(col: Collector, text: str, source: Source, city_id: str, county_id: str, matched: str,
              weight: float = 1.0) -> bool:
    """Fill city / county from an address or 所在地 text; True when a place was found."""
    place = locate(text)
    if place is None:
        return False
    if place.city:
        col.add(city_id, Parsed(place.city, weight), source, f"{matched}→{place.matched}")
    if place.county:
        col.add(county_id, Parsed(place.county, weight), source, f"{matched}→{place.matched}")
    return True
