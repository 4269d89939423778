"""Extract stage: canonical field values, narratives and lists from the read documents.

`extract_application` dispatches each classified file (or page range) to the
extractor of its material; every value keeps its source, the label or pattern that
matched and all candidates seen. Vocabulary lives in data/labels.yaml and
data/regions.yaml; all regular expressions in patterns.py.
"""

from __future__ import annotations

import logging

from ..models import Classified, Extraction, ListPart, MaterialType, Narrative, ReadDocument
from .audit import extract_audit, prefer_service_statements
from .collect import Collector
from .licence import extract_licence
from .licence_checks import check_licence_fields
from .lists import extract_list
from .narratives import extract_narratives
from .ocr_provenance import mark_ocr_sources
from .report import extract_report

__all__ = ["extract_application", "extract_document"]

log = logging.getLogger(__name__)

# Chinese notes for a readable document of these materials that yielded no value at all.
NOTHING_FOUND = {
    MaterialType.application_report: "未能从申请报告中识别出基本情况数据（格式与模板差异较大或为扫描件），请人工核对",
    MaterialType.audit_reports: "未能从审计报告中识别出审计意见或报表数据，请人工核对",
    MaterialType.legal_entity_certificate: "未能从证照中识别出名称、统一社会信用代码等信息，请人工核对",
    MaterialType.resource_lists: "未能识别出名单/清单的表头（如姓名、企业名称、设备名称），请人工核对",
}


def extract_application(docs: list[ReadDocument], classified: list[Classified],
                        as_of_year: int | None = None) -> Extraction:
    """Fields of the whole application. `as_of_year` (the year of --as-of) resolves figures named
    by calendar year: last year = as_of_year − 1; without it the later of two years is last year."""
    by_file = {doc.file: doc for doc in docs}
    result = Extraction()
    col = Collector()
    narratives: dict[str, Narrative] = {}
    for item in classified:
        doc = by_file.get(item.file)
        if item.material is None or doc is None or not doc.readable or not item.readable:
            continue
        part_doc = _pages(doc, item.first_page, item.last_page)
        before = col.size()
        try:
            found = extract_document(part_doc, item.material, item.part, col, as_of_year)
        except Exception as exc:  # one odd file must not lose the application's other values
            log.warning("“%s”的数据提取出错（%r），该文件的数据需人工核对", item.ref, exc)
            result.problems.append(f"{item.ref} 内容提取出错（{type(exc).__name__}），该文件的数值未能读取，请人工核对")
            continue
        if col.size() == before and item.material in NOTHING_FOUND and (part_doc.blocks or part_doc.tables):
            result.problems.append(f"{item.ref}：{NOTHING_FOUND[item.material]}")
        result.lists.extend(found.lists)
        result.others.extend(found.others)
        for narrative in found.narratives:
            kept = narratives.get(narrative.key)
            if kept is None or len(narrative.text) > len(kept.text):
                narratives[narrative.key] = narrative
    prefer_service_statements(col)
    result.fields = col.build()
    mark_ocr_sources(result.fields, docs)  # OCR box/confidence on sources; low confidence → review
    check_licence_fields(result.fields)  # credit code vs unit nature and region
    result.narratives = list(narratives.values())
    return result


def extract_document(doc: ReadDocument, material: MaterialType, part: ListPart | None,
                     col: Collector, as_of_year: int | None = None) -> Extraction:
    """Extract one document of a known material into `col`; lists, narratives and the label/value
    pairs that named no field are returned."""
    out = Extraction()
    if material is MaterialType.application_report:
        out.others = extract_report(doc, col, as_of_year)
        out.narratives = extract_narratives(doc)
    elif material is MaterialType.audit_reports:
        extract_audit(doc, col)
    elif material is MaterialType.legal_entity_certificate:
        extract_licence(doc, col)
    elif material is MaterialType.resource_lists:
        for candidate in [part] if part else list(ListPart):
            listing = extract_list(doc, candidate, col)
            if listing is not None:
                out.lists.append(listing)
    return out


def _pages(doc: ReadDocument, first: int | None, last: int | None) -> ReadDocument:
    """The part of a merged PDF that one material occupies."""
    if first is None:
        return doc
    last = last or first

    def inside(page: int | None) -> bool:
        return page is None or first <= page <= last

    return doc.model_copy(update={
        "blocks": [b for b in doc.blocks if inside(b.loc.page)],
        "tables": [t for t in doc.tables if inside(t.page)],
    })
