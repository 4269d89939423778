"""Determinism helpers: fixed zip member dates for Office files and application zips."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

FIXED_ZIP_DATE = (2026, 4, 20, 9, 0, 0)
FIXED_ISO = "2026-04-20T09:00:00Z"
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _zipinfo(name: str, info_class: type[zipfile.ZipInfo] = zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = info_class(name, date_time=FIXED_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def repack(data: bytes) -> bytes:
    """Re-write an OOXML package with fixed member dates and fixed core-property dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _CORE_DATE.sub(rb"\g<1>" + FIXED_ISO.encode() + rb"\g<3>", content)
            dst.writestr(_zipinfo(item.filename), content)
    return out.getvalue()


class _GbkZipInfo(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag (Chinese Windows)."""

    __slots__ = ()

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path: Path, members: dict[str, bytes], names: str = "utf-8") -> None:
    """Write an application .zip (explicit folder entries, fixed dates); member names are
    UTF-8 flagged, or with ``names="gbk"`` GBK bytes without the flag."""
    info_class = _GbkZipInfo if names == "gbk" else zipfile.ZipInfo
    folders: list[str] = []
    for name in members:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i]) + "/"
            if folder not in folders:
                folders.append(folder)
    with zipfile.ZipFile(path, "w") as zf:
        for folder in folders:
            info = info_class(folder, date_time=FIXED_ZIP_DATE)
            info.external_attr = 0o40755 << 16 | 0x10
            zf.writestr(info, b"")
        for name, data in members.items():
            zf.writestr(_zipinfo(name, info_class), data)
