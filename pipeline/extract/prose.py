"""Figures of the 附件2 report that appear only in running text.

"截至2025年底平台资产总额达1,860万元" gives total_assets when no table cell or
"label：value" line did. Labels and joiner words are data (labels.yaml, `prose`); the
pattern lives in patterns.py. Prose values carry a lower confidence and a note.
"""

from __future__ import annotations

from ..models import ReadDocument, Source
from ..reference import field_catalog
from . import patterns as p
from .collect import Collector
from .config import labels
from .values import parse

EXTRACTOR = "report.prose"
PROSE_WEIGHT = 0.75


def extract_prose(doc: ReadDocument, col: Collector) -> None:
    """Add a prose candidate for every prose field. Where a table or a "label：value" line
    already gave the field, the prose figure (weighted lower) does not replace it, but
    one that disagrees sends the field to review."""
    vocab = labels().prose
    if vocab is None:
        return
    catalog = field_catalog()
    for field_id in vocab.fields:
        phrases = sorted({*vocab.fields[field_id]}, key=len, reverse=True)
        kind = catalog.fields[field_id].type
        for block in doc.blocks:
            for sentence in _sentences(block.text):
                for phrase in phrases:
                    found = p.prose_value(sentence, p.norm(phrase), vocab.joiners, vocab.max_gap)
                    if found is None:
                        continue
                    value_text, excerpt = found
                    if not _fits(kind, value_text):
                        continue  # "资产总额占比达15%": a ratio is no amount
                    parsed = parse(kind, value_text, None, phrase)
                    if parsed is None or parsed.value is None:
                        continue
                    parsed.note = "; ".join(n for n in (parsed.note, "取自正文叙述") if n)
                    source = Source.at(doc.file, block.loc, excerpt, EXTRACTOR)
                    if not col.found_at(field_id, source):  # a "label：value" line, read as such already
                        col.add(field_id, parsed, source, f"正文：{phrase}", PROSE_WEIGHT)
                    break


def extract_prose_flags(doc: ReadDocument, col: Collector) -> None:
    """Yes/no indicators stated in a sentence ("本平台具有培训资质，已在…备案"): the sentence names
    the indicator by one of its trigger words; a no-word right before it ("尚未取得培训资质",
    "不具备办学许可") makes it False, a yes-word or the evidence it cites makes it True."""
    from .concepts import concepts

    vocab = labels()
    for group in concepts().indicators.values():
        for field_id, concept in group.items():
            if field_catalog().fields[field_id].type != "bool" or not concept.triggers or col.has(field_id):
                continue
            for block in doc.blocks:
                for sentence in _sentences(block.text):
                    flat = p.norm(sentence)
                    at = min((flat.find(p.norm(t)) for t in concept.triggers if p.norm(t) in flat), default=-1)
                    if at < 0 or len(flat) > 120:
                        continue
                    before = flat[max(0, at - 6):at]
                    for word in map(p.norm, vocab.question_words):
                        before = before.replace(word, "")  # "是否具有培训资质": a question, not a no
                    if any(w and w in before for w in map(p.norm, vocab.no_words)):  # "—" normalises to nothing
                        value = False
                    # one-character yes-words (是, 有) occur in any sentence; only longer ones say yes
                    elif any(p.norm(w) in flat for w in vocab.yes_words + vocab.evidence_words if len(p.norm(w)) >= 2):
                        value = True
                    else:
                        continue
                    parsed = parse("bool", "是" if value else "否", None, field_id)
                    parsed.note = "取自正文叙述"
                    col.add(field_id, parsed, Source.at(doc.file, block.loc, sentence.strip(), EXTRACTOR),
                            f"正文：{concept.triggers[0]}", PROSE_WEIGHT)
                    break


def _fits(kind: str, value_text: str) -> bool:
    """The unit written with the figure is of the field's kind (money, count, ratio, area)."""
    units = labels().units
    suffix = p.norm(value_text.lstrip("0123456789,.-−"))
    allowed = {"money": list(units.money), "count": units.count, "ratio": units.ratio, "area": units.area}
    if kind == "ratio" and value_text.startswith("百分之"):
        return True
    return suffix in {p.norm(u) for u in allowed.get(kind, [])}


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph or page (a figure never spans two)."""
    out = [""]
    for char in text.replace("\n", ""):
        out[-1] += char
        if char in "。；;！!？?":
            out.append("")
    return [s for s in out if p.norm(s)]
