"""The parameters of the last `run` into an output folder, kept there so that the review
loop (review --apply, serve) can run the pre-screen again after a person's conclusions
(and `pdf OUT` can draw the overview again).

Written by the runner at the end of every run as OUT/.nx-prescreen-run.json."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from pydantic import Field, ValidationError

from ..models.common import Model
from .wording import wording

log = logging.getLogger(__name__)

RUN_FILE = ".nx-prescreen-run.json"


class RunSettings(Model):
    input: Path
    as_of: date
    rules: Path | None = None
    cache_dir: Path | None = None
    cache_max_mb: int = 2048
    pdf: bool | None = None
    # What the overview lists besides the applications: `pdf OUT` draws it again without the input.
    loose_files: list[str] = Field(default_factory=list)
    settings: Path | None = None  # the settings file merged over settings.yaml (run --settings)


def save_run_settings(out: Path, run: RunSettings) -> None:
    absolute = run.model_copy(update={
        "input": run.input.resolve(),
        "rules": run.rules.resolve() if run.rules else None,
        "cache_dir": run.cache_dir.resolve() if run.cache_dir else None,
        "settings": run.settings.resolve() if run.settings else None,
    })
    try:
        (out / RUN_FILE).write_text(absolute.model_dump_json(indent=2), encoding="utf-8")
    except OSError as exc:  # the batch's outputs are written; only a later re-run from the review loop misses it
        log.warning(wording().message("run_settings_unwritable", path=out / RUN_FILE, error=exc))


def load_run_settings(out: Path) -> RunSettings | None:
    try:
        return RunSettings.model_validate(json.loads((out / RUN_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return None
