"""Figures written in the report's running text, read by what the words before them mean.

"（一）信息服务。2025年，线下服务企业数量62家；开展政策宣讲、供需对接等活动6次。" gives
info_offline_smes 62 and info_activities 6: every figure with its unit is taken with the
words of its clause before it, and those words are read as a label (concepts.py) in the
function section they stand in. Only fields that no table, "label：value" line or prose
phrase gave are filled, at lower confidence, with a note; targets and bounds ("不少于92家",
"保持在90%以上") and figures of the as-of year or later (plans) are never read.
"""

from __future__ import annotations

from ..models import Cell, Location, ReadDocument
from . import patterns as p
from .collect import Collector
from .concepts import PAIR, Reading, concepts, function_in, interpret
from .typed import commit, count_of
from .yearly import Dated, YearTag, YearValue, text_tag

EXTRACTOR = "report.prose"
CLAUSE_WEIGHT = 0.7
CLAUSE_MIN_SCORE = 0.75
NOTE = "取自正文叙述"
FIGURE_TYPES = ("money", "count", "ratio", "area")


def extract_clauses(doc: ReadDocument, col: Collector, as_of_year: int | None,
                    pairs: list[YearValue], dated: list[Dated]) -> None:
    section = None
    for block in doc.blocks:
        for line in block.text.split("\n"):
            kind, title = p.heading_kind(line.strip())
            if kind:
                section = function_in(p.first_sentence(title))
            read_text(line, block.loc, section, doc.file, col, as_of_year, pairs, dated)


def read_text(text: str, loc: Location, section: str | None, file: str, col: Collector, as_of_year: int | None,
              pairs: list[YearValue], dated: list[Dated]) -> None:
    """The figures of one line of running text, or of one table cell that holds words and figures
    ("年服务企业85家，组织活动6次"), in the function section it stands in."""
    joiners = [p.norm(w) for w in concepts().clause_joiners]
    for sentence in p.sentences(text):
        if _future_or_bound(sentence, as_of_year):
            continue
        year = YearTag()
        previous: Reading | None = None
        for clause in p.clauses(sentence):
            if not p.figure_spans(clause) and text_tag(clause):
                year = text_tag(clause)  # "2025年，平台共为205家…": the year opens the sentence
            for start, end in p.figure_spans(clause):
                before = clause[:start]
                if text_tag(before):
                    year = text_tag(before)  # the year named last before the figure
                reading, label = _reading(before, clause[end:], joiners, section)
                if reading is None and previous is not None and not p.has_cjk(p.strip_years(before)):
                    reading, label = previous, before  # "2024年64家" after "2025年服务企业78家"
                if reading is None:
                    continue
                previous = reading
                _add(file, col, reading, label, clause[start:end], clause, loc, year, as_of_year, pairs, dated)


def _reading(before: str, after: str, joiners: list[str], section: str | None) -> tuple[Reading | None, str]:
    """The words before a figure as a label, else those around it ("共为205家中小企业提供服务")."""
    for words in (_label_before(before, joiners), _label_before(before, joiners) + _label_after(after, joiners)):
        if not p.has_cjk(words):
            continue
        reading = interpret(words, section, FIGURE_TYPES)  # a figure is no name ("平台共为205家…")
        if reading is not None and reading.score >= CLAUSE_MIN_SCORE:
            return reading, words
    return None, ""


def _label_after(text: str, joiners: list[str]) -> str:
    """The words after a figure up to the next figure: "205家中小企业提供各类服务" → 中小企业提供各类服务."""
    spans = p.figure_spans(text)
    words = text[: spans[0][0]] if spans else text
    for word in joiners:
        words = words.removeprefix(word)
    return words.strip()


def _future_or_bound(sentence: str, as_of_year: int | None) -> bool:
    key = p.norm(sentence)
    if any(p.norm(w) in key for w in concepts().threshold_words):
        return True
    return as_of_year is not None and any(y >= as_of_year for y in p.years_in(sentence))


def _label_before(text: str, joiners: list[str]) -> str:
    key = text.strip()
    changed = True
    while changed:
        changed = False
        for word in joiners:
            if word and p.norm(key).endswith(word):
                key = key[: len(key) - len(word)] if key.endswith(word) else key.rstrip()[: -len(word)]
                changed = True
    return key.strip(" ：:，,、")


def _add(file: str, col: Collector, reading: Reading, label: str, figure: str, clause: str, loc: Location,
         year: YearTag, as_of_year: int | None, pairs: list[YearValue], dated: list[Dated]) -> None:
    cell = Cell(text=figure, loc=loc)
    own = YearTag(reading.label.year, reading.label.relative)
    tag = own if own else year
    if reading.target.startswith(PAIR):
        group = reading.target.removeprefix(PAIR)
        if any(y.group == group and y.value.note != NOTE for y in pairs):
            return  # the table gave the two years
        number = p.numbers(figure)
        parsed = count_of(number[0], figure, reading) if number else None
        if parsed is None:
            return
        parsed.confidence = round(parsed.confidence * reading.score * CLAUSE_WEIGHT, 3)
        parsed.note = NOTE
        pairs.append(YearValue(group, parsed, cell, reading.label.main, tag, clause))
        return
    if col.has(reading.target) or any(d.field_id == reading.target for d in dated):
        return
    commit(col, dated, reading, label, cell, None, CLAUSE_WEIGHT, tag, file, EXTRACTOR, as_of_year,
           note=NOTE, excerpt=clause)
