"""Ingest stage: find the applications of a batch and list (or safely extract) their files."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..models import ApplicationPackage, Batch, FileEntry, FileKind, NotRead, OpenedApplication
from .limits import DEFAULT_LIMITS, IngestLimits, is_junk
from .sniff import extension_mismatch, sniff_kind
from .zips import extract_zip, too_deep, too_many

__all__ = ["IngestError", "discover_batch", "open_application"]


class IngestError(Exception):
    """The input cannot be processed at all (the CLI prints the Chinese message)."""


def _is_zip(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".zip"


def discover_batch(input_path: Path) -> Batch:
    """Every direct child folder or .zip of a batch folder is one application.

    A single .zip is one application. A folder is itself one application when it has
    no child folder or zip, or when its own documents outnumber its child folders and
    zips (an application with sub-folders such as 申报材料/); a batch's root holds at
    most a few loose files, which are reported.
    """
    if not input_path.exists():
        raise IngestError(f"输入路径不存在：{input_path}")
    if _is_zip(input_path):
        return Batch(
            root=input_path.parent,
            applications=[ApplicationPackage(applicant_id=input_path.stem, source=input_path, is_zip=True)],
        )
    if not input_path.is_dir():
        raise IngestError(f"输入必须是申报批次文件夹、单个申报文件夹或 .zip 压缩包：{input_path}")
    children = sorted(input_path.iterdir(), key=lambda p: p.name)
    apps: list[ApplicationPackage] = []
    loose: list[str] = []
    for child in children:
        if child.is_symlink():
            loose.append(child.name)
        elif child.is_dir():
            apps.append(ApplicationPackage(applicant_id=child.name, source=child))
        elif _is_zip(child):
            apps.append(ApplicationPackage(applicant_id=child.stem, source=child, is_zip=True))
        elif not is_junk(child.name):
            loose.append(child.name)
    documents = [name for name in loose if (input_path / name).is_file()]
    if not apps and not documents:
        raise IngestError(f"输入文件夹中没有任何申报材料：{input_path}")
    if not apps or len(documents) > max(len(apps), 1):
        return Batch(
            root=input_path.parent,
            applications=[ApplicationPackage(applicant_id=input_path.name, source=input_path)],
        )
    return Batch(root=input_path, applications=apps, loose_files=loose)


def open_application(
    pkg: ApplicationPackage, workspace: Path, limits: IngestLimits = DEFAULT_LIMITS
) -> OpenedApplication:
    """List an application's files; zips (the package itself, or zips inside it up to
    `limits.max_zip_depth`) are extracted under `workspace`, which the caller owns."""
    opened = OpenedApplication(applicant_id=pkg.applicant_id)
    budget = _Budget(limits.max_total_bytes)
    if pkg.is_zip:
        try:
            pairs = _unzip(pkg.source, "", workspace / "zip", opened, limits, budget)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            opened.problems.append(
                f"申报压缩包“{pkg.source.name}”无法打开（文件损坏或不是有效的 zip 格式：{exc}），请重新打包提交"
            )
            return opened
    else:
        pairs = _walk_folder(pkg.source, opened, limits)
    _add_files(opened, pairs, workspace, limits, budget, depth=0)
    return opened


class _Budget:
    """Bytes an application may still extract, shared by all its nested zips."""

    def __init__(self, remaining: int):
        self.remaining = remaining


def _unzip(
    zip_path: Path, prefix: str, dest: Path, opened: OpenedApplication, limits: IngestLimits, budget: _Budget
) -> list[tuple[str, Path]]:
    extraction = extract_zip(zip_path, dest, limits, budget.remaining)
    budget.remaining -= extraction.bytes_written
    opened.skipped.extend(prefix + name for name in extraction.skipped)
    opened.not_read.extend(n.model_copy(update={"rel_path": prefix + n.rel_path}) for n in extraction.not_read)
    where = f"“{prefix.rstrip('/')}”中的" if prefix else ""
    opened.problems.extend(where + problem for problem in extraction.problems)
    return [(prefix + rel, disk) for rel, disk in extraction.files]


def _add_files(
    opened: OpenedApplication,
    pairs: list[tuple[str, Path]],
    workspace: Path,
    limits: IngestLimits,
    budget: _Budget,
    depth: int,
) -> None:
    for rel, disk in pairs:
        kind = sniff_kind(disk)
        if kind == FileKind.zip and depth < limits.max_zip_depth:
            dest = workspace / f"nested{depth}-{len(opened.files)}-{len(opened.skipped)}"
            try:
                inner = _unzip(disk, rel + "/", dest, opened, limits, budget)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                pass  # kept as a file: the zip reader reports it unreadable
            else:
                _add_files(opened, inner, workspace, limits, budget, depth + 1)
                continue
        elif kind == FileKind.zip:
            opened.problems.append(f"“{rel}”：压缩包嵌套层数超过 {limits.max_zip_depth} 层，未继续解压")
        if len(opened.files) >= limits.max_files:
            _not_read(opened, limits, rel, too_many(limits))
            continue
        opened.files.append(
            FileEntry(
                rel_path=rel,
                disk_path=disk,
                size=disk.stat().st_size,
                kind=kind,
                extension_kind_mismatch=extension_mismatch(rel, kind),
            )
        )


def _not_read(opened: OpenedApplication, limits: IngestLimits, rel: str, reason: str) -> None:
    """List a file a limit keeps from being read; past max_listed, say how many more there are."""
    if len(opened.not_read) < limits.max_listed:
        opened.not_read.append(NotRead(rel_path=rel, reason=reason))
    elif not any(p.startswith("未列出") for p in opened.problems):
        opened.problems.append(f"未列出：申报包中的文件超过 {limits.max_listed} 个，其余文件既未读取也未列出")


def _walk_folder(root: Path, opened: OpenedApplication, limits: IngestLimits) -> list[tuple[str, Path]]:
    """Files to read; files past the depth or count limit are listed as not read. Below
    max_list_depth a folder is reported by its own path (its content is not even listed)."""
    pairs: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root)
        depth = len(rel_dir.parts)
        for d in list(dirnames):
            if (here / d).is_symlink():
                opened.problems.append(f"“{(here / d).relative_to(root).as_posix()}”是符号链接，已忽略")
                dirnames.remove(d)
        if depth >= limits.max_list_depth:
            reason = f"文件夹层级过深（超过 {limits.max_list_depth} 层），其下内容未读取也未列出"
            opened.not_read.append(NotRead(rel_path=rel_dir.as_posix() + "/", reason=reason))
            dirnames.clear()
            continue
        dirnames.sort()
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if is_junk(rel):
                opened.skipped.append(rel)
            elif path.is_symlink():
                opened.problems.append(f"“{rel}”是符号链接，已忽略")
            elif depth > limits.max_depth:
                _not_read(opened, limits, rel, too_deep(limits))
            elif len(pairs) >= limits.max_files:
                _not_read(opened, limits, rel, too_many(limits))
            else:
                pairs.append((rel, path))
    return pairs
