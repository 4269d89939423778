"""Staff, client and equipment lists (.xlsx sheets or .docx/.pdf tables): counts,
qualification and satisfaction tallies, ID numbers checked and masked."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError

from ..models import Cell, FileKind, ListPart, ListTable, Location, ReadDocument, Source, Table
from . import matching as mt
from . import patterns as p
from .collect import Collector
from .config import labels
from .values import Parsed

EXTRACTOR = "lists"


@cache
def _columns() -> mt.Matcher:
    return mt.Matcher(labels().lists.columns)


@dataclass
class _Sheet:
    table: Table
    header_row: int  # -1: a continuation page without its own header (the header is the previous page's)
    roles: dict[str, int]  # column role -> column index
    rows: list[list[Cell]] = field(default_factory=list)
    parent: _Sheet | None = None  # a continuation's header is the one of the page it continues

    @property
    def header(self) -> list[Cell]:
        return self.parent.header if self.parent is not None else self.table.rows[self.header_row]


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _continues(prev: _Sheet, table: Table, last_on_page: dict[int | None, int], from_text: bool) -> bool:
    """A table without a header on the page after a list table's page, as wide as that list: the list
    runs over the page (forms print the header once; a bundle's scanned list does too)."""
    if table.page is None or prev.table.page is None or table.page != prev.table.page + 1:
        return False
    if last_on_page.get(prev.table.page) != prev.table.index:
        return False  # something else follows the list on its page: the list ended there
    if from_text:  # OCR / text lines: columns shift, but the key column must exist
        return _width(table) > max(prev.roles.values())
    return _width(table) == len(prev.header)


def _sheets(tables: list[Table], part: ListPart, from_text: bool) -> list[_Sheet]:
    """The list tables of a document, with their continuation pages."""
    last_on_page: dict[int | None, int] = {}
    for t in tables:
        last_on_page[t.page] = max(last_on_page.get(t.page, 0), t.index)
    first_on_page: dict[int | None, int] = {}
    for t in tables:
        first_on_page.setdefault(t.page, t.index)
    sheets: list[_Sheet] = []
    for t in tables:
        sheet = _header(t, part)
        if sheet is None and sheets and first_on_page.get(t.page) == t.index \
                and _continues(sheets[-1], t, last_on_page, from_text) \
                and not any(_header(t, other) for other in ListPart if other is not part):  # another list begins
            sheet = _Sheet(t, -1, dict(sheets[-1].roles), parent=sheets[-1])
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _roles(row: list[Cell]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for c, cell in enumerate(row):
        m = _columns().match(cell.text, allow_inside=False)
        if m and m.key not in roles and len(p.norm(cell.text)) <= len(p.norm(m.synonym)) + 6:
            roles[m.key] = c
    return roles


def _is_header(roles: dict[str, int], part: ListPart, key_role: str) -> bool:
    return key_role in roles or (part is ListPart.equipment_list and "model" in roles and "name" in roles)


def _header(table: Table, part: ListPart) -> _Sheet | None:
    vocab = labels().lists
    key_role = vocab.key_column[part.value]
    rows = table.rows[: vocab.header_scan_rows + 1]
    for r, row in enumerate(rows[: vocab.header_scan_rows]):
        roles = _roles(row)
        if not _is_header(roles, part, key_role):
            continue
        if r + 1 < len(rows):  # a two-level header: the lower row names the columns precisely
            lower = _roles(rows[r + 1])
            if _is_header(lower, part, key_role) and len(lower) >= len(roles):
                r, roles = r + 1, {**roles, **lower}
        if key_role not in roles:
            roles[key_role] = roles.pop("name")
        return _Sheet(table, r, roles)
    return None


def _data_rows(sheet: _Sheet, key_role: str) -> list[list[Cell]]:
    vocab = labels().lists
    key_col = sheet.roles[key_role]
    header_texts = [p.norm(c.text) for c in sheet.header]
    out = []
    for row in sheet.table.rows[sheet.header_row + 1 :]:
        texts = [p.norm(c.text) for c in row]
        key = texts[key_col] if key_col < len(texts) else ""
        if not key or texts == header_texts[: len(texts)] or key == header_texts[key_col]:
            continue  # blank, a repeated header, or a sub-header under a vertically merged header
        if len({t for t in texts if t}) == 1 and len([t for t in texts if t]) > 1:
            continue  # a section title merged across the row ("二、专业技术人员")
        if any(mt.starts_with_any(vocab.skip_row_words, t) for t in texts[: key_col + 1] if t):
            continue
        if not is_name(row[key_col].text, key_role):
            continue  # a note, statistics, signature or date line under the table
        out.append(row)
    return out


def is_name(text: str, role: str) -> bool:
    """Whether a key cell holds a name (a person, a company, an item) rather than a note."""
    vocab = labels().lists
    raw = text.strip()
    key = p.norm(raw)
    if not key or mt.starts_with_any(vocab.not_a_name_starts, key) or ":" in raw or "：" in raw:
        return False
    if role == "company":
        cjk = sum(p.has_cjk(ch) for ch in key)
        if cjk < 0.7 * len(key) or any(ch.isdigit() for ch in key[:2]):
            return False
        return cjk >= vocab.min_company_chars or any(w in key for w in vocab.company_words)
    if role == "name":
        return p.has_cjk(key) and len(key) <= 12 and not any(ch.isdigit() for ch in key)
    return True


def stated_total(doc_texts: list[str]) -> tuple[int, str] | None:
    """The count a list states about itself ("共52家", "合计：35人"), and the text saying it."""
    vocab = labels().lists
    for text in doc_texts:
        found = p.stated_count(text, vocab.stated_total_words, vocab.stated_total_units)
        if found is not None:
            return found, text.strip()
    return None


def _text(row: list[Cell], sheet: _Sheet, role: str) -> str:
    c = sheet.roles.get(role)
    return row[c].text if c is not None and c < len(row) else ""


def _text_tables(doc: ReadDocument) -> list[Table]:
    """PDF pages without a ruled table: each line split at spaces is a row (columns may shift)."""
    tables = []
    for block in doc.blocks:
        if block.loc.page is None:
            continue
        rows = [
            [
                Cell(text=token, loc=Location(page=block.loc.page, row=r, col=c))
                for c, token in enumerate(line.split(), start=1)
            ]
            for r, line in enumerate(block.text.split("\n"), start=1)
            if line.strip()
        ]
        tables.append(Table(index=len(tables) + 1, page=block.loc.page, rows=rows))
    return tables


# Counts over rows parsed from text lines (no ruling found, or OCR'd scans) may miss or merge rows.
TEXT_ROWS_WEIGHT = 0.75


def extract_list(doc: ReadDocument, part: ListPart, col: Collector) -> ListTable | None:
    sheets = _sheets(doc.tables, part, from_text=False)
    from_text = False
    if not sheets and doc.kind is FileKind.pdf:
        sheets = _sheets(_text_tables(doc), part, from_text=True)
        from_text = True
    own = Collector()
    listing = _extract_list(doc, part, sheets, from_text, own)
    if listing is not None:
        col.merge(own, TEXT_ROWS_WEIGHT if from_text else 1.0)
    return listing


def _extract_list(doc: ReadDocument, part: ListPart, sheets: list[_Sheet], from_text: bool,
                  col: Collector) -> ListTable | None:
    if not sheets:
        return None
    key_role = labels().lists.key_column[part.value]
    for sheet in sheets:
        sheet.rows = _data_rows(sheet, key_role)
    sheets = [s for s in sheets if s.rows]
    if not sheets:
        return None
    first = sheets[0]
    header = first.header
    listing = ListTable(part=part, file=doc.file, columns=[c.text for c in header])
    if from_text:
        listing.warnings.append("PDF 中未识别出表格线，按文本行逐行解析，列可能错位，统计结果请核对")
    rows = [row for s in sheets for row in s.rows]
    for row in rows:
        listing.rows.append([p.mask_personal(c.text) for c in row])
    anchor = header[first.roles[key_role]]
    source = Source.at(doc.file, anchor.loc, f"{anchor.text}：共{len(rows)}条", EXTRACTOR)
    prefix = part.value
    counted = Parsed(len(rows))
    stated = stated_total(_outside_rows(doc, sheets))
    if stated is not None and stated[0] != len(rows):
        counted.review.append(f"名单中注明“{stated[1][:40]}”，实际列出{len(rows)}条，请核对")
    col.add(f"{prefix}.count", counted, source, anchor.text)
    if part is ListPart.staff_list:
        _staff(sheets, doc.file, col, listing)
    elif part is ListPart.client_list:
        _clients(sheets, doc.file, col)
    return listing


def _outside_rows(doc: ReadDocument, sheets: list[_Sheet]) -> list[str]:
    """Texts of the document that are not counted rows: title, notes, total lines, paragraphs."""
    counted = {id(row) for s in sheets for row in s.rows}
    texts = [row_text for s in sheets for row in s.table.rows if id(row) not in counted
             for row_text in [" ".join(c.text for c in row)]]
    if doc.kind is not FileKind.pdf:
        texts += [b.text for b in doc.blocks]
    return texts


def qualification(education: str, title: str) -> tuple[bool, bool]:
    """(大专及以上学历, 中级及以上职称) for one person."""
    vocab = labels().lists
    college = _level(education, vocab.college_words, vocab.not_college_words)
    mid = _level(title, vocab.mid_title_words, vocab.not_mid_title_words)
    return college, mid


def _level(text: str, yes: list[str], no: list[str]) -> bool:
    """A qualifying word and no disqualifying one (助理工程师, 大专在读 do not qualify)."""
    return bool(mt.first_with(yes, text)) and not mt.first_with(no, text)


def _staff(sheets: list[_Sheet], file: str, col: Collector, listing: ListTable) -> None:
    college = mid = either = 0
    for sheet in sheets:
        for row in sheet.rows:
            is_college, is_mid = qualification(_text(row, sheet, "education"), _text(row, sheet, "title"))
            college += is_college
            mid += is_mid
            either += is_college or is_mid
            _check_id(_text(row, sheet, "id_number"), row, listing)
    first = sheets[0]
    header = first.header
    roles = [r for r in ("education", "title") if r in first.roles]
    counts = {
        "staff_list.college_count": (college, "education"),
        "staff_list.mid_title_count": (mid, "title"),
        "staff_list.qualified_count": (either, roles[0] if roles else None),
    }
    for field_id, (value, role) in counts.items():
        if role not in first.roles:
            continue  # no such column: the count is unknown, not zero
        anchor = header[first.roles[role]]
        source = Source.at(file, anchor.loc, f"{anchor.text}：{value}人", EXTRACTOR)
        col.add(field_id, Parsed(value), source, anchor.text)


def _check_id(text: str, row: list[Cell], listing: ListTable) -> None:
    number = p.compact(text).upper()
    if not number:
        return
    where = row[0].loc.describe() or "名单"
    masked = p.mask_personal(number)
    try:
        ric.validate(number)
    except InvalidComponent:
        return  # area code or date unknown to stdnum (new divisions): the check digit is right
    except InvalidChecksum:
        listing.warnings.append(f"{where} 身份证号 {masked} 校验位错误")
    except ValidationError:
        listing.warnings.append(f"{where} 身份证号 {masked} 格式不正确（应为18位）")


def satisfaction(text: str, scale: float | None) -> bool | None:
    """True / False for a rating word or score, None when the cell holds no rating."""
    vocab = labels().lists
    words = {w: True for w in vocab.satisfied} | {w: False for w in vocab.unsatisfied}
    hit = mt.first_with(list(words), text)
    if hit:
        return words[hit]
    nums = p.numbers(text)
    value = p.to_float(nums[0]) if nums else None
    if value is None:
        return None
    pct = p.percent(text)
    if pct is not None:
        return pct / 100 >= vocab.satisfied_score_share
    return value / (scale or 100) >= vocab.satisfied_score_share


def _level_columns(sheet: _Sheet) -> tuple[dict[int, str], Cell] | None:
    """Columns headed by a rating level (非常满意 | 满意 | 基本满意 | 不满意) ticked per row."""
    vocab = labels().lists
    words = {p.norm(w): w for w in vocab.satisfied + vocab.unsatisfied}
    if sheet.parent is not None:
        return _level_columns(sheet.parent)
    rows = sheet.table.rows[sheet.header_row : sheet.header_row + 2]
    for row in rows:
        levels = {c: words[p.norm(cell.text)] for c, cell in enumerate(row) if p.norm(cell.text) in words}
        if len(levels) >= 2:
            return levels, row[min(levels)]
    return None


def _ticked(row: list[Cell], levels: dict[int, str]) -> str:
    box = labels().checkbox
    for c, level in levels.items():
        mark = p.norm(row[c].text) if c < len(row) else ""
        if mark and (mark in box.checked or mark in labels().yes_words or mark == "1"):
            return level
    return ""


def _clients(sheets: list[_Sheet], file: str, col: Collector) -> None:
    rated = satisfied = 0
    anchor = None
    for sheet in sheets:
        c = sheet.roles.get("satisfaction")
        level_columns = _level_columns(sheet)
        if c is None and level_columns is None:
            continue
        if level_columns:
            anchor = anchor or level_columns[1]
            texts = [_ticked(row, level_columns[0]) for row in sheet.rows]
        else:
            anchor = anchor or sheet.header[c]
            texts = [_text(row, sheet, "satisfaction") for row in sheet.rows]
        scores = [p.to_float(n[0]) for t in texts if (n := p.numbers(t))]
        scale = next((s for s in (5.0, 10.0) if scores and all(v is not None and v <= s for v in scores)), None)
        for text in texts:
            verdict = satisfaction(text, scale)
            if verdict is not None:
                rated += 1
                satisfied += verdict
    if anchor is None or rated == 0:
        return
    excerpt = f"{anchor.text}：满意及以上 {satisfied}/{rated}"
    source = Source.at(file, anchor.loc, excerpt, EXTRACTOR)
    col.add("client_list.satisfied_count", Parsed(satisfied), source, anchor.text)
    col.add("client_list.satisfaction_rate", Parsed(round(satisfied / rated, 4)), source, anchor.text)
