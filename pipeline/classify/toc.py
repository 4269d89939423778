"""A bundle's 目录 page: its entries (title, printed first and last page) and the offset
between printed page numbers and the PDF's physical pages.

The offset is found from the pages themselves: printed page numbers in page footers
("- 3 -", "第3页", "3/20") when they are there, otherwise the offset under which the most
entries land on a page that is the entry's material (a title or its content).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..models import MaterialType
from ..read.normalize import PAGE_NUMBER
from .concepts import concept_catalog
from .keywords import compact
from .names import clean, score_name
from .score import Key
from .settings import classify_settings

_ENTRY = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]?\s*)?"
    r"(?P<title>.*?[\u4e00-\u9fff].*?)\s*[.…·．\-—_⋯ ]*\s*(?:第\s*)?(?P<start>\d{1,3})"
    r"(?:\s*[-—~～至]\s*(?P<end>\d{1,3}))?\s*页?\s*$"
)
# an entry whose page number OCR lost: a numbered item naming a document ("3、设备清单……")
_NUMBERED = re.compile(r"^\s*[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*(?P<title>[^\d]*?[\u4e00-\u9fff][^\d]*?)[.…·．\-—_⋯ ]*$")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*页?\s*$")


@dataclass
class TocEntry:
    title: str
    start: int | None  # printed page (None: the page number could not be read)
    end: int | None
    key: Key | None  # the material (and part) the title names
    concept: str | None


def _entry_key(title: str) -> tuple[Key | None, str | None]:
    scores = score_name(clean(title))
    if not scores:
        return None, None
    cid, weight = max(scores.items(), key=lambda kv: kv[1])
    if weight < classify_settings().folder_floor:
        return None, None
    return concept_catalog().key(cid), cid


def is_toc_page(text: str) -> bool:
    s = classify_settings()
    head = compact("\n".join(text.splitlines()[:4]))
    return any(compact(t) in head for t in s.toc_titles)


def parse_toc(text: str) -> list[TocEntry]:
    """The entries of a 目录 page, in order; [] when it has too few."""
    heads = {compact(t) for t in classify_settings().toc_titles}
    entries: list[TocEntry] = []
    previous_was_entry = False
    for line in text.splitlines():
        lone = _LONE_NUMBER.match(line)
        if lone and previous_was_entry and entries[-1].start is None:
            # "真实性声明" over "12": a short title with its page number on the next line
            entries[-1].start = int(lone.group(1))
            previous_was_entry = False
            continue
        previous_was_entry = False
        m = _ENTRY.match(line)
        numbered = None if m else _NUMBERED.match(line)
        found = m or numbered
        if not found:
            continue
        title = found.group("title").strip(" .…·．-—_⋯")
        if not title or compact(title) in heads:
            continue
        key, concept = _entry_key(title)
        if numbered is not None and key is None:
            continue  # a numbered line that names no document is not an entry
        start = int(m.group("start")) if m else None
        end = int(m.group("end")) if m and m.group("end") else None
        entries.append(TocEntry(title, start, end, key, concept))
        previous_was_entry = True
    # page numbers of a table of contents never go down
    ordered = [
        e for i, e in enumerate(entries)
        if e.start is None or all(e.start >= p.start for p in entries[:i] if p.start is not None)
    ]
    return ordered if len(ordered) >= classify_settings().toc_min_entries else []


def printed_number(text: str) -> int | None:
    """The page number printed in a page's last lines, if any, else in its first line: some
    PDF writers put the footer first in the text layer."""
    lines = [line for line in text.splitlines() if line.strip()]
    for line in [*reversed(lines[-2:]), *lines[:1]]:
        m = PAGE_NUMBER.match(line)
        if m:
            return int(next(g for g in m.groups() if g))
    return None


def find_offset(
    entries: list[TocEntry],
    pages: int,
    printed: dict[int, int],
    material_of_page: Callable[[int], MaterialType | None],
) -> int:
    """physical page = printed page + offset."""
    s = classify_settings()
    if printed:
        counts = Counter(physical - number for physical, number in printed.items())
        offset, n = counts.most_common(1)[0]
        # one reading is no offset: a stray number at the foot of a page (a wrapped table value)
        # reads like a page number; two agreeing footers at least, and most of them
        if n >= max(2, min(3, len(printed))) and n * 2 > len(printed):
            return offset

    def agreement(offset: int) -> int:
        return sum(
            1
            for e in entries
            if e.key is not None
            and e.start is not None
            and 1 <= e.start + offset <= pages
            and material_of_page(e.start + offset) == e.key[0]
        )

    candidates = range(-s.page_number_max_gap, pages)
    return max(candidates, key=lambda o: (agreement(o), -abs(o)))
