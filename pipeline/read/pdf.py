"""PDF reader: fast text for every page (pypdfium2), tables only where they pay.

pdfplumber's table extraction is exact on ruled statements but 7-50x slower than
pypdfium2's text, so it runs only on pages whose text names a statement or list
(keywords in data/read.yaml).
"""

from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium

from ..models import Cell, FileEntry, FileKind, Location, ReadDocument, Table, TextBlock
from .errors import ReadFailure
from .normalize import cid_junk_share, normalize_text
from .ocr import ocr_scanned_pages
from .settings import read_settings


def read_pdf(entry: FileEntry) -> ReadDocument:
    try:
        pdf = pdfium.PdfDocument(str(entry.disk_path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadFailure("PDF 文件已加密（需要密码才能打开），请提交未加密的版本") from exc
        raise ReadFailure("PDF 文件已损坏或格式不正确，无法打开，请重新导出后提交") from exc
    doc = ReadDocument(file=entry.rel_path, kind=FileKind.pdf)
    try:
        doc.page_count = len(pdf)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            doc.blocks.append(TextBlock(text=normalize_text(raw), loc=Location(page=index + 1)))
    finally:
        pdf.close()
    ocr_scanned_pages(entry, doc)  # pages without a usable text layer, when OCR is installed
    _note_textless_pages(doc)
    table_pages = _pages_worth_tables(doc)
    if table_pages:
        doc.tables = _extract_tables(entry, table_pages)
    return doc


def _note_textless_pages(doc: ReadDocument) -> None:
    settings = read_settings()
    junk = [b.loc.page for b in doc.blocks if cid_junk_share(b.text) > settings.max_cid_share]
    for block in doc.blocks:
        if block.loc.page in junk:  # placeholders would only pollute keyword matching
            block.text = ""
    blank = [b.loc.page for b in doc.blocks if len(b.text) < settings.min_page_chars and b.loc.page not in junk]
    if doc.blocks and len(blank) == len(doc.blocks):
        doc.problem = "PDF 没有文字层（疑似扫描件），需要文字识别（OCR）后才能核验内容"
    elif junk:
        doc.problem = f"PDF 第{_pages(junk)}页文字编码无法识别（字体缺少映射），内容未能读取"
    elif blank:
        doc.problem = f"PDF 第{_pages(blank)}页没有文字层（疑似扫描页），该页内容未读取"


def _pages(pages: list[int | None]) -> str:
    return "、".join(str(p) for p in pages[:10]) + ("等" if len(pages) > 10 else "")


def _pages_worth_tables(doc: ReadDocument) -> list[int]:
    """Pages whose top names a statement or list: notes pages that merely mention
    营业收入 do not pay for pdfplumber (their figures are read from the text)."""
    settings = read_settings()
    pages = []
    for block in doc.blocks:
        top = block.text.replace("\n", "").replace(" ", "")[: settings.table_title_chars]
        if any(k in top for k in settings.table_page_keywords):
            pages.append(block.loc.page)
    return pages


def _extract_tables(entry: FileEntry, pages: list[int]) -> list[Table]:
    tables: list[Table] = []
    with pdfplumber.open(str(entry.disk_path)) as pdf:
        for number in pages:
            for raw in pdf.pages[number - 1].extract_tables():
                index = len(tables) + 1
                rows = [
                    [
                        Cell(
                            text=normalize_text(text or ""),
                            loc=Location(page=number, table=index, row=r + 1, col=c + 1),
                        )
                        for c, text in enumerate(row)
                    ]
                    for r, row in enumerate(raw)
                ]
                tables.append(Table(index=index, page=number, rows=rows))
    return tables
