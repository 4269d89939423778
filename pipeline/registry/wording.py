"""The registry's Chinese wording (pipeline/data/registry.yaml)."""

from __future__ import annotations

from functools import cache

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml


class Wording(Model):
    version: int
    status: dict[str, str]
    consequence: dict[str, str]
    notes: dict[str, str]
    previous_round_field: str
    checklist_prefix: str
    dossier_row: str
    columns: dict[str, str]
    export_title: str
    export_intro: str
    export_sheet: str


@cache
def wording() -> Wording:
    return Wording.model_validate(load_yaml(DATA_DIR / "registry.yaml"))
