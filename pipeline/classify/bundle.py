"""Split a PDF that binds several materials (a 合订本, text or scanned) into page ranges.

With a 目录 page, its entries give where each material begins (printed page numbers,
turned into physical pages by the offset toc.find_offset finds). Without one, a page
whose title zone names a document of another material starts a new range. Every other
page continues the document before it: a list running over pages, photo pages,
certificate pages, pages that were not read. Every page ends up in a range: the
bundle's own cover and 目录 are front matter. Adjacent ranges of one material (an
audit report and its special audit) form one range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Basis, Classified, FileKind, MaterialType, ReadDocument
from .concepts import concept_catalog
from .document import Scored, key_name, score_document
from .keywords import compact
from .names import PathEvidence
from .score import ConceptScore, Key, composed_titles
from .settings import classify_settings
from .toc import TocEntry, find_offset, is_toc_page, parse_toc, printed_number
from .views import title_lines

NO_NAME = PathEvidence(name={}, folder={}, generic=False, number=None, folder_number=None, folders=[])


def page_range(doc: ReadDocument, first: int, last: int) -> ReadDocument:
    """The part of a PDF document between two pages (inclusive)."""

    def inside(page: int | None) -> bool:
        return page is not None and first <= page <= last

    return doc.model_copy(
        update={
            "blocks": [b for b in doc.blocks if inside(b.loc.page)],
            "tables": [t for t in doc.tables if inside(t.page)],
            "unread_pages": [p for p in doc.unread_pages if first <= p <= last],
            "page_count": last - first + 1,
        }
    )


def _start_titles() -> list[tuple[str, MaterialType]]:
    s = classify_settings()
    return [
        (compact(phrase), concept.material)
        for concept in concept_catalog().concepts.values()
        for phrase, weight in concept.titles.items()
        if weight >= s.page_start_score
    ]


def _worth_splitting(doc: ReadDocument) -> bool:
    """Cheap look at page tops: a 目录, or titles (listed or composed) of two different materials."""
    s = classify_settings()
    titles = _start_titles()
    materials: set[MaterialType] = set()
    for n in range(1, (doc.page_count or 0) + 1):
        blocks = [b for b in doc.blocks if b.loc.page == n]
        text = "\n".join(b.text for b in blocks)
        if n <= 3 and is_toc_page(text):
            return True
        lines = title_lines(blocks, [])
        zone = "".join(lines)
        materials.update(m for phrase, m in titles if phrase in zone)
        materials.update(m for m, weight in composed_titles(lines).items() if weight >= s.page_start_score)
        if len(materials) >= 2:
            return True
    return False


@dataclass
class _Page:
    number: int
    scored: Scored
    start: ConceptScore | None
    text: str
    unread: bool

    def score_for(self, key: Key | None) -> float:
        return self.scored.score_for(key) if key is not None else 0.0

    def own_score_for(self, key: Key | None) -> float:
        """What the page says for `key` itself, a title it only mentions left out."""
        sc = next((sc for sc in self.scored.scores if sc.key == key), None) if key is not None else None
        return sc.own if sc is not None else 0.0

    @property
    def best(self) -> ConceptScore:
        return self.scored.scores[0]


@dataclass
class _Segment:
    key: Key | None
    concept: str | None
    first: int
    last: int
    basis: Basis
    notes: list[str] = field(default_factory=list)


def _page(doc: ReadDocument, n: int) -> _Page:
    s = classify_settings()
    part = page_range(doc, n, n)
    scored = score_document(part, NO_NAME)
    starts = [sc for sc in scored.scores if sc.title >= s.page_start_score]
    start = max(starts, key=lambda sc: (sc.title, sc.total)) if starts else None
    return _Page(n, scored, start, "\n".join(b.text for b in part.blocks), n in doc.unread_pages)


def _starts_here(page: _Page, running: Key | None) -> ConceptScore | None:
    """The concept whose document begins on this page, if one does."""
    s = classify_settings()
    if page.unread:
        return None
    if page.start is not None:
        if page.start.key == running:
            return None
        return page.start if page.start.total - page.score_for(running) >= s.page_start_lead else None
    best = page.best
    if running is None:
        return best if best.total >= s.min_score else None
    if best.key != running and best.total >= 2 * s.min_score and page.own_score_for(running) < s.resemble_floor:
        return best
    return None


def _front(page: _Page) -> bool:
    """A bundle's own cover or 目录 (or a blank page before the first material)."""
    s = classify_settings()
    if page.unread:
        return False
    head = compact("\n".join(page.text.splitlines()[:4]))
    cover = page.start is None and any(compact(t) in head for t in s.front_matter_titles)
    return is_toc_page(page.text) or cover or page.best.total < s.resemble_floor


Seeds = dict[int, tuple[Key | None, str | None, str, int]]  # page → (key, concept, entry title, entry index)


def _toc_seeds(pages: list[_Page]) -> tuple[Seeds, int | None, list[TocEntry]]:
    """physical page → (key, concept, entry title) from a 目录 among the first pages, the
    目录's page and its entries (in order, page numbers or not)."""
    for page in pages[:3]:
        if not is_toc_page(page.text):
            continue
        entries = parse_toc(page.text)
        if not entries:
            continue
        printed = {p.number: n for p in pages if (n := printed_number(p.text)) is not None and p.number > page.number}

        def material_of(n: int) -> MaterialType | None:
            p = pages[n - 1]
            return p.start.material if p.start is not None else (p.best.material if p.best.total > 0 else None)

        offset = find_offset(entries, len(pages), printed, material_of)
        seeds = {}
        for e in entries:
            physical = e.start + offset if e.start is not None else 0
            if page.number < physical <= len(pages):
                seeds[physical] = (e.key, e.concept, e.title, entries.index(e))
        return seeds, page.number, entries
    return {}, None, []


def _fill_unread_tail(segments: list[_Segment], pages: list[_Page], entries: list[TocEntry]) -> list[_Segment]:
    """Pages a limit left unread at the end continue the last document read; when the 目录
    lists documents after that one, they are taken in the 目录's order, a page each (the
    last the rest), so what the 目录 says was submitted is not reported missing."""
    if not segments or not entries or segments[-1].key is None:
        return segments
    last = segments[-1]
    read = [p.number for p in pages[last.first - 1 : last.last] if not p.unread]
    tail = [n for n in range(last.first, last.last + 1) if n > (max(read) if read else last.first - 1)]
    matched = [i for i, e in enumerate(entries) if e.key == last.key]
    if not tail or not matched:
        return segments
    remaining = [e for e in entries[matched[-1] + 1 :] if e.key is not None]
    if not remaining:
        return segments
    out = list(segments)
    if tail[0] == last.first:
        out.pop()
    else:
        out[-1] = _Segment(last.key, last.concept, last.first, tail[0] - 1, last.basis, list(last.notes))
    for i, entry in enumerate(remaining[: len(tail)]):
        first = tail[i]
        end = tail[-1] if i == min(len(remaining), len(tail)) - 1 else first
        note = f"目录“{entry.title}”（第{first}页起未读取，按目录顺序推定）"
        out.append(_Segment(entry.key, entry.concept, first, end, Basis.toc, [note]))
    return out


def _toc_allows(start: ConceptScore, running: Key | None, number: int, seeds: Seeds, entries: list[TocEntry]) -> bool:
    """Between two pages the 目录 places, a page starts another document only if the 目录 lists
    one there without a page number (OCR may lose it), or another list of type 5: the 目录
    says what those pages are, a heading inside a document does not change that."""
    before = [p for p in seeds if p <= number]
    if not before:
        return True
    first = seeds[max(before)][3]
    after = [seeds[p][3] for p in seeds if p > number]
    last = min(after) if after else len(entries)
    between = entries[first + 1 : last]
    if any(e.key is None for e in between):
        return True
    allowed = {e.key[0] for e in between if e.start is None}
    lists = MaterialType.resource_lists
    return start.material in allowed or (running is not None and running[0] == lists and start.material == lists)


def _segments(pages: list[_Page]) -> list[_Segment]:
    seeds, toc_page, entries = _toc_seeds(pages)
    first_seed = min(seeds, default=None)
    segments: list[_Segment] = []
    for page in pages:
        front_open = not segments or segments[-1].basis == Basis.front_matter
        before_seeds = first_seed is None or page.number < first_seed
        if page.number == toc_page or (front_open and before_seeds and _front(page)):
            if segments and front_open:
                segments[-1].last = page.number
            else:
                segments.append(_Segment(None, None, page.number, page.number, Basis.front_matter))
            continue
        running = None if front_open else segments[-1].key
        if page.number in seeds:
            key, concept, title, _ = seeds[page.number]
            own = page.start or (page.best if page.best.total > 0 else None)
            if key is not None and page.start is not None and page.start.material != key[0] \
                    and MaterialType.resource_lists not in (key[0], page.start.material):
                # the page opens with the title of another material: its own title outranks an
                # entry the 目录's page numbers (or a wrong offset) put there
                segments.append(_Segment(page.start.key, page.start.concept, page.number, page.number, Basis.content,
                                         [f"目录“{title}”所指的页，标题为另一项材料"]))
                continue
            if key is None:
                key, concept = (own.key, own.concept) if own else (None, None)
            elif key[0] == MaterialType.resource_lists:  # a 目录 entry often names all three lists
                same = own is not None and own.material == MaterialType.resource_lists
                key, concept = (own.key, own.concept) if same else ((key[0], None), None)
            segments.append(_Segment(key, concept, page.number, page.number, Basis.toc, [f"目录“{title}”"]))
            continue
        start = _starts_here(page, running)
        if start is not None and not _toc_allows(start, running, page.number, seeds, entries):
            start = None
        if start is not None:
            segments.append(_Segment(start.key, start.concept, page.number, page.number, Basis.content))
        elif segments and not front_open:
            segments[-1].last = page.number
            if page.unread:
                segments[-1].notes.append(f"第{page.number}页未读取")
        else:
            segments.append(_Segment(None, None, page.number, page.number, Basis.content))
    merged: list[_Segment] = []
    for seg in _fill_unread_tail(segments, pages, entries):
        if merged and merged[-1].key == seg.key and seg.key is not None and merged[-1].basis != Basis.front_matter:
            merged[-1].last, merged[-1].notes = seg.last, merged[-1].notes + seg.notes
        else:
            merged.append(seg)
    return merged


def _item(doc: ReadDocument, seg: _Segment) -> Scored:
    part = page_range(doc, seg.first, seg.last)
    scored = score_document(part, NO_NAME)
    c = scored.item
    c.file, c.first_page, c.last_page = doc.file, seg.first, seg.last
    pages = f"{seg.first}-{seg.last}" if seg.last > seg.first else f"{seg.first}"
    if seg.basis == Basis.front_matter:
        c.material = c.part = c.concept = None
        c.basis, c.resembles, c.runner_up = Basis.front_matter, None, None
        c.reason = f"合订本第{pages}页：封面或目录，不属于任何一项材料"
        return scored
    if seg.key is not None:
        own = (c.material, c.part)
        c.material, c.part = seg.key
        c.concept = seg.concept
        c.resembles = None
        c.basis = seg.basis if seg.basis == Basis.toc else Basis.content
        if own != seg.key:
            how = "按目录" if seg.basis == Basis.toc else "按首页标题"
            c.reason = f"{how}归为“{key_name(seg.key)}”（整段：{c.reason}）"
        scored.close = False
    notes = "；".join(seg.notes)
    c.reason = f"合订本第{pages}页：" + (f"{notes}；" if notes else "") + c.reason
    if c.unread_pages and len(c.unread_pages) == seg.last - seg.first + 1:
        c.confirm = True  # placed by the 目录 alone: a human looks at pages nobody read
    return scored


def split_bundle(doc: ReadDocument) -> list[Scored] | None:
    """Page ranges with their classification, or None when the PDF holds one material."""
    s = classify_settings()
    if doc.kind != FileKind.pdf or not doc.readable or (doc.page_count or 0) < s.merged_min_pages:
        return None
    if not _worth_splitting(doc):
        return None
    pages = [_page(doc, n) for n in range(1, (doc.page_count or 0) + 1)]
    segments = _segments(pages)
    if len({seg.key[0] for seg in segments if seg.key is not None}) < 2:
        return None
    return [_item(doc, seg) for seg in segments]


def front_matter(item: Classified) -> bool:
    return item.basis == Basis.front_matter
