"""A content-addressed cache of stage results on disk.

Entries are JSON dumps of pydantic models under `<root>/<kind>/<k[:2]>/<k>.json`,
where the key hashes the input's content together with the version of the code
that produced it (the sources and data of the stages involved; never the rules,
which only the check stage reads, so a rules change re-runs only the checks). An
entry that cannot be parsed or validated is deleted and recomputed, never trusted. Writes go to a temporary file first and
are renamed into place, so parallel workers never see half an entry.

The folder is bounded: an entry's modification time is renewed whenever it is used, and
after a run that wrote to it, `prune` deletes the least recently used files while the folder
is over its limit (a season of re-runs and program updates would otherwise only add).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

PACKAGE = Path(__file__).resolve().parent
# Package data (shipped in the wheel): the jinja2 pages, their style sheet and the docxtpl templates.
TEMPLATES = PACKAGE / "render" / "templates"
_CHUNK = 1024 * 1024
DEFAULT_MAX_MB = 2048  # --cache-max-mb
_PRUNE_TO = 0.8  # a pruned folder keeps this share of its limit, so not every run prunes again
_CLOCK_SLACK = 2.0  # seconds: file times may lag the clock a little


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nx-prescreen"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def text_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# What each cached result depends on, as paths relative to the package. Reading,
# classifying and extracting do not depend on the rules or on how documents look.
# privacy/mask.py decides which files carry personal data (Analysis.personal), privacy/regions.py
# where in their PDFs and scans (Analysis.redactions).
ANALYSIS_CODE = (
    "models/",
    "ingest/",
    "read/",
    "classify/",
    "extract/",
    "reference.py",
    "process.py",
    "data/",
    "privacy/mask.py",
    "privacy/regions.py",
)
RENDER_CODE = ("models/", "privacy/", "render/", "review/", "data/", "runner.py", "worker.py")
_NOT_ANALYSIS = (
    "data/rules/",
    "data/settings.yaml",
    "data/labels_zh.yaml",
    "data/scoring.yaml",
    "data/review.yaml",
)


@cache
def code_version(scope: tuple[str, ...] = ANALYSIS_CODE) -> str:
    """Hash of the package sources under `scope` (the rules excluded for the analysis)."""
    digest = hashlib.sha256()
    sources = sorted(p for p in PACKAGE.rglob("*") if p.suffix in {".py", ".yaml"} and p.is_file())
    for path in sources:
        rel = path.relative_to(PACKAGE).as_posix()
        if not rel.startswith(scope) or (scope == ANALYSIS_CODE and rel.startswith(_NOT_ANALYSIS)):
            continue
        digest.update(rel.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def templates_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        digest.update(path.relative_to(TEMPLATES).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def touch(path: Path) -> None:
    """Renew an entry's modification time: it was just used, `prune` keeps it longest."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(root: Path, max_bytes: int, keep_since: float) -> int:
    """Delete the least recently used files under `root`'s subfolders until they hold at most
    80 % of `max_bytes`; returns the bytes freed. Files used or written since `keep_since`
    (a time.time() value: the current run's start) stay whatever the size, and so do the
    files at the top of the folder (jieba's compiled dictionary)."""
    entries: list[tuple[float, int, str]] = []
    try:
        tops = [entry.path for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for top in tops:
        for dirpath, _dirnames, filenames in os.walk(top):
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                entries.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    if total <= max_bytes:
        return 0
    freed = 0
    for mtime, size, path in sorted(entries):
        if total - freed <= max_bytes * _PRUNE_TO or mtime >= keep_since - _CLOCK_SLACK:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        freed += size
    log.info("缓存目录超过 %d MB，已删除最久未用的 %.0f MB", max_bytes // 2**20, freed / 2**20)
    return freed


class Cache:
    """Get and put pydantic models by key; a Cache(None) is disabled and stores nothing."""

    def __init__(self, root: Path | None):
        self.root = root
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str, model: type[M]) -> M | None:
        if self.root is None:
            return None
        path = self._path(kind, key)
        try:
            value = model.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, ValidationError) as exc:
            log.warning("缓存条目已损坏，已丢弃并重新计算：%s（%s）", path, exc)
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        self.hits += 1
        touch(path)
        return value

    def put(self, kind: str, key: str, value: BaseModel) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                fh.write(value.model_dump_json().encode("utf-8"))
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only cache disk must not fail the batch
            log.warning("无法写入缓存（不影响本次结果）：%s（%s）", path, exc)
