"""OCR results cached by file content, so a re-run does not OCR the same scan again.

One JSON file per (content hash, engine signature): every page OCR'd so far, by page
number. The folder is, in order: the `directory` argument, `use_cache_dir()`, the environment variable
named in data/ocr.yaml (NX_PRESCREEN_OCR_CACHE; "off" disables the cache), then
$XDG_CACHE_HOME/nx-prescreen/ocr or ~/.cache/nx-prescreen/ocr. A cache that cannot be
read or written is skipped silently (OCR simply runs again).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from ..cache import touch
from ..models import OcrPage
from . import ocr_engine as oe

log = logging.getLogger(__name__)

PREPROCESS_VERSION = "4"  # bump when pre-processing or line grouping changes what a page yields


_configured: Path | None = None
_disabled = False


def use_cache_dir(directory: Path | str | None, enabled: bool = True) -> None:
    """Set the OCR cache folder for this process (e.g. `<--cache-dir>/ocr`, called in each worker);
    `enabled=False` switches the cache off. Overrides the environment variable."""
    global _configured, _disabled
    _configured = Path(directory) if directory is not None else None
    _disabled = not enabled


@contextmanager
def cache_settings(directory: Path | str | None, enabled: bool = True) -> Iterator[None]:
    """`use_cache_dir` for the duration of a block (a batch run inside a longer-lived process)."""
    global _configured, _disabled
    saved = (_configured, _disabled)
    use_cache_dir(directory, enabled)
    try:
        yield
    finally:
        _configured, _disabled = saved


def cache_dir(directory: Path | str | None = None) -> Path | None:
    if directory is not None:
        return Path(directory)
    if _disabled:
        return None
    if _configured is not None:
        return _configured
    configured = os.environ.get(oe.ocr_settings().cache_env, "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nx-prescreen" / "ocr"


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class OcrCache:
    """The cached pages of one file; `get`/`put` by 1-based page number, `save` writes once."""

    def __init__(self, path: Path, directory: Path | str | None = None, kind: oe.InputKind = "image"):
        folder = cache_dir(directory)
        self.file: Path | None = None
        self.pages: dict[int, OcrPage] = {}
        self.dirty = False
        if folder is None:
            return
        try:
            key = content_hash(path)
        except OSError:
            return
        read_as = f"{oe.signature()}|{oe.reading_settings(kind)}|{PREPROCESS_VERSION}"
        sig = hashlib.sha256(read_as.encode()).hexdigest()[:12]
        self.file = folder / key[:2] / f"{key}-{sig}.json"
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
            self.pages = {int(n): OcrPage.model_validate(page) for n, page in raw.items()}
        except (OSError, ValueError, ValidationError):
            self.pages = {}
        else:
            touch(self.file)

    def get(self, page: int) -> OcrPage | None:
        return self.pages.get(page)

    def put(self, page: int, result: OcrPage) -> None:
        self.pages[page] = result
        self.dirty = True

    def save(self) -> None:
        if self.file is None or not self.dirty:
            return
        data = {str(n): page.model_dump(mode="json") for n, page in sorted(self.pages.items())}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.file.parent, delete=False, suffix=".tmp"
            ) as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(fh.name, self.file)  # atomic: parallel workers never see half a file
            self.dirty = False
        except OSError as exc:
            log.info("OCR cache not written (%s): %s", self.file, exc)
