"""Explain mode: how one field of one application was found (candidates, choice, reasons).

`explain_field` takes an application (a folder or .zip, processed afresh) or an output
folder of `pipeline run` (its results.jsonl, with the applicant id), and returns the
FieldValue; `describe` turns it into the Chinese text that the `explain` command prints.
From an output folder it also tells what a person concluded about the field (or about a
rule, an inconsistency "a|b" or a material named instead of a field) and the history of
those conclusions in the review store.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from .cache import Cache
from .check.ruleset import load_ruleset
from .extract.collect import show
from .ingest import discover_batch
from .models import ApplicationResult, Candidate, FieldValue, LabelValue, RuleResult, Source
from .process import process_application
from .reference import field_catalog

RESULTS_FILE = "results.jsonl"


class ExplainError(Exception):
    """The application or the field cannot be found; the message is Chinese."""


@dataclass
class Explanation:
    applicant_id: str
    field_id: str
    value: FieldValue | None
    known_fields: list[str]
    rule: RuleResult | None = None  # the id named a rule (explained from an output folder)
    review: list[str] = field(default_factory=list)  # the review loop: where the item stands, its history
    others: list[LabelValue] = field(default_factory=list)  # 附件2 pairs that named no field


def explain_field(target: Path, field_id: str, applicant: str | None = None, as_of: date | None = None) -> Explanation:
    """The FieldValue of `field_id` in the application at `target` (see module docstring)."""
    target = Path(target)
    if not target.exists():
        raise ExplainError(f"找不到“{target}”")
    if target.is_dir() and (target / RESULTS_FILE).is_file():
        from .review.history import explain_lines

        applicant_id, fields, result = _from_results(target / RESULTS_FILE, applicant)
        if result is None:  # a line with its fields only (written by another tool): no rules, no review
            return Explanation(applicant_id, field_id, fields.get(field_id), sorted(fields))
        rule = next((r for r in result.rules if r.id == field_id), None)
        return Explanation(applicant_id, field_id, fields.get(field_id), sorted(fields), rule,
                           explain_lines(target, result, field_id), result.others)
    applicant_id, fields, others = _from_application(target, applicant, as_of or date.today())
    return Explanation(applicant_id, field_id, fields.get(field_id), sorted(fields), others=others)


def _from_results(
    path: Path, applicant: str | None
) -> tuple[str, dict[str, FieldValue], ApplicationResult | None]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [row.get("applicant_id") for row in rows]
    if applicant is None and len(rows) == 1:
        applicant = ids[0]
    for row in rows:
        if row.get("applicant_id") == applicant:
            fields = {k: FieldValue.model_validate(v) for k, v in (row.get("fields") or {}).items()}
            try:
                result = ApplicationResult.model_validate(row)
            except ValidationError:
                result = None
            return str(applicant), fields, result
    raise ExplainError(f"{path} 中没有申报编号“{applicant}”；可选：{'、'.join(str(i) for i in ids)}")


def _from_application(target: Path, applicant: str | None,
                      as_of: date) -> tuple[str, dict[str, FieldValue], list[LabelValue]]:
    batch = discover_batch(target)
    apps = batch.applications
    if applicant is not None:
        apps = [a for a in apps if a.applicant_id == applicant]
    if len(apps) != 1:
        names = "、".join(a.applicant_id for a in batch.applications)
        raise ExplainError(f"“{target}”中应恰好指定一个申报（用 --applicant 选择）；找到：{names or '无'}")
    with tempfile.TemporaryDirectory(prefix="nx-explain-") as tmp:
        processed = process_application(apps[0], as_of, load_ruleset(), Path(tmp), Cache(None))
    return apps[0].applicant_id, processed.result.fields, processed.result.others


def _where(source: Source | None) -> str:
    if source is None:
        return "（无出处）"
    where = source.file + (f" {source.location}" if source.location else "")
    return f"{where}；原文：“{source.excerpt}”" if source.excerpt else where


def _candidate_line(n: int, cand: Candidate, chosen: FieldValue) -> str:
    mark = "★" if cand.value == chosen.value and cand.source == chosen.source else "  "
    note = f"；说明：{cand.note}" if cand.note else ""
    extractor = f"[{cand.source.extractor}] " if cand.source.extractor else ""
    return (
        f"{mark}{n}. {show(cand.value) if cand.value is not None else '（未能解析）'} ← {extractor}"
        f"匹配“{cand.matched}”，置信度 {cand.confidence:.2f}；{_where(cand.source)}{note}"
    )


def describe(exp: Explanation) -> str:
    """Chinese text: chosen value, source, matched label, confidence, review reasons, candidates."""
    name = field_catalog().name(exp.field_id)
    head = f"申报：{exp.applicant_id}\n字段：{exp.field_id}（{name}）"
    fv = exp.value
    review = ["人工复核：", *[f"  {line}" for line in exp.review]] if exp.review else []
    if fv is None and exp.rule is not None:
        rule = exp.rule
        return "\n".join([f"申报：{exp.applicant_id}\n规则：{rule.id}（{rule.title}，{rule.article}）",
                          f"结论：{rule.outcome.value}", f"说明：{rule.note}", *review])
    if fv is None and exp.review:
        return "\n".join([f"申报：{exp.applicant_id}\n事项：{exp.field_id}", *review])
    if fv is None:
        lines = [head, "结果：未找到该字段。", f"已提取的字段：{'、'.join(exp.known_fields) or '无'}"]
        return "\n".join(lines + _others(exp))
    lines = [
        head,
        f"取值：{show(fv.value) if fv.value is not None else '（无）'}",
        f"出处：{_where(fv.source)}",
        f"匹配：{fv.matched or '（无）'}，置信度 {fv.confidence:.2f}",
    ]
    if fv.review:
        lines.append("需复核：")
        lines += [f"  - {reason}" for reason in fv.review]
    else:
        lines.append("需复核：无")
    lines.append(f"全部候选（共 {len(fv.candidates)} 个，★ 为采用的值；置信度最高者优先，同分取先出现者）：")
    lines += [_candidate_line(i, c, fv) for i, c in enumerate(fv.candidates, start=1)]
    return "\n".join(lines + review + _others(exp, only_this=True))


def _others(exp: Explanation, only_this: bool = False) -> list[str]:
    """The report's label/value pairs that named no field (the field may hide among them under a
    wording not yet known), and those whose label named this field but whose value was not of its type."""
    mine = [o for o in exp.others if o.field == exp.field_id]
    rest = [] if only_this else [o for o in exp.others if o.field is None]
    lines = []
    if mine:
        lines.append("标签对应本字段、但数值不是本字段类型的填报内容：")
        lines += [f"  - {o.label}：{o.value}（{_where(o.source)}）" for o in mine]
    if rest:
        lines.append("申请报告中未对应到任何字段的填报内容（措辞未收录时，本字段可能在其中）：")
        lines += [f"  - {o.label}：{o.value}（{_where(o.source)}）" for o in rest]
    return lines
