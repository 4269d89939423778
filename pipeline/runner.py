"""Run a whole batch: applications in parallel processes, then the batch outputs."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from .check import RuleSet, load_ruleset
from .ingest import discover_batch
from .models import ApplicationPackage, ApplicationResult, Batch
from .models.common import Model
from .process import ProcessedApplication, process_application
from .render import render_application, render_batch, unique_dirnames
from .render.config import labels

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
) -> BatchReport:
    started = time.monotonic()
    batch = discover_batch(input_path)
    ruleset = load_ruleset(ruleset_path)
    _prepare_out(out)
    dirnames = unique_dirnames([app.applicant_id for app in batch.applications])
    results: list[ApplicationResult] = []
    with tempfile.TemporaryDirectory(prefix="nx-prescreen-") as tmp:
        for n, result in enumerate(_process_all(batch, as_of, ruleset, Path(tmp), out, dirnames, jobs), 1):
            results.append(result)
            _progress(n, len(batch.applications), result)
    with (out / "results.jsonl").open("w", encoding="utf-8") as fh:
        for result in results:
            fh.write(result.to_json_line() + "\n")
    render_batch(results, out, dirnames, batch.loose_files, [])
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


def _prepare_out(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise RunError(f"输出目录无法写入：{out}（{exc.strerror or exc}）") from exc


def _process_all(
    batch: Batch,
    as_of: date,
    ruleset: RuleSet,
    tmp: Path,
    out: Path,
    dirnames: dict[str, str],
    jobs: int,
) -> Iterator[ApplicationResult]:
    tasks = [
        (pkg, as_of, ruleset, tmp / f"app{i}", out / "applicants" / dirnames[pkg.applicant_id])
        for i, pkg in enumerate(batch.applications)
    ]
    if jobs <= 1 or len(tasks) <= 1:
        yield from (_process_and_render(*task) for task in tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process_and_render, *zip(*tasks, strict=True))


def _process_and_render(
    pkg: ApplicationPackage, as_of: date, ruleset: RuleSet, workspace: Path, app_dir: Path
) -> ApplicationResult:
    processed = process_application(pkg, as_of, ruleset, workspace)
    result = processed.result
    app_dir.mkdir(parents=True, exist_ok=True)
    _copy_sources(processed, app_dir / "files")
    shutil.rmtree(workspace, ignore_errors=True)
    try:
        render_application(result, app_dir)
    except Exception as exc:  # a rendering bug must not cost the batch its other outputs
        log.exception("rendering %s failed", result.applicant_id)
        result.problems.append(f"生成评审材料或补正通知时出错（{type(exc).__name__}），请联系技术支持")
    return result


def _copy_sources(processed: ProcessedApplication, dest: Path) -> None:
    """Keep a copy of every source file so the dossier can link to it."""
    for entry in processed.files:
        target = dest / entry.rel_path
        if not target.resolve().is_relative_to(dest.resolve()):
            continue  # ingest already refuses such paths; never write outside OUT
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(entry.disk_path, target)
        except OSError as exc:
            log.warning("could not copy %s: %s", entry.rel_path, exc)


def _progress(n: int, total: int, result: ApplicationResult) -> None:
    verdict = labels().of("decision", result.decision)
    print(f"[{n}/{total}] {result.applicant_id}：{verdict}", file=sys.stderr, flush=True)
