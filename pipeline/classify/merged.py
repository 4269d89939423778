"""Split a PDF that binds several materials into page ranges.

Bureaus often ask applicants to bind everything into one PDF in Article 11 order.
A page whose top carries a material's title keywords (审计报告, 营业执照, 房屋租赁合同 …)
starts a new range; pages without such a title continue the current one. Each range
is then classified on its own text like a separate file.
"""

from __future__ import annotations

from functools import cache

from ..models import Classified, FileKind, ListPart, MaterialType, ReadDocument
from ..reference import material_catalog
from .document import classify_document
from .keywords import TokenizedText, compact
from .settings import classify_settings

Key = tuple[MaterialType, ListPart | None]


@cache
def _title_keywords() -> list[tuple[Key, dict[str, float]]]:
    out: list[tuple[Key, dict[str, float]]] = []
    for material, spec in material_catalog().materials.items():
        groups = spec.parts.items() if spec.parts else [(None, spec)]
        out.extend(
            ((material, part), {compact(w): v for w, v in pspec.content_keywords.items()}) for part, pspec in groups
        )
    return out


def _title_material(text: str) -> Key | None:
    """The material whose title keywords sit at the top of this page, if strong enough."""
    s = classify_settings()
    head = compact(text[: s.page_title_chars * 3])[: s.page_title_chars]
    # Most pages of a long PDF carry no title keyword at all: skip tokenising them.
    if not any(word in head for _, words in _title_keywords() for word in words):
        return None
    top = TokenizedText(text[: s.page_title_chars * 3])
    best: tuple[float, Key | None] = (0.0, None)
    for key, words in _title_keywords():
        score = sum(
            weight for word, weight in words.items() if any(pos < s.page_title_chars for pos in top.positions(word))
        )
        if score > best[0]:
            best = (score, key)
    return best[1] if best[0] >= s.page_start_score else None


def split_merged(doc: ReadDocument) -> list[Classified]:
    """Page ranges with their classification, or [] when the PDF holds one material."""
    if doc.kind != FileKind.pdf or not doc.readable or (doc.page_count or 0) < classify_settings().merged_min_pages:
        return []
    starts: list[tuple[int, Key | None]] = []
    for block in sorted(doc.blocks, key=lambda b: b.loc.page or 0):
        key = _title_material(block.text) if block.text else None
        if not starts or (key is not None and key != starts[-1][1]):
            starts.append((block.loc.page or 1, key))
    if len({key for _, key in starts if key is not None}) < 2:
        return []
    ranges: list[Classified] = []
    for i, (first, key) in enumerate(starts):
        last = starts[i + 1][0] - 1 if i + 1 < len(starts) else doc.page_count or first
        part_doc = page_range(doc, first, last)
        classified = classify_document(part_doc)
        if key is not None and classified.material is None:
            classified.material, classified.part = key
        classified.file, classified.first_page, classified.last_page = doc.file, first, last
        pages = f"{first}-{last}" if last > first else f"{first}"
        classified.reason = f"合并PDF第{pages}页：{classified.reason}"
        ranges.append(classified)
    return ranges


def page_range(doc: ReadDocument, first: int, last: int) -> ReadDocument:
    """The part of a PDF document between two pages (inclusive)."""
    inside = lambda page: page is not None and first <= page <= last  # noqa: E731
    return doc.model_copy(
        update={
            "blocks": [b for b in doc.blocks if inside(b.loc.page)],
            "tables": [t for t in doc.tables if inside(t.page)],
        }
    )
