"""Read stage: turn each file into located text blocks and tables.

Readers sit behind one small interface and an explicit registry keyed by the file
kind that ingest sniffed from the content. A reader that cannot read a file raises
ReadFailure with a Chinese reason; `read_file` turns that into an unreadable
ReadDocument, so one bad file never stops the application. Each reader's module (and
its libraries: pdfium, openpyxl, the OCR engine, olefile) is imported when the first
file of its kind is read, so a worker that finds everything in the cache loads none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from ..models import FileEntry, FileKind, ReadDocument
from .budget import ReadTimeout, time_budget
from .errors import OCR_UNAVAILABLE, ReadFailure
from .settings import read_settings

__all__ = ["READERS", "ReadFailure", "Reader", "read_file"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    name: str
    read: Callable[[FileEntry], ReadDocument]
    available: Callable[[], bool] = lambda: True
    unavailable_reason: str = ""
    # Read instead when not available (an image without OCR still counts as submitted).
    fallback: Callable[[FileEntry], ReadDocument] | None = None


def _lazy(module: str, name: str) -> Callable:
    """`module.name`, imported on the first call."""

    def call(*args):
        return getattr(import_module(f".{module}", __name__), name)(*args)

    call.__name__ = name
    return call


def _unsupported(reason: str) -> Callable[[FileEntry], ReadDocument]:
    def read(entry: FileEntry) -> ReadDocument:
        raise ReadFailure(reason)

    return read


READERS: dict[FileKind, Reader] = {
    FileKind.pdf: Reader("pdf", _lazy("pdf", "read_pdf")),
    FileKind.docx: Reader("docx", _lazy("docx", "read_docx")),
    FileKind.xlsx: Reader("xlsx", _lazy("xlsx", "read_xlsx")),
    FileKind.text: Reader("text", _lazy("text", "read_text")),
    FileKind.image: Reader(
        "image",
        _lazy("ocr", "read_image"),
        _lazy("ocr_engine", "available"),
        OCR_UNAVAILABLE,
        _lazy("ocr", "read_image_without_ocr"),
    ),
    FileKind.ole2: Reader("ole2", _lazy("ole2", "read_ole2")),
    FileKind.ofd: Reader("ofd", _lazy("ofd", "read_ofd")),
    FileKind.zip: Reader(
        "zip", _unsupported("压缩包无法解压（文件已损坏、加密或嵌套层数过多），请将其中文件直接放入申报文件夹后提交")
    ),
    FileKind.empty: Reader("empty", _unsupported("文件为空（0 字节），请重新提交该文件")),
    FileKind.unknown: Reader("unknown", _unsupported("无法识别的文件格式，请提交 PDF、Word、Excel 或图片格式")),
}


def read_file(entry: FileEntry) -> ReadDocument:
    """Read one file; never raises: an unreadable file comes back with its Chinese reason."""
    doc = _read(entry)
    if entry.extension_kind_mismatch:
        note = f"文件扩展名与实际格式（{entry.kind.value}）不符，已按实际格式读取"
        doc.problem = f"{doc.problem}；{note}" if doc.problem else note
    return doc


def _read(entry: FileEntry) -> ReadDocument:
    reader = READERS[entry.kind]
    settings = read_settings()
    if entry.size > settings.max_file_mb * 1024 * 1024:  # a limit: not read, still submitted
        reason = f"文件过大（{entry.size / 1024 / 1024:.0f} MB，上限 {settings.max_file_mb} MB），未读取；请压缩或拆分后提交"
        return ReadDocument(file=entry.rel_path, kind=entry.kind, readable=False, problem=reason, not_read=reason)
    try:
        if not reader.available():
            if reader.fallback is not None:
                return reader.fallback(entry)
            raise ReadFailure(reader.unavailable_reason)
        with time_budget(settings.file_seconds):
            return reader.read(entry)
    except ReadTimeout:
        reason = f"读取超时（超过 {settings.file_seconds:.0f} 秒），文件可能过大或结构异常，请重新生成后提交"
        return ReadDocument(file=entry.rel_path, kind=entry.kind, readable=False, problem=reason, not_read=reason)
    except ReadFailure as exc:
        reason = str(exc)
    except Exception as exc:  # a library bug on a strange file must not stop the batch
        log.warning("读取“%s”出错（%s 读取器：%r），该文件按无法读取处理", entry.rel_path, reader.name, exc)
        reason = f"文件无法读取（{type(exc).__name__}），可能已损坏，请重新提交"
    return ReadDocument(file=entry.rel_path, kind=entry.kind, readable=False, problem=reason)
