"""Legacy binary Office files (.doc/.xls/.wps/.et): identify, then convert or read.

OLE2 containers hold Word or Excel binary documents (Kingsoft's .wps/.et too) or an
encrypted OOXML package. Word files are converted to .docx with LibreOffice headless,
each worker process with its own profile (two conversions sharing a profile fail
silently); Excel files are read with xlrd, falling back to LibreOffice.
"""

from __future__ import annotations

import atexit
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import olefile

from .errors import ReadFailure
from .tools import soffice_path

CONVERT_TIMEOUT_S = 120


def ole2_subtype(path: Path) -> str:
    """One of word, excel, encrypted, other, broken."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir()}
            if "encryptioninfo" in streams or "encryptedpackage" in streams:
                return "encrypted"
            if "worddocument" in streams:
                return "encrypted" if _word_encrypted(ole.openstream("WordDocument").read(64)) else "word"
            if "workbook" in streams or "book" in streams:
                name = "Workbook" if "workbook" in streams else "Book"
                return "encrypted" if _excel_encrypted(ole.openstream(name).read(4096)) else "excel"
            return "other"
    except (OSError, ValueError, struct.error):
        return "broken"


def _word_encrypted(fib: bytes) -> bool:
    # FIB base: flags word at offset 0x0A, fEncrypted is bit 0x0100
    return len(fib) >= 12 and bool(struct.unpack_from("<H", fib, 0x0A)[0] & 0x0100)


def _excel_encrypted(head: bytes) -> bool:
    # A FILEPASS record (0x002F) near the start of the workbook stream means a password
    pos = 0
    while pos + 4 <= len(head):
        rtype, length = struct.unpack_from("<HH", head, pos)
        if rtype == 0x002F:
            return True
        if rtype == 0x000A:  # EOF of the globals substream
            return False
        pos += 4 + length
    return False


def libreoffice_available() -> bool:
    return soffice_path() is not None


_profile_root: Path | None = None


@contextmanager
def profile_root(directory: Path) -> Iterator[None]:
    """Keep LibreOffice profiles under a folder the pipeline owns and removes (the batch's
    temp folder) for the duration of a block: worker processes end without running
    atexit handlers, so the profiles must live somewhere that is cleaned up anyway."""
    global _profile_root
    saved, _profile_root = _profile_root, directory
    try:
        yield
    finally:
        _profile_root = saved


def _profile_dir() -> Path:
    """One LibreOffice profile per process: two conversions sharing a profile fail silently."""
    return _profile_dir_of(os.getpid(), _profile_root)  # forked workers must not inherit the parent's


@cache
def _profile_dir_of(pid: int, root: Path | None) -> Path:
    if root is not None:
        path = root / f"lo-profile-{pid}"
        path.mkdir(parents=True, exist_ok=True)
        return path
    path = Path(tempfile.mkdtemp(prefix=f"nx-prescreen-lo-{pid}-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def convert(source: Path, source_ext: str, target_ext: str, workdir: Path) -> Path:
    """Convert `source` (read as `source_ext`) to `target_ext` inside `workdir`."""
    soffice = soffice_path()
    if soffice is None:
        raise ReadFailure(
            "旧版 Office/WPS 格式需要 LibreOffice 才能读取，本机未安装（可运行 scripts/install.sh 安装）；"
            "或请申报单位另存为 .docx/.xlsx 或 PDF 后提交"
        )
    staged = workdir / f"input.{source_ext}"
    shutil.copyfile(source, staged)
    cmd = [
        soffice,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target_ext,
        "--outdir",
        str(workdir),
        str(staged),
    ]
    try:
        subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False, cwd=workdir)
    except subprocess.TimeoutExpired as exc:
        raise ReadFailure(
            f"旧版 Office/WPS 文件转换超时（超过 {CONVERT_TIMEOUT_S} 秒），请另存为 .docx/.xlsx 后提交"
        ) from exc
    target = workdir / f"input.{target_ext}"
    if not target.exists() or target.stat().st_size == 0:
        raise ReadFailure("旧版 Office/WPS 文件无法转换（文件可能已损坏或加密），请另存为 .docx/.xlsx 或 PDF 后提交")
    return target
