"""Business licence / legal-person certificate (text layer or OCR text): name, code,
type, head, registered capital, establishment date, address, validity and whether the
holder is a branch. The credit code is validated and cross-checked in licence_code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import Location, ReadDocument, Source
from . import matching as mt
from . import patterns as p
from .collect import Collector
from .config import labels
from .identity import add_place
from .licence_code import best_code
from .values import Parsed, parse

EXTRACTOR = "licence"


@dataclass
class _Hit:
    key: str
    synonym: str
    value: str
    loc: Location
    line: str
    following: str = ""  # the next line, when it carries no label of its own
    after: str = ""  # the line after that, likewise (OCR splits "A" / "至 B" of a validity range)


@cache
def _label_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    pairs = [(syn, key) for key, words in labels().licence.labels.items() for syn in words]
    pairs.sort(key=lambda pair: len(p.norm(pair[0])), reverse=True)
    return [(p.spaced(syn), key, p.norm(syn)) for syn, key in pairs]


def _line_hits(line: str, loc: Location) -> list[_Hit]:
    spans: list[tuple[int, int, str, str]] = []
    for pattern, key, syn in _label_patterns():
        for m in pattern.finditer(line):
            at_start = m.start() == 0 or line[m.start() - 1] in " :：\t|"
            free = all(m.end() <= a or m.start() >= b for a, b, _, _ in spans)
            if at_start and free:
                spans.append((m.start(), m.end(), key, syn))
    spans.sort()
    hits = []
    for n, (_, end, key, syn) in enumerate(spans):
        stop = spans[n + 1][0] if n + 1 < len(spans) else len(line)
        value = line[end:stop].strip(" :：\t|")
        hits.append(_Hit(key, syn, value, loc, line.strip()))
    return hits


def _lines(doc: ReadDocument) -> list[tuple[str, Location]]:
    out = [(line, b.loc) for b in doc.blocks for line in b.text.split("\n") if line.strip()]
    for table in doc.tables:
        for row in table.rows:
            texts = []
            for cell in row:
                if not texts or texts[-1] != cell.text:
                    texts.append(cell.text)
            if row:
                out.append(("  ".join(t.replace("\n", "") for t in texts), row[0].loc))
    return out


def extract_licence(doc: ReadDocument, col: Collector) -> None:
    lines = _lines(doc)
    hits = [(n, h) for n, (line, loc) in enumerate(lines) for h in _line_hits(line, loc)]
    labelled = {n for n, _ in hits}
    for n, hit in hits:
        if n + 1 < len(lines) and n + 1 not in labelled:
            hit.following = lines[n + 1][0].strip()
            if n + 2 < len(lines) and n + 2 not in labelled:
                hit.after = lines[n + 2][0].strip()
    seen_labels = {h.synonym for _, h in hits}
    for n, hit in hits:
        if not hit.key.startswith("licence.") or hit.key == "licence.uscc":
            continue
        value, where = _typed_value(hit, n, lines, {k for k, _ in hits})
        if value is None:
            continue
        source = Source.at(doc.file, where.loc, where.line, EXTRACTOR)
        parsed = _parse(hit.key, value)
        if parsed is not None and parsed.value is not None:
            col.add(hit.key, parsed, source, hit.synonym)
        if hit.key == "licence.address":
            add_place(col, value, source, "licence.city", "licence.county", hit.synonym)
    _credit_code(doc, col, lines, hits)
    _validity(doc, col, [h for _, h in hits])
    _kind(doc, col)
    _branch(doc, col, seen_labels, [h for _, h in hits])


_TYPED = {"licence.established_date": "date", "licence.registered_capital": "money"}


def _parse(key: str, value: str) -> Parsed | None:
    if key in _TYPED:
        return parse(_TYPED[key], value)
    return Parsed(p.cjk_brackets(p.compact(value)))


def _typed_value(hit: _Hit, n: int, lines: list[tuple[str, Location]], labelled: set[int]) -> tuple[str | None, _Hit]:
    """The text after the label, or (OCR reading order) the next line when that is empty or
    not of the field's type and the next line carries no label of its own."""
    if p.norm(hit.value) and (hit.key not in _TYPED or _parse(hit.key, hit.value) is not None):
        return hit.value, hit
    nxt = n + 1
    if nxt < len(lines) and nxt not in labelled:
        text, loc = lines[nxt]
        candidate = text.strip(" :：\t|")
        if p.norm(candidate) and (hit.key not in _TYPED or _parse(hit.key, candidate) is not None):
            return candidate, _Hit(hit.key, hit.synonym, candidate, loc, f"{hit.line} {text.strip()}")
    return (hit.value if p.norm(hit.value) else None), hit


def _credit_code(doc: ReadDocument, col: Collector, lines: list[tuple[str, Location]],
                 hits: list[tuple[int, _Hit]]) -> None:
    """The 18-character code of the right shape nearest its label (never the 证照编号 beside it)."""
    labelled = [n for n, h in hits if h.key == "licence.uscc"]
    numbers = [p.norm(w) for w in labels().licence.number_labels]
    numbered = {n for n, (line, _) in enumerate(lines) if any(w in p.norm(line) for w in numbers)}
    found = best_code([line for line, _ in lines], labelled, numbered)
    if found is None:
        if labelled:
            n = labelled[0]
            source = Source.at(doc.file, lines[n][1], lines[n][0], EXTRACTOR)
            col.add("licence.uscc", Parsed(None, 0.0, review=["证照上未找到18位统一社会信用代码，请核对原件"]), source,
                    "统一社会信用代码")
        return
    parsed, n = found
    if not labelled:
        parsed.confidence *= 0.8  # no label read: the code's shape alone
    matched = "统一社会信用代码" if labelled else "代码格式"
    col.add("licence.uscc", parsed, Source.at(doc.file, lines[n][1], lines[n][0].strip(), EXTRACTOR), matched)


def _validity(doc: ReadDocument, col: Collector, hits: list[_Hit]) -> None:
    """有效期 / 营业期限 "自A至B": valid_from and valid_until (a date or 长期). On a 事业单位 / 社团 /
    民非 certificate this is the certificate's validity, never the founding date. "有效期至B" names
    only the end; a range broken over two lines is read from both."""
    open_ended = labels().licence.open_ended
    end_words = tuple(labels().licence.end_words)
    for hit in hits:
        if hit.key != "validity":
            continue
        value, line = hit.value, hit.line
        if hit.following and (not p.dates(value) or (len(p.dates(value)) == 1 and not mt.first_with(
                open_ended, value) and p.dates(hit.following))):
            value, line = f"{value} {hit.following}".strip(), f"{hit.line} {hit.following}"
            if len(p.dates(value)) == 1 and not mt.first_with(open_ended, value) and \
                    p.norm(hit.after).startswith(end_words):
                value, line = f"{value} {hit.after}", f"{line} {hit.after}"
        source = Source.at(doc.file, hit.loc, line, EXTRACTOR)
        found = p.dates(value)
        ends_only = p.norm(value).startswith(end_words) and len(found) == 1
        if found and not ends_only:
            start = parse("date", value)
            if start is not None and start.value:
                col.add("licence.valid_from", start, source, hit.synonym)
        until = mt.first_with(open_ended, value)
        last = found[-1] if (ends_only or len(found) > 1) else None
        if until is None and last is not None:
            y, m, d, _ = last
            until = f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}"
        if until:
            col.add("licence.valid_until", Parsed(until), source, hit.synonym)




def _kind(doc: ReadDocument, col: Collector) -> None:
    if col.has("licence.type"):
        return
    head = p.norm(doc.blocks[0].text[:200]) if doc.blocks else ""
    for words in labels().licence.kinds.values():
        word = mt.first_with(words, head)
        if word:
            source = Source.at(doc.file, doc.blocks[0].loc, word, EXTRACTOR)
            col.add("licence.type", Parsed(word, 0.8, "证书名称"), source, "证书标题")
            return


def _branch(doc: ReadDocument, col: Collector, seen: set[str], hits: list[_Hit]) -> None:
    vocab = labels().licence
    name, kind = col.best("licence.name") or "", col.best("licence.type") or ""
    word = mt.first_with(vocab.branch_words, name + kind)
    branch_labels = [w for w in vocab.branch_labels if p.norm(w) in seen]
    headed = [w for w in vocab.headed_labels if p.norm(w) in seen]
    reason_hit = next((h for h in hits if h.synonym in {p.norm(w) for w in branch_labels}), None)
    if word:
        hit = next((h for h in hits if word in h.value), None)
        loc, excerpt = (hit.loc, hit.line) if hit else (Location(), name + kind)
        col.add(
            "licence.is_branch",
            Parsed(True, 1.0, f"名称或类型含“{word}”"),
            Source.at(doc.file, loc, excerpt, EXTRACTOR),
            word,
        )
    elif branch_labels and not headed and reason_hit:
        col.add(
            "licence.is_branch",
            Parsed(True, 0.9, f"证照使用“{'、'.join(branch_labels)}”栏目"),
            Source.at(doc.file, reason_hit.loc, reason_hit.line, EXTRACTOR),
            branch_labels[0],
        )
    elif hits:
        first = hits[0]
        col.add(
            "licence.is_branch",
            Parsed(False, 0.9),
            Source.at(doc.file, first.loc, first.line, EXTRACTOR),
            "、".join(headed) or "无分支机构特征",
        )
