"""The clerk's review loop: what a person concluded about a flagged item, and where it stands.

A `Resolution` is one entry of the review store (pipeline/review/store.py): who said what
about one item of one application, and the digests of the source files the item came
from. The apply stage turns the current resolution of each item into a `Verification`
on the field, rule, inconsistency or material it settles (人工核实), and reports every
resolution it was given as a `ReviewRecord`: applied, stale (a source file changed since:
shown, never applied silently) or unused (the item is no longer there).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .common import Model, Scalar


class ItemKind(StrEnum):
    field = "field"
    rule = "rule"
    inconsistency = "inconsistency"
    material = "material"  # a material not present, or a file not placed (item "file:<ref>")


class Conclusion(StrEnum):
    """What a person concluded; which ones an item offers is in data/review.yaml."""

    confirmed = "confirmed"  # the value / state stands as the pipeline found it
    corrected = "corrected"  # a field's value is the person's `value`
    not_applicable = "not_applicable"  # a field is disregarded; a file is no application material
    met = "met"  # a rule's condition is met
    not_met = "not_met"  # a rule's condition is not met (a relaxation may still apply)
    relaxation_accepted = "relaxation_accepted"  # a relaxed rule goes on to the experts as relaxed
    relaxation_refused = "relaxation_refused"  # a relaxed rule fails
    prefer = "prefer"  # an inconsistency: the field named by `value` is right, the other takes its value
    explained = "explained"  # an inconsistency is explained and does not count for the decision
    received = "received"  # a material not found by the pipeline was received
    placed = "placed"  # a file belongs to the material (or list part) named by `value`
    withdrawn = "withdrawn"  # the person takes back the earlier conclusion: the item is open again


class Resolution(Model):
    """One entry of the review store (append-only: a later entry supersedes, never overwrites)."""

    id: int | None = None
    applicant_id: str
    kind: ItemKind
    item: str  # field id, rule id, "field_a|field_b", material id or "file:<ref>"
    conclusion: Conclusion
    value: Scalar = None
    note: str = ""
    who: str
    at: datetime
    digests: dict[str, str] = Field(default_factory=dict)  # source file (rel path) → sha256 when decided
    original: Scalar = None  # what the pipeline had when the person decided
    reasons: list[str] = Field(default_factory=list)  # why the item was flagged then (Chinese)
    via: str = ""  # "sheet", "web", … (the way in)


class Verification(Model):
    """A person's conclusion as applied to a field, rule, inconsistency or material (人工核实)."""

    conclusion: Conclusion
    value: Scalar = None
    original: Scalar = None
    note: str = ""
    who: str
    at: datetime
    reasons: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, resolution: Resolution) -> Verification:
        return cls(
            conclusion=resolution.conclusion,
            value=resolution.value,
            original=resolution.original,
            note=resolution.note,
            who=resolution.who,
            at=resolution.at,
            reasons=list(resolution.reasons),
        )


class ReviewState(StrEnum):
    applied = "applied"
    stale = "stale"  # a source file changed since the person decided: not applied
    unused = "unused"  # the item is not in this result (or the conclusion no longer fits it)


class ReviewRecord(Model):
    """What became of one resolution in this run."""

    kind: ItemKind
    item: str
    state: ReviewState
    resolution: Resolution
    changed: list[str] = Field(default_factory=list)  # stale: the source files that changed or went
