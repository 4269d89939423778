"""Classify stage: assign each file to an Article 11 material by what it is.

Every concept of data/material_concepts.yaml (a kind of document: lease, property certificate,
licence, audit report, staff list …) is scored for every file from its title, its
phrases, its table columns, its file and folder names (score.py); the best is taken
only with a margin over the runner-up (document.py). A PDF that binds several
materials is split into page ranges first (bundle.py), a workbook holding several lists
into its lists (workbook.py); a Word file that carries another document inside it (a
report ending with its 真实性声明) counts for that material too (sections.py). Files their own evidence does not place are placed by
context: folder, neighbours, numbering, photo, completion (context.py). Every decision
is recorded with its reason, its basis, the runner-up and, for what stays unplaced,
the material it most resembles.
"""

from __future__ import annotations

from ..models import Basis, Classified, ReadDocument
from .bundle import split_bundle
from .context import place_in_context
from .document import classify_document, score_document
from .sections import inner_sections
from .workbook import split_lists

__all__ = ["classify_document", "classify_documents"]


def classify_documents(docs: list[ReadDocument]) -> list[Classified]:
    """Classify every file of one application (page ranges of bundles, parts of workbooks)."""
    items = []
    for doc in docs:
        parts = split_bundle(doc) or split_lists(doc)
        if parts:
            items.extend(parts)
            continue
        whole = score_document(doc)
        items.extend([whole, *inner_sections(doc, whole)])
    place_in_context([i for i in items if i.item.basis != Basis.front_matter])
    return [i.item for i in items]
