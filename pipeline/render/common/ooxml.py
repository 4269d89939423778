"""Office Open XML packages (.docx, .xlsx) as zip members: read without decompressing,
written without compressing again what did not change.

zipfile can only write a member by compressing it; a template's 800 KB of styles or an
applicant's embedded photos would be deflated again on every copy. Here a member is kept
as its compressed bytes with the CRC and sizes, and `write_zip` lays a package out as
zipfile.ZipFile.writestr does (local headers, central directory; no zip64: packages are
far below 4 GB).
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_RAW_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_MAX = 0xFFFFFFFF

# Applicant XML: no external entities, no network, no entity expansion.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Member:
    """One zip member, compressed as `method` says (stored or deflated)."""

    name: str
    crc: int
    size: int
    method: int
    data: bytes
    date_time: tuple[int, int, int, int, int, int] | None = None  # None: when written

    @classmethod
    def deflated(cls, name: str, blob: bytes, date_time=None) -> Member:
        deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile does
        data = deflate.compress(blob) + deflate.flush()
        return cls(name, zlib.crc32(blob), len(blob), zipfile.ZIP_DEFLATED, data, date_time)

    def with_content(self, blob: bytes) -> Member:
        """The same member (name, time) with other content."""
        return Member.deflated(self.name, blob, self.date_time)


class Package:
    """An open zip package: its members in order, read (and decompressed) on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        self.infos = [info for info in self.zip.infolist() if not info.is_dir()]

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def names(self) -> list[str]:
        return [info.filename for info in self.infos]

    def members(self) -> list[Member]:
        """Every member as stored; one zipfile cannot copy raw (encrypted, other methods) is
        decompressed and deflated again."""
        out = []
        with self.path.open("rb") as fh:
            for info in self.infos:
                raw = _raw_data(fh, info)
                if raw is None:
                    out.append(Member.deflated(info.filename, self.zip.read(info), info.date_time))
                else:
                    out.append(Member(info.filename, info.CRC, info.file_size, info.compress_type, raw, info.date_time))
        return out

    def content_types(self) -> dict[str, str]:
        """Member name → content type, from [Content_Types].xml (overrides, then extension defaults)."""
        root = etree.fromstring(self.read("[Content_Types].xml"), PARSER)
        defaults, overrides = {}, {}
        for element in root:
            tag = etree.QName(element).localname
            if tag == "Default":
                defaults[(element.get("Extension") or "").lower()] = element.get("ContentType") or ""
            elif tag == "Override":
                overrides[(element.get("PartName") or "").lstrip("/")] = element.get("ContentType") or ""
        return {name: overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "") for name in self.names()}


def _raw_data(fh, info: zipfile.ZipInfo) -> bytes | None:
    if (
        info.flag_bits & 0x1
        or info.compress_type not in _RAW_METHODS
        or max(info.compress_size, info.file_size) >= _MAX
    ):
        return None
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != b"PK\x03\x04":
        return None
    name_length, extra_length = struct.unpack("<2H", header[26:30])
    fh.seek(info.header_offset + _LOCAL.size + name_length + extra_length)
    data = fh.read(info.compress_size)
    return data if len(data) == info.compress_size else None


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time[:6]
    return hour << 11 | minute << 5 | second // 2, max(year - 1980, 0) << 9 | month << 5 | day


def write_zip(target: Path, members: list[Member]) -> None:
    """Write `members` as a zip at `target`."""
    now = time.localtime()[:6]
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        raw_name = member.name.encode("utf-8")
        flags = 0 if raw_name.isascii() else 0x800
        dos_time, dos_date = _dos(member.date_time or now)
        fields = (flags, member.method, dos_time, dos_date, member.crc, len(member.data), member.size, len(raw_name))
        header = _LOCAL.pack(b"PK\x03\x04", 20, 0, *fields, 0) + raw_name
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, *fields, 0, 0, 0, 0, 0o600 << 16, offset) + raw_name)
        local += [header, member.data]
        offset += len(header) + len(member.data)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    target.write_bytes(b"".join([*local, directory, end]))


def xml_bytes(tree: etree._ElementTree) -> bytes:
    """A part serialised again, with the XML declaration it had."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=tree.docinfo.standalone)
