"""What a worker process does with one application: every stage, the copies and the documents.

A worker imports this module with its first application (runner._work), so the main
process never loads the stages unless it processes an application itself (--jobs 1).
"""

from __future__ import annotations

import logging
import shutil

from .cache import Cache, text_digest
from .classify.keywords import use_cache_dir
from .models import ReviewState
from .process import process_application
from .read.legacy import profile_root
from .read.ocr_cache import cache_settings as ocr_cache_settings
from .read.settings import read_settings
from .render.common.config import keep_compiled_in
from .render.common.sources import copy_sources
from .render.common.stamps import APP_DOCUMENTS, APP_STAMP, is_current, render_version
from .render.documents import render_application
from .reuse import Finished, Task, light_json

log = logging.getLogger(__name__)


def process_and_render(task: Task) -> Finished:
    """The application's results.jsonl line (serialised once, here in the worker) and documents."""
    use_cache_dir(task.cache_dir or task.workspace.parent)
    keep_compiled_in(task.cache_dir)
    cache = Cache(task.cache_dir)
    ocr_cache = task.cache_dir / "ocr" if task.cache_dir else None
    with profile_root(task.workspace.parent), ocr_cache_settings(ocr_cache, enabled=ocr_cache is not None):
        processed = process_application(task.pkg, task.as_of, task.ruleset, task.workspace, cache, task.review)
    result = processed.result
    result.notice_number = task.notice_number
    task.app_dir.mkdir(parents=True, exist_ok=True)
    with profile_root(task.workspace.parent):  # old .doc/.xls are converted again for their masked copies
        copies = copy_sources(
            processed.files,
            processed.digests,
            set(processed.personal),
            task.app_dir / "files",
            read_settings().max_file_mb * 1024 * 1024,
            processed.redactions,
        )
    shutil.rmtree(task.workspace, ignore_errors=True)
    line = result.to_json_line()
    finished = Finished(
        applicant_id=result.applicant_id,
        decision=result.decision,
        line=line,
        light=light_json(result),
        copies=copies,
        review_applied=sum(1 for r in result.review if r.state == ReviewState.applied),
        review_stale=sum(1 for r in result.review if r.state == ReviewState.stale),
    )
    stamp = text_digest(render_version(), line)
    stamp_file = task.app_dir / APP_STAMP
    if not is_current(task.app_dir, APP_STAMP, stamp, APP_DOCUMENTS):
        try:
            render_application(result, task.app_dir)
            stamp_file.write_text(stamp, encoding="utf-8")
        except Exception as exc:  # a rendering bug must not cost the batch its other outputs
            log.exception("生成 %s 的评审材料时出错", result.applicant_id)
            result.problems.append(f"生成评审材料或补正通知时出错（{type(exc).__name__}），请联系技术支持")
            stamp_file.unlink(missing_ok=True)
            return finished.model_copy(update={"line": result.to_json_line(), "light": light_json(result)})
    if task.outcome_key is not None and processed.complete and copies.complete:
        cache.put("outcome", task.outcome_key, finished)
    return finished
