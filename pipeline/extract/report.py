"""附件2 application report: label/value tables (2 or 4 columns), 'label：value' lines,
check boxes, the function-indicator table and the two-year SME counts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache

from ..models import Cell, Location, ReadDocument, Source
from ..reference import field_catalog
from . import matching as mt
from . import patterns as p
from .collect import Collector
from .config import labels
from .identity import add_place, parse_uscc
from .prose import extract_prose
from .values import Parsed, parse
from .yearly import Dated, YearValue, resolve_dated, resolve_two_year, two_year_values, year_specific_fields

EXTRACTOR = "report"
MAX_LABEL_EXTRA = 8  # a label cell may carry this many characters beyond its synonym
MAX_LABEL_CHARS = 40
TWO_YEAR = "two_year:"
FUNCTION = "function:"
YEARLY_TYPES = ("money", "count", "ratio", "area")


@cache
def _matcher() -> mt.Matcher:
    vocab = labels()
    synonyms = dict(vocab.report_fields)
    for key, spec in vocab.two_year_fields.items():
        synonyms[TWO_YEAR + key] = spec.labels
    for key, words in vocab.functions.items():
        synonyms[FUNCTION + key] = words[:1]  # only the full name ("信息服务") marks a function row
    return mt.Matcher(synonyms)


def label_of(text: str, function: str | None = None) -> tuple[mt.Match, str | None] | None:
    """The field a label cell names, and the unit written inside it.

    In a row that names a function, that function's indicator labels are tried first.
    """
    key, unit = p.split_label(text)
    if not key or len(key) > MAX_LABEL_CHARS or p.starts_with_number(key):
        return None
    whole = p.unbracket(text)  # "公益性（低收费）服务比例": the bracketed words may belong to the label
    for matcher in ([_function_matcher(function)] if function else []) + [_matcher()]:
        m = matcher.match(key)
        if (m is None or m.confidence < 1) and whole != key and len(whole) <= MAX_LABEL_CHARS:
            m = _better(m, matcher.match(whole))
        if m is None or (m.key.startswith(FUNCTION) and m.confidence < 1):
            continue  # a function row is named exactly; "信息服务、培训服务" is a value
        if m.confidence == 1 or len(key) - len(p.norm(m.synonym)) <= MAX_LABEL_EXTRA:
            return m, unit
    return None


def _better(a: mt.Match | None, b: mt.Match | None) -> mt.Match | None:
    """The bracket-kept reading counts only when it names a synonym exactly ("是（已备案）" is a value)."""
    if b is None or b.confidence < 1:
        return a
    return b


@cache
def _function_matcher(function: str) -> mt.Matcher:
    return mt.Matcher(labels().function_indicators.get(function, {}))


@dataclass
class _State:
    col: Collector
    file: str
    years: list[YearValue] = field(default_factory=list)
    dated: list[Dated] = field(default_factory=list)
    functions: dict[str, tuple[bool, Cell]] = field(default_factory=dict)


def extract_report(doc: ReadDocument, col: Collector) -> None:
    state = _State(col, doc.file)
    for table in doc.tables:
        col_years = _column_years(table.rows)
        for row in table.rows:
            _row(state, row, col_years, weight=1.0)
        _label_rows(state, table.rows)
    for block in doc.blocks:
        for line in block.text.split("\n"):
            _line(state, line, block.loc)
    resolve_two_year(state.years, state.file, EXTRACTOR, col)
    resolve_dated(state.dated, col)
    _resolve_functions(state)
    extract_prose(doc, col)  # figures written only in running text, for fields still without a value
    if not (col.has("city") and col.has("county")) and col.has("address"):
        address = col.best("address")
        add_place(
            col, address, Source.at(doc.file, Location(), address, EXTRACTOR), "city", "county", "注册地址", weight=0.9
        )


def _column_years(rows: list[list[Cell]]) -> dict[int, int]:
    for row in rows[:3]:
        years = {i: y for i, c in enumerate(row) if (y := p.year_marker(c.text))}
        if len(years) >= 2:
            return years
    return {}


def _dedupe(row: list[Cell]) -> list[tuple[int, Cell]]:
    out: list[tuple[int, Cell]] = []
    for i, cell in enumerate(row):
        if out and out[-1][1].text == cell.text and cell.text:
            continue
        out.append((i, cell))
    return out


def _row(state: _State, row: list[Cell], col_years: dict[int, int], weight: float, exact_only: bool = False) -> None:
    cells = _dedupe(row)
    function_key = None
    picked: set[int] = set()  # cells read as values cannot be the row's 申报 mark
    i = 0
    while i < len(cells):
        index, cell = cells[i]
        inline = _inline(cell.text)
        if inline:
            _pair(state, inline[0], inline[1], cell, None, weight * 0.95)
            i += 1
            continue
        found = label_of(cell.text, function_key)
        if found is None or (exact_only and found[0].confidence < 1):
            i += 1
            continue
        match, unit = found
        if match.key.startswith(FUNCTION):
            function_key = match.key.removeprefix(FUNCTION)
            i += 1
            continue
        values = []
        j = i + 1
        while j < len(cells) and label_of(cells[j][1].text, function_key) is None:
            values.append(cells[j])
            j += 1
        if match.key.startswith(TWO_YEAR):
            _two_year(state, match, cell, row[index + 1 :], index + 1, col_years)
        else:
            for _, value_cell in values:
                if mt.is_unit_only(value_cell.text):
                    unit = unit or p.find_unit(value_cell.text)
            value = _pick_value(values, col_years)
            if value is not None:
                picked.add(id(value))
                _pair(state, cell.text, value.text, value, unit, weight * match.confidence, match)
        i = j
    if function_key:
        marks = [c for _, c in cells if _is_mark(c.text) and id(c) not in picked]
        if marks:
            state.functions.setdefault(function_key, (_mark_checked(marks[0].text), marks[0]))


def _pick_value(values: list[tuple[int, Cell]], col_years: dict[int, int]) -> Cell | None:
    """The value cell: skipping units and year markers; under year columns, the latest year."""
    usable = [
        (i, c) for i, c in values if p.norm(c.text) and not mt.is_unit_only(c.text) and p.year_marker(c.text) is None
    ]
    dated = [(col_years[i], c) for i, c in usable if i in col_years]
    if dated:
        return max(dated, key=lambda pair: pair[0])[1]
    return usable[0][1] if usable else None


def _label_rows(state: _State, rows: list[list[Cell]]) -> None:
    """A row of labels over a row of values (vertical layout): pair them by column."""
    for upper, lower in itertools.pairwise(rows):
        found = [label_of(c.text) for c in upper]
        labelled = [f for f in found if f and not f[0].key.startswith((TWO_YEAR, FUNCTION))]
        if len(labelled) < 2 or len(labelled) < len([c for c in upper if p.norm(c.text)]):
            continue
        if any(label_of(c.text) for c in lower if p.norm(c.text)):
            continue
        for col, f in enumerate(found):
            if f and col < len(lower) and p.norm(lower[col].text) and not f[0].key.startswith((TWO_YEAR, FUNCTION)):
                _pair(state, upper[col].text, lower[col].text, lower[col], f[1], 0.9, f[0])


def _inline(text: str) -> tuple[str, str] | None:
    """'资产总额：150万元' inside one cell or line."""
    for sep in (":", "："):
        if sep in text:
            label, _, value = text.partition(sep)
            if p.norm(label) and p.norm(value) and label_of(label):
                return label, value
    return None


def _pair(
    state: _State, label: str, value: str, cell: Cell, unit: str | None, weight: float, match: mt.Match | None = None
) -> None:
    found = (match, unit) if match else label_of(label)
    if found is None or found[0] is None:
        return
    match, label_unit = found
    unit = unit or label_unit
    if match.key.startswith((TWO_YEAR, FUNCTION)):
        if match.key.startswith(TWO_YEAR):
            _two_year(state, match, cell, [Cell(text=value, loc=cell.loc)], 0, {})
        return
    field_id = match.key
    source = Source.at(state.file, cell.loc, f"{label} {value}".strip(), EXTRACTOR)
    if field_id in ("city", "county"):
        add_place(state.col, value, source, "city", "county", match.synonym, weight)
        return
    if field_id == "uscc":
        parsed = parse_uscc(value)
    else:
        parsed = parse(field_catalog().fields[field_id].type, value, unit, label)
    if parsed is None:
        return
    years = p.years_in(label)
    if years and field_catalog().fields[field_id].type in YEARLY_TYPES and field_id not in year_specific_fields():
        state.dated.append(Dated(field_id, max(years), parsed, source, match.synonym, weight))
    else:
        state.col.add(field_id, parsed, source, match.synonym, weight)


def _two_year(
    state: _State, match: mt.Match, label_cell: Cell, rest: list[Cell], offset: int, col_years: dict[int, int]
) -> None:
    state.years += two_year_values(
        match.key.removeprefix(TWO_YEAR),
        match.synonym,
        label_cell,
        rest,
        offset,
        col_years,
        lambda text: label_of(text) is not None,
    )


def _is_mark(text: str) -> bool:
    vocab = labels()
    key = p.norm(text)
    return bool(key) and (
        key in vocab.checkbox.checked + vocab.checkbox.unchecked or key in vocab.yes_words + vocab.no_words
    )


def _mark_checked(text: str) -> bool:
    vocab = labels()
    key = p.norm(text)
    return key in vocab.checkbox.checked or key in vocab.yes_words


def _resolve_functions(state: _State) -> None:
    if not state.functions:
        return
    order = list(labels().functions)
    chosen = sorted((k for k, (checked, _) in state.functions.items() if checked), key=order.index)
    first_cell = next(iter(state.functions.values()))[1]
    source = Source.at(state.file, first_cell.loc, "功能指标表勾选：" + "、".join(chosen), EXTRACTOR)
    state.col.add("functions_claimed", Parsed(chosen, 0.9), source, "功能指标表勾选")


def _line(state: _State, line: str, loc: Location) -> None:
    """A text line of a paragraph or PDF page: 'label：value' pairs, or exact labels among tokens."""
    line = line.strip()
    if not line or len(line) > 200:
        return
    if ":" in line or "：" in line:
        for segment in _segments(line):
            inline = _inline(segment)
            if inline:
                _pair(state, inline[0], inline[1], Cell(text=segment, loc=loc), None, 0.9)
        return
    tokens = [Cell(text=t, loc=loc) for t in line.split()]
    if len(tokens) >= 2 and mt.has_checkbox(line):  # "单位性质 □企业 ☑事业单位 …": the options are one value
        found = label_of(tokens[0].text)
        if found and found[0].confidence == 1 and not found[0].key.startswith((TWO_YEAR, FUNCTION)):
            rest = line[len(tokens[0].text) :].strip()
            _pair(state, tokens[0].text, rest, Cell(text=line, loc=loc), found[1], 0.8, found[0])
            return
    if len(tokens) >= 2:
        _row(state, tokens, {}, weight=0.8, exact_only=True)


def _segments(line: str) -> list[str]:
    """'资产总额：150万元 服务人员数：35人；联系人：张三' → one segment per 'label：value'."""
    segments: list[str] = []
    for token in line.replace("；", " ").replace(";", " ").split():
        head = token.replace("：", ":").partition(":")[0]
        if ":" in token.replace("：", ":") and (not segments or label_of(head)):
            segments.append(token)
        elif segments:
            segments[-1] += " " + token
        else:
            segments.append(token)
    return segments
