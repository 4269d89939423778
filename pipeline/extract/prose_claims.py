"""Functions claimed only in a sentence of the report.

"本平台本次申报信息服务、技术服务和培训服务三项功能" or "拟申报的服务功能为信息、技术、培训"
claims those functions as a 申报功能 answer would. Read only when the report gives no answer
and marks no indicator row; the words (verbs, function words, what makes a sentence no claim)
are data (labels.yaml, prose.claims), the function names those of labels.yaml `functions`.
"""

from __future__ import annotations

import re
import unicodedata

from ..models import Location, ReadDocument, Source
from . import patterns as p
from .collect import Collector
from .config import ProseClaims, labels
from .matching import has_checkbox
from .values import Parsed

EXTRACTOR = "report.prose"
CLAIM_CONFIDENCE = 0.85  # an explicit sentence: as sure as a written answer, less than a marked box
NOTE = "取自正文叙述"


def extract_prose_claims(doc: ReadDocument, col: Collector) -> None:
    vocab = labels().prose.claims if labels().prose else None
    if vocab is None or col.has("functions_claimed"):
        return
    found: list[tuple[list[str], str, Location]] = []
    for block in doc.blocks:
        for sentence in p.sentences(block.text):
            named = claimed_in(sentence, vocab)
            if named:
                found.append((named, sentence.strip(), block.loc))
    if not found:
        return
    named, sentence, loc = found[0]
    parsed = Parsed(named, CLAIM_CONFIDENCE, NOTE)
    others = {tuple(n) for n, _, _ in found} - {tuple(named)}
    if others:
        parsed.confidence = 0.6
        parsed.review.append("正文中不止一处写明申报的功能，且所列功能不一致，请对照原件核对")
    col.add("functions_claimed", parsed, Source.at(doc.file, loc, sentence, EXTRACTOR), "正文：申报功能")


def claimed_in(sentence: str, vocab: ProseClaims) -> list[str]:
    """The functions a sentence claims, in the regulation's order; [] when it claims none."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", sentence))
    if has_checkbox(text) or any(w in text for w in vocab.not_a_claim):
        return []
    start = _claim_start(text, vocab)
    if start is None:
        return []
    span = text[start:]
    order = list(labels().functions)
    named = [f for f in order if any(_named(span, name, vocab.delimiters) for name in labels().functions[f])]
    return named if len(named) <= vocab.max_named else []


def _claim_start(text: str, vocab: ProseClaims) -> int | None:
    """Where the claimed functions begin: after a verb of applying that is not negated and is
    followed by a word for function(s)."""
    for verb in sorted(vocab.verbs, key=len, reverse=True):
        at = text.find(verb)
        if at < 0:
            continue
        end = at + len(verb)
        if any(text[:at].endswith(n) for n in vocab.negations):
            return None  # "本次不申报融资服务功能"
        if any(obj in text[end:] for obj in vocab.objects):
            return end
    return None


def _named(span: str, name: str, delimiters: str) -> bool:
    """A full name ("信息服务", "管理咨询") anywhere; a short one ("信息") only as an item of an
    enumeration: after the start or a delimiter, before a delimiter, 等, 服务, 功能 or the end."""
    if len(name) >= 3 or name.endswith("服务"):
        return name in span
    d = re.escape(delimiters)
    return re.search(rf"(?:^|[{d}的]){re.escape(name)}(?=[{d}等]|服务|功能|$)", span) is not None
