"""Synonym matching built on the normalisation of patterns.py (no regular expressions here)."""

from __future__ import annotations

from dataclasses import dataclass

from .config import labels
from .patterns import find_unit, norm


@dataclass(frozen=True)
class Match:
    key: str
    synonym: str
    confidence: float


class Matcher:
    """Finds which key's synonym a label names: exact 1.0, prefix/suffix 0.85, inside 0.7."""

    def __init__(self, synonyms: dict[str, list[str]]):
        pairs = [(norm(s), key, s) for key, words in synonyms.items() for s in words]
        self._pairs = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
        self._exact = {}
        for n, key, s in self._pairs:
            self._exact.setdefault(n, (key, s))

    def match(self, label: str, allow_inside: bool = True) -> Match | None:
        key = norm(label)
        if not key:
            return None
        if key in self._exact:
            return Match(self._exact[key][0], self._exact[key][1], 1.0)
        for n, k, s in self._pairs:
            if key.startswith(n) or key.endswith(n):
                return Match(k, s, 0.85)
            if allow_inside and n in key:
                return Match(k, s, 0.7)
        return None

    def find_all(self, text: str) -> list[tuple[int, int, str, str]]:
        """Non-overlapping occurrences (start, end, key, synonym) in `text`, longest first."""
        taken: list[tuple[int, int, str, str]] = []
        for n, key, s in self._pairs:
            start = text.find(n)
            while start >= 0:
                end = start + len(n)
                if all(end <= a or start >= b for a, b, _, _ in taken):
                    taken.append((start, end, key, s))
                start = text.find(n, start + 1)
        return sorted(taken)


def is_unit_only(text: str) -> bool:
    key = norm(text)
    return bool(key) and find_unit(key) == key


def has_checkbox(text: str) -> bool:
    box = labels().checkbox
    return any(c in text for c in box.checked + box.unchecked + box.unclear)


def first_with(words: list[str], text: str) -> str | None:
    """The longest of `words` that occurs in `text` (compared without spaces)."""
    key = norm(text)
    hits = [w for w in words if norm(w) and norm(w) in key]
    return max(hits, key=lambda w: len(norm(w))) if hits else None


def starts_with_any(words: list[str], text: str) -> str | None:
    key = norm(text)
    hits = [w for w in words if norm(w) and key.startswith(norm(w))]
    return max(hits, key=lambda w: len(norm(w))) if hits else None
