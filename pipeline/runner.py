"""Run a whole batch: applications in parallel processes, then the batch outputs.

Results are written to results.jsonl as each application finishes (in input order),
so memory does not grow with the batch beyond one light result (reuse.light_json) per
application, parsed only when the batch overview has to be drawn again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import queue
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import ExitStack
from datetime import date
from functools import partial
from pathlib import Path
from typing import TextIO

from . import progress as progress_module
from .cache import DEFAULT_MAX_MB, Cache, prune
from .check import load_ruleset
from .ingest import discover_batch
from .ingest.work import ocr_pages
from .models.common import Model
from .progress import Progress
from .registry.checks import RegistryView
from .render.common.config import (
    SettingsError,
    check_settings,
    keep_compiled_in,
    override_path,
    settings,
    use_settings_file,
)
from .render.common.dirnames import unique_dirnames
from .render.common.stamps import render_version
from .render.overview.overview import preload, write_overview
from .reuse import Finished, Task, outcome_key, reusable, ruleset_digest
from .review.runinfo import RunSettings, save_run_settings
from .review.store import StoreError, current_resolutions

log = logging.getLogger(__name__)


class RunError(Exception):
    """The batch cannot be processed at all; the message is Chinese."""


class BatchReport(Model):
    out: Path
    applications: int
    decisions: dict[str, int]
    reused: int = 0  # applications taken unchanged from the last run
    review_applied: int = 0  # resolutions of the review store applied
    review_stale: int = 0  # resolutions not applied: a source file changed since the person decided
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
    cache_max_mb: int = DEFAULT_MAX_MB,
    registry: RegistryView | None = None,
    progress_stream: TextIO | None = None,
) -> BatchReport:
    """Process every application of the batch at `input_path` into `out`.

    `cache_dir` None disables the cache (every file is read again, nothing is reused); after
    a run that wrote to it, it is pruned to `cache_max_mb`, least recently used files first.
    `registry` (what the registry knows, pipeline.registry.api) adds its checks once every
    application is done (pipeline.registry.batch).
    Progress goes to `progress_stream` (default stderr).
    """
    started, started_at = time.monotonic(), time.time()
    try:
        check_settings()  # before any work: a notice must never print an empty or placeholder setting
    except SettingsError as exc:
        raise RunError(str(exc)) from exc
    batch = discover_batch(input_path)
    ruleset = load_ruleset(ruleset_path)
    _prepare_out(out)
    try:
        review = current_resolutions(out)  # what a person concluded about flagged items (review store)
    except StoreError as exc:
        raise RunError(str(exc)) from exc
    dirnames = unique_dirnames([app.applicant_id for app in batch.applications])
    notice_numbers = _notice_numbers([app.applicant_id for app in batch.applications], as_of)
    progress = Progress(len(batch.applications), progress_stream)
    keep_compiled_in(cache_dir)
    render = render_version()
    rules = ruleset_digest(ruleset)
    decisions: dict[str, int] = {}
    ids: list[str] = []
    reused = review_applied = review_stale = 0
    lights: list[Finished] = []  # light results only (line dropped), parsed if the overview is drawn again
    results_path = out / "results.jsonl"

    def key_of(task: Task) -> str | None:
        if cache_dir is None:
            return None
        return outcome_key(task.pkg, task.app_dir.name, as_of, rules, render, task.review, task.notice_number)

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
                review=review.get(pkg.applicant_id, []),
                notice_number=notice_numbers[pkg.applicant_id],
            )
            for i, pkg in enumerate(batch.applications)
        ]
        overview = hashlib.sha256(render.encode())  # what the batch overview is made from
        for finished in _process_all(tasks, jobs, progress, Cache(cache_dir), render, key_of):
            jsonl.write(finished.line + "\n")
            jsonl.flush()
            overview.update(f"{dirnames[finished.applicant_id]}\0{finished.line}\0".encode())
            ids.append(finished.applicant_id)
            lights.append(finished.model_copy(update={"line": ""}))
            reused += finished.reused
            review_applied += finished.review_applied
            review_stale += finished.review_stale
            progress.done(finished.applicant_id, finished.decision)
    if registry is not None and ruleset.lifecycle is not None:
        from .registry.batch import check_batch

        app_dirs = {i: out / "applicants" / dirnames[i] for i in ids}
        lights = check_batch(results_path, lights, registry, ruleset, app_dirs)
        overview.update(registry.digest_text().encode())
        for light in lights:
            overview.update(light.light.encode())
    for light in lights:
        decisions[light.decision.value] = decisions.get(light.decision.value, 0) + 1
    overview.update("\0".join(batch.loose_files).encode())
    # pdf None: settings.yaml decides
    load = partial(map, Finished.overview_result, lights)
    write_overview(ids, load, out, dirnames, batch.loose_files, [], pdf=pdf, stamp=overview.hexdigest())
    progress.finish()
    save_run_settings(out, RunSettings(input=input_path, as_of=as_of, rules=ruleset_path, cache_dir=cache_dir,
                                       cache_max_mb=cache_max_mb, pdf=pdf, settings=override_path(),
                                       loose_files=batch.loose_files))
    if cache_dir is not None and reused < len(ids):  # an unchanged re-run wrote nothing
        prune(cache_dir, cache_max_mb * 2**20, keep_since=started_at)
    return BatchReport(
        out=out,
        applications=len(ids),
        decisions=decisions,
        reused=reused,
        review_applied=review_applied,
        review_stale=review_stale,
        loose_files=batch.loose_files,
        seconds=round(time.monotonic() - started, 2),
    )


def _notice_numbers(ids: list[str], as_of: date) -> dict[str, str]:
    """The 文号 of every application's 补正通知: numbered in the order of the applicant ids (the
    batch's folders by name), so the same batch gets the same numbers on every re-run."""
    from .render.common.texts import issue_date

    cfg = settings()
    year = issue_date(as_of).year
    return {i: cfg.notice_number(year, n) for n, i in enumerate(sorted(ids), cfg.notice_number_start)}


def _prepare_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"输出目录无法写入：{out}（{exc.strerror or exc}）") from exc


def _process_all(
    tasks: list[Task], jobs: int, progress: Progress, cache: Cache, render: str, key_of: Callable[[Task], str | None]
) -> Iterator[Finished]:
    """Every application's outcome in input order: reused from the last run, or made by a worker.

    The main process checks the applications in order (hashing their files), then hands those
    that changed to the workers, the most OCR work first (images and text-less PDF pages,
    counted at ingest): a long scanned application started last would leave the other
    workers idle at the end. A re-run that changed nothing starts no worker.
    """
    slots: list[Finished | Future | Task] = []
    for task in tasks:
        task.outcome_key = key_of(task)
        found = reusable(task, cache, render)
        slots.append(found if found is not None else task)
    changed = [n for n, slot in enumerate(slots) if isinstance(slot, Task)]
    with ExitStack() as stack:
        pool: _Pool | None = None
        if jobs > 1 and changed:
            pool = stack.enter_context(_Pool(min(jobs, len(changed)), progress))
            work = {n: ocr_pages(tasks[n].pkg) for n in changed}
            for n in sorted(changed, key=lambda n: -work[n]):  # stable: equal work keeps input order
                slots[n] = pool.submit(tasks[n])
            preload()  # while the workers are busy: what a changed overview will need
            for slot in slots:
                if isinstance(slot, Finished):
                    slot.overview_result()
        for slot in slots:
            if isinstance(slot, Finished):
                yield slot
            elif isinstance(slot, Task):
                yield _in_process(slot, progress)
            else:
                assert pool is not None
                yield pool.wait(slot)


def _in_process(task: Task, progress: Progress) -> Finished:
    from .worker import process_and_render

    progress_module._callback = progress.reading_file
    try:
        return process_and_render(task)
    finally:
        progress_module._callback = None


def _start_worker(reports, workers: int) -> None:
    """Pool initializer: where this worker reports progress; its OCR engine's share of the cores.

    The stages are loaded with the first task (`_work`), not here and not before the fork:
    the main process goes on checking the batch meanwhile, and a worker that gets no task
    (a re-run with one application changed starts two) takes no CPU from the one that does."""
    from .read.ocr_engine import share_cores

    progress_module.init_worker(reports)
    share_cores(workers)


def _work(task: Task) -> Finished:
    from .worker import process_and_render

    return process_and_render(task)


class _Pool:
    """Worker processes, and the queue through which they report the file they are reading."""

    def __init__(self, workers: int, progress: Progress):
        context = multiprocessing.get_context()
        self.progress = progress
        self.reports = context.Queue() if progress.live else None
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(self.reports, workers)
        )

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.executor.shutdown()

    def submit(self, task: Task) -> Future:
        return self.executor.submit(_work, task)

    def wait(self, future: Future) -> Finished:
        while True:
            try:
                return future.result(timeout=0.25)
            except FuturesTimeout:
                _drain(self.reports, self.progress)


def _drain(reports, progress: Progress) -> None:
    while reports is not None:
        try:
            progress.reading_file(*reports.get_nowait())
        except queue.Empty:
            return


def rerun(out: Path, jobs: int = 1) -> BatchReport:
    """Run the pre-screen into `out` again with the parameters of its last run (one process:
    only the applications whose files or resolutions changed are processed again)."""
    from .review.runinfo import RUN_FILE, load_run_settings
    from .review.wording import wording

    run = load_run_settings(out)
    if run is None:
        raise RunError(wording().message("rerun_unavailable", reason=out / RUN_FILE))
    if not run.input.exists():
        raise RunError(wording().message("rerun_unavailable", reason=run.input))
    if run.settings is not None and override_path() is None:  # the documents keep the last run's settings
        use_settings_file(run.settings)
    return run_batch(run.input, out, run.as_of, jobs=jobs, ruleset_path=run.rules, cache_dir=run.cache_dir,
                     pdf=run.pdf, cache_max_mb=run.cache_max_mb, progress_stream=io.StringIO())
