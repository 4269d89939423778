"""Gather candidates per field and decide each FieldValue, flagging disagreements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Candidate, FieldValue, Source
from ..reference import display_name, field_catalog
from .values import Parsed

# Two numbers closer than this (relative) are the same value written differently.
SAME_VALUE_TOLERANCE = 0.005


@dataclass
class _Entry:
    candidate: Candidate
    review: list[str] = field(default_factory=list)


class Collector:
    """Candidates per canonical field id, in the order they were found."""

    def __init__(self) -> None:
        self._entries: dict[str, list[_Entry]] = {}
        self._flags: dict[str, list[str]] = {}

    def add(self, field_id: str, parsed: Parsed, source: Source, matched: str, weight: float = 1.0) -> None:
        candidate = Candidate(
            value=parsed.value,
            source=source,
            matched=matched,
            confidence=round(parsed.confidence * weight, 3),
            note=parsed.note,
        )
        self._entries.setdefault(field_id, []).append(_Entry(candidate, list(parsed.review)))

    def value(self, field_id: str, parsed_value, source: Source, matched: str, confidence: float = 1.0) -> None:
        self.add(field_id, Parsed(parsed_value, confidence), source, matched)

    def flag(self, field_id: str, reason: str) -> None:
        """A review reason about a field as a whole (e.g. figures that do not add up)."""
        self._flags.setdefault(field_id, []).append(reason)

    def size(self) -> int:
        """Number of candidates gathered so far (to tell whether a document yielded anything)."""
        return sum(len(entries) for entries in self._entries.values())

    def has(self, field_id: str) -> bool:
        return any(e.candidate.value is not None for e in self._entries.get(field_id, []))

    def found_at(self, field_id: str, source: Source) -> bool:
        """A candidate for the field was already taken from the same place (file, page, location)."""
        return any(
            (c.source.file, c.source.page, c.source.location) == (source.file, source.page, source.location)
            for c in (e.candidate for e in self._entries.get(field_id, []))
        )

    def has_matching(self, field_id: str, matched: Callable[[str], bool]) -> bool:
        """A value for the field was found by a label `matched` accepts."""
        return any(e.candidate.value is not None and matched(e.candidate.matched)
                   for e in self._entries.get(field_id, []))

    def discard(self, field_id: str, matched: Callable[[str], bool]) -> None:
        """Forget the candidates found by the labels `matched` accepts (a statement's single income
        lines once its total income was read)."""
        kept = [e for e in self._entries.get(field_id, []) if not matched(e.candidate.matched)]
        self._entries[field_id] = kept

    def discard_candidates(self, field_id: str, drop: Callable[[Candidate], bool]) -> None:
        """Forget the candidates `drop` accepts (a weaker kind of source once a stronger one gave a value)."""
        self._entries[field_id] = [e for e in self._entries.get(field_id, []) if not drop(e.candidate)]

    def candidates(self, field_id: str) -> list[Candidate]:
        return [e.candidate for e in self._entries.get(field_id, [])]

    def best(self, field_id: str):
        fv = self._decide(field_id, self._entries.get(field_id, []))
        return fv.value if fv else None

    def merge(self, other: Collector, weight: float = 1.0) -> None:
        """Take `other`'s candidates, their confidence times `weight` (a less reliable reading)."""
        for field_id, entries in other._entries.items():
            if weight != 1.0:
                for e in entries:
                    e.candidate.confidence = round(e.candidate.confidence * weight, 3)
            self._entries.setdefault(field_id, []).extend(entries)
        for field_id, reasons in other._flags.items():
            self._flags.setdefault(field_id, []).extend(reasons)

    def build(self) -> dict[str, FieldValue]:
        out = {}
        for field_id, entries in self._entries.items():
            fv = self._decide(field_id, entries)
            if fv is not None:
                fv.review = _unique(fv.review + self._flags.get(field_id, []))
                out[field_id] = fv
        return out

    @staticmethod
    def _decide(field_id: str, entries: list[_Entry]) -> FieldValue | None:
        if not entries:
            return None
        found = [e for e in entries if e.candidate.value is not None]
        candidates = [e.candidate for e in entries]
        if not found:
            first = entries[0]
            reasons = _unique(r for e in entries for r in e.review)
            return FieldValue(value=None, source=first.candidate.source, matched=first.candidate.matched,
                              confidence=0.0, review=reasons, candidates=candidates)
        chosen = max(found, key=lambda e: e.candidate.confidence)  # first of equals wins
        reasons = list(chosen.review)
        for other in found:
            if other is not chosen and not same_value(other.candidate.value, chosen.candidate.value):
                reasons.append(_conflict(field_id, chosen.candidate, other.candidate))
        return FieldValue(
            value=chosen.candidate.value,
            source=chosen.candidate.source,
            matched=chosen.candidate.matched,
            confidence=chosen.candidate.confidence,
            review=_unique(reasons),
            candidates=candidates,
        )


def same_value(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        scale = max(abs(a), abs(b))
        return scale == 0 or abs(a - b) / scale <= SAME_VALUE_TOLERANCE
    if isinstance(a, list) and isinstance(b, list):
        return set(a) == set(b)
    if isinstance(a, str) and isinstance(b, str):
        return "".join(a.split()) == "".join(b.split())
    return a == b


_ENUM_TABLES = {"functions_claimed": "function", "unit_nature": "unit_nature"}  # labels_zh.yaml tables


def show(value, field_id: str | None = None) -> str:
    """A value as people read it: enum ids of `field_id` by their Chinese names."""
    table = _ENUM_TABLES.get(field_id or "")
    if table is not None:
        items = value if isinstance(value, list) else [value]
        return "、".join(display_name(table, v) for v in items) or "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "（空）"
    return str(value)


def _where(source: Source) -> str:
    return f"{source.file}{(' ' + source.location) if source.location else ''}"


def _conflict(field_id: str, chosen: Candidate, other: Candidate) -> str:
    name = field_catalog().name(field_id)
    same_file = chosen.source.file == other.source.file
    scope = "同一文件中" if same_file else "不同文件中"
    return (
        f"{scope}{name}取值不一致：{_where(chosen.source)} 为 {show(chosen.value, field_id)}，"
        f"{_where(other.source)} 为 {show(other.value, field_id)}；已暂取前者，请核对"
    )


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
