"""Classification settings from data/classify.yaml (how keywords are weighed)."""

from __future__ import annotations

from functools import cache

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml


class ClassifySettings(Model):
    version: int
    content_chars: int
    title_chars: int
    max_hits: int
    folder_weight: float
    name_weight: float
    min_score: float
    ambiguous_margin: float
    merged_min_pages: int
    page_title_chars: int
    page_start_score: float


@cache
def classify_settings() -> ClassifySettings:
    return ClassifySettings.model_validate(load_yaml(DATA_DIR / "classify.yaml"))
