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
from .licence_code import read_uscc
from .values import Parsed, parse

EXTRACTOR = "licence"


@dataclass
class _Hit:
    key: str
    synonym: str
    value: str
    loc: Location
    line: str


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
    hits = [h for line, loc in _lines(doc) for h in _line_hits(line, loc)]
    seen_labels = {h.synonym for h in hits}
    for hit in hits:
        if not hit.key.startswith("licence.") or not p.norm(hit.value):
            continue
        source = Source.at(doc.file, hit.loc, hit.line, EXTRACTOR)
        if hit.key == "licence.uscc":
            parsed = read_uscc(hit.value)
        elif hit.key == "licence.established_date":
            parsed = parse("date", hit.value)
        elif hit.key == "licence.registered_capital":
            parsed = parse("money", hit.value)
        else:
            parsed = Parsed(p.cjk_brackets(p.compact(hit.value)))
        if parsed is not None and parsed.value is not None:
            col.add(hit.key, parsed, source, hit.synonym)
        if hit.key == "licence.address":
            add_place(col, hit.value, source, "licence.city", "licence.county", hit.synonym)
    had_date = col.has("licence.established_date")
    _validity(doc, col, hits, had_date)
    _fallback_uscc(doc, col)
    _kind(doc, col)
    _branch(doc, col, seen_labels, hits)


def _validity(doc: ReadDocument, col: Collector, hits: list[_Hit], had_date: bool) -> None:
    """有效期 / 营业期限 "自A至B": valid_from, valid_until (a date or 长期), and for certificates
    without 成立日期 the start date as establishment date."""
    open_ended = labels().licence.open_ended
    for hit in hits:
        if hit.key != "validity":
            continue
        source = Source.at(doc.file, hit.loc, hit.line, EXTRACTOR)
        found = p.dates(hit.value)
        if found:
            y, m, d, _ = found[0]
            start = parse("date", hit.value)
            if start is not None and start.value:
                col.add("licence.valid_from", start, source, hit.synonym)
                if not had_date and not col.has("licence.established_date"):
                    col.add(
                        "licence.established_date",
                        Parsed(start.value, 0.6, "证书无成立日期，按有效期起始日计"),
                        source,
                        hit.synonym,
                    )
        until = mt.first_with(open_ended, hit.value)
        if until is None and len(found) > 1:
            y, m, d, _ = found[1]
            until = f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}"
        if until:
            col.add("licence.valid_until", Parsed(until), source, hit.synonym)


def _fallback_uscc(doc: ReadDocument, col: Collector) -> None:
    if col.has("licence.uscc"):
        return
    for block in doc.blocks:
        for line in block.text.split("\n"):
            parsed = read_uscc(line) if len(p.compact(line)) >= 18 else None
            if parsed and parsed.value and not parsed.review:
                parsed.confidence *= 0.8
                col.add("licence.uscc", parsed, Source.at(doc.file, block.loc, line, EXTRACTOR), "代码格式")
                return


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
