"""Extract stage output: canonical field values with provenance."""

from __future__ import annotations

from pydantic import Field

from .common import ListPart, Model, Scalar, Source
from .review import Verification


class Candidate(Model):
    """One value that a label or pattern produced for a field (explain mode shows all)."""

    value: Scalar
    source: Source
    matched: str  # the label synonym or pattern name that matched
    confidence: float = 1.0
    note: str | None = None


class FieldValue(Model):
    """A canonical field: its value, where it came from and how sure we are.

    `review` holds Chinese reasons why a human should look at the value (two sources
    disagree, an implausible magnitude, low confidence); a value with reasons there
    is never used to fail a rule on its own.
    """

    value: Scalar
    source: Source | None = None
    matched: str | None = None
    confidence: float = 1.0
    review: list[str] = Field(default_factory=list)
    candidates: list[Candidate] = Field(default_factory=list)
    verified: Verification | None = None  # a person's conclusion (人工核实), set by the review stage


class Narrative(Model):
    """A narrative section of the application report that the experts must judge."""

    key: str  # e.g. "features" (第八条 特色和示范作用), "plan", "management"
    title: str
    text: str
    source: Source


class ListTable(Model):
    """A staff / client / equipment list, normalised, with personal data masked."""

    part: ListPart
    file: str
    columns: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)  # masked: safe to show experts
    warnings: list[str] = Field(default_factory=list)  # Chinese, e.g. invalid ID numbers


class LabelValue(Model):
    """A label and its figure that named no field (or whose value was not of the field's type):
    kept so an expert still sees it (其他填报内容) and we see which wordings to learn."""

    label: str
    value: str
    source: Source
    field: str | None = None  # the field the label named when the value did not fit its type


class Extraction(Model):
    """Everything the extract stage found in one application."""

    fields: dict[str, FieldValue] = Field(default_factory=dict)
    others: list[LabelValue] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    lists: list[ListTable] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
