"""OCR provenance for extracted values, and review flags for what OCR was unsure of.

Extractors read OCR text exactly like text-layer text and write ordinary Sources. This
step finds, for every source on an OCR page, the OCR line(s) its excerpt came from and
records the engine, the box and the lowest line confidence in `Source.ocr`. A value
whose chosen source is below `value_min_confidence` (data/ocr.yaml) gets a review
reason, so it never fails a rule on its own.
"""

from __future__ import annotations

from ..models import FieldValue, OcrEvidence, OcrLine, ReadDocument, Source, TextBlock
from ..read.ocr_engine import ocr_settings
from . import patterns as p

OCR_MARK = "（文字识别）"


def mark_ocr_sources(fields: dict[str, FieldValue], docs: list[ReadDocument]) -> None:
    pages = {(doc.file, block.loc.page): block for doc in docs for block in doc.blocks if block.origin == "ocr"}
    if not pages:
        return
    floor = ocr_settings().value_min_confidence
    for fv in fields.values():
        for candidate in fv.candidates:
            _mark(candidate.source, pages)
        if fv.source is not None:
            _mark(fv.source, pages)
            ocr = fv.source.ocr
            if ocr is not None and fv.value is not None and ocr.confidence < floor:
                reason = (
                    f"该数值由扫描件文字识别（OCR）得到，识别置信度 {ocr.confidence:.2f} 低于 {floor:.2f}，"
                    f"请对照原件核对（{fv.source.file} {fv.source.location or ''}）"
                )
                if reason not in fv.review:
                    fv.review.append(reason)
                    fv.confidence = min(fv.confidence, ocr.confidence)


def _mark(source: Source, pages: dict[tuple[str, int | None], TextBlock]) -> None:
    block = pages.get((source.file, source.page))
    if block is None or source.ocr is not None:
        return
    lines = _lines_for(source.excerpt, block.ocr_lines)
    if lines:
        boxes = [line.bbox for line in lines]
        bbox = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
        confidence = min(line.confidence for line in lines)
    else:  # excerpt not traceable to a line: the page's weakest line speaks for it
        bbox = None
        confidence = min((line.confidence for line in block.ocr_lines), default=0.0)
    source.ocr = OcrEvidence(engine=block.ocr_engine or "ocr", confidence=round(confidence, 3), bbox=bbox)
    if source.location and OCR_MARK not in source.location:
        source.location += OCR_MARK
    elif not source.location:
        source.location = OCR_MARK.strip("（）")
    if source.extractor and "+ocr" not in source.extractor:
        source.extractor += "+ocr"


def _lines_for(excerpt: str, lines: list[OcrLine]) -> list[OcrLine]:
    key = p.norm(excerpt)
    if not key:
        return []
    keyed = [(p.norm(line.text), line) for line in lines]
    exact = [line for text, line in keyed if text and text == key]
    if exact:
        return exact[:1]
    inside = [line for text, line in keyed if text and key in text]
    if inside:
        return inside[:1]
    return [line for text, line in keyed if len(text) >= 2 and text in key]
