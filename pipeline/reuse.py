"""Skip an application whose files, code, rules, date and outputs are all as the last run left them.

The runner asks `reusable` in the main process before it starts any worker: a re-run of
an unchanged batch then costs a hash of the input files and a few file checks per
application, not a worker's reading, checking and rendering. What an application
finished with is kept in the cache (kind "outcome") under a key that names everything
its results.jsonl line and documents are made from; the outputs under OUT are trusted
only while their own stamps still match that line.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import date
from pathlib import Path

from pydantic import Field, PrivateAttr

from .cache import Cache, code_version, file_digest, text_digest
from .check.ruleset import RuleSet
from .ingest.limits import DEFAULT_LIMITS
from .models import ApplicationPackage, ApplicationResult, Decision, Resolution
from .models.common import Model
from .read.tools import tools_signature
from .render.common.sources import SourceCopies, copies_current
from .render.common.stamps import APP_DOCUMENTS, APP_STAMP, is_current

WHOLE_PACKAGE = ("",)  # code_version scope: every source and data file of the pipeline


class Finished(Model):
    """An application done: its results.jsonl line and what the batch needs besides."""

    applicant_id: str
    decision: Decision
    line: str
    light: str  # light_json() of the result: what the batch overview reads
    copies: SourceCopies = Field(default_factory=SourceCopies)
    reused: bool = False  # taken from the last run (set by `reusable`, never stored as True)
    review_applied: int = 0  # resolutions of the review store applied to it
    review_stale: int = 0  # resolutions set aside because a source file changed since
    _overview: ApplicationResult | None = PrivateAttr(default=None)

    def overview_result(self) -> ApplicationResult:
        """The light result, parsed once."""
        if self._overview is None:
            self._overview = ApplicationResult.model_validate_json(self.light)
        return self._overview


def light_json(result: ApplicationResult) -> str:
    """The result without candidates, narratives and list rows (half the size, a third of the
    parsing time): the batch overview needs none of them."""
    fields = {k: v.model_copy(update={"candidates": []}) for k, v in result.fields.items()}
    return result.model_copy(update={"fields": fields, "narratives": [], "lists": []}).model_dump_json()


class Task(Model):
    """One application for a worker, with the key its outcome is kept under (None: not kept)."""

    pkg: ApplicationPackage
    as_of: date
    ruleset: RuleSet
    workspace: Path
    app_dir: Path
    cache_dir: Path | None
    review: list[Resolution] = Field(default_factory=list)  # the review store's current resolutions for it
    notice_number: str | None = None  # the 文号 of its 补正通知, given by the batch in its order
    outcome_key: str | None = None


def outcome_key(
    pkg: ApplicationPackage,
    dirname: str,
    as_of: date,
    ruleset_digest: str,
    render: str,
    review: list[Resolution] = (),
    notice_number: str | None = None,
) -> str:
    """Everything an application's line and documents depend on (render: render_version()),
    the resolutions a person made about it included: a new one makes the last outcome obsolete."""
    return text_digest(
        "outcome",
        code_version(WHOLE_PACKAGE),
        tools_signature(),
        render,
        ruleset_digest,
        as_of.isoformat(),
        pkg.applicant_id,
        dirname,
        package_fingerprint(pkg),
        *sorted(r.model_dump_json() for r in review),
        notice_number or "",
    )


def ruleset_digest(ruleset: RuleSet) -> str:
    return text_digest(ruleset.model_dump_json())


def package_fingerprint(pkg: ApplicationPackage) -> str:
    """A digest of the package's content: the zip's bytes, or every entry of the folder.

    A file too large to be read at all is named by its size and modification time, so a
    hostile package costs no time; its content cannot change the result.
    """
    digest = hashlib.sha256()
    if pkg.is_zip:
        digest.update(b"zip\0" + _entry_digest(pkg.source).encode())
        return digest.hexdigest()
    root = pkg.source
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            digest.update(f"{rel}\0{_entry_digest(path)}\0".encode())
    return digest.hexdigest()


def _entry_digest(path: Path) -> str:
    try:
        info = path.lstat()
    except OSError as exc:
        return f"error:{exc.errno}"
    if stat.S_ISLNK(info.st_mode):
        return f"link:{os.readlink(path)}"
    if stat.S_ISDIR(info.st_mode):
        return "dir"
    if not stat.S_ISREG(info.st_mode):
        return f"special:{stat.S_IFMT(info.st_mode)}"
    if info.st_size > DEFAULT_LIMITS.max_file_bytes:
        return f"large:{info.st_size}:{info.st_mtime_ns}"
    try:
        return file_digest(path)
    except OSError as exc:
        return f"error:{exc.errno}"


def reusable(task: Task, cache: Cache, render: str) -> Finished | None:
    """The outcome of the last run, when it and every output it wrote are still in place."""
    if task.outcome_key is None:
        return None
    finished = cache.get("outcome", task.outcome_key, Finished)
    if finished is None:
        return None
    documents = is_current(task.app_dir, APP_STAMP, text_digest(render, finished.line), APP_DOCUMENTS)
    if documents and copies_current(finished.copies, task.app_dir / "files"):
        return finished.model_copy(update={"reused": True})
    return None
