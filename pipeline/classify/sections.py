"""A document without pages (Word, text) that carries another material inside it: an
application report ending with the 真实性声明, a summary with its 签到表. A short
paragraph that is the title of another kind of document, followed by text that reads as
that document, makes the file count for that material too (its whole file: no pages)."""

from __future__ import annotations

from ..models import FileKind, ReadDocument
from .concepts import concept_catalog
from .document import Scored, key_name, score_document
from .keywords import compact
from .names import PathEvidence
from .settings import classify_settings

PAGELESS = (FileKind.docx, FileKind.ole2, FileKind.text)
NO_NAME = PathEvidence(name={}, folder={}, generic=False, number=None, folder_number=None, folders=[])
SECTION_BLOCKS = 15  # a section is read up to this many paragraphs after its title


def _titles() -> list[tuple[str, str]]:
    """(compact title, concept) of the titles strong enough to open a document of their own."""
    s = classify_settings()
    return [
        (compact(phrase), cid)
        for cid, concept in concept_catalog().concepts.items()
        for phrase, weight in concept.titles.items()
        if weight >= s.page_start_score + 2
    ]


def inner_sections(doc: ReadDocument, own: Scored) -> list[Scored]:
    """Other materials a page-less document carries, each as a classification of the file."""
    s = classify_settings()
    if doc.kind not in PAGELESS or not doc.readable or own.item.material is None:
        return []
    titles = _titles()
    found: list[Scored] = []
    seen = {(own.item.material, own.item.part)}
    blocks = doc.blocks
    for i, block in enumerate(blocks[1:], 1):
        head = compact(block.text)
        if not head or len(head) > s.page_title_max_chars:
            continue
        concepts = {cid for phrase, cid in titles if phrase in head}
        if not concepts:
            continue
        section = doc.model_copy(update={"blocks": blocks[i : i + SECTION_BLOCKS], "tables": []})
        scored = score_document(section, NO_NAME)
        best = scored.scores[0]
        key = best.key
        if best.concept not in concepts or key in seen or best.total - best.title < s.min_score:
            continue  # the title alone (附件：营业执照副本) is a mention; the text must read as that document
        seen.add(key)
        c = scored.item
        c.file = doc.file
        c.reason = f"文件中“{block.text.strip()[:30]}”一节：{c.reason}（整份文件归为“{key_name((own.item.material, own.item.part))}”）"
        found.append(scored)
    return found
