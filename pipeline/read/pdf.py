"""PDF reader: fast text for every page (pypdfium2), tables only where they pay.

Tables (pdf_tables: pdfplumber's default "lines" table finder fed from pdfium's own path
objects and characters) are looked for only on pages whose text names a statement or list
(keywords in data/read.yaml), while the page is open in the one pdfium pass.

No pdfplumber fallback: on every sample, generated, test and LibreOffice-exported PDF
(scripts/pdf_tables_equivalence.py) pdfium gave pdfplumber's tables or better ones, and no
page made pdfium's path or text API fail. A page past the work limits (data/read.yaml) or
whose extraction fails anyway gives no table; its figures are still read from the text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium

from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table, TextBlock
from .budget import ReadTimeout
from .errors import ReadFailure
from .normalize import cid_junk_share, normalize_text
from .ocr import ocr_scanned_pages
from .pdf_tables import Limits, TooComplex, extract_tables
from .settings import read_settings

log = logging.getLogger(__name__)

RawTable = list[list[str | None]]


def read_pdf(entry: FileEntry) -> ReadDocument:
    try:
        pdf = pdfium.PdfDocument(str(entry.disk_path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadFailure("PDF 文件已加密（需要密码才能打开），请提交未加密的版本") from exc
        raise ReadFailure("PDF 文件已损坏或格式不正确，无法打开，请重新导出后提交") from exc
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.pdf)
    found: dict[int, list[RawTable]] = {}  # page number -> its tables
    min_chars = read_settings().min_page_chars
    try:
        doc.page_count = len(pdf)
        for index in range(len(pdf)):
            with _open_page(pdf, index + 1) as (page, textpage):
                text = normalize_text(textpage.get_text_range())
                doc.blocks.append(TextBlock(text=text, loc=Location(page=index + 1)))
                if len(text) >= min_chars:  # while the page is open; every page: see _page_tables
                    found[index + 1] = _page_tables(entry, index + 1, page, textpage)
        ocr_scanned_pages(entry, doc)  # pages without a usable text layer, when OCR is installed
        _note_textless_pages(doc)
        table_pages = [b.loc.page for b in doc.blocks if b.loc.page is not None and len(b.text) >= min_chars]
        for number in table_pages:
            if number not in found:  # its text came from OCR (or changed): load it again, same document
                with _open_page(pdf, number) as (page, textpage):
                    found[number] = _page_tables(entry, number, page, textpage)
    finally:
        pdf.close()
    doc.tables = _tables([(n, t) for n in table_pages for t in found[n]])
    return doc


@contextmanager
def _open_page(pdf: pdfium.PdfDocument, number: int) -> Iterator[tuple[pdfium.PdfPage, pdfium.PdfTextPage]]:
    """Page `number` (1-based) and its text page, closed again after use."""
    page = pdf[number - 1]
    try:
        textpage = page.get_textpage()
        try:
            yield page, textpage
        finally:
            textpage.close()
    finally:
        page.close()


def _page_tables(entry: FileEntry, number: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[RawTable]:
    """The page's ruled tables; none when its vector content is too large or malformed.

    Every page with text is looked at, not only pages whose title names a statement or a
    list: a list's continuation page repeats only its header, and forms title their tables in
    words nobody listed (名录, 一览, 情况). From pdfium's own objects this costs ~0.6 ms for a
    page without ruling (292 pages of the seen corpus: 0.92 s for all, 0.83 s for the titled)."""
    settings = read_settings()
    limits = Limits(settings.table_max_path_segments, settings.table_max_edge_pairs, settings.table_max_intersections)
    try:
        return extract_tables(page, textpage, limits)
    except ReadTimeout:
        raise
    except TooComplex:
        log.info("%s p%d: too much vector content for table extraction; text only", entry.rel_path, number)
    except Exception as exc:  # a strange page must not cost the text of the whole file
        log.warning("%s 第 %d 页：表格提取出错（%r），该页只按文字读取", entry.rel_path, number, exc)
    return []


def _note_textless_pages(doc: ReadDocument) -> None:
    settings = read_settings()
    junk = [b.loc.page for b in doc.blocks if cid_junk_share(b.text) > settings.max_cid_share]
    for block in doc.blocks:
        if block.loc.page in junk:  # placeholders would only pollute keyword matching
            block.text = ""
    unread = set(doc.unread_pages)
    blank = [
        b.loc.page
        for b in doc.blocks
        if len(b.text) < settings.min_page_chars and b.loc.page not in junk and b.loc.page not in unread
    ]
    if unread:  # pages a limit left unread: say which, and the limit
        doc.problem = f"PDF 第{_pages(sorted(unread))}页{doc.unread_reason or '未读取'}"
    elif doc.blocks and len(blank) == len(doc.blocks):
        doc.problem = "PDF 没有文字层（疑似扫描件），需要文字识别（OCR）后才能核验内容"
    elif junk:
        doc.problem = f"PDF 第{_pages(junk)}页文字编码无法识别（字体缺少映射），内容未能读取"
    elif blank:
        doc.problem = f"PDF 第{_pages(blank)}页没有文字层（疑似扫描页），该页内容未读取"


def _pages(pages: list[int | None]) -> str:
    return "、".join(str(p) for p in pages[:10]) + ("等" if len(pages) > 10 else "")


def _tables(raw: list[tuple[int, RawTable]]) -> list[Table]:
    tables: list[Table] = []
    for number, rows in raw:
        index = len(tables) + 1
        cells = [
            [
                Cell(text=normalize_text(text or ""), loc=Location(page=number, table=index, row=r + 1, col=c + 1))
                for c, text in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
        tables.append(Table(index=index, page=number, rows=cells))
    return tables
