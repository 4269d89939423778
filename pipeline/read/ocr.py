"""OCR reader: photos and scans (JPG/PNG/TIFF/BMP, multi-page TIFF) and the PDF pages
that have no usable text layer. Each page becomes one TextBlock with origin "ocr",
its lines (box, confidence) kept for provenance, so classification and extraction
read OCR text exactly like text-layer text."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from ..models import FileEntry, FileKind, Location, ReadDocument, TextBlock
from . import ocr_engine as oe
from .budget import ReadTimeout, engine_guard
from .errors import ReadFailure
from .normalize import cid_junk_share
from .ocr_cache import OcrCache
from .ocr_layout import OcrPage, ocr_image
from .settings import read_settings

__all__ = ["ocr_pdf_pages", "ocr_scanned_pages", "read_image", "read_image_without_ocr"]

log = logging.getLogger(__name__)

NO_TEXT = "图片中未识别出文字（可能过于模糊，或不是文字材料），内容未自动核验"


def page_block(page: int, result: OcrPage) -> TextBlock:
    return TextBlock(
        text="\n".join(line.text for line in result.lines),
        loc=Location(page=page),
        origin="ocr",
        ocr_lines=result.lines,
        ocr_engine=oe.signature(),
        ocr_size=[result.width, result.height] if result.width and result.height else [],
        ocr_rotation=result.rotation,
    )


def read_image_without_ocr(entry: FileEntry) -> ReadDocument:
    """Without an OCR engine an image still counts as submitted; its content is not verified."""
    return ReadDocument(file=entry.rel_path, kind=FileKind.image, problem=oe.reason())


def read_image(entry: FileEntry) -> ReadDocument:
    settings = oe.ocr_settings()
    cache = OcrCache(entry.disk_path, kind="image")
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.image)
    budget = _PageBudget(settings)
    try:
        with Image.open(entry.disk_path) as img:
            frames = max(1, getattr(img, "n_frames", 1))
            doc.page_count = frames
            for count, frame in enumerate(ImageSequence.Iterator(img)):
                number = count + 1
                result = cache.get(number)
                if result is None:
                    result = budget.read(count, number, lambda f=frame: ocr_image(f.copy(), "image"))
                    if result is None:
                        continue
                    cache.put(number, result)
                doc.blocks.append(page_block(number, result))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise ReadFailure("图片文件已损坏或格式无法识别，无法读取，请重新拍照或扫描后提交") from exc
    finally:
        cache.save()
    if budget.left:
        doc.unread_pages, doc.unread_reason = budget.left, budget.reason
    elif not any(b.text for b in doc.blocks):
        doc.problem = NO_TEXT
    return doc


class _PageBudget:
    """What a file's OCR reads is decided by the page count (max_ocr_pages), never by how long pages
    took; the clock only catches a hung engine. Once either stops OCR, the rest of the file is
    skipped: `left` names the pages not read and `reason` says why."""

    def __init__(self, settings: oe.OcrSettings) -> None:
        self.settings = settings
        self.left: list[int] = []
        self.reason: str | None = None

    def read(self, count: int, number: int, ocr: Callable[[], OcrPage]) -> OcrPage | None:
        """Page `number`, the `count`-th (0-based) this file asks OCR for; None when it is not read."""
        if self.reason is None and count >= self.settings.max_ocr_pages:
            self.reason = _page_limit(self.settings)
        if self.reason is not None:
            self.left.append(number)
            return None
        try:
            with engine_guard(self.settings.engine_guard_seconds):
                return ocr()
        except ReadTimeout:  # a hung engine: keep the pages read so far, do not try the rest
            self.reason = _engine_hung(self.settings, number)
            self.left.append(number)
            return None


def _page_limit(settings: oe.OcrSettings) -> str:
    return f"超过每个文件最多识别 {settings.max_ocr_pages} 页的上限，未识别"


def _engine_hung(settings: oe.OcrSettings, page: int) -> str:
    return f"文字识别在第 {page} 页超过 {settings.engine_guard_seconds:.0f} 秒无结果（识别程序无响应），自该页起未识别"


def ocr_pdf_pages(entry: FileEntry, doc: ReadDocument, pages: list[int]) -> list[int]:
    """OCR the given 1-based pages of a PDF in place of their text layer; returns the pages
    that were left unread (page limit reached, engine hung or failed), which are also
    recorded on the document with the reason (never silently: a page not read is reported
    as not read, and what it held is not reported missing). What is read is decided by the
    page count, never by how long the pages took: the clock only catches a hung engine."""
    settings = oe.ocr_settings()
    cache = OcrCache(entry.disk_path, kind="pdf_page")
    by_page = {b.loc.page: n for n, b in enumerate(doc.blocks)}
    try:
        pdf = pdfium.PdfDocument(str(entry.disk_path))
    except pdfium.PdfiumError:
        doc.unread_pages, doc.unread_reason = sorted(set(doc.unread_pages) | set(pages)), "页面无法渲染，未识别"
        return pages
    budget = _PageBudget(settings)
    left = budget.left
    failed = None  # a page the engine failed on (the others are still tried)
    try:
        for count, number in enumerate(pages):
            result = cache.get(number)
            if result is None:
                try:
                    result = budget.read(count, number, lambda n=number: _ocr_page(pdf, n, settings.pdf_dpi))
                except Exception as exc:  # an engine failure on one page must not cost the others
                    log.warning("%s 第 %d 页文字识别出错（%r），该页未读取", entry.rel_path, number, exc)
                    failed = f"文字识别出错（{type(exc).__name__}），未识别"
                    left.append(number)
                    continue
                if result is None:
                    continue
                cache.put(number, result)
            block = page_block(number, result)
            if number in by_page:
                doc.blocks[by_page[number]] = block
            else:
                doc.blocks.append(block)
    finally:
        pdf.close()
        cache.save()
    doc.blocks.sort(key=lambda b: b.loc.page or 0)
    if left:
        doc.unread_pages = sorted(set(doc.unread_pages) | set(left))
        doc.unread_reason = budget.reason or failed
    return left


def _ocr_page(pdf: pdfium.PdfDocument, number: int, dpi: int) -> OcrPage:
    page = pdf[number - 1]
    try:
        image = page.render(scale=dpi / 72).to_pil()
    finally:
        page.close()
    return ocr_image(image, "pdf_page")


def ocr_scanned_pages(entry: FileEntry, doc: ReadDocument) -> None:
    """OCR the pages of a read PDF that have no text layer or mostly (cid:N) junk."""
    if not oe.available():
        return
    settings = read_settings()
    pages = [
        b.loc.page
        for b in doc.blocks
        if b.loc.page is not None
        and (len(b.text) < settings.min_page_chars or cid_junk_share(b.text) > settings.max_cid_share)
    ]
    if pages:
        left = ocr_pdf_pages(entry, doc, pages)
        if left:
            log.info("%s: %d scanned pages left without OCR", entry.rel_path, len(left))
