"""The wording layer: every sentence a document, page or sheet shows a person.

Texts come from pipeline/data/wording_zh.yaml; notes the stages wrote pass through
`for_people`, which turns the internal forms they may carry (page references such as
"合订本.pdf#p2-6") into words. Ids, enum values, parameter paths and confidence numbers
never reach a renderer's context: they stay in results.jsonl and `explain`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from ...models import ApplicationResult, Outcome, RuleResult
from ...reference import DATA_DIR, load_yaml

# "合订本.pdf#p2-6" / "x.pdf#p7": a file reference with the pipeline's page suffix.
_PAGE_REF = re.compile(r"(?P<file>[^\s：:；;，,（(]+?)#p(?P<pages>\d+(?:-\d+)?)")
# "第六条第（一）项（：）“资产总额不低于100万元”": a parameter's reference, article then quote.
_REFERENCE = re.compile(r"^(?P<where>[^：“]+)：?“(?P<quote>.+)”$")


class Wording(BaseModel):
    low_confidence: str
    highlight_note: str
    unclaimed_outcome: str
    unclaimed_note: str
    basis: str
    basis_intro: str
    ruleset: str
    pages: str
    year: str
    summary_sources: list[str]
    counted: str
    triage: dict[str, str]
    judge_heading: str
    judge_none: str
    judge: dict[str, str]
    unclaimed_line: str
    shared_basis: str
    excerpt_cut: str
    notice: dict[str, Any]  # the 补正通知's sentences (checklist.py)


@cache
def wording() -> Wording:
    return Wording.model_validate(load_yaml(DATA_DIR / "wording_zh.yaml"))


def for_people(text: str) -> str:
    """A stage's note as a person reads it: page references in words."""
    return _PAGE_REF.sub(lambda m: wording().pages.format(file=m["file"], pages=m["pages"]), text)


def rule_basis(rule: RuleResult) -> str:
    """The regulation's sentences a rule applies, e.g. "资产总额不低于100万元（第六条第（一）项）";
    the parameter names and values behind them stay in results.jsonl."""
    return "；".join(rule_bases(rule))


def rule_bases(rule: RuleResult) -> list[str]:
    """rule_basis sentence by sentence (a document may print one that many rules share once)."""
    out: list[str] = []
    for parameter in rule.parameters:
        match = _REFERENCE.match(parameter.reference.strip())
        text = (
            wording().basis.format(quote=match["quote"], where=match["where"]) if match else parameter.reference.strip()
        )
        if text and text not in out:
            out.append(text)
    return out


def unclaimed(result: ApplicationResult, rule: RuleResult) -> bool:
    """An Article 7 function the applicant did not claim: nothing is missing, nothing to judge."""
    if not rule.id.startswith("art7_") or rule.id == "art7_any" or rule.outcome != Outcome.no_evidence:
        return False
    claimed = result.value("functions_claimed") or []
    function = rule.id.split("_", 2)[-1]
    return isinstance(claimed, list) and function not in claimed
