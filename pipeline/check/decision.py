"""The application's decision: incomplete > ineligible > needs_review > passed."""

from __future__ import annotations

from ..models import Decision, Inconsistency, MaterialEntry, MaterialStatus, MaterialType, Outcome, RuleResult
from .ruleset import RuleSet

DOUBT = (Outcome.relaxed, Outcome.needs_review, Outcome.no_evidence)


def decide(
    materials: dict[MaterialType, MaterialEntry],
    rules: list[RuleResult],
    inconsistencies: list[Inconsistency],
    ruleset: RuleSet,
) -> Decision:
    """Any material not present → incomplete; a decisive rule failing (not relaxed) → ineligible;
    any doubt among decisive rules or a material inconsistency, unless a person settled it,
    → needs_review; else passed.

    Decisive rules are flagged in the ruleset: every Article 6 rule and art7_any (a single
    claimed function failing is no hard failure while art7_any passes)."""
    if any(materials.get(m) is None or materials[m].status != MaterialStatus.present for m in MaterialType):
        return Decision.incomplete
    decisive = [r for r in rules if ruleset.rule(r.id).decisive]
    if any(r.outcome == Outcome.fail for r in decisive):
        return Decision.ineligible
    # A doubt a person has settled (人工核实: a relaxation accepted, an inconsistency explained) no longer counts.
    if any(r.outcome in DOUBT and r.verified is None for r in decisive):
        return Decision.needs_review
    if any(i.material and i.verified is None for i in inconsistencies):
        return Decision.needs_review
    return Decision.passed
