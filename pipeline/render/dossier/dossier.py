"""The view of one application that the expert briefing packet (HTML and .docx) shows.

Every string that comes from the applicant passes through mask_personal here, so the
templates only escape.
"""

from __future__ import annotations

from ...models import ApplicationResult, FieldValue, Outcome, RuleResult, Source
from ...privacy.mask import mask_personal as mask
from ...reference import field_catalog, material_catalog
from ...registry.wording import wording as registry_wording
from ...review.wording import mark_text
from ..common.config import labels, scoring, settings
from ..common.formatting import file_href as href
from ..common.formatting import fmt_day, fmt_field, fmt_generic, fmt_rule_value, location_text, split_ref
from ..common.texts import (
    deficient_materials,
    issue_date,
    material_order,
    material_summary,
    registry_texts,
    review_rules,
    rule_title,
    rules_with,
)
from ..common.wording import for_people, rule_bases, unclaimed, wording


def _source(src: Source | None) -> dict:
    if src is None:
        return {"file": "", "href": "", "location": "", "excerpt": "", "label": "无来源"}
    location = location_text(src)
    excerpt = mask(" ".join(src.excerpt.split()))
    if src.extractor in wording().summary_sources and excerpt:  # a count the tool made, not a quotation
        location = "，".join(x for x in (location, wording().counted.format(summary=excerpt)) if x)
        excerpt = ""
    limit = settings().excerpt_chars_max
    if len(excerpt) > limit:  # a quotation to find the place by; the whole page opens from the link
        excerpt = excerpt[:limit] + wording().excerpt_cut
    return {
        "file": mask(src.file),
        "href": href(src.file, src.page),
        "location": location,
        "excerpt": excerpt,
        "label": mask(src.file) + (f"（{location}）" if location else ""),
    }


# The empty right half of the last row of the two-column figure table.
_BLANK = {"name": "", "value": "", "review": [], "verified": "", "alternatives": "", "shade": "FFFFFF",
          "source": {"label": "", "excerpt": "", "href": "", "file": "", "location": ""}}


# The basic facts page 1 shows (dossier_context's `summary`).
_SUMMARY_FIELDS = ("unit_name", "platform_name", "city", "county", "unit_nature", "recommending_unit")


def _pairs(figures: list[dict]) -> list[dict]:
    """Two figures a row: half the pages on a landscape page."""
    return [{"a": figures[i], "b": figures[i + 1] if i + 1 < len(figures) else _BLANK} for i in range(0, len(figures), 2)]


def _field_order(result: ApplicationResult) -> list[str]:
    known = [fid for fid in field_catalog().fields if fid in result.fields]
    return known + sorted(fid for fid in result.fields if fid not in field_catalog().fields)


def _figure(fid: str, fv: FieldValue) -> dict:
    value = fmt_field(fid, fv.value)
    spec = field_catalog().fields.get(fid)
    if spec and spec.personal and fv.value is not None and mask(value) == value:
        value = "（已隐去）"
    flagged = (bool(fv.review) or fv.confidence < settings().low_confidence) and fv.verified is None
    return {
        "id": fid,
        "name": field_catalog().name(fid),
        "flagged": flagged,
        "shade": settings().highlight_colour if flagged else "FFFFFF",
        "verified": mask(mark_text("field", fv.verified, lambda v: fmt_field(fid, v))) if fv.verified else "",
        "value": mask(value),
        "source": _source(fv.source),
        "review": [mask(for_people(r)) for r in fv.review],
        # The confidence number stays in results.jsonl; a flagged value says so in words.
        "confidence": "",
        "alternatives": "；".join(
            f"{mask(fmt_field(fid, c.value))}（{mask(c.source.file)}）" for c in fv.candidates if c.value != fv.value
        ),
    }


def _rule(result: ApplicationResult, rule: RuleResult) -> dict:
    outcome = rule.outcome.value
    if unclaimed(result, rule):  # not claimed is not a deficiency: no 无证据, no shading
        return {**_rule_row(rule, outcome), "outcome": wording().unclaimed_outcome, "outcome_code": "unclaimed",
                "colour": "000000", "shade": "FFFFFF", "note": wording().unclaimed_note, "bases": []}
    return _rule_row(rule, outcome)


def _rule_row(rule: RuleResult, outcome: str) -> dict:
    return {
        "id": rule.id,
        "title": rule_title(rule.id, rule.title),
        "article": rule.article,
        "observed": mask(fmt_rule_value(rule.id, rule.observed)) if rule.observed is not None else "—",
        "threshold": fmt_rule_value(rule.id, rule.threshold) if rule.threshold is not None else "—",
        "outcome": labels().of("outcome", outcome),
        "outcome_code": outcome,
        "colour": settings().outcome_colours.get(outcome, "000000"),
        "shade": settings().outcome_shades.get(outcome, "FFFFFF"),
        "note": mask(for_people(rule.note)),
        "relaxation": mask(for_people(rule.relaxation or "")),
        "evidence": [_source(src) for src in rule.evidence],
        # One line of where the evidence is (the excerpts are in the figures table and the HTML).
        "evidence_text": _evidence_text(rule.evidence),
        "bases": rule_bases(rule),  # the regulation's words; parameter paths stay in results.jsonl
    }


def _evidence_text(evidence: list[Source]) -> str:
    """Where a rule's evidence is, one file at a time: "申请报告.docx（表1第11行第2列、表1第12行第2列）"."""
    places: dict[str, list[str]] = {}
    for src in evidence:
        source = _source(src)
        where = places.setdefault(source["file"], [])
        if source["location"] and source["location"] not in where:
            where.append(source["location"])
    return "；".join(file + (f"（{'、'.join(where)}）" if where else "") for file, where in places.items())


def _shared_bases(rules: list[dict]) -> list[str]:
    """Bases more than one rule applies (the cross-check tolerance): said once, under the table."""
    counts: dict[str, int] = {}
    for rule in rules:
        for basis in rule.get("bases", []):
            counts[basis] = counts.get(basis, 0) + 1
    return [basis for basis, n in counts.items() if n > 1]


def _with_basis(rules: list[dict], shared: list[str]) -> list[dict]:
    return [{**rule, "basis": "；".join(b for b in rule.get("bases", []) if b not in shared)} for rule in rules]


def _materials(result: ApplicationResult) -> list[dict]:
    catalog = material_catalog()
    out = []
    for material in material_order():
        entry = result.materials.get(material)
        status = entry.status.value if entry else "missing"
        files = []
        for ref in entry.files if entry else []:
            path, page, pages = split_ref(ref)
            files.append({"label": mask(path) + (f"（{pages}）" if pages else ""), "href": href(path, page)})
        parts = (
            [
                {"name": catalog.part_name(part), "status": labels().of("material_status", st)}
                for part, st in (entry.parts or {}).items()
            ]
            if entry
            else []
        )
        out.append(
            {
                "name": catalog.spec(material).name,
                "article": catalog.spec(material).article,
                "status": labels().of("material_status", status),
                "status_code": status,
                "files": files,
                "files_text": "、".join(f["label"] for f in files) or "无",
                "parts": parts,
                "parts_text": "；".join(f"{p['name']}：{p['status']}" for p in parts),
                "notes": [mask(for_people(n)) for n in (entry.notes if entry else [])],
            }
        )
    return out


def _lists(result: ApplicationResult) -> list[dict]:
    limit = settings().list_rows_max
    out = []
    for table in result.lists:
        rows = [[mask(c) for c in row] for row in table.rows[:limit]]
        out.append(
            {
                "name": material_catalog().part_name(table.part),
                "file": mask(table.file),
                "href": href(table.file),
                "columns": [mask(c) for c in table.columns],
                "rows": rows,
                "lines": ["　".join(row) for row in rows],
                "total": len(table.rows),
                "shown": len(rows),
                "warnings": [mask(for_people(w)) for w in table.warnings],
            }
        )
    return out


def _narratives(result: ApplicationResult) -> list[dict]:
    limit = settings().narrative_chars_max
    out = []
    for nar in result.narratives:
        text = mask(nar.text)
        truncated = len(text) > limit
        paragraphs = [p.strip() for p in text[:limit].splitlines() if p.strip()]
        out.append(
            {
                "title": mask(nar.title),
                "paragraphs": paragraphs,
                "truncated": truncated,
                "source": _source(nar.source),
            }
        )
    return out


def _judge(result: ApplicationResult, figures: list[dict]) -> list[str]:
    """Page 1's few lines of what the expert must judge or check, grouped, names only."""
    t = wording().judge
    sep = wording().triage["separator"]
    incs = list(dict.fromkeys(
        "与".join(field_catalog().name(f) for f in inc.fields)
        for inc in result.inconsistencies
        if inc.material and inc.verified is None
    ))
    groups = [
        ("failed", rules_with(result, Outcome.fail)),
        ("relaxed", rules_with(result, Outcome.relaxed)),
        ("review", review_rules(result)),
        ("fields", [f["name"] for f in figures if f["flagged"]]),
        ("inconsistencies", incs),
        ("missing", [x.split("：")[0] for x in material_summary(result)]),
        ("registry", [flag.title for flag in result.registry_checks]),
    ]
    return [mask(t[key].format(items=sep.join(items))) for key, items in groups if items]


def dossier_context(result: ApplicationResult) -> dict:
    names = field_catalog()
    cfg = settings()
    figures = [_figure(fid, result.fields[fid]) for fid in _field_order(result)]
    decision = result.decision.value

    def val(fid: str) -> str:
        return mask(fmt_field(fid, result.value(fid))) if result.value(fid) is not None else "未提取到"

    # Basic facts; what to judge is in `judge` below, the figures in `key_figures`.
    summary = [
        ("申报编号", mask(result.applicant_id)),
        (names.name("unit_name"), val("unit_name")),
        (names.name("platform_name"), val("platform_name")),
        ("所在地", "".join(v for v in (val("city"), val("county")) if v != "未提取到") or "未提取到"),
        (names.name("unit_nature"), val("unit_nature")),
        (names.name("recommending_unit"), val("recommending_unit")),
        *[(registry_wording().dossier_row, mask(text)) for text in registry_texts(result)],
        ("基准日期", fmt_day(result.as_of)),
    ]
    rules = [_rule(result, r) for r in result.rules if not unclaimed(result, r)]
    shared = _shared_bases(rules)
    rules = _with_basis(rules, shared)
    not_claimed = [rule_title(r.id, r.title) for r in result.rules if unclaimed(result, r)]
    by_id = {f["id"]: f for f in figures}
    key_figures = [by_id[fid] for fid in cfg.dossier_key_fields if fid in by_id]
    printed = {*_SUMMARY_FIELDS, *cfg.dossier_key_fields, *(f["id"] for f in figures if f["flagged"])}
    return {
        "title": cfg.dossier_title,
        "department": cfg.department,
        "office": cfg.office,
        "date": fmt_day(issue_date(result.as_of)),
        "applicant_id": mask(result.applicant_id),
        "unit_name": val("unit_name") if result.value("unit_name") else mask(result.applicant_id),
        "decision": labels().of("decision", decision),
        "decision_code": decision,
        "decision_colour": cfg.decision_colours.get(decision, "FFFFFF"),
        "summary": [{"label": k, "value": v} for k, v in summary],
        "summary_rows": [
            {"a": {"label": summary[i][0], "value": summary[i][1]},
             "b": {"label": summary[i + 1][0], "value": summary[i + 1][1]} if i + 1 < len(summary)
             else {"label": "", "value": ""}}
            for i in range(0, len(summary), 2)
        ],
        "figures": figures,
        "judge_heading": wording().judge_heading,
        "judge": _judge(result, figures) or [wording().judge_none],
        "key_figures": key_figures,
        # The Word/PDF version prints each figure once: the basic facts and key figures of page 1
        # and the figures to check (section 四, with their sources) are not repeated in its table.
        "figure_rows": _pairs([f for f in figures if f["id"] not in printed]),
        "figures_printed": len(printed & set(by_id)),
        "unclaimed_text": wording().unclaimed_line.format(items="、".join(not_claimed)) if not_claimed else "",
        "review_fields": [
            {**f, "review": f["review"] or [wording().low_confidence]}
            for f in figures
            if f["flagged"]
        ],
        "ruleset": wording().ruleset,  # the version id stays in results.jsonl
        "highlight_note": wording().highlight_note,
        "as_of": fmt_day(result.as_of),
        "platform_name": val("platform_name"),
        "rules": rules,
        "shared_basis": wording().shared_basis.format(items="；".join(shared)) if shared else "",
        "inconsistencies": [
            {
                "fields": "、".join(names.name(f) for f in inc.fields),
                "values_text": "；".join(
                    f"{names.name(f)}：{mask(fmt_field(f, v))}" for f, v in zip(inc.fields, inc.values, strict=False)
                )
                or "、".join(mask(fmt_generic(v)) for v in inc.values),
                "note": mask(for_people(inc.note)),
                "material": "是" if inc.material else "否",
                "shade": settings().highlight_colour if inc.material else "FFFFFF",
            }
            for inc in [*result.inconsistencies, *result.differences]
        ],
        "narratives": _narratives(result),
        "others": [{"label": mask(o.label), "value": mask(o.value), "source": _source(o.source)}
                   for o in result.others if o.field is None],
        "lists": _lists(result),
        "materials": _materials(result),
        "incomplete": bool(deficient_materials(result)),
        "problems": [mask(for_people(p)) for p in result.problems],
        "files": [
            {
                "file": mask(for_people(f.file)),
                "href": href(split_ref(f.file)[0], split_ref(f.file)[1]),
                "kind": f.kind,
                "material": material_catalog().wording.file_label(material_catalog(), f),
                "reason": mask(for_people(f.reason)),
                "problem": mask(for_people(f.problem or ("" if f.readable else "无法读取"))),
            }
            for f in result.files
        ],
        "criteria": scoring().criteria,
        "declaration": scoring().declaration,
    }
