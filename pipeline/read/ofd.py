"""OFD reader (GB/T 33190, China's fixed-layout format used for e-invoices and e-licences).

An OFD file is a zip of XML parts: OFD.xml names the document root, Document.xml
lists the pages, and each page's Content.xml holds TextObject/TextCode elements.
Text is joined line by line (a new line where the baseline moves); parts are read
with a size cap and parsed with defusedxml, so a hostile package cannot expand.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ..models import FileEntry, FileKind, Location, ReadDocument, TextBlock
from .errors import ReadFailure
from .normalize import normalize_text

MAX_PART_BYTES = 20 * 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _part(zf: zipfile.ZipFile, name: str) -> Element:
    name = name.lstrip("/")
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ReadFailure("OFD 文件中的部件过大，疑似异常文件，未读取")
    return SafeET.fromstring(zf.read(info))


def _find(root: Element, name: str) -> list[Element]:
    return [el for el in root.iter() if _local(el.tag) == name]


def _page_text(content: Element) -> str:
    lines: list[str] = []
    last_y: float | None = None
    for obj in _find(content, "TextObject"):
        for code in _find(obj, "TextCode"):
            text = code.text or ""
            y = float(code.get("Y", "0") or 0) + float((obj.get("Boundary") or "0 0").split()[1])
            if last_y is not None and abs(y - last_y) < 1.0 and lines:
                lines[-1] += text
            else:
                lines.append(text)
            last_y = y
    return "\n".join(lines)


def read_ofd(entry: FileEntry) -> ReadDocument:
    try:
        with zipfile.ZipFile(entry.disk_path) as zf:
            root = _part(zf, "OFD.xml")
            doc_root = next((el.text for el in _find(root, "DocRoot") if el.text), None)
            if doc_root is None:
                raise ReadFailure("OFD 文件缺少文档入口（DocRoot），无法读取，请提交 PDF 版本")
            base = PurePosixPath(doc_root.lstrip("/")).parent
            document = _part(zf, doc_root)
            doc = ReadDocument(file=entry.rel_path, kind=FileKind.ofd)
            pages = [el.get("BaseLoc") for el in _find(document, "Page") if el.get("BaseLoc")]
            for number, loc in enumerate(pages, start=1):
                content = _part(zf, (base / loc).as_posix())
                doc.blocks.append(TextBlock(text=normalize_text(_page_text(content)), loc=Location(page=number)))
            doc.page_count = len(pages)
    except (zipfile.BadZipFile, KeyError, SafeET.ParseError, DefusedXmlException, ValueError, IndexError) as exc:
        raise ReadFailure("OFD 文件已损坏或结构不完整，无法读取，请提交 PDF 版本") from exc
    if not any(b.text for b in doc.blocks):
        doc.problem = "OFD 文件没有可读取的文字（可能是图片版），内容未自动核验"
    return doc
