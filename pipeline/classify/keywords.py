"""Keyword matching on jieba token boundaries.

A keyword counts only where it starts and ends on a token boundary, so "设备" does
not fire inside "设备清单" when jieba has learnt 设备清单 as one word, and every
keyword of materials.yaml is added to jieba's dictionary so it is not split. Text is
compacted first (spaces and line breaks removed), because PDF text breaks lines
inside words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jieba

from ..read.normalize import normalize_text
from ..reference import material_catalog

jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise

_WHITESPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    return _WHITESPACE.sub("", normalize_text(text))


def use_cache_dir(directory: Path) -> None:
    """Keep jieba's dictionary cache in a folder the pipeline owns, not in the system temp dir."""
    if not jieba.dt.initialized:
        directory.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(directory)


@cache
def _prepare_dictionary() -> None:
    catalog = material_catalog()
    words: set[str] = set()
    for spec in catalog.materials.values():
        words.update(spec.name_keywords)
        words.update(spec.content_keywords)
        for part in spec.parts.values():
            words.update(part.name_keywords)
            words.update(part.content_keywords)
    for word in words:
        jieba.add_word(compact(word), freq=100000)


class TokenizedText:
    """Compact text with the token boundaries jieba found in it."""

    def __init__(self, text: str):
        _prepare_dictionary()
        self.text = compact(text)
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        for _word, start, end in jieba.tokenize(self.text):
            self.starts.add(start)
            self.ends.add(end)

    def positions(self, keyword: str) -> list[int]:
        """Start offsets where `keyword` occurs aligned to token boundaries."""
        key = compact(keyword)
        found: list[int] = []
        if not key:
            return found
        i = self.text.find(key)
        while i != -1:
            if i in self.starts and i + len(key) in self.ends:
                found.append(i)
            i = self.text.find(key, i + 1)
        return found
