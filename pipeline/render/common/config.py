"""Settings, Chinese display labels and the scoring sheet, loaded from pipeline/data/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from ...cache import TEMPLATES
from ...models.common import Model
from ...reference import DATA_DIR, load_yaml

TEMPLATES_DIR = TEMPLATES  # inside the package, so an installed wheel finds them

_compiled_dir: Path | None = None


def keep_compiled_in(cache_dir: Path | None) -> None:
    """Where the render stages keep compiled templates between runs (None: nowhere, e.g. --no-cache)."""
    global _compiled_dir
    _compiled_dir = None if cache_dir is None else cache_dir / "templates"


def compiled_dir() -> Path | None:
    return _compiled_dir


class Settings(Model):
    version: int
    department: str
    office: str
    contact: str
    supplement_working_days: int = Field(gt=0)
    supplement_requirements: str
    issue_date: Literal["today", "as_of"] = "as_of"
    pdf: bool = False
    pdf_seconds_per_document: int = Field(default=20, gt=0)
    pdf_batch_seconds_max: int = Field(default=3600, gt=0)
    notice_working_days: int = Field(default=5, gt=0)
    notice_title: str
    notice_intro: str
    notice_objection: str
    list_rows_max: int = Field(default=10, ge=0)
    narrative_chars_max: int = Field(default=1500, gt=0)
    excerpt_chars_max: int = Field(default=60, gt=0)
    dossier_key_fields: list[str] = Field(default_factory=list)
    checklist_title: str
    checklist_title_complete: str
    dossier_title: str
    index_title: str
    decision_colours: dict[str, str]
    decision_text_colours: dict[str, str]
    outcome_colours: dict[str, str]
    outcome_shades: dict[str, str] = Field(default_factory=dict)
    highlight_colour: str = "FFF2CC"
    low_confidence: float = Field(default=0.8, gt=0, le=1)


class Labels(Model):
    version: int
    decision: dict[str, str]
    outcome: dict[str, str]
    material_status: dict[str, str]
    unit_nature: dict[str, str]
    function: dict[str, str]
    audit_opinion: dict[str, str]
    bool: dict[str, str]
    enum_fields: dict[str, str] = Field(default_factory=dict)
    rule_titles: dict[str, str] = Field(default_factory=dict)
    rule_value_types: dict[str, str] = Field(default_factory=dict)
    year_fields: list[str] = Field(default_factory=list)

    def table(self, name: str) -> dict[str, str]:
        return getattr(self, name)

    def of(self, table: str, key: object) -> str:
        """The Chinese label of an enum value, or the value itself when unknown."""
        raw = getattr(key, "value", key)
        return self.table(table).get(str(raw), str(raw))


class Criterion(Model):
    article: str
    item: str
    points: str  # what the expert judges (评审要点)
    max_score: float
    weight: float = 1.0


class Aggregation(Model):
    method: Literal["mean", "trimmed_mean"]
    trim_when_at_least: int = 5
    trim_each_side: int = 1
    reference: str


class Scoring(Model):
    version: int
    criteria: list[Criterion]
    declaration: str
    aggregation: Aggregation
    pass_score: float
    min_valid_scores: int
    scored_decisions: list[str]
    conflict_choices: list[str]
    inspection_choices: list[str]
    workbook_title: str
    workbook_intro: list[str]


@cache
def settings() -> Settings:
    return Settings.model_validate(load_yaml(DATA_DIR / "settings.yaml"))


@cache
def labels() -> Labels:
    return Labels.model_validate(load_yaml(DATA_DIR / "labels_zh.yaml"))


@cache
def scoring() -> Scoring:
    return Scoring.model_validate(load_yaml(DATA_DIR / "scoring.yaml"))
