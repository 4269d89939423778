"""Audit report and special audit: year, firm, opinion, emphasis and statement figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from ..models import Cell, Location, ReadDocument, Source, Table
from . import matching as mt
from . import patterns as p
from .collect import Collector
from .config import labels
from .values import Parsed

EXTRACTOR = "audit"
SERVICE_FIELDS = ("audit.service_income", "audit.service_expense")
BALANCE_TOLERANCE = 0.01


@cache
def _rows() -> mt.Matcher:
    return mt.Matcher(labels().audit.rows)


def _row_field(label: str, special: bool) -> tuple[str, str] | None:
    key = p.strip_row_prefix(label.strip())
    m = _rows().match(key, allow_inside=False)
    if m is None or m.confidence < 1:
        bare = _without_total_word(key)
        m = _rows().match(bare, allow_inside=False) if bare != key else None
    if m is None or m.confidence < 1 or (special and m.key not in SERVICE_FIELDS):
        return None
    return m.key, m.synonym


def _without_total_word(key: str) -> str:
    """"服务收入小计" → 服务收入: a total word after a row label."""
    norm = p.norm(key)
    for word in sorted(labels().audit.total_suffixes, key=len, reverse=True):
        if norm.endswith(p.norm(word)) and len(norm) > len(p.norm(word)) + 1:
            return norm[: -len(p.norm(word))]
    return norm


@dataclass
class _Page:
    text: str
    flat: str
    loc: Location
    scale: float
    unit: str | None
    current_first: bool
    has_line_numbers: bool
    group: int = 1  # numbers per year on a line: 3 for 非限定性 | 限定性 | 合计
    general: bool = False  # the page is a general statement (业务活动表, 利润表…), not a 服务收支 statement


def _page(text: str, loc: Location, inherited_unit: str | None) -> _Page:
    vocab = labels().audit
    flat = p.norm(text)
    unit = p.statement_unit(text) or inherited_unit
    cur = [flat.find(p.norm(h)) for h in vocab.current_headers if p.norm(h) in flat]
    pri = [flat.find(p.norm(h)) for h in vocab.prior_headers if p.norm(h) in flat]
    current_first = not (cur and pri and min(pri) < min(cur)) and not (pri and not cur)
    numbers_col = any(p.norm(h) in flat for h in vocab.line_number_headers)
    scale = labels().units.money.get(unit or "元", 1.0)
    group = 3 if all(p.norm(h) in flat for h in vocab.restricted_headers) else 1
    general = any(p.norm(t) in flat for t in vocab.general_statement_titles)
    return _Page(text, flat, loc, scale, unit, current_first, numbers_col, group, general)


def is_special(doc: ReadDocument) -> bool:
    first = p.norm(doc.blocks[0].text[:300]) if doc.blocks else ""
    return any(p.norm(w) in first for w in labels().audit.special_titles)


def extract_audit(doc: ReadDocument, col: Collector) -> None:
    """The document's figures; revenue is the statement's total income where it gives one."""
    own = Collector()
    _extract(doc, own)
    lines = {p.norm(w) for w in labels().audit.revenue_lines}
    if own.has_matching("audit.revenue", lambda matched: p.norm(matched) not in lines):
        own.discard("audit.revenue", lambda matched: p.norm(matched) in lines)
    col.merge(own)
    _balance_check(col)


def _extract(doc: ReadDocument, col: Collector) -> None:
    special = is_special(doc)
    pages: dict[int | None, _Page] = {}
    unit = None  # a continuation page without its own 单位 line keeps the previous page's
    for block in doc.blocks:
        page = _page(block.text, block.loc, unit)
        page = replace(page, general=page.general and not special)  # a special audit is the service statement
        unit = page.unit
        pages[block.loc.page] = page
        _statement_lines(doc.file, page, special, col)
        _prose(doc.file, page, col)
    doc_unit = next((u for b in doc.blocks if (u := p.statement_unit(b.text))), None)
    for table in doc.tables:  # a Word table has no page: the document's 单位 line and its heading apply
        page = pages.get(table.page) if table.page else _page(_heading(doc, table), Location(), doc_unit)
        if page is not None and special:
            page = replace(page, general=False)
        _statement_table(doc.file, table, page, special, col)
    if not special:
        _opinion(doc, col)
        _year_and_firm(doc, col)


def _heading(doc: ReadDocument, table: Table) -> str:
    """The paragraphs just before a Word table (its statement title)."""
    if table.after_paragraph is None:
        return ""
    return "\n".join(b.text for b in doc.blocks if b.loc.paragraph is not None
                     and table.after_paragraph - 2 <= b.loc.paragraph <= table.after_paragraph)


def prefer_service_statements(col: Collector) -> None:
    """Service income/expense from a 服务收支 statement or special audit outranks the general statement's line."""
    note = labels().audit.general_statement_note

    def general(c) -> bool:
        return c.source.extractor == EXTRACTOR and bool(c.note) and note in c.note

    for field_id in SERVICE_FIELDS:
        found = [c for c in col.candidates(field_id) if c.value is not None and c.source.extractor == EXTRACTOR]
        if any(not general(c) for c in found) and any(general(c) for c in found):
            col.discard_candidates(field_id, general)


def _value(nums: list[str], page: _Page) -> tuple[float, str] | None:
    if page.has_line_numbers and len(nums) >= 2 and "." not in nums[0] and "," not in nums[0]:
        nums = nums[1:]
    if len(nums) >= 3 and all("." in n for n in nums[1:]) and "." not in nums[0] and len(nums[0]) <= 3:
        nums = nums[1:]  # an unlabelled line-number column
    if not nums:
        return None
    if page.group > 1 and len(nums) >= page.group:  # 非限定性 | 限定性 | 合计: the year's 合计
        first = 0 if page.current_first or len(nums) < 2 * page.group else page.group
        return _scaled(nums[first + page.group - 1], page)
    pick = nums[0] if page.current_first or len(nums) == 1 else nums[1]
    return _scaled(pick, page)


def _scaled(pick: str, page: _Page) -> tuple[float, str] | None:
    value = p.to_float(pick)
    return (value * page.scale, pick) if value is not None else None


def _add(col: Collector, field_id: str, value: float, page: _Page, file: str, loc: Location,
         excerpt: str, matched: str, weight: float) -> None:
    note = f"报表单位为{page.unit}，已换算为元" if page.unit and page.scale != 1 else None
    if field_id in SERVICE_FIELDS and page.general:
        note = "；".join(n for n in (labels().audit.general_statement_note, note) if n)
    col.add(field_id, Parsed(value, 1.0, note), Source.at(file, loc, excerpt, EXTRACTOR), matched, weight)


def _statement_lines(file: str, page: _Page, special: bool, col: Collector) -> None:
    pending = ""
    for line in page.text.split("\n"):
        tokens = line.split()
        groups: list[tuple[str, list[str]]] = []
        for tok in tokens:
            if p.is_note_ref(tok):
                continue
            if p.to_float(tok) is not None and not p.has_cjk(tok):
                if groups:
                    groups[-1][1].append(tok)
            elif groups and not groups[-1][1]:
                groups[-1] = (groups[-1][0] + tok, [])
            else:
                groups.append((tok, []))
        if groups and not groups[0][1] and len(groups) == 1:
            pending = groups[0][0]  # a label that wrapped onto the next line
            continue
        for n, (label, nums) in enumerate(groups):
            found = _row_field(label, special)
            if found is None and n == 0 and pending:
                found = _row_field(pending + label, special)
            if found and nums:
                value = _value(nums, page)
                if value is not None:
                    _add(col, found[0], value[0], page, file, page.loc, line.strip(), found[1], 0.95)
        pending = ""


def _statement_table(file: str, table: Table, page: _Page | None, special: bool, col: Collector) -> None:
    vocab = labels().audit
    page = page or _page("", Location(page=table.page), None)
    unit = _header_unit(table)
    if unit and unit != page.unit:  # "金额（万元）" in the table's own header
        page = replace(page, unit=unit, scale=labels().units.money.get(unit, 1.0))
    current_cols: list[int] = []
    prior_cols: list[int] = []
    for row in table.rows[:4]:
        for c, cell in enumerate(row):
            key = p.norm(cell.text)
            if any(p.norm(h) == key or key.startswith(p.norm(h)) for h in vocab.current_headers):
                current_cols += _spanned(row, c)
            elif any(p.norm(h) == key or key.startswith(p.norm(h)) for h in vocab.prior_headers):
                prior_cols += _spanned(row, c)
    totals = _total_columns(table)
    if totals and any(c in totals for c in current_cols):  # 本年数: 非限定性 | 限定性 | 合计
        current_cols = [c for c in current_cols if c in totals]
    for row in table.rows:
        for c, cell in enumerate(row):
            found = _row_field(cell.text, special)
            if not found:
                continue
            target = _table_value(row, c, current_cols)
            if target is None:
                continue
            value = p.to_float(target.text.replace(" ", ""))
            if value is not None:
                excerpt = f"{cell.text} {target.text}"
                _add(col, found[0], value * page.scale, page, file, target.loc, excerpt, found[1], 1.0)


def _spanned(row: list[Cell], c: int) -> list[int]:
    """A header cell and the empty cells right of it: a PDF table gives a merged header once
    ("本年数 | | | 上年数 | |" over 非限定性 | 限定性 | 合计)."""
    cols = [c]
    for k in range(c + 1, len(row)):
        if p.norm(row[k].text):
            break
        cols.append(k)
    return cols


def _header_unit(table: Table) -> str | None:
    for row in table.rows[:3]:
        for cell in row:
            unit = p.statement_unit(cell.text) or (p.split_label(cell.text)[1] if "元" in cell.text else None)
            if unit in labels().units.money:
                return unit
    return None


def _total_columns(table: Table) -> set[int]:
    words = {p.norm(w) for w in labels().audit.total_headers}
    return {c for row in table.rows[:4] for c, cell in enumerate(row) if p.norm(cell.text) in words}


def _table_value(row: list[Cell], label_col: int, current_cols: list[int]) -> Cell | None:
    after = [c for c in current_cols if c > label_col]
    if after and after[0] < len(row):
        return row[after[0]]
    for cell in row[label_col + 1:]:  # no header: the first number after the label
        if p.to_float(cell.text.replace(" ", "")) is not None and len(p.norm(cell.text)) > 2:
            return cell
    return None


def _prose(file: str, page: _Page, col: Collector) -> None:
    vocab = labels().audit
    for field_id in SERVICE_FIELDS:
        for label in vocab.rows[field_id]:
            found = p.prose_amount(page.text, p.norm(label), vocab.prose_joiners)
            if found:
                number, unit, excerpt = found
                scale = labels().units.money.get(unit, page.scale) if unit else page.scale
                note = vocab.general_statement_note if page.general else None
                col.add(field_id, Parsed(number * scale, 0.9, note), Source.at(file, page.loc, excerpt, EXTRACTOR),
                        label, 0.9)
                break


def _opinion(doc: ReadDocument, col: Collector) -> None:
    vocab = labels().audit
    flat = p.norm(doc.full_text())
    without_unqualified = flat.replace("非无保留意见", "").replace("无保留意见", "")
    for opinion, phrases in vocab.opinion.items():
        haystack = without_unqualified if opinion == "qualified" else flat
        hit = next((ph for ph in phrases if p.norm(ph) in haystack), None)
        if hit is None:
            continue
        loc, excerpt = _where(doc, hit)
        col.add("audit.opinion", Parsed(opinion), Source.at(doc.file, loc, excerpt, EXTRACTOR), hit)
        if opinion == "unqualified_with_emphasis":
            _emphasis(doc, hit, col)
        return


def _where(doc: ReadDocument, phrase: str) -> tuple[Location, str]:
    key = p.norm(phrase)
    for block in doc.blocks:
        for line in block.text.split("\n"):
            if key in p.norm(line):
                return block.loc, line.strip()
        if key in p.norm(block.text):
            return block.loc, phrase
    return Location(), phrase


def _emphasis(doc: ReadDocument, phrase: str, col: Collector) -> None:
    vocab = labels().audit
    key = p.norm(phrase)
    lines = [(b.loc, line.strip()) for b in doc.blocks for line in b.text.split("\n") if line.strip()]
    start = next((i for i, (_, t) in enumerate(lines) if key in p.norm(t)), None)
    if start is None:
        return
    body: list[str] = []
    for _, text in lines[start + 1:]:
        kind, title = p.heading_kind(text)
        if (kind and len(p.norm(title)) < 20) or mt.starts_with_any(vocab.section_end, text):
            break
        body.append(text)
    text = "".join(body)[: vocab.emphasis_max_chars] or lines[start][1]
    col.add("audit.emphasis", Parsed(text), Source.at(doc.file, lines[start][0], text, EXTRACTOR), phrase)


def _year_and_firm(doc: ReadDocument, col: Collector) -> None:
    text = doc.full_text()
    years = Counter(p.year_end_years(text)) or Counter(p.fiscal_years(text))
    if years:
        year, _ = years.most_common(1)[0]
        loc, excerpt = _where(doc, f"{year}年")
        col.add("audit.year", Parsed(year, 1.0 if p.year_end_years(text) else 0.8),
                Source.at(doc.file, loc, excerpt, EXTRACTOR), "年12月31日" if p.year_end_years(text) else "年度")
    noise = labels().audit.firm_prefix_noise
    names: Counter[str] = Counter()
    where: dict[str, tuple[Location, str]] = {}
    for block in doc.blocks:
        for line in block.text.split("\n"):
            for name in p.firm_names(line, noise):
                names[name] += 3 if p.norm(line) == p.norm(name) else 1
                where.setdefault(name, (block.loc, line.strip()))
    if names:
        name, _ = names.most_common(1)[0]
        loc, excerpt = where[name]
        source = Source.at(doc.file, loc, excerpt, EXTRACTOR)
        col.add("audit.firm", Parsed(p.cjk_brackets(name)), source, labels().audit.firm_suffix)


def _balance_check(col: Collector) -> None:
    assets, liabilities, equity = (col.best(f) for f in ("audit.total_assets", "audit.total_liabilities",
                                                          "audit.net_assets"))
    if None in (assets, liabilities, equity) or not assets:
        return
    if abs(assets - liabilities - equity) / abs(assets) > BALANCE_TOLERANCE:
        col.flag("audit.total_assets", f"资产总计 {assets:,.2f} 不等于负债合计 {liabilities:,.2f} 与净资产 "
                 f"{equity:,.2f} 之和，可能读错了列或行，请核对")
