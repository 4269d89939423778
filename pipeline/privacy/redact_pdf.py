"""Redacted copies of PDFs: pages with personal data become images with it blacked out.

A black box drawn over text leaves the text in the file (copy, search, extraction find it),
so a page that carries personal data is rendered (150 dpi), the boxes painted into the
image, and the page replaced by that image: nothing of its text layer is left. Pages without
personal data are taken over as they are (their text stays selectable), after flattening,
so a form field or annotation cannot carry text the search did not see. The copy is a new
document made of those pages only: no metadata, bookmarks, attachments or scripts.

Where the personal data is: on text-layer pages, the characters mask.py hides (so exactly
what a document masks is blacked out), found in pdfium's page text with their boxes; on
scanned pages, the OCR line boxes of the analysis (regions.py). A page the reader found
personal data on where this search finds none, a page not read, an encrypted or broken
file: no copy (NotRedactable says why), the caller leaves a note instead.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .mask import hidden_ranges
from .redact_image import NotRedactable, paint_ocr_boxes
from .regions import Redaction

DPI = 150  # as OCR reads scanned pages: small type stays legible
_PAD = 0.8  # points around each character box: no edge of a glyph shows
_JPEG_QUALITY = 85
_SPACES = " \t\u3000\xa0"  # what normalize_text collapses


def redact_pdf(source: Path, target: Path, plan: Redaction) -> None:
    """Write `target`: `source` with every page that carries personal data as a redacted image."""
    if plan.unknown_pages:
        raise NotRedactable("部分页面为扫描页且未经文字识别，无法确认其中是否含个人信息")
    try:
        pdf = pdfium.PdfDocument(str(source))
    except pdfium.PdfiumError as exc:
        reason = "文件已加密" if "password" in str(exc).lower() else "文件无法打开"
        raise NotRedactable(reason) from exc
    try:
        pdf.init_forms()  # before any page is loaded: form fields then flatten with their values
        _write_copy(pdf, target, plan)
    finally:
        pdf.close()


def _write_copy(pdf: pdfium.PdfDocument, target: Path, plan: Redaction) -> None:
    ocr = {page.page: page for page in plan.ocr}
    if set(ocr) - set(range(1, len(pdf) + 1)):
        raise NotRedactable("文字识别结果与文件页数不符")
    copy = pdfium.PdfDocument.new()
    try:
        blacked = 0
        for index in range(len(pdf)):
            number = index + 1
            page = _flattened(pdf, index)
            try:
                boxes, hidden = _text_boxes(page)
                if hidden < plan.text_pages.get(number, 0):
                    raise NotRedactable(f"未能在第{number}页确定全部个人信息的位置")
                if boxes or number in ocr:
                    _image_page(copy, page, boxes, ocr.get(number))
                    blacked += 1
                else:
                    copy.import_pages(pdf, pages=[index])
            finally:
                page.close()
        if not blacked:
            raise NotRedactable("未能定位个人信息的位置")
        copy.save(str(target))
    finally:
        copy.close()


def _flattened(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """Page `index` with its annotations and form fields made part of its content (pdfium's
    text page then reads them too), loaded again as pdfium requires after flattening."""
    page = pdf[index]
    if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS:
        page.close()
        page = pdf[index]
    return page


def _page_text(textpage: pdfium.PdfTextPage) -> tuple[str, list[int]]:
    """The page text as the reader normalises it (normalize_text: NFKC, runs of spaces as one,
    lines stripped, line breaks as "\\n"), one character at a time, and for each character the
    pdfium index it came from."""
    chars: list[str] = []
    index: list[int] = []
    crlf = False
    for n in range(textpage.count_chars()):
        raw = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, n))
        if raw == "\n" and crlf:
            crlf = False
            continue  # "\r\n" is one line break
        crlf = raw == "\r"
        for ch in unicodedata.normalize("NFKC", "\n" if crlf else raw):
            if ch in _SPACES:
                if not chars or chars[-1] in " \n":
                    continue  # at the start of a line, or after a space
                ch = " "
            elif ch == "\n" and chars and chars[-1] == " ":
                chars.pop()  # a line's trailing space
                index.pop()
            chars.append(ch)
            index.append(n)
    return "".join(chars), index


def _text_boxes(page: pdfium.PdfPage) -> tuple[list[tuple[float, float, float, float]], int]:
    """Boxes (page space: left, bottom, right, top) of the characters mask.py would hide, and
    how many characters of the page text those are."""
    textpage = page.get_textpage()
    try:
        text, index = _page_text(textpage)
        boxes = []
        ranges = hidden_ranges(text)
        for start, end in ranges:
            for n in sorted({index[i] for i in range(start, end)}):
                left, bottom, right, top = textpage.get_charbox(n, loose=True)
                if right > left and top > bottom:  # generated spaces and breaks have no box
                    boxes.append((left - _PAD, bottom - _PAD, right + _PAD, top + _PAD))
        return boxes, sum(end - start for start, end in ranges)
    finally:
        textpage.close()


def _image_page(copy: pdfium.PdfDocument, page: pdfium.PdfPage, boxes, ocr) -> None:
    """Append to `copy` an image of `page` with `boxes` (page space) and the OCR boxes black."""
    for left, bottom, right, top in boxes:  # drawn over the page, then the page is rendered
        rect = pdfium_c.FPDFPageObj_CreateNewRect(left, bottom, right - left, top - bottom)
        pdfium_c.FPDFPageObj_SetFillColor(rect, 0, 0, 0, 255)
        pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_WINDING, False)
        pdfium_c.FPDFPage_InsertObject(page.raw, rect)
    bitmap = page.render(scale=DPI / 72, may_draw_forms=False)
    image = bitmap.to_pil().convert("RGB")
    bitmap.close()
    if ocr is not None:
        image = paint_ocr_boxes(image, ocr)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=_JPEG_QUALITY)
    buffer.seek(0)
    width, height = page.get_size()  # as shown (turned by /Rotate), which the rendering is too
    new = copy.new_page(width, height)
    picture = pdfium.PdfImage.new(copy)
    picture.load_jpeg(buffer, inline=True)
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new.insert_obj(picture)
    new.gen_content()
    picture.close()
    new.close()
