"""Typed values of the scoring round trip."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from ..models.common import Model


class Expert(Model):
    name: str
    organisation: str = ""
    assigned: list[str] = Field(default_factory=list)  # applicant ids; empty: every scored application


class Assignment(Model):
    """What `scores --experts` sent out, kept beside the workbooks for `--apply` (评分表/分配.json)."""

    as_of: date
    criteria_digest: str
    experts: dict[str, list[str]]  # expert name → applicant ids
    files: dict[str, str]  # expert name → workbook file name


class SheetScore(Model):
    """One expert's sheet for one application, as read back."""

    expert: str
    applicant_id: str
    file: str
    conflict: bool = False
    items: dict[str, float] = Field(default_factory=dict)
    total: float | None = None  # Σ score × weight; None when excluded
    valid: bool = False  # counts for the aggregate (no problem, no conflict)


class Problem(Model):
    file: str
    expert: str = ""
    applicant_id: str = ""
    text: str  # Chinese


class Inspection(Model):
    applicant_id: str
    passed: bool
    inspected_on: date | None = None
    note: str = ""


class Review(Model):
    sheets: list[SheetScore] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    inspections: dict[str, Inspection] = Field(default_factory=dict)


class Ranked(Model):
    rank: int | None  # None: no valid score
    applicant_id: str
    unit: str
    platform: str
    city: str
    decision: str
    totals: list[float]
    conflicts: list[str]
    method: str
    score: float | None
    inspection: str  # 通过 / 不通过 / ""
    inspection_note: str = ""
    proposed: bool
