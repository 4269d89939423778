"""A value of the field's type: parse a candidate cell, check it fits, and add it.

A candidate that does not parse as the field's type is never taken (the next one is tried);
one that parses but fails its check (a credit code's check digit, a ratio over 100 %) is
taken with the reason, so it goes to review instead of being guessed.
"""

from __future__ import annotations

from functools import cache

from ..models import Cell, Source
from ..reference import field_catalog
from . import patterns as p
from .collect import Collector
from .concepts import Concept, Reading, concepts, unit_allowed
from .identity import add_place, parse_uscc
from .values import Parsed, parse
from .yearly import Dated, YearTag

AMBIGUOUS_CONFIDENCE = 0.6


@cache
def _concept_of() -> dict[str, Concept]:
    vocab = concepts()
    out: dict[str, Concept] = dict(vocab.fields)
    for pair in vocab.pairs.values():
        out[pair.last] = out[pair.prior] = pair
    for group in vocab.indicators.values():
        out.update(group)
    return out


@cache
def _indicator_ids() -> frozenset[str]:
    return frozenset(f for group in concepts().indicators.values() for f in group)


def value_like(text: str) -> bool:
    """A cell that holds a figure rather than words: a number, amount, percentage or date."""
    key = _unbounded(p.norm(text))
    if not key:
        return False
    rest = p.strip_years(key)
    if rest != key and rest and p.has_cjk(rest[0]) and len(rest) > 2:
        return False  # "2025年线下服务企业85家": words after a year, not a figure
    if key[0].isdigit() or key[0] in "-−+.¥" or key.startswith("百分之"):
        return True
    digits = p.chinese_number(key)
    return bool(digits) and len(digits) >= len(key) - 3 and len(digits) >= 2


def _unbounded(key: str) -> str:
    """'≥100家', '不少于5次' → '100家', '5次': a bound is still a figure (the caller tells it
    apart as a threshold, so it is never taken as the value without review)."""
    vocab = concepts()
    bounds = [w for w in vocab.threshold_words if w not in vocab.clause_joiners]  # "达到120家" is a value
    for word in sorted(bounds, key=len, reverse=True):
        w = p.norm(word)
        if w and key.startswith(w) and len(key) > len(w):
            return key[len(w):]
    return key


def value_unit(text: str) -> str | None:
    """The unit written right after the number of a value ("11次", "2.3亿元", "85%")."""
    key = p.norm(text)
    nums = p.numbers(key)
    if not nums:
        return None
    rest = key[key.find(nums[0]) + len(nums[0]):]
    return p.find_unit(rest) if rest else None


def fits_unit(field_id: str, text: str) -> bool:
    """A count whose own unit is of another kind ("120人次" for a staff count) is another field's."""
    concept = _concept_of().get(field_id)
    unit = value_unit(text)
    return concept is None or not concept.units or unit is None or unit_allowed(unit, concept.units)


def _flat(text: str) -> str:
    """An excerpt on one line: a label wrapped inside its cell ("…占\n总服务量比例") rejoined."""
    return p.join_cjk(" ".join(text.split())).strip()


def count_of(number: str, text: str, reading: Reading) -> Parsed | None:
    """A count for a two-year pair, from one piece of a cell."""
    field_id = concepts().pairs[reading.target.split(":", 1)[1]].last
    if not fits_unit(field_id, text):
        return None
    return parse("count", number)


def commit(col: Collector, dated: list[Dated], reading: Reading, label_text: str, cell: Cell, unit: str | None,
           weight: float, tag: YearTag, file: str, extractor: str, as_of_year: int | None,
           doubt: str | None = None, note: str | None = None, excerpt: str | None = None) -> bool:
    """Parse `cell` as the field `reading` names and add it; False when it is no such value."""
    field_id = reading.target
    kind = field_catalog().fields[field_id].type
    source = Source.at(file, cell.loc, _flat(excerpt) if excerpt else f"{_flat(label_text)} {_flat(cell.text)}",
                       extractor)
    weight = weight * reading.score
    if field_id in ("city", "county"):
        return add_place(col, cell.text, source, "city", "county", reading.label.main, weight)
    parsed = parse_uscc(cell.text) if field_id == "uscc" else parse(kind, cell.text, unit, label_text)
    if parsed is None or not fits_unit(field_id, cell.text):
        return False
    if doubt:
        parsed.review.append(doubt)
    if note:
        parsed.note = "；".join(n for n in (parsed.note, note) if n)
    if reading.weak:
        parsed.review.append(f"标签“{p.join_cjk(label_text.strip())}”中有未能识别的词，已按"
                             f"{field_catalog().name(field_id)}读取，请核对")
        parsed.confidence = min(parsed.confidence, AMBIGUOUS_CONFIDENCE)
    if reading.ambiguous:
        other = field_catalog().name(reading.runner_up.removeprefix("pair:"))
        parsed.review.append(f"标签“{p.join_cjk(label_text.strip())}”也可能是指{other}，已按"
                             f"{field_catalog().name(field_id)}读取，请核对")
        parsed.confidence = min(parsed.confidence, AMBIGUOUS_CONFIDENCE)
    yearly = _concept_of().get(field_id) is not None and (
        _concept_of()[field_id].year == "last" or field_id in _indicator_ids())
    if yearly and tag:
        dated.append(Dated(field_id, tag, parsed, source, reading.label.main, weight))
    else:
        col.add(field_id, parsed, source, reading.label.main, weight)
    return True
