"""The registry checks applied to a finished batch, in the main process (runner).

Only applications with a finding change: their results.jsonl line is replaced, their
documents are drawn again (and stamped with the new line, so the next run knows them for
what they are) and their light result is updated for the batch overview.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..cache import text_digest
from ..check.ruleset import RuleSet
from ..models import ApplicationResult
from ..render.common.stamps import APP_STAMP, render_version
from ..reuse import Finished, light_json
from .checks import RegistryView, apply_findings, duplicates, findings


def check_batch(
    results_path: Path, finished: list[Finished], view: RegistryView, ruleset: RuleSet, app_dirs: dict[str, Path]
) -> list[Finished]:
    """The batch's light outcomes after the checks; changed lines rewritten in results_path."""
    lights = [f.overview_result() for f in finished]
    others = duplicates(lights)
    changed: dict[str, tuple[list, list]] = {}
    for light in lights:
        flags, inconsistencies = findings(light, view, ruleset, others.get(light.applicant_id, []))
        if flags or inconsistencies:
            changed[light.applicant_id] = (flags, inconsistencies)
    if not changed:
        return finished
    from ..render.documents import render_application  # only when a document must be drawn again

    lines = results_path.read_text(encoding="utf-8").splitlines()
    updated: dict[str, Finished] = {}
    for n, line in enumerate(lines):
        result = ApplicationResult.model_validate_json(line)
        if result.applicant_id not in changed:
            continue
        result = apply_findings(result, *changed[result.applicant_id], ruleset)
        lines[n] = result.to_json_line()
        app_dir = app_dirs[result.applicant_id]
        render_application(result, app_dir)
        (app_dir / APP_STAMP).write_text(text_digest(render_version(), lines[n]), encoding="utf-8")
        old = next(f for f in finished if f.applicant_id == result.applicant_id)
        updated[result.applicant_id] = Finished(  # a new one: the old one keeps its parsed light result
            applicant_id=old.applicant_id, decision=result.decision, line="", light=light_json(result),
            copies=old.copies, reused=old.reused,
        )
    partial = results_path.with_name(results_path.name + ".part")
    partial.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(partial, results_path)
    return [updated.get(f.applicant_id, f) for f in finished]
