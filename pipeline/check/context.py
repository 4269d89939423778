"""What a rule sees: the application's materials and fields, the as-of date, the ruleset.

A `Scope` is one rule's evaluation: it records every parameter the rule read and the
source of every field it used, so the RuleResult can show its basis and its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import FieldValue, MaterialEntry, MaterialStatus, MaterialType, Outcome, RuleResult, Source
from ..models.common import ListPart
from ..models.rules import ParameterUse
from ..reference import display_name, field_catalog, material_catalog
from .ruleset import RuleDef, RuleSet

ABSENT = (MaterialStatus.missing, MaterialStatus.unreadable)


def zh(table: str, key: object) -> str:
    """Chinese display name of an enum value (data/labels_zh.yaml), the value itself if unknown."""
    return display_name(table, key)


@dataclass
class Reading:
    """One field's value as a rule uses it."""

    field: str
    value: object
    source: Source | None
    review: list[str]

    @property
    def label(self) -> str:
        return field_catalog().name(self.field)

    @property
    def flagged(self) -> bool:
        return bool(self.review)


@dataclass
class Context:
    materials: dict[MaterialType, MaterialEntry]
    fields: dict[str, FieldValue]
    as_of: date
    ruleset: RuleSet

    def reading(self, field_id: str) -> Reading | None:
        fv = self.fields.get(field_id)
        if fv is None or fv.value is None or fv.value == "" or fv.value == []:
            return None
        return Reading(field_id, fv.value, fv.source, list(fv.review))

    def status(self, evidence: str) -> MaterialStatus:
        """Status of a material id, or of `resource_lists.<part>` for one list."""
        material, _, part = evidence.partition(".")
        entry = self.materials.get(MaterialType(material))
        if entry is None:
            return MaterialStatus.missing
        if not part:
            return entry.status
        if entry.parts is None:
            return entry.status if entry.status in ABSENT else MaterialStatus.missing
        return entry.parts.get(ListPart(part), MaterialStatus.missing)


def evidence_name(evidence: str) -> str:
    material, _, part = evidence.partition(".")
    catalog = material_catalog()
    return catalog.part_name(ListPart(part)) if part else catalog.spec(MaterialType(material)).name


@dataclass
class Scope:
    """One rule being evaluated."""

    ctx: Context
    rule_id: str
    used: list[ParameterUse] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def rule(self) -> RuleDef:
        return self.ctx.ruleset.rule(self.rule_id)

    def param(self, path: str):
        """The value of a parameter in force on the as-of date; recorded in the result."""
        use = self.ctx.ruleset.param(path, self.ctx.as_of)
        if all(u.name != use.name for u in self.used):
            self.used.append(use)
        return use.value

    def unit(self, path: str) -> str:
        return self.ctx.ruleset.parameters[path].unit

    def read(self, field_id: str) -> Reading | None:
        """A field's value; its source joins the rule's evidence."""
        reading = self.ctx.reading(field_id)
        if reading is not None and reading.source is not None and reading.source not in self.sources:
            self.sources.append(reading.source)
        return reading

    def absent_evidence(self) -> list[str] | None:
        """Chinese descriptions of the evidence materials when ALL are missing/unreadable."""
        statuses = [(ev, self.ctx.status(ev)) for ev in self.rule.evidence]
        if statuses and all(status in ABSENT for _, status in statuses):
            return [f"{evidence_name(ev)}{zh('material_status', status)}" for ev, status in statuses]
        return None

    def result(self, outcome: Outcome, note: str, observed=None, threshold=None) -> RuleResult:
        rule = self.rule
        return RuleResult(
            id=self.rule_id,
            article=rule.article,
            title=rule.title,
            outcome=outcome,
            observed=observed,
            threshold=threshold,
            evidence=list(self.sources),
            note=note,
            parameters=list(self.used),
        )
