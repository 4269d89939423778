"""附件2 application report: fields found by what their label means (concepts.py) and by a
value of the field's type near it (typed.py), whatever the table's shape.

Shapes read: label | value rows (2, 4 or more columns, a unit in its own cell, year markers
between values), years as columns (指标 | 2024年 | 2025年, or 上年度 | 前一年度), labels over
values (one or more header rows, years in a header row, years down the first column), one
"label：value" per cell or line, check boxes, function-indicator tables with the function in
a (merged) first column or in a section row, and the same on PDF text and OCR lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Cell, LabelValue, Location, ReadDocument, Source, Table
from ..read.normalize import PAGE_NUMBER
from . import matching as mt
from . import patterns as p
from .clauses import extract_clauses, read_text
from .collect import Collector
from .concepts import PAIR, Reading, concepts, function_in, interpret
from .config import labels
from .functions import Claims, is_mark
from .identity import add_place
from .line_joins import join_option_lines, join_wrapped
from .prose import extract_prose, extract_prose_flags
from .prose_claims import extract_prose_claims
from .typed import commit, count_of, value_like
from .yearly import Dated, YearTag, YearValue, resolve_dated, resolve_pairs, slot_of, text_tag, year_tag

EXTRACTOR = "report"
LINE_MIN_SCORE = 0.9  # a label among the tokens of a text line must be read this surely


@dataclass
class _State:
    col: Collector
    file: str
    as_of_year: int | None
    pairs: list[YearValue] = field(default_factory=list)
    dated: list[Dated] = field(default_factory=list)
    claims: Claims = field(default_factory=Claims)
    others: list[LabelValue] = field(default_factory=list)
    unit: str | None = None  # "金额单位：万元" above the table being read: the unit of its bare amounts
    line_years: list[YearTag] = field(default_factory=list)  # a text line "指标 2024年 2025年": its columns
    label_line: list[tuple[Cell, Reading]] = field(default_factory=list)  # a line of labels only: the next line's columns


def extract_report(doc: ReadDocument, col: Collector, as_of_year: int | None = None) -> list[LabelValue]:
    """Add the report's fields to `col`; return the label/value pairs that named no field."""
    state = _State(col, doc.file, as_of_year)
    for table, rows in _across_pages(doc.tables):
        state.unit = _unit_line(doc, table)
        _table(state, rows)
    state.unit = None
    section = None
    rows_read = _table_rows(doc)
    for block in doc.blocks:
        state.unit = p.statement_unit(block.text) if block.loc.page is not None else None  # a page's 单位 line
        state.line_years = []
        for line in join_option_lines(join_wrapped(block.text.split("\n"))):
            if block.loc.page is not None and _in_table_row(line, rows_read.get(block.loc.page, set())):
                continue  # a PDF table row, read with its columns (years, requirements) already
            section = _line(state, line, block.loc, section)
    state.unit = None
    extract_prose(doc, col)  # figures written only in running text, for fields still without a value
    extract_prose_flags(doc, col)  # and yes/no indicators (培训资质) stated in a sentence
    extract_clauses(doc, col, as_of_year, state.pairs, state.dated)
    resolve_pairs(state.pairs, state.file, EXTRACTOR, col, as_of_year)
    resolve_dated(state.dated, col, as_of_year)
    if not state.claims.marks:
        extract_prose_claims(doc, col)  # "本平台申报信息服务、培训服务两项功能": before figures-only claims
    state.claims.resolve(state.file, EXTRACTOR, col)
    if not (col.has("city") and col.has("county")) and col.has("address"):
        address = col.best("address")
        add_place(col, address, Source.at(doc.file, Location(), address, EXTRACTOR), "city", "county", "注册地址",
                  weight=0.9)
    return _unique(state.others)


# ----------------------------------------------------------------------------- tables
def _across_pages(tables: list[Table]) -> list[tuple[Table, list[list[Cell]]]]:
    """Each table with its rows; a PDF table whose last row is a row of labels only, followed on
    the next page by a table of as many columns that opens with values and no label, is one
    table split by the page break: its values are read under the labels of the page before."""
    out: list[tuple[Table, list[list[Cell]]]] = []
    for n, table in enumerate(tables):
        if out and _continues(out[-1][0], out[-1][1], table, tables[n - 1]):
            out[-1] = (out[-1][0], out[-1][1] + table.rows)
        else:
            out.append((table, table.rows))
    return out


def _continues(first: Table, rows: list[list[Cell]], table: Table, before: Table) -> bool:
    if first.page is None or table.page is None or before.page != table.page - 1 or not rows or not table.rows:
        return False
    last, opening = rows[-1], table.rows[0]
    if len(last) != len(opening):
        return False
    labels_only = any(interpret(c.text) for c in last) and not any(
        value_like(c.text) and not year_tag(c.text) for c in last)
    values_only = any(value_like(c.text) for c in opening) and not any(interpret(c.text) for c in opening)
    return labels_only and values_only


def _table_rows(doc: ReadDocument) -> dict[int, set[str]]:
    """Per PDF page, the rows its ruled tables gave, as the text layer's line would read them."""
    out: dict[int, set[str]] = {}
    for table in doc.tables:
        if table.page is None:
            continue
        tags = _column_tags(table.rows)
        for row in table.rows:
            for cells in (_dedupe(row), _dedupe(row, tags), list(enumerate(row))):
                if key := "".join(p.norm(c.text) for _, c in cells):
                    out.setdefault(table.page, set()).add(key)
    return out


def _in_table_row(line: str, rows: set[str]) -> bool:
    """A text-layer line that is a table row, or a piece of one (the layer may break a row whose
    cells sit at different heights into several lines)."""
    key = p.norm(line)
    return bool(key) and any(key in row for row in rows)


def _dedupe(row: list[Cell], tags: dict[int, YearTag] | None = None) -> list[tuple[int, Cell]]:
    """A merged cell repeats in every grid position it covers: keep it once. Under two year
    columns the same text is two answers ("是 | 是" under 2024年 | 2025年), both kept."""
    tags = tags or {}
    out: list[tuple[int, Cell]] = []
    for i, cell in enumerate(row):
        years = tags.get(out[-1][0]) if out else None, tags.get(i)
        if out and out[-1][1].text == cell.text and cell.text and not (all(years) and years[0] != years[1]):
            continue
        out.append((i, cell))
    return out


def _column_tags(rows: list[list[Cell]]) -> dict[int, YearTag]:
    """Years as columns: a header row (among the first three) naming two or more years."""
    for row in rows[:3]:
        tags = {i: t for i, c in enumerate(row) if (t := year_tag(c.text))}
        rest = [c for i, c in enumerate(row) if i not in tags and p.norm(c.text)]
        if len({(t.year, t.relative) for t in tags.values()}) >= 2 and not any(value_like(c.text) for c in rest):
            return tags
    return {}


def _unit_line(doc: ReadDocument, table: Table) -> str | None:
    """The 单位 line of a table: in the two paragraphs before it (.docx), on its page (PDF), or as a
    row of its own at its top."""
    if table.after_paragraph is not None:
        texts = [b.text for b in doc.blocks if b.loc.paragraph is not None
                 and table.after_paragraph - 2 < b.loc.paragraph <= table.after_paragraph]
    elif table.page is not None:
        texts = [doc.page_text(table.page)]
    else:
        texts = []
    found = [u for t in texts if (u := p.statement_unit(t))]
    for row in table.rows[:2]:  # or a row of the table itself that says only "单位：万元"
        filled = {c.text.strip() for c in row if p.norm(c.text)}
        if len(filled) == 1 and (u := p.statement_unit(filled.pop())) and len(p.norm(row[0].text)) <= 12:
            found.append(u)
    return found[-1] if found else None


def _column_roles(rows: list[list[Cell]]) -> dict[int, str]:
    """Columns a header row names as requirements ("认定要求") or as actual figures ("实际完成")."""
    words = concepts().columns
    for row in rows[:2]:
        roles: dict[int, str] = {}
        for i, cell in enumerate(row):
            key = p.norm(cell.text)
            if not key or len(key) > 10:
                continue
            for role, names in (("requirement", words.requirement), ("actual", words.actual)):
                if any(key == p.norm(w) or key.startswith(p.norm(w)) for w in names):
                    roles[i] = role
        if roles and not any(value_like(c.text) for c in row):
            return roles
    return {}


def _table(state: _State, rows: list[list[Cell]]) -> None:
    tags = _column_tags(rows)
    roles = _column_roles(rows)
    section = None
    above: str | None = None  # the function a merged first column named in the row above
    for row in rows:
        cells = [(i, c) for i, c in _dedupe(row, tags) if roles.get(i) != "requirement"]
        filled = [c for _, c in cells if p.norm(c.text)]
        if filled and len({p.norm(c.text) for c in filled}) == 1 and (fn := function_in(filled[0].text)):
            section = fn  # a row naming a function alone ("一、信息服务") heads the rows below
            continue
        first = row[0].text if row else ""
        if p.norm(first):
            above = function_in(first) if interpret(first) is None else None
        # a first cell left empty under a merged function cell (PDF tables give it only once)
        _row(state, cells, tags, above if not p.norm(first) and above else section)
    _vertical(state, rows)


def _row_function(cells: list[tuple[int, Cell]], section: str | None) -> tuple[str | None, int | None]:
    """The function a row names in a cell of its own (a merged first column), else the section's."""
    for index, cell in cells[:3]:
        fn = function_in(cell.text)
        if fn and interpret(cell.text) is None:
            return fn, index
    return section, None


def _row(state: _State, cells: list[tuple[int, Cell]], tags: dict[int, YearTag], section: str | None,
         min_score: float = 0.0) -> None:
    function, fn_index = _row_function(cells, section)
    used: set[int] = set()  # cells read as values cannot be the row's 申报 mark
    i = 0
    while i < len(cells):
        index, cell = cells[i]
        if index == fn_index:
            i += 1
            continue
        if _inline(state, cell, function):
            i += 1
            continue
        reading = interpret(cell.text, function)
        if reading is None and (not min_score or len(cells) == 2) and i + 1 < len(cells) \
                and value_like(cells[i + 1][1].text):
            # a table label in words nobody listed (or a text line that is just "label value")
            reading = interpret(cell.text, function, weak=True)
        if reading is None or (reading.score < min_score and not reading.weak):
            if not min_score:  # a table row (tokens of a text line may be pieces of wrapped labels)
                if function and _words_and_figures(cell.text):  # "年服务企业85家，组织活动6次" in one cell
                    read_text(cell.text, cell.loc, function, state.file, state.col, state.as_of_year,
                              state.pairs, state.dated)
                else:
                    _maybe_other(state, cells, i, function)
            i += 1
            continue
        j = i + 1
        while j < len(cells) and not _ends_values(cells[j][1].text, function, reading):
            j += 1
        values = cells[i + 1 : j]
        if reading.target.startswith(PAIR):
            _pair_values(state, reading, cell, values, tags)
        else:
            taken = _pick(state, reading, cell, values, tags)
            if taken is not None:
                used.add(taken)
                if reading.function and _positive(next(c for _, c in values if id(c) == taken).text):
                    state.claims.filled(reading.function, cell)
        i = j
    if function and fn_index is not None:
        name = next(c for idx, c in cells if idx == fn_index)
        rest = [c for idx, c in cells if id(c) not in used and idx != fn_index and idx not in tags]  # a year column holds figures, never the mark
        state.claims.mark(function, rest, name)
        if function not in state.claims.marks and any(_positive(c.text) for c in rest if value_like(c.text)):
            state.claims.filled(function, name)  # "咨询服务 120" with the 是否申报 mark lost on a scan


def _words_and_figures(text: str) -> bool:
    return p.has_cjk(text) and not value_like(text) and bool(p.figure_spans(p.norm(text)))


def _positive(text: str) -> bool:
    numbers = p.numbers(text)
    value = p.to_float(numbers[0]) if numbers else None
    return bool(value and value > 0)


def _is_label(text: str, function: str | None) -> bool:
    return interpret(text, function) is not None


def _ends_values(text: str, function: str | None, reading: Reading) -> bool:
    """A cell that reads as a label ends the label's values, unless it is an answer to it: it
    names the same field and opens with a yes/no word, as '具有培训资质（人社部门备案）' after
    '培训资质或主管部门备案' does (the answer repeats the label's words)."""
    other = interpret(text, function)
    if other is None:
        return False
    vocab = labels()
    key = p.norm(text)
    answer = any(key.startswith(w) for w in map(p.norm, vocab.yes_words + vocab.no_words) if w)  # "/", "-" normalise to nothing
    return not (answer and other.target == reading.target)


def _pick(state: _State, reading: Reading, label_cell: Cell, values: list[tuple[int, Cell]],
          tags: dict[int, YearTag], weight: float = 1.0) -> int | None:
    """The first value cell of the field's type (a unit-only cell sets the unit, a year marker
    the year of the value after it; under year columns, last year's column first)."""
    unit = reading.label.unit or state.unit
    label_tag = YearTag(reading.label.year, reading.label.relative)
    pending: YearTag | None = None
    ordered = sorted(values, key=lambda v: (_column_rank(tags.get(v[0]), state.as_of_year), _is_threshold(v[1].text)))
    for position, (index, cell) in enumerate(ordered):
        if mt.is_unit_only(cell.text):
            unit = unit or p.find_unit(cell.text)
            continue
        marker = year_tag(cell.text)
        # a bare "2000" is a year only in front of the value it dates; the last cell of the run
        # is the value itself (注册资本（万元）| 2000)
        if marker and p.norm(cell.text).isdigit() and not any(value_like(c.text) for _, c in ordered[position + 1:]):
            marker = None
        if marker:
            pending = marker
            continue
        tag = pending or tags.get(index) or label_tag
        threshold = _is_threshold(cell.text)
        if threshold and not reading.target.startswith(("functions_claimed", "training_qualification")):
            weight_used = weight * 0.6  # "500人次以上" is a bound, not a figure: kept only for review
        else:
            weight_used = weight
        if commit(state.col, state.dated, reading, label_cell.text, cell, unit, weight_used, tag, state.file,
                  EXTRACTOR, state.as_of_year, _threshold_reason(cell.text) if threshold else None):
            return id(cell)
        pending = None
    figures = [c for _, c in values if value_like(c.text) and not year_tag(c.text)]
    if figures:  # a figure of another type than the label's field: shown, and a wording to learn
        _other(state, label_cell, figures[0], reading.target)
    return None


def _is_threshold(text: str) -> bool:
    key = p.norm(text)
    return value_like(text) and any(w and w in key for w in map(p.norm, concepts().threshold_words))


def _threshold_reason(text: str) -> str:
    return f"填写为“{text.strip()}”，是一个界限而不是确切数值，请核对实际数值"


def _column_rank(tag: YearTag | None, as_of_year: int | None) -> int:
    if tag is None:
        return 1
    slot = slot_of(tag, as_of_year)
    return 0 if slot == "last" else 2 if slot == "prior" else 3


def _pair_values(state: _State, reading: Reading, label_cell: Cell, values: list[tuple[int, Cell]],
                 tags: dict[int, YearTag]) -> None:
    """The counts after a two-year label, each with the year or 上年度/前一年度 that names it."""
    group = reading.target.removeprefix(PAIR)
    label_tag = YearTag(reading.label.year, reading.label.relative)
    pending = label_tag if label_tag else None
    for index, cell in values:
        marker = year_tag(cell.text)
        if marker:
            pending = marker
            continue
        for part in _parts(cell.text):
            part_tag = text_tag(part)
            number = _count_in(part, part_tag)
            if number is None:
                continue
            tag = part_tag if part_tag else (pending or tags.get(index) or YearTag())
            parsed = count_of(number, part, reading)
            if parsed is None:
                continue
            parsed.confidence = round(parsed.confidence * reading.score, 3)
            state.pairs.append(YearValue(group, parsed, cell, reading.label.main, tag, label_cell.text))
            pending = None


def _parts(text: str) -> list[str]:
    for sep in ("，", "；", ";", "、", "/", "|"):
        text = text.replace(sep, ",")
    return [part for part in text.split(",") if p.norm(part)]


def _count_in(part: str, tag: YearTag) -> str | None:
    """The count of a piece such as "2024年52家" or "52家（2024年）": the number that is no year."""
    numbers = [n for n in p.numbers(part) if not (tag.year is not None and n == str(tag.year))]
    return numbers[0] if numbers else None


def _vertical(state: _State, rows: list[list[Cell]]) -> None:
    """Labels over values: header row(s) of labels (and years) above rows of values."""
    readings = [[interpret(c.text) for c in row] for row in rows]
    for d, row in enumerate(rows):
        if any(readings[d]) or not any(value_like(c.text) for c in row):
            continue
        header = _header_rows(rows, readings, d)
        if not header:
            continue
        row_tag = next((t for c in row if (t := year_tag(c.text))), None)
        for c, cell in enumerate(row):
            if not p.norm(cell.text) or year_tag(cell.text):
                continue
            stack = [rows[h][c] for h in header if c < len(rows[h])]
            found = next(((r, s) for s in stack if (r := interpret(s.text)) is not None), None)
            if found is None:
                continue
            reading, label_cell = found
            if reading.target == "functions_claimed" and function_in(cell.text):
                continue  # a column naming each row's function ("服务功能 | 信息服务 …"), not a claim
            tag = next((t for s in stack if (t := year_tag(s.text))), None) or row_tag
            tags = {c: tag} if tag else {}
            if reading.target.startswith(PAIR):
                _pair_values(state, reading, label_cell, [(c, cell)], tags)
            else:
                _pick(state, reading, label_cell, [(c, cell)], tags, weight=0.9)


def _header_rows(rows: list[list[Cell]], readings: list[list[Reading | None]], d: int) -> list[int]:
    """The header rows of data row `d`: the rows of labels, year markers and headings ("年度",
    "项目") right above it, or above the run of data rows it belongs to (years down the first
    column). At most three; at least one must hold a label."""
    def data(h: int) -> bool:
        return not any(readings[h]) and any(value_like(c.text) and not year_tag(c.text) for c in rows[h])

    def heading(h: int) -> bool:
        cells = [(c, r) for c, r in zip(rows[h], readings[h], strict=False) if p.norm(c.text)]
        return bool(cells) and not any(r is None and value_like(c.text) and not year_tag(c.text) for c, r in cells)

    h = d - 1
    while h >= 0 and data(h) and d - h <= 12:
        h -= 1  # rows of the same block: "2024年 | 60 | 300" above "2025年 | 75 | 368"
    header: list[int] = []
    while h >= 0 and len(header) < 3 and heading(h):
        header.insert(0, h)
        h -= 1
    return header if any(any(readings[k]) for k in header) else []


# ----------------------------------------------------------------------------- pairs in one cell / line
def _inline(state: _State, cell: Cell, function: str | None, weight: float = 0.95) -> bool:
    """'资产总额：150万元' inside one cell or line. A cell of several such lines
    ('活动次数：12次' over '服务企业数：85家') is read line by line: each names its own field."""
    text = cell.text
    lines = [line for line in re.split(r"[\n；;]", text) if line.strip()]
    if len(lines) > 1 and sum(":" in line or "：" in line for line in lines) > 1:
        read = [_inline(state, Cell(text=line, loc=cell.loc), function, weight) for line in lines]
        return any(read)
    for sep in (":", "："):
        if sep not in text:
            continue
        label, _, value = text.partition(sep)
        if not (p.norm(label) and p.norm(value)):
            continue
        reading = interpret(label, function)
        if reading is None and (":" in value or "：" in value):
            # "其中：上年度服务收入：80万元": the words before the first colon only introduce a label
            return _inline(state, Cell(text=value, loc=cell.loc), function, weight)
        if reading is None:
            if value_like(value):
                _other(state, Cell(text=label, loc=cell.loc), Cell(text=value, loc=cell.loc))
            return False
        value_cell = Cell(text=value, loc=cell.loc)
        if reading.target.startswith(PAIR):
            _pair_values(state, reading, Cell(text=label, loc=cell.loc), [(0, value_cell)], {})
        else:
            _pick(state, reading, Cell(text=label, loc=cell.loc), [(0, value_cell)], {}, weight)
        return True
    return False


def _line(state: _State, line: str, loc: Location, section: str | None) -> str | None:
    """A text line of a paragraph, PDF page or OCR'd page; returns the function section it opens."""
    line = line.strip()
    if not line or len(line) > 200:
        return section
    labels_above, state.label_line = state.label_line, []  # only the very next line holds their values
    if labels_above and PAGE_NUMBER.match(line):
        state.label_line = labels_above  # the page's footer between the labels and their values
        return section
    kind, title = p.heading_kind(line)
    fn = function_in(line) if len(p.norm(line)) <= 20 else None
    if fn and not any(value_like(t) for t in line.split()[1:]) and not _marked(line):
        return fn  # a function's heading; "信息服务 ☑" (a table row read by OCR) is its mark instead
    if kind and len(p.norm(title)) <= 30 and not (":" in line or "：" in line):
        section = None  # another heading ends a function's section
    if ":" in line or "：" in line:
        for segment in _segments(line, section):
            if not _inline(state, Cell(text=segment, loc=loc), section, 0.9):
                # "其中:大专及以上 11人": the words before the colon name nothing, the rest may
                tokens = [Cell(text=t, loc=loc) for t in segment.replace("：", " ").replace(":", " ").split()]
                if len(tokens) >= 2:
                    _row(state, list(enumerate(tokens)), {}, section, min_score=LINE_MIN_SCORE)
        return section
    tokens = [Cell(text=t, loc=loc) for t in line.split()]
    if _under_label_line(state, labels_above, tokens):
        return section
    readings = [interpret(c.text, section) for c in tokens] if len(tokens) >= 2 else []
    if readings and all(r is not None and r.score >= LINE_MIN_SCORE for r in readings):
        state.label_line = list(zip(tokens, readings, strict=True))  # "服务人员数 大专以上学历人数 …": values next line
        return section
    years = [t for c in tokens if (t := year_tag(c.text))]
    if len(years) >= 2 and len(years) >= len(tokens) - 2 and len({(t.year, t.relative) for t in years}) >= 2:
        state.line_years = years  # "指标 2024年 2025年": the last figures of the lines below are these years
        return section
    if len(tokens) >= 2 and mt.has_checkbox(line):  # "单位性质 □企业 ☑事业单位 …": the options are one value
        reading = interpret(tokens[0].text)
        if reading and reading.score >= LINE_MIN_SCORE and not reading.target.startswith(PAIR):
            rest = line[len(tokens[0].text):].strip()
            _pick(state, reading, tokens[0], [(1, Cell(text=rest, loc=loc))], {}, 0.8)
            return section
    if len(tokens) >= 2:
        _row(state, list(enumerate(tokens)), _line_tags(state, tokens), section, min_score=LINE_MIN_SCORE)
    return section


def _under_label_line(state: _State, labels_above: list[tuple[Cell, Reading]], tokens: list[Cell]) -> bool:
    """The line after a line of labels (on the same page or the next: a page break may fall
    between them): as many figures as there were labels, each read under its label."""
    if not labels_above or len(tokens) != len(labels_above) or not all(value_like(c.text) for c in tokens):
        return False
    for (label, reading), value in zip(labels_above, tokens, strict=True):
        if reading.target.startswith(PAIR):
            _pair_values(state, reading, label, [(0, value)], {})
        else:
            _pick(state, reading, label, [(0, value)], {}, 0.9)
    return True


def _marked(line: str) -> bool:
    """A function's name followed only by marks ("信息服务 ☑", an OCR'd row of a 是否申报 table)."""
    rest = line.split()[1:]
    return bool(rest) and all(is_mark(t) for t in rest)


def _line_tags(state: _State, tokens: list[Cell]) -> dict[int, YearTag]:
    """The year of each of a line's last figures, when a year header line came above and the
    line ends in exactly as many figures (columns of a text layer align from the right)."""
    years = state.line_years
    if not years:
        return {}
    figures = 0
    for cell in reversed(tokens):
        if not value_like(cell.text):
            break
        figures += 1
    if figures != len(years):
        return {}
    start = len(tokens) - figures
    return {start + k: tag for k, tag in enumerate(years)}


def _segments(line: str, function: str | None) -> list[str]:
    """'资产总额：150万元 服务人员数：35人；联系人：张三' → one segment per 'label：value'."""
    segments: list[str] = []
    for token in line.replace("；", " ").replace(";", " ").split():
        head = token.replace("：", ":").partition(":")[0]
        if ":" in token.replace("：", ":") and (not segments or interpret(head, function) or _another_label(head, segments[-1])):
            segments.append(token)
        elif segments:
            segments[-1] += " " + token
        else:
            segments.append(token)
    return segments


def _another_label(head: str, current: str) -> bool:
    """'日期：…' after '申报单位：某某公司': a short run of Chinese before a colon, once the current
    segment already holds a value, opens a label of its own even when it names no field."""
    value = current.replace("：", ":").partition(":")[2]
    key = p.norm(head)
    return bool(p.norm(value)) and 0 < len(key) <= 8 and all(p.has_cjk(ch) for ch in key)


# ----------------------------------------------------------------------------- what named no field
def _maybe_other(state: _State, cells: list[tuple[int, Cell]], i: int, function: str | None) -> None:
    """A text cell followed by a figure that no field claims: kept for the experts and for us."""
    _, cell = cells[i]
    if i + 1 >= len(cells) or value_like(cell.text) or year_tag(cell.text) or not p.has_cjk(cell.text):
        return
    value = cells[i + 1][1]
    if value_like(value.text) and not _is_label(value.text, function) and len(p.norm(cell.text)) <= 30:
        _other(state, cell, value)


def _other(state: _State, label: Cell, value: Cell, field_id: str | None = None) -> None:
    words = sum(p.has_cjk(ch) for ch in p.norm(label.text))
    if words < 2 or p.norm(label.text)[0] in ")）":
        return  # the tail of a label wrapped onto the next line ("人) 8"), not a label of its own
    state.others.append(LabelValue(label=p.join_cjk(label.text.strip()), value=value.text.strip(), field=field_id,
                                   source=Source.at(state.file, value.loc, f"{label.text} {value.text}", EXTRACTOR)))


def _unique(items: list[LabelValue]) -> list[LabelValue]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        key = (p.norm(item.label), p.norm(item.value))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
