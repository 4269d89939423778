"""Reading settings from data/read.yaml."""

from __future__ import annotations

from functools import cache

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml


class ReadSettings(Model):
    version: int
    min_page_chars: int
    max_cid_share: float
    table_max_path_segments: int
    table_max_edge_pairs: int
    table_max_intersections: int
    max_file_mb: int
    file_seconds: float


@cache
def read_settings() -> ReadSettings:
    return ReadSettings.model_validate(load_yaml(DATA_DIR / "read.yaml"))
