"""Phrase matching for classification: the longest catalogued phrase wins.

An occurrence of a phrase does not count where a longer phrase of material_concepts.yaml covers
it: 设备 inside 设备清单, 举办 inside 举办单位 (a certificate's label, not an event),
证明材料 inside 服务证明材料. Text is compacted first (spaces and line breaks removed:
PDF text breaks lines inside words).
"""

from __future__ import annotations

from functools import cache

from .concepts import concept_catalog
from .keywords import compact


@cache
def _longer() -> dict[str, tuple[tuple[str, int], ...]]:
    """phrase → the longer catalogued phrases that contain it, with its offset in each."""
    phrases = {compact(p) for c in concept_catalog().concepts.values() for p in c.phrases()}
    phrases.discard("")
    out: dict[str, list[tuple[str, int]]] = {p: [] for p in phrases}
    for longer in phrases:
        for at in range(len(longer)):
            for end in range(at + 1, len(longer) + 1):
                short = longer[at:end]
                if short != longer and short in out:
                    out[short].append((longer, at))
    return {p: tuple(v) for p, v in out.items()}


@cache
def _by_first_char() -> dict[str, tuple[tuple[str, tuple[tuple[str, int], ...]], ...]]:
    """Catalogued phrases by their first character: a text is only tested for the phrases
    that can begin in it (a title of twenty characters meets a few dozen, not all of them)."""
    out: dict[str, list] = {}
    for key, longer in _longer().items():
        out.setdefault(key[0], []).append((key, longer))
    return {ch: tuple(v) for ch, v in out.items()}


@cache
def _key(phrase: str) -> str:
    return compact(phrase)


class PhraseText:
    """Compact text in which catalogued phrases are looked up.

    Every catalogued phrase is counted once, when the text is made (a few hundred
    substring tests in C); the concepts then only look their phrases up."""

    def __init__(self, text: str, compacted: bool = False):
        self.text = text if compacted else compact(text)
        self._counts: dict[str, int] = {}
        text = self.text
        index = _by_first_char()
        candidates = [item for ch in set(text) for item in index.get(ch, ())]
        for key, longer in candidates:
            if key not in text:
                continue
            n = 0
            longer = [(other, at) for other, at in longer if other in text]
            i = text.find(key)
            while i != -1:
                if not longer or not any(i >= at and text.startswith(other, i - at) for other, at in longer):
                    n += 1
                i = text.find(key, i + 1)
            if n:
                self._counts[key] = n

    def count(self, phrase: str) -> int:
        """Occurrences of a catalogued `phrase` where no longer catalogued phrase covers it."""
        return self._counts.get(_key(phrase), 0)

    def count_compact(self, key: str) -> int:
        """`count` for a phrase already compacted (the scorer's inner loop)."""
        return self._counts.get(key, 0)
