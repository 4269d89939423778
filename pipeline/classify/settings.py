"""Classification settings from data/classify.yaml (how the concepts are weighed)."""

from __future__ import annotations

from functools import cache

from pydantic import Field

from ..models.common import MaterialType, Model
from ..reference import DATA_DIR, load_yaml


class ClassifySettings(Model):
    version: int
    content_chars: int
    title_lines: int
    title_chars: int
    ocr_title_lines: int
    body_title_share: float
    title_words_weight: float
    title_words_gap: int
    official_title_prefix: str
    official_title_share: float
    strong_weight: float
    strong_repeat: float
    max_repeats: int
    strong_cap: float
    weak_weight: float
    weak_cap: float
    negative_weight: float
    negative_cap: float
    name_weight: float
    name_title_share: float
    name_others_share: float
    folder_weights: list[float] = Field(min_length=1)
    columns_weight: float
    min_score: float
    margin_abs: float
    margin_ratio: float
    resemble_floor: float
    photo_max_han: int
    folder_majority: float
    position_agreement: float
    position_min_files: int
    completion_floor: float
    merged_min_pages: int
    page_start_score: float
    page_start_lead: float
    page_title_max_chars: int
    toc_min_entries: int
    toc_titles: list[str]
    front_matter_titles: list[str]
    page_number_max_gap: int
    generic_name_words: list[str]
    package_folder_words: list[str]
    text_uses: dict[str, list[MaterialType]]
    folder_floor: float

    def folder_weight(self, distance: int) -> float:
        """Weight of a folder `distance` levels above the file (0: the file's own folder)."""
        return self.folder_weights[min(distance, len(self.folder_weights) - 1)]


@cache
def classify_settings() -> ClassifySettings:
    return ClassifySettings.model_validate(load_yaml(DATA_DIR / "classify.yaml"))
