"""Keyword matching on jieba token boundaries.

Classification itself matches phrases with classify/phrases.py (the longest catalogued
phrase wins, no tokenizer: segmenting every run a phrase occurs in was most of its
time); this tokenizer and its dictionary cache stay for text that needs real word
boundaries, with the concepts' phrases in its dictionary.

A keyword counts only where it starts and ends on a token boundary, so "设备" does
not fire inside "设备清单" when jieba has learnt 设备清单 as one word, and every
keyword of materials.yaml is added to jieba's dictionary so it is not split. Text is
compacted first (spaces and line breaks removed), because PDF text breaks lines
inside words.
"""

from __future__ import annotations

import bisect
import marshal
import re
from functools import cache, lru_cache
from pathlib import Path

from ..imports import without
from ..read.normalize import normalize_text
from .concepts import concept_catalog

_WHITESPACE = re.compile(r"\s+")
_JIEBA_CACHE = "jieba.cache"  # the name jieba gives the cache of its default dictionary
_dictionary_dir: Path | None = None


@cache
def _jieba():
    """jieba, imported when the first text is tokenised (its import costs ~0.15 s, which a
    re-run served from the cache need not pay)."""
    # jieba looks for pkg_resources first and opens its own files directly without it;
    # that deprecated module alone costs ~0.13 s to import.
    with without("pkg_resources"):
        import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    _keep_dictionary_in(jieba, _dictionary_dir)
    return jieba


def _keep_dictionary_in(jieba, directory: Path | None) -> None:
    """Where jieba caches its compiled dictionary; only before it has loaded one."""
    if directory is not None and not jieba.dt.initialized:
        directory.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(directory)
        if jieba.dt.dictionary == jieba.DEFAULT_DICT:
            _load_compiled_dictionary(jieba.dt, directory / _JIEBA_CACHE)


def _load_compiled_dictionary(tokenizer, cache_file: Path) -> None:
    """Load jieba's own dictionary cache from bytes in hand: marshal reading the file
    itself takes ~0.7 s, from bytes ~0.2 s. Anything unexpected leaves jieba to
    build (and cache) its dictionary as usual."""
    try:
        freq, total = marshal.loads(cache_file.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if isinstance(freq, dict) and isinstance(total, int) and freq:
        tokenizer.FREQ, tokenizer.total = freq, total
        tokenizer.initialized = True


def compact(text: str) -> str:
    return _WHITESPACE.sub("", normalize_text(text))


@lru_cache(maxsize=4096)
def _compact_keyword(keyword: str) -> str:
    """Keywords come from the catalogue: the same few hundred, looked up in every document."""
    return compact(keyword)


def use_cache_dir(directory: Path) -> None:
    """Keep jieba's dictionary cache in a folder the pipeline owns, not in the system temp dir."""
    global _dictionary_dir
    _dictionary_dir = directory
    if _jieba.cache_info().currsize:  # already imported: applied now, else on import
        _keep_dictionary_in(_jieba(), directory)


@cache
def _prepare_dictionary() -> None:
    words: set[str] = set()
    for concept in concept_catalog().concepts.values():
        words.update(concept.phrases())
    jieba = _jieba()
    for word in words:
        jieba.add_word(compact(word), freq=100000)


@lru_cache(maxsize=1 << 14)  # a few tens of MB at most
def _segment(run: str) -> tuple[frozenset[int], frozenset[int]]:
    """Token starts and ends within one Han run. Runs repeat (page headers, boilerplate
    clauses, the same accounting firm's notes in every audit report), and segmenting them
    was the largest part of classification."""
    starts, ends = set(), set()
    for _word, a, b in _jieba().tokenize(run):
        starts.add(a)
        ends.add(b)
    return frozenset(starts), frozenset(ends)


class TokenizedText:
    """Compact text with the token boundaries jieba finds in it.

    jieba segments each run of Han characters/letters/digits on its own (every other
    character is a token by itself), so only the runs where a keyword occurs are
    segmented, when first asked: the same boundaries as segmenting the whole text, at a
    fraction of the cost on long documents.
    """

    def __init__(self, text: str):
        _prepare_dictionary()
        self.text = compact(text)
        # the runs jieba segments independently (re_han_default, its default cut mode)
        self._runs = [(m.start(), m.end()) for m in _jieba().re_han_default.finditer(self.text)]
        self._run_starts = [start for start, _ in self._runs]

    def _boundaries(self, index: int) -> tuple[int, frozenset[int], frozenset[int]] | None:
        """Start, token starts and token ends (relative to the start) of the Han run holding
        text[index]; None outside a run."""
        n = bisect.bisect_right(self._run_starts, index) - 1
        if n < 0 or index >= self._runs[n][1]:
            return None
        start, end = self._runs[n]
        return (start, *_segment(self.text[start:end]))

    def _starts_token(self, index: int) -> bool:
        bounds = self._boundaries(index)
        return bounds is None or index - bounds[0] in bounds[1]

    def _ends_token(self, index: int) -> bool:
        bounds = self._boundaries(index - 1)
        return bounds is None or index - bounds[0] in bounds[2]

    def positions(self, keyword: str) -> list[int]:
        """Start offsets where `keyword` occurs aligned to token boundaries."""
        key = _compact_keyword(keyword)
        found: list[int] = []
        if not key:
            return found
        i = self.text.find(key)
        while i != -1:
            if self._starts_token(i) and self._ends_token(i + len(key)):
                found.append(i)
            i = self.text.find(key, i + 1)
        return found
