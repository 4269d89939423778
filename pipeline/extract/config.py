"""Validated vocabulary for the extract stage: data/labels.yaml and data/regions.yaml."""

from __future__ import annotations

from functools import cache

from pydantic import Field, model_validator

from ..models.common import Model
from ..reference import DATA_DIR, ReferenceDataError, field_catalog, load_yaml


class Units(Model):
    money: dict[str, float]
    ratio: list[str]
    count: list[str]
    area: list[str]


class Checkbox(Model):
    checked: list[str]
    unchecked: list[str]
    ocr_checked: list[str] = Field(default_factory=list)
    ocr_unchecked: list[str] = Field(default_factory=list)
    unclear: list[str] = Field(default_factory=list)
    ocr_ticks: list[str] = Field(default_factory=list)


class NarrativeSpec(Model):
    title: str
    headings: list[str]


class ProseClaims(Model):
    """Words of a sentence that claims functions ("本平台申报信息服务、培训服务两项功能")."""

    verbs: list[str]
    objects: list[str]
    negations: list[str]
    not_a_claim: list[str]
    delimiters: str
    max_named: int


class ProseVocab(Model):
    max_gap: int
    joiners: list[str]
    fields: dict[str, list[str]]
    claims: ProseClaims | None = None


class AuditVocab(Model):
    rows: dict[str, list[str]]
    revenue_lines: list[str]
    total_suffixes: list[str]
    total_headers: list[str]
    restricted_headers: list[str]
    current_headers: list[str]
    prior_headers: list[str]
    line_number_headers: list[str]
    unit_wan: list[str]
    unit_yuan: list[str]
    firm_suffix: str
    special_titles: list[str]
    general_statement_titles: list[str]
    general_statement_note: str
    prose_joiners: list[str]
    firm_prefix_noise: list[str]
    opinion: dict[str, list[str]]
    section_end: list[str]
    emphasis_max_chars: int


class LicenceVocab(Model):
    labels: dict[str, list[str]]
    branch_words: list[str]
    branch_labels: list[str]
    headed_labels: list[str]
    open_ended: list[str] = Field(default_factory=list)
    end_words: list[str] = Field(default_factory=list)
    number_labels: list[str] = Field(default_factory=list)
    kinds: dict[str, list[str]]


class ListVocab(Model):
    header_scan_rows: int
    columns: dict[str, list[str]]
    key_column: dict[str, str]
    skip_row_words: list[str]
    not_a_name_starts: list[str]
    min_company_chars: int
    company_words: list[str]
    stated_total_words: list[str]
    stated_total_units: list[str]
    college_words: list[str]
    not_college_words: list[str]
    mid_title_words: list[str]
    not_mid_title_words: list[str]
    satisfied: list[str]
    unsatisfied: list[str]
    satisfied_score_share: float


class Labels(Model):
    version: int
    units: Units
    money_noise: list[str]
    stamp_words: list[str]
    score_labels: list[str]
    checkbox: Checkbox
    yes_words: list[str]
    no_words: list[str]
    question_words: list[str]
    evidence_words: list[str]
    unit_nature: dict[str, list[str]]
    functions: dict[str, list[str]]
    narratives: dict[str, NarrativeSpec]
    narrative_max_heading_chars: int
    narrative_max_chars: int
    prose: ProseVocab | None = None
    audit: AuditVocab
    licence: LicenceVocab
    lists: ListVocab

    @model_validator(mode="after")
    def _known_ids(self) -> Labels:
        known = set(field_catalog().fields)
        ids = list(self.audit.rows)
        ids += list(self.prose.fields) if self.prose else []
        ids += [k for k in self.licence.labels if k not in ("other", "validity")]
        unknown = sorted(set(ids) - known)
        if unknown:
            raise ValueError(f"labels.yaml 使用了 fields.yaml 中没有的字段：{unknown}")
        return self


class County(Model):
    name: str
    code: str
    aliases: list[str] = Field(default_factory=list)
    old_codes: list[str] = Field(default_factory=list)


class City(Model):
    name: str
    code: str
    aliases: list[str] = Field(default_factory=list)
    old_codes: list[str] = Field(default_factory=list)
    counties: list[County]


class Zone(Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    city: str
    county: str | None = None


class Province(Model):
    name: str
    code: str
    aliases: list[str] = Field(default_factory=list)


class Regions(Model):
    version: int
    province: Province
    cities: list[City]
    zones: list[Zone]
    street_words: list[str]

    @model_validator(mode="after")
    def _unique(self) -> Regions:
        names = [c.name for c in self.cities] + [k.name for c in self.cities for k in c.counties]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"regions.yaml 中区划名称重复：{dupes}")
        return self


@cache
def labels() -> Labels:
    try:
        vocab = Labels.model_validate(load_yaml(DATA_DIR / "labels.yaml"))
    except ValueError as exc:
        raise ReferenceDataError(f"labels.yaml 无效：{exc}") from exc
    from .concepts import concepts  # one list of the services that name a function: concepts.yaml

    for key, spec in concepts().functions.items():
        names = vocab.functions.setdefault(key, [])
        names.extend(w for w in spec.words if w not in names)
    return vocab


@cache
def regions() -> Regions:
    try:
        return Regions.model_validate(load_yaml(DATA_DIR / "regions.yaml"))
    except ValueError as exc:
        raise ReferenceDataError(f"regions.yaml 无效：{exc}") from exc
