"""Run a whole batch: applications in parallel processes, then the batch outputs.

Results are written to results.jsonl as each application finishes (in input order),
so memory does not grow with the batch beyond one light result per application.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from datetime import date
from pathlib import Path

from . import progress as progress_module
from .cache import RENDER_CODE, Cache, code_version, templates_version, text_digest
from .check import RuleSet, load_ruleset
from .classify.keywords import use_cache_dir
from .ingest import discover_batch
from .models import ApplicationPackage, ApplicationResult
from .models.common import Model
from .process import process_application
from .progress import Progress, init_worker
from .read.legacy import profile_root
from .read.ocr_cache import cache_settings as ocr_cache_settings
from .read.ocr_engine import share_cores
from .read.settings import read_settings
from .render import render_application, render_batch, unique_dirnames
from .render.sources import copy_sources
from .render.stamps import APP_DOCUMENTS, APP_STAMP, is_current

log = logging.getLogger(__name__)


class RunError(Exception):
    """The batch cannot be processed at all; the message is Chinese."""


class BatchReport(Model):
    out: Path
    applications: int
    decisions: dict[str, int]
    loose_files: list[str]
    seconds: float


class _Task(Model):
    pkg: ApplicationPackage
    as_of: date
    ruleset: RuleSet
    workspace: Path
    app_dir: Path
    cache_dir: Path | None


def run_batch(
    input_path: Path,
    out: Path,
    as_of: date,
    jobs: int = 1,
    ruleset_path: Path | None = None,
    cache_dir: Path | None = None,
    pdf: bool | None = None,
) -> BatchReport:
    """Process every application of the batch at `input_path` into `out`.

    `cache_dir` None disables the cache (every file is read again).
    """
    started = time.monotonic()
    batch = discover_batch(input_path)
    ruleset = load_ruleset(ruleset_path)
    _prepare_out(out)
    dirnames = unique_dirnames([app.applicant_id for app in batch.applications])
    results: list[ApplicationResult] = []
    progress = Progress(len(batch.applications))
    with (
        tempfile.TemporaryDirectory(prefix="nx-prescreen-") as tmp,
        (out / "results.jsonl").open("w", encoding="utf-8") as jsonl,
    ):
        tasks = [
            _Task(
                pkg=pkg,
                as_of=as_of,
                ruleset=ruleset,
                workspace=Path(tmp) / f"app{i}",
                app_dir=out / "applicants" / dirnames[pkg.applicant_id],
                cache_dir=cache_dir,
            )
            for i, pkg in enumerate(batch.applications)
        ]
        overview = hashlib.sha256(_render_version().encode())  # what the batch overview is made from
        for result, line in _process_all(tasks, jobs, progress):
            jsonl.write(line + "\n")
            jsonl.flush()
            overview.update(f"{dirnames[result.applicant_id]}\0{line}\0".encode())
            results.append(_light(result))
            progress.done(result)
    overview.update("\0".join(batch.loose_files).encode())
    # pdf None: settings.yaml decides
    render_batch(results, out, dirnames, batch.loose_files, [], pdf=pdf, stamp=overview.hexdigest())
    progress.finish()
    decisions: dict[str, int] = {}
    for result in results:
        decisions[result.decision.value] = decisions.get(result.decision.value, 0) + 1
    return BatchReport(
        out=out,
        applications=len(results),
        decisions=decisions,
        loose_files=batch.loose_files,
        seconds=round(time.monotonic() - started, 2),
    )


def _light(result: ApplicationResult) -> ApplicationResult:
    """What the batch overview needs; narratives and list rows stay in results.jsonl."""
    return result.model_copy(update={"narratives": [], "lists": []})


def _prepare_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"输出目录无法写入：{out}（{exc.strerror or exc}）") from exc


def _process_all(tasks: list[_Task], jobs: int, progress: Progress) -> Iterator[tuple[ApplicationResult, str]]:
    if jobs <= 1 or len(tasks) <= 1:
        progress_module._callback = progress.reading_file
        try:
            yield from map(_process_and_render, tasks)
        finally:
            progress_module._callback = None
        return
    context = multiprocessing.get_context()
    reports = context.Queue() if progress.live else None
    workers = min(jobs, len(tasks))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(reports, workers)
    ) as pool:
        for future in [pool.submit(_process_and_render, task) for task in tasks]:
            while True:
                try:
                    result = future.result(timeout=0.25)
                    break
                except FuturesTimeout:
                    _drain(reports, progress)
            yield result


def _init_worker(reports, workers: int) -> None:
    """Pool initializer: where this worker reports progress; its OCR engine's share of the cores."""
    init_worker(reports)
    share_cores(workers)


def _drain(reports, progress: Progress) -> None:
    while reports is not None:
        try:
            progress.reading_file(*reports.get_nowait())
        except queue.Empty:
            return


def _render_version() -> str:
    """Rendered documents depend on the render code, the templates and the issue date."""
    return text_digest(code_version(RENDER_CODE), templates_version(), date.today().isoformat())


def _process_and_render(task: _Task) -> tuple[ApplicationResult, str]:
    """The application's result and its results.jsonl line (serialised once, here in the worker)."""
    use_cache_dir(task.cache_dir or task.workspace.parent)
    ocr_cache = task.cache_dir / "ocr" if task.cache_dir else None
    with profile_root(task.workspace.parent), ocr_cache_settings(ocr_cache, enabled=ocr_cache is not None):
        processed = process_application(task.pkg, task.as_of, task.ruleset, task.workspace, Cache(task.cache_dir))
    result = processed.result
    task.app_dir.mkdir(parents=True, exist_ok=True)
    copy_sources(
        processed.files,
        processed.digests,
        set(processed.personal),
        task.app_dir / "files",
        read_settings().max_file_mb * 1024 * 1024,
    )
    shutil.rmtree(task.workspace, ignore_errors=True)
    line = result.to_json_line()
    stamp = text_digest(_render_version(), line)
    stamp_file = task.app_dir / APP_STAMP
    if is_current(task.app_dir, APP_STAMP, stamp, APP_DOCUMENTS):
        return result, line
    try:
        render_application(result, task.app_dir)
        stamp_file.write_text(stamp, encoding="utf-8")
    except Exception as exc:  # a rendering bug must not cost the batch its other outputs
        log.exception("rendering %s failed", result.applicant_id)
        result.problems.append(f"生成评审材料或补正通知时出错（{type(exc).__name__}），请联系技术支持")
        stamp_file.unlink(missing_ok=True)
        line = result.to_json_line()
    return result, line
