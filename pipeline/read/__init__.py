"""Read stage: turn each file into located text blocks and tables.

Readers sit behind one small interface and an explicit registry keyed by the file
kind that ingest sniffed from the content. A reader that cannot read a file raises
ReadFailure with a Chinese reason; `read_file` turns that into an unreadable
ReadDocument, so one bad file never stops the application.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..models import FileEntry, FileKind, ReadDocument
from .docx import read_docx
from .errors import ReadFailure
from .pdf import read_pdf
from .text import read_text
from .xlsx import read_xlsx

__all__ = ["READERS", "ReadFailure", "Reader", "read_file"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    name: str
    read: Callable[[FileEntry], ReadDocument]
    available: Callable[[], bool] = lambda: True
    unavailable_reason: str = ""


def _unsupported(reason: str) -> Callable[[FileEntry], ReadDocument]:
    def read(entry: FileEntry) -> ReadDocument:
        raise ReadFailure(reason)

    return read


def _image(entry: FileEntry) -> ReadDocument:
    # Without OCR an image still counts as submitted; its content is simply not verified.
    return ReadDocument(
        file=entry.rel_path,
        kind=FileKind.image,
        problem="图片文件，未进行文字识别（OCR），内容未自动核验",
    )


READERS: dict[FileKind, Reader] = {
    FileKind.pdf: Reader("pdf", read_pdf),
    FileKind.docx: Reader("docx", read_docx),
    FileKind.xlsx: Reader("xlsx", read_xlsx),
    FileKind.text: Reader("text", read_text),
    FileKind.image: Reader("image", _image),
    FileKind.ole2: Reader(
        "ole2",
        _unsupported(
            "旧版 Office/WPS 格式（.doc/.xls/.wps/.et）暂不能自动读取，请申报单位另存为 .docx/.xlsx 或 PDF 后提交"
        ),
    ),
    FileKind.zip: Reader("zip", _unsupported("申报材料中嵌套的压缩包未解压读取，请将其中文件直接放入申报文件夹")),
    FileKind.empty: Reader("empty", _unsupported("文件为空（0 字节），请重新提交该文件")),
    FileKind.unknown: Reader("unknown", _unsupported("无法识别的文件格式，请提交 PDF、Word、Excel 或图片格式")),
}


def read_file(entry: FileEntry) -> ReadDocument:
    reader = READERS[entry.kind]
    try:
        if not reader.available():
            raise ReadFailure(reader.unavailable_reason)
        doc = reader.read(entry)
    except ReadFailure as exc:
        return ReadDocument(file=entry.rel_path, kind=entry.kind, readable=False, problem=str(exc))
    except Exception as exc:  # a library bug on a strange file must not stop the batch
        log.warning("reader %s failed on %s: %r", reader.name, entry.rel_path, exc)
        return ReadDocument(
            file=entry.rel_path,
            kind=entry.kind,
            readable=False,
            problem=f"文件无法读取（{type(exc).__name__}），可能已损坏，请重新提交",
        )
    if entry.extension_kind_mismatch:
        note = f"文件扩展名与实际格式（{entry.kind.value}）不符，已按实际格式读取"
        doc.problem = f"{doc.problem}；{note}" if doc.problem else note
    return doc
