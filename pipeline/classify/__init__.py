"""Classify stage: assign each file to an Article 11 material by name and content.

Scores come from the weighted keywords of data/materials.yaml: file-name and folder
hits, and content hits in the first pages (doubled in the title zone). The reason
for every decision is recorded in Chinese so a reviewer can see why. A PDF that binds
several materials is split into page ranges first.
"""

from __future__ import annotations

from ..models import Classified, ReadDocument
from .document import classify_document
from .merged import split_merged

__all__ = ["classify_document", "classify_documents", "split_merged"]


def classify_documents(docs: list[ReadDocument]) -> list[Classified]:
    """Classify every file; a PDF that binds several materials is split into page ranges."""
    out: list[Classified] = []
    for doc in docs:
        ranges = split_merged(doc)
        out.extend(ranges if ranges else [classify_document(doc)])
    return out
