"""Check stage output: rule results and cross-document inconsistencies."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from .common import Model, Outcome, Scalar, Source
from .review import Verification


class ParameterUse(Model):
    """A regulation parameter a rule consulted, with its citation and version."""

    name: str  # path in the ruleset file, e.g. "art6_1.min_total_assets"
    value: Scalar
    reference: str  # article citation and quoted wording
    effective_from: date


class RuleResult(Model):
    """One Article 6 / 7 rule evaluated for one application (the contract's `rules[]`)."""

    id: str
    article: str  # e.g. 第六条第（一）项
    title: str = ""  # Chinese short name
    outcome: Outcome
    observed: Scalar = None
    threshold: Scalar = None
    evidence: list[Source] = Field(default_factory=list)
    note: str = ""  # Chinese explanation
    relaxation: str | None = None  # the clause cited when outcome is `relaxed`
    parameters: list[ParameterUse] = Field(default_factory=list)
    verified: Verification | None = None  # a person's conclusion (人工核实), set by the review stage


class Inconsistency(Model):
    """Two documents that disagree about the same fact."""

    fields: list[str]
    values: list[Scalar] = Field(default_factory=list)
    note: str = ""  # Chinese
    material: bool = True  # beyond the tolerance in the ruleset: counts for the decision
    article: str | None = None  # the article it bears on (cross-year inconsistencies name one)
    verified: Verification | None = None  # explained by a person: no longer counts for the decision
