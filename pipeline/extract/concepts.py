"""What a label means: every field's concept (data/concepts.yaml) scored against a label.

A label is read once into its parts (words outside brackets, bracketed words, the unit, the
year it names); each field, year pair and function indicator then scores it: all of the
concept's word groups present, none of its forbidden words, and the share of the label its
words explain. The best reading is taken only with a margin over the runner-up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from pydantic import Field, model_validator

from ..models.common import Function, Model
from ..reference import DATA_DIR, ReferenceDataError, field_catalog, load_yaml
from . import patterns as p

PAIR = "pair:"


class Concept(Model):
    all: list[list[str]]
    also: list[str] = Field(default_factory=list)
    not_: list[str] = Field(default_factory=list, alias="not")
    units: list[str] = Field(default_factory=list)  # unit kinds (unit_kinds) a count may carry
    year: Literal["last"] | None = None  # the field is last year's figure
    triggers: list[str] = Field(default_factory=list)  # an indicator named by these words outside its function


class PairConcept(Concept):
    last: str
    prior: str


class FunctionWords(Model):
    words: list[str]


class Years(Model):
    last: list[str]
    prior: list[str]


class Columns(Model):
    requirement: list[str]
    actual: list[str]


class Concepts(Model):
    version: int
    min_coverage: float
    weak_coverage: float
    margin: float
    context_bonus: float
    wrap_label_piece_max: int
    wrap_value_piece_max: int
    filler: list[str]
    name_endings: list[str]
    instructions: list[str]
    years: Years
    columns: Columns
    clause_joiners: list[str]
    threshold_words: list[str]
    unit_kinds: dict[str, list[str]]
    fields: dict[str, Concept]
    pairs: dict[str, PairConcept]
    functions: dict[str, FunctionWords]
    function_also: list[str]
    function_not: list[str]
    indicators: dict[str, dict[str, Concept]]

    @model_validator(mode="after")
    def _known(self) -> Concepts:
        known = set(field_catalog().fields)
        ids = list(self.fields) + [f for c in self.pairs.values() for f in (c.last, c.prior)]
        ids += [f for group in self.indicators.values() for f in group]
        unknown = sorted(set(ids) - known)
        if unknown:
            raise ValueError(f"使用了 fields.yaml 中没有的字段：{unknown}")
        functions = {f.value for f in Function}
        strange = sorted((set(self.functions) | set(self.indicators)) - functions)
        if strange:
            raise ValueError(f"使用了未知功能：{strange}")
        concepts = [*self.fields.values(), *self.pairs.values()]
        concepts += [c for group in self.indicators.values() for c in group.values()]
        kinds = sorted({k for c in concepts for k in c.units} - set(self.unit_kinds))
        if kinds:
            raise ValueError(f"使用了 unit_kinds 中没有的计量单位类别：{kinds}")
        return self


@cache
def concepts() -> Concepts:
    try:
        return Concepts.model_validate(load_yaml(DATA_DIR / "concepts.yaml"))
    except ValueError as exc:
        raise ReferenceDataError(f"concepts.yaml 无效：{exc}") from exc


# ----------------------------------------------------------------------------- labels
@dataclass(frozen=True)
class Label:
    """A label taken apart: words outside brackets (`main`), bracketed words (`extra`),
    the unit written in it, and the year it names (calendar year and/or 上年度/前一年度)."""

    text: str
    main: str
    extra: str
    unit: str | None
    year: int | None
    relative: Literal["last", "prior"] | None


_BRACKETED = re.compile(r"[(（【\[]([^()（）【】\[\]]*)[)）】\]]")
_UNCLOSED = re.compile(r"[（(]([^（()）]*)$")  # a bracket the line ends before closing
_CAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年度|年|届)|^((?:19|20)\d{2})$")  # "2025年", or "2025" alone


@lru_cache(maxsize=8192)
def read_label(text: str) -> Label:
    vocab = concepts()
    raw = unicodedata.normalize("NFKC", text or "")
    raw = p.strip_row_prefix(p.heading_kind(raw.strip())[1])
    unit = None
    extras: list[str] = []
    while True:  # innermost brackets first: "所在地（市、县（区））"
        inner = _BRACKETED.findall(raw)
        if not inner:
            break
        for part in inner:
            found = p.find_unit(part)
            if found:
                unit = unit or found
            elif not any(w in part for w in vocab.instructions):
                extras.append(part)
        raw = _BRACKETED.sub(" ", raw)
    if cut := _UNCLOSED.search(raw):  # "上年度服务中小企业数量（" with "2025年）" wrapped onto the next line
        part, raw = cut.group(1), raw[: cut.start()]
        if found := p.find_unit(part):
            unit = unit or found
        elif part.strip() and not any(w in part for w in vocab.instructions):
            extras.append(part)
    main, unit_after = _split_unit_suffix(p.norm(raw))
    unit = unit or unit_after
    year, relative = None, None
    for part in [main, *extras]:
        m = _CAL_YEAR.search(part)
        if m and year is None:
            year = int(m.group(1) or m.group(2))
        rel = _relative(part)
        relative = relative or rel
    main = _without_years(main)
    extra = "".join(_without_years(p.norm(e)) for e in extras)
    return Label(text, main, extra, unit, year, relative)


def _split_unit_suffix(key: str) -> tuple[str, str | None]:
    """"资产总额万元" / "单位：万元" written after the label without brackets."""
    for word in p.suffix_units():
        if key.endswith(word) and len(key) > len(word) + 1 and (len(word) >= 2 or not word.isalnum()):
            return key[: -len(word)], word
    return key, None


def _relative(text: str) -> Literal["last", "prior"] | None:
    years = concepts().years
    key = p.norm(text)
    hits = [(len(w), "prior") for w in years.prior if w in key] + [(len(w), "last") for w in years.last if w in key]
    return max(hits)[1] if hits else None  # 前一年度 before 一年度-like overlaps: longest wins


def _without_years(key: str) -> str:
    years = concepts().years
    key = _CAL_YEAR.sub("", key) if _CAL_YEAR.search(key) else key
    for word in sorted(years.prior + years.last, key=len, reverse=True):
        key = key.replace(p.norm(word), "")
    return key


# ----------------------------------------------------------------------------- scoring
@dataclass(frozen=True)
class Reading:
    """What a label names: a field id (or PAIR + pair key), how well, and what else it might name."""

    target: str
    score: float
    label: Label
    function: str | None = None  # the function an indicator belongs to
    runner_up: str | None = None  # a second target scored within the margin: the label is ambiguous
    weak: bool = False  # the field's words explain less of the label than min_coverage: read, for review

    @property
    def ambiguous(self) -> bool:
        return self.runner_up is not None


def _covered(key: str, words: list[str]) -> int:
    """Characters of `key` covered by any occurrence of any of `words` (overlaps allowed)."""
    marks = [False] * len(key)
    for word in words:
        w = p.norm(word)
        if not w:
            continue
        start = key.find(w)
        while start >= 0:
            for i in range(start, start + len(w)):
                marks[i] = True
            start = key.find(w, start + 1)
    return sum(marks)


def score(label: Label, concept: Concept, extra_words: tuple[str, ...] = ()) -> float | None:
    """The share of the label the concept explains, or None when the label is not this concept."""
    main = label.main
    if not main:
        return None
    whole = main + label.extra
    if any(p.norm(w) in main for w in concept.not_):
        return None
    for group in concept.all:
        if not any(p.norm(w) in whole for w in group):
            return None
    if concept.units and label.unit and not unit_allowed(label.unit, concept.units):
        return None
    words = [w for group in concept.all for w in group] + concept.also + concepts().filler + list(extra_words)
    return _covered(main, words) / len(main)


def unit_allowed(unit: str, kinds: list[str]) -> bool:
    """A count unit of one of `kinds`; a unit no kind knows (元, %, ㎡) is checked by the value's type."""
    table = concepts().unit_kinds
    every = {p.norm(u) for units in table.values() for u in units}
    key = p.norm(unit)
    if key not in every:
        return True
    return any(key in {p.norm(u) for u in table[k]} for k in kinds)


def function_in(text: str) -> str | None:
    """The one function a label or row names ("（一）信息服务功能" → information), else None."""
    label = read_label(text)
    if not label.main:
        return None
    vocab = concepts()
    if any(p.norm(w) in label.main for w in vocab.function_not):
        return None
    named = [f for f, spec in vocab.functions.items() if any(p.norm(w) in label.main for w in spec.words)]
    if len(named) != 1:
        return None
    words = vocab.functions[named[0]].words + vocab.function_also  # not the filler: "培训人次" is no name
    return named[0] if _covered(label.main, words) / len(label.main) >= 0.75 else None


def _has_marks(text: str) -> bool:
    from .matching import has_checkbox

    return has_checkbox(text)


def _functions_named(label: Label) -> set[str]:
    vocab = concepts()
    return {f for f, spec in vocab.functions.items() if any(p.norm(w + "服务") in label.main for w in spec.words)}


def _named_function(label: Label) -> str | None:
    """A function word inside a longer label ("年组织开展信息服务活动次数")."""
    vocab = concepts()
    hits = [(len(w), f) for f, spec in vocab.functions.items() for w in spec.words if p.norm(w) in label.main]
    return max(hits)[1] if hits else None


@lru_cache(maxsize=16384)
def interpret(text: str, function: str | None = None, kinds: tuple[str, ...] | None = None,
              weak: bool = False) -> Reading | None:
    """The best reading of a label; `function` is the function its row or section names, `kinds`
    the field types the value can be (a figure in running text is no name or date). With `weak`,
    a label the field's words explain only in part (words nobody listed) still names the one field
    that explains most of it, marked weak so that the value goes to review."""
    label = read_label(text)
    if not label.main or len(label.main) > 40 or p.starts_with_number(label.main) or _has_marks(text):
        return None  # a check-box text is a value ("☑信息服务 □技术服务"), never a label
    vocab = concepts()
    if p.figure_spans(label.main):
        return None  # "线下服务企业85家，组织活动6次": words with figures are values (read as clauses)
    if len(_functions_named(label)) >= 2:
        return None  # "信息服务、培训服务": a list of functions is a value
    if any(label.main.endswith(p.norm(w)) and len(label.main) > len(p.norm(w)) + 1 for w in vocab.name_endings):
        return None  # "创新汇中小企业信息服务平台": a name, whatever words it holds
    scored: list[tuple[float, str, str | None]] = []
    for field_id, concept in vocab.fields.items():
        s = score(label, concept)
        if s is not None:
            scored.append((s, field_id, None))
    for key, concept in vocab.pairs.items():
        s = score(label, concept)
        if s is not None:
            scored.append((s, PAIR + key, None))
    own = _named_function(label) if function_in(text) is None else None  # "培训服务" names a row, not a figure
    triggered = [fn for fn, group in vocab.indicators.items()
                 if any(p.norm(w) in label.main + label.extra for c in group.values() for w in c.triggers)]
    if function_in(text) is not None:
        function, triggered = None, []
    for fn in dict.fromkeys(f for f in (own, function, *triggered) if f):
        fn_words = tuple(vocab.functions[fn].words + vocab.function_also)
        for field_id, concept in vocab.indicators.get(fn, {}).items():
            s = score(label, concept, fn_words)
            if s is not None and s >= (vocab.weak_coverage if weak else vocab.min_coverage):
                scored.append((s + vocab.context_bonus, field_id, fn))  # the bonus ranks, it never admits
    strong = [s for s in scored if s[0] >= vocab.min_coverage]
    if strong or not weak:
        scored = strong
    else:
        return _weak_reading(scored, label, kinds)
    if kinds is not None:
        types = field_catalog().fields
        scored = [s for s in scored if s[1].startswith(PAIR) or types[s[1]].type in kinds]
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    rival = next((s for s in scored[1:] if s[1] != best[1]), None)
    runner_up = rival[1] if rival and best[0] - rival[0] < vocab.margin else None
    return Reading(best[1], round(min(best[0], 1.0), 3), label, best[2], runner_up)


def _weak_reading(scored: list[tuple[float, str, str | None]], label: Label,
                  kinds: tuple[str, ...] | None) -> Reading | None:
    """The one field a partly explained label names: none when another comes within the margin."""
    vocab = concepts()
    scored = [s for s in scored if s[0] >= vocab.weak_coverage and not s[1].startswith(PAIR)]
    if kinds is not None:
        scored = [s for s in scored if field_catalog().fields[s[1]].type in kinds]
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    if any(s[1] != best[1] and best[0] - s[0] < vocab.margin for s in scored[1:]):
        return None
    return Reading(best[1], round(min(best[0], 1.0), 3), label, best[2], weak=True)
