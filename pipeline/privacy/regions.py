"""Where a read file's personal data is: what its redacted copy must black out.

Made from the read document (analysis stage), where the OCR line boxes are, and handed
to the copies (render stage) so OCR never runs twice. Only boxes and page numbers are kept:
nothing personal is recorded. Text-layer PDF pages are searched again when the copy is
made (redact_pdf.py, with pdfium's character boxes); the pages the reader found personal
data on are listed, with how much, so that a copy which cannot find it all is not given out.
"""

from __future__ import annotations

import re

from pydantic import Field

from ..models import FileKind, OcrLine, ReadDocument
from ..models.common import Model
from ..read.settings import read_settings
from .mask import has_personal_data, hidden_ranges


class OcrBoxes(Model):
    """The OCR lines of one page (or image frame) that carry personal data."""

    page: int  # 1-based page of a PDF, frame of an image
    size: list[int]  # [width, height] of the upright page image the boxes are in
    rotation: int = 0  # degrees counter-clockwise OCR turned the page to make it upright
    boxes: list[list[int]] = Field(default_factory=list)  # [x0, y0, x1, y1], whole line boxes


class Redaction(Model):
    """What a redacted copy of one PDF or image blacks out, and what keeps it from being made."""

    kind: FileKind
    # text-layer pages the reader found personal data on → how many characters mask.py hides there
    # (a copy that finds fewer is not given out: a number the search missed would show)
    text_pages: dict[int, int] = Field(default_factory=dict)
    ocr: list[OcrBoxes] = Field(default_factory=list)
    unknown_pages: list[int] = Field(default_factory=list)  # pages not read (no text layer, no OCR, a limit)
    problem: str | None = None  # why no copy can be made (Chinese), e.g. OCR boxes missing


REDACTABLE = (FileKind.pdf, FileKind.image)

# In a scan already known to carry personal data, OCR may have misread a digit of another ID or
# phone number (O for 0, l for 1 …) so that mask.py's patterns miss it. A run of at least 11
# digits and digit-like letters with at least 9 digits is blacked out too: over-blacking a
# credit code in such a file is harmless, a visible ID number is not.
_NUMBER_LIKE = re.compile(r"[0-9OoIlSBZXx]{11,}")
_MIN_DIGITS = 9


def _number_like(text: str) -> bool:
    return any(sum(c.isdigit() for c in m.group()) >= _MIN_DIGITS for m in _NUMBER_LIKE.finditer(text))


def redaction_of(doc: ReadDocument) -> Redaction:
    """Where `doc`'s personal data is: on scanned pages, the boxes of the OCR pieces that hold
    what mask.py hides (a box has no per-character boxes, and an estimate inside it could leave
    digits showing), or of the whole line where the pieces do not say."""
    plan = Redaction(kind=doc.kind, unknown_pages=sorted(doc.unread_pages))
    if not doc.readable:
        plan.problem = doc.problem or "文件未能读取"
        return plan
    min_chars = read_settings().min_page_chars
    for block in doc.blocks:
        page = block.loc.page or 1
        if block.origin == "ocr":
            boxes = [box for line in block.ocr_lines for box in _line_boxes(line)]
            boxes += [box for line in block.ocr_lines for box in _number_like_boxes(line) if box not in boxes]
            if has_personal_data(block.text) and not boxes:  # spread over lines: no box holds it
                boxes = [line.bbox for line in block.ocr_lines]
            if boxes and (len(block.ocr_size) != 2 or any(len(b) != 4 for b in boxes)):
                plan.problem = "文字识别结果缺少位置信息"
            elif boxes:
                plan.ocr.append(OcrBoxes(page=page, size=block.ocr_size, rotation=block.ocr_rotation, boxes=boxes))
        elif doc.kind == FileKind.pdf and len(block.text) < min_chars:
            plan.unknown_pages.append(page)  # a scanned page OCR did not read: what it shows is unknown
        elif hidden := sum(end - start for start, end in hidden_ranges(block.text)):
            plan.text_pages[page] = plan.text_pages.get(page, 0) + hidden
    if doc.kind == FileKind.image and doc.page_count and not doc.blocks:
        plan.unknown_pages = list(range(1, doc.page_count + 1))
    plan.unknown_pages = sorted(set(plan.unknown_pages))
    return plan


def _number_like_boxes(line: OcrLine) -> list[list[int]]:
    """The pieces (or the whole line) that look like a long number OCR may have misread."""
    if not _number_like(line.text):
        return []
    pieces = [piece.bbox for piece in line.pieces if len(piece.bbox) == 4 and _number_like(piece.text)]
    return pieces or [line.bbox]


def _line_boxes(line: OcrLine) -> list[list[int]]:
    """The boxes to black out for one OCR line: the pieces (table cells) the masked characters
    fall in, found in the line's text in order; the whole line when a piece is not found there
    (the text was joined differently) or the line was kept without its pieces."""
    ranges = hidden_ranges(line.text)
    if not ranges:
        return []
    spans, cursor = [], 0
    for piece in line.pieces:
        start = line.text.find(piece.text, cursor) if piece.text else -1
        if start < 0 or len(piece.bbox) != 4:
            return [line.bbox]
        cursor = start + len(piece.text)
        spans.append((start, cursor, piece.bbox))
    if not spans:
        return [line.bbox]
    boxes = [box for start, end, box in spans if any(a < end and start < b for a, b in ranges)]
    covered = all(any(start <= n < end for start, end, _ in spans) for a, b in ranges for n in range(a, b)
                  if not line.text[n].isspace())
    return boxes if covered else [line.bbox]
