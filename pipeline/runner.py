"""Run a whole batch: applications in parallel processes, then the batch outputs.

Results are written to results.jsonl as each application finishes (in input order),
so memory does not grow with the batch beyond one light result per application.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from datetime import date
from functools import partial
from pathlib import Path

from . import progress as progress_module
from .cache import Cache
from .check import load_ruleset
from .ingest import discover_batch
from .models import ApplicationResult
from .models.common import Model
from .progress import Progress
from .render.dirnames import unique_dirnames
from .render.stamps import render_version
from .reuse import Finished, Task, outcome_key, reusable, ruleset_digest

log = logging.getLogger(__name__)


class RunError(Exception):
    """The batch cannot be processed at all; the message is Chinese."""


class BatchReport(Model):
    out: Path
    applications: int
    decisions: dict[str, int]
    loose_files: list[str]
    seconds: float


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

    `cache_dir` None disables the cache (every file is read again, nothing is reused).
    """
    started = time.monotonic()
    batch = discover_batch(input_path)
    ruleset = load_ruleset(ruleset_path)
    _prepare_out(out)
    dirnames = unique_dirnames([app.applicant_id for app in batch.applications])
    progress = Progress(len(batch.applications))
    render = render_version()
    rules = ruleset_digest(ruleset)
    decisions: dict[str, int] = {}
    ids: list[str] = []
    results_path = out / "results.jsonl"
    with (
        tempfile.TemporaryDirectory(prefix="nx-prescreen-") as tmp,
        results_path.open("w", encoding="utf-8") as jsonl,
    ):
        tasks = [
            Task(
                pkg=pkg,
                as_of=as_of,
                ruleset=ruleset,
                workspace=Path(tmp) / f"app{i}",
                app_dir=out / "applicants" / dirnames[pkg.applicant_id],
                cache_dir=cache_dir,
                outcome_key=outcome_key(pkg, dirnames[pkg.applicant_id], as_of, rules, render) if cache_dir else None,
            )
            for i, pkg in enumerate(batch.applications)
        ]
        overview = hashlib.sha256(render.encode())  # what the batch overview is made from
        for finished in _process_all(tasks, jobs, progress, Cache(cache_dir), render):
            jsonl.write(finished.line + "\n")
            jsonl.flush()
            overview.update(f"{dirnames[finished.applicant_id]}\0{finished.line}\0".encode())
            ids.append(finished.applicant_id)
            decisions[finished.decision.value] = decisions.get(finished.decision.value, 0) + 1
            progress.done(finished.applicant_id, finished.decision)
    overview.update("\0".join(batch.loose_files).encode())
    from .render.overview import write_overview

    # pdf None: settings.yaml decides
    load = partial(_light_results, results_path)  # read back only if the overview is drawn again
    write_overview(ids, load, out, dirnames, batch.loose_files, [], pdf=pdf, stamp=overview.hexdigest())
    progress.finish()
    return BatchReport(
        out=out,
        applications=len(ids),
        decisions=decisions,
        loose_files=batch.loose_files,
        seconds=round(time.monotonic() - started, 2),
    )


def _light_results(results_path: Path) -> Iterator[ApplicationResult]:
    """What the batch overview needs; narratives and list rows stay in results.jsonl."""
    with results_path.open(encoding="utf-8") as lines:
        for line in lines:
            result = ApplicationResult.model_validate_json(line)
            yield result.model_copy(update={"narratives": [], "lists": []})


def _prepare_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"输出目录无法写入：{out}（{exc.strerror or exc}）") from exc


def _process_all(tasks: list[Task], jobs: int, progress: Progress, cache: Cache, render: str) -> Iterator[Finished]:
    """Every application's outcome in input order: reused from the last run, or made by a worker."""
    reused = {i: found for i, task in enumerate(tasks) if (found := reusable(task, cache, render)) is not None}
    pending = [task for i, task in enumerate(tasks) if i not in reused]
    made = _work(pending, jobs, progress) if pending else iter(())
    for i in range(len(tasks)):
        yield reused[i] if i in reused else next(made)


def _work(tasks: list[Task], jobs: int, progress: Progress) -> Iterator[Finished]:
    from .worker import process_and_render, start_worker  # loaded before the pool forks, shared by its workers

    if jobs <= 1 or len(tasks) <= 1:
        progress_module._callback = progress.reading_file
        try:
            yield from map(process_and_render, tasks)
        finally:
            progress_module._callback = None
        return
    context = multiprocessing.get_context()
    reports = context.Queue() if progress.live else None
    workers = min(jobs, len(tasks))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=start_worker, initargs=(reports, workers)
    ) as pool:
        for future in [pool.submit(process_and_render, task) for task in tasks]:
            while True:
                try:
                    result = future.result(timeout=0.25)
                    break
                except FuturesTimeout:
                    _drain(reports, progress)
            yield result


def _drain(reports, progress: Progress) -> None:
    while reports is not None:
        try:
            progress.reading_file(*reports.get_nowait())
        except queue.Empty:
            return
