"""Settings, Chinese display labels and the scoring sheet, loaded from pipeline/data/.

The department's own settings (who sends the 补正通知, its 文号, the contact phone …) may be
given in a settings file of its own, merged over the shipped pipeline/data/settings.yaml:
`run --settings FILE`, or the environment variable NX_PRESCREEN_SETTINGS (which the worker
processes inherit, whatever the way they are started).
"""

from __future__ import annotations

import os
import re
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


SETTINGS_ENV = "NX_PRESCREEN_SETTINGS"


class SettingsError(ValueError):
    """A required setting is missing or still a placeholder; the message is Chinese and names it."""


class Settings(Model):
    version: int
    department: str
    office: str
    # The 补正通知 as a 公文 (GB/T 9704-2012): 发文机关标志, 文号, 印发机关, legal basis, 附注.
    issuer_mark: str = ""
    notice_number_pattern: str = ""
    notice_number_start: int = Field(default=1, ge=1)
    printing_office: str = ""
    legal_basis: str = ""
    contact_person: str = ""
    contact_phone: str = ""
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
    dossier_title: str
    index_title: str
    decision_colours: dict[str, str]
    decision_text_colours: dict[str, str]
    outcome_colours: dict[str, str]
    outcome_shades: dict[str, str] = Field(default_factory=dict)
    highlight_colour: str = "FFF2CC"
    low_confidence: float = Field(default=0.8, gt=0, le=1)

    @property
    def contact(self) -> str:
        return f"联系人：{self.contact_person}　联系电话：{self.contact_phone}"

    def notice_number(self, year: int, n: int) -> str:
        """The 文号 of the n-th notice of a batch, e.g. 宁工信中小函〔2026〕3号."""
        return self.notice_number_pattern.format(year=year, n=n)


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


# What the 补正通知 cannot be sent without (setting → what it is, in the error message).
REQUIRED = {
    "department": "发文机关署名",
    "issuer_mark": "发文机关标志",
    "notice_number_pattern": "文号格式",
    "printing_office": "印发机关",
    "legal_basis": "补正通知的依据",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
}
# A value nobody may send: a placeholder left for the department to fill in.
_PLACEHOLDER = re.compile(r"请替换|请在正式发文前|0{6,}|＿{2,}|_{3,}|X{3,}|TODO|待定")


def override_path() -> Path | None:
    value = os.environ.get(SETTINGS_ENV, "").strip()
    return Path(value) if value else None


def use_settings_file(path: Path | None) -> None:
    """Merge `path` over the shipped settings from now on, in this process and the workers it starts."""
    if path is None:
        os.environ.pop(SETTINGS_ENV, None)
    else:
        os.environ[SETTINGS_ENV] = str(path.resolve())
    settings.cache_clear()


@cache
def settings() -> Settings:
    data = load_yaml(DATA_DIR / "settings.yaml")
    override = override_path()
    if override is not None:
        if not override.is_file():
            raise SettingsError(f"找不到设置文件 {override}（--settings 或环境变量 {SETTINGS_ENV}）")
        data = {**data, **load_yaml(override)}
    return Settings.model_validate(data)


def check_settings() -> None:
    """Refuse to start a run whose 补正通知 would print an empty or placeholder setting."""
    try:
        cfg = settings()
    except ValueError as exc:  # a malformed override: name it rather than fail in a worker
        raise SettingsError(f"设置文件有误：{exc}") from exc
    source = override_path() or DATA_DIR / "settings.yaml"
    for key, what in REQUIRED.items():
        value = str(getattr(cfg, key) or "").strip()
        if not value or _PLACEHOLDER.search(value):
            problem = "未设置" if not value else f"仍是占位内容（{value}）"
            raise SettingsError(
                f"设置 {key}（{what}）{problem}，补正通知不能印发。请在设置文件中填写，例如另建一个只含"
                f"“{key}: …”的 YAML 文件，用 run --settings 该文件 或环境变量 {SETTINGS_ENV} 指定"
                f"（当前读取：{source}）。"
            )
    try:
        cfg.notice_number(2026, 1)
    except (KeyError, IndexError, ValueError) as exc:
        raise SettingsError(
            f"设置 notice_number_pattern（文号格式）有误：{cfg.notice_number_pattern}；"
            "只能使用 {year}（年份）和 {n}（序号），例如 宁工信中小函〔{year}〕{n}号；"
            f"请在设置文件中改正（run --settings 或环境变量 {SETTINGS_ENV}；当前读取：{source}）。"
        ) from exc


@cache
def labels() -> Labels:
    return Labels.model_validate(load_yaml(DATA_DIR / "labels_zh.yaml"))


@cache
def scoring() -> Scoring:
    return Scoring.model_validate(load_yaml(DATA_DIR / "scoring.yaml"))
