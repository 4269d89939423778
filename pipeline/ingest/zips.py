"""Safe extraction of an application zip into the pipeline's own workspace.

Member names are decoded per member (flagged UTF-8, else UTF-8, else GB18030: zips
from Chinese Windows carry GBK bytes without the flag), paths that would escape the
workspace are refused, and sizes are counted while streaming rather than trusted
from the headers.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..models import NotRead
from .limits import DEFAULT_LIMITS, IngestLimits, is_junk

_UTF8_FLAG = 0x800
_CHUNK = 1024 * 1024


class ZipLimitExceeded(Exception):
    """Raised when a member grows past the size or ratio limit while streaming."""


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: Python decodes unflagged names as cp437."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def safe_relative(name: str) -> str | None:
    """Normalise a member name to a relative POSIX path, or None if it escapes."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


@dataclass
class ZipExtraction:
    files: list[tuple[str, Path]] = field(default_factory=list)  # (rel_path, disk_path)
    skipped: list[str] = field(default_factory=list)  # junk member names
    problems: list[str] = field(default_factory=list)  # Chinese
    not_read: list[NotRead] = field(default_factory=list)  # members listed but not extracted
    bytes_written: int = 0


def extract_zip(
    zip_path: Path, dest: Path, limits: IngestLimits = DEFAULT_LIMITS, budget: int | None = None
) -> ZipExtraction:
    """Extract the regular members of `zip_path` under `dest`, writing at most `budget` bytes.

    Raises zipfile.BadZipFile (or OSError) when the archive itself cannot be opened.
    """
    result = ZipExtraction()
    files, skipped, problems = result.files, result.skipped, result.problems
    budget = limits.max_total_bytes if budget is None else budget
    total = 0
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            name = member_name(info)
            if info.is_dir():
                continue
            rel = safe_relative(name)
            if rel is None:
                problems.append(f"压缩包成员“{name}”的路径指向压缩包以外（绝对路径或“..”），已拒绝解压")
                continue
            if is_junk(rel):
                skipped.append(rel)
                continue
            if _is_symlink(info):
                problems.append(f"压缩包成员“{rel}”是符号链接，已忽略")
                continue
            if len(files) >= limits.max_files:
                if len(result.not_read) < limits.max_listed:
                    result.not_read.append(NotRead(rel_path=rel, reason=too_many(limits)))
                continue
            if rel.count("/") > limits.max_depth:
                result.not_read.append(NotRead(rel_path=rel, reason=too_deep(limits)))
                continue
            target = dest / rel
            try:
                written = _stream_member(zf, info, target, limits, budget - total)
            except ZipLimitExceeded as exc:
                target.unlink(missing_ok=True)
                problems.append(f"压缩包成员“{rel}”{exc}，疑似压缩炸弹，已停止解压该成员")
                result.not_read.append(NotRead(rel_path=rel, reason=f"{exc}，疑似压缩炸弹，未解压"))
                continue
            except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, EOFError, ValueError, NotImplementedError) as exc:
                target.unlink(missing_ok=True)
                problems.append(f"压缩包成员“{rel}”无法解压（{_reason(exc)}），请重新打包提交")
                result.not_read.append(NotRead(rel_path=rel, reason=f"无法从压缩包中解压（{_reason(exc)}）", limit=False))
                continue
            total += written
            files.append((rel, target))
    result.bytes_written = total
    return result


def _stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: IngestLimits, budget: int) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    cap = min(limits.max_file_bytes, budget)
    ratio_cap = max(info.compress_size, 1) * limits.max_ratio
    written = 0
    with zf.open(info) as src, target.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > cap:
                raise ZipLimitExceeded(f"解压后超过大小上限（{cap // (1024 * 1024)} MB）")
            if written > ratio_cap and written > _CHUNK:
                raise ZipLimitExceeded(f"压缩比超过上限（{limits.max_ratio:.0f} 倍）")
            dst.write(chunk)
    return written


def too_many(limits: IngestLimits) -> str:
    return f"申报包文件数超过上限（{limits.max_files} 个），该文件未读取"


def too_deep(limits: IngestLimits) -> str:
    return f"文件夹层级过深（超过 {limits.max_depth} 层），该文件未读取"


def _reason(exc: Exception) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "该成员已加密，需要密码"
    return "文件已损坏"


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
