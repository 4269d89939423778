"""A workbook (or Word file) that holds several of the type-5 lists, one per sheet or
table, is one file in several parts: each part is classified on its own tables."""

from __future__ import annotations

from ..models import MaterialType, ReadDocument
from .columns import table_evidence
from .document import Scored, score_document
from .settings import classify_settings


def split_lists(doc: ReadDocument) -> list[Scored] | None:
    """One classification per list the file's tables hold, or None for a single list."""
    if not doc.readable or len(doc.tables) < 2:
        return None
    s = classify_settings()
    by_part: dict = {}
    for table in doc.tables:
        evidence = table_evidence([table])
        if evidence and evidence[0].score >= s.min_score:
            by_part.setdefault(evidence[0].part, []).append(table)
    if len(by_part) < 2:
        return None
    out = []
    for part, tables in by_part.items():
        scored = score_document(doc.model_copy(update={"tables": tables}))
        c = scored.item
        if c.material != MaterialType.resource_lists or c.part != part:
            c.reason = f"其中{len(tables)}个表格按列内容归为此部分（整份文件：{c.reason}）"
        c.material, c.part, c.concept = MaterialType.resource_lists, part, part.value
        scored.close = False
        out.append(scored)
    return out
