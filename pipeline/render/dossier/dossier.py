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
from ..common.formatting import fmt_day, fmt_field, fmt_generic, fmt_rule_value, fmt_typed, location_text, split_ref
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


def _source(src: Source | None) -> dict:
    if src is None:
        return {"file": "", "href": "", "location": "", "excerpt": "", "extractor": "", "label": "无来源"}
    location = location_text(src)
    return {
        "file": mask(src.file),
        "href": href(src.file, src.page),
        "location": location,
        "excerpt": mask(" ".join(src.excerpt.split())),
        "extractor": src.extractor or "",
        "label": mask(src.file) + (f"（{location}）" if location else ""),
    }


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
        "review": [mask(r) for r in fv.review],
        "matched": mask(fv.matched or ""),
        "confidence": f"{fv.confidence:.0%}" if fv.confidence < 1 else "",
        "alternatives": "；".join(
            f"{mask(fmt_field(fid, c.value))}（{mask(c.source.file)}）" for c in fv.candidates if c.value != fv.value
        ),
    }


def _rule(rule: RuleResult) -> dict:
    outcome = rule.outcome.value
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
        "note": mask(rule.note),
        "relaxation": mask(rule.relaxation or ""),
        "evidence": [_source(src) for src in rule.evidence],
        "parameters": [
            {
                "name": p.name,
                "value": fmt_typed(p.value, labels().rule_value_types.get(rule.id)),
                "reference": p.reference,
                "effective": fmt_day(p.effective_from),
            }
            for p in rule.parameters
        ],
    }


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
                "notes": [mask(n) for n in (entry.notes if entry else [])],
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
                "warnings": [mask(w) for w in table.warnings],
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


def dossier_context(result: ApplicationResult) -> dict:
    names = field_catalog()
    cfg = settings()
    figures = [_figure(fid, result.fields[fid]) for fid in _field_order(result)]
    decision = result.decision.value

    def val(fid: str) -> str:
        return mask(fmt_field(fid, result.value(fid))) if result.value(fid) is not None else "未提取到"

    failed = rules_with(result, Outcome.fail)
    relaxed = rules_with(result, Outcome.relaxed)
    review = review_rules(result)
    summary = [
        ("申报编号", mask(result.applicant_id)),
        (names.name("unit_name"), val("unit_name")),
        (names.name("platform_name"), val("platform_name")),
        (names.name("city"), val("city")),
        (names.name("county"), val("county")),
        (names.name("unit_nature"), val("unit_nature")),
        (names.name("recommending_unit"), val("recommending_unit")),
        ("初审结论", labels().of("decision", decision)),
        ("未通过的规则", "；".join(failed) or "无"),
        ("适用放宽条款的规则", "；".join(relaxed) or "无"),
        ("需人工复核或无证据的规则", "；".join(review) or "无"),
        ("材料缺失情况", "；".join(material_summary(result)) or "材料齐全"),
        *[(registry_wording().dossier_row, mask(text)) for text in registry_texts(result)],
        ("基准日期", fmt_day(result.as_of)),
        ("规则版本", result.ruleset),
    ]
    rules = [_rule(r) for r in result.rules]
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
        "figures": figures,
        "review_fields": [
            {**f, "review": f["review"] or [f"识别置信度{f['confidence']}，请核对原件"]}
            for f in figures
            if f["flagged"]
        ],
        "ruleset": result.ruleset,
        "as_of": fmt_day(result.as_of),
        "platform_name": val("platform_name"),
        "rules": rules,
        "parameter_rows": [{"rule": r["title"], **p} for r in rules for p in r["parameters"]],
        "inconsistencies": [
            {
                "fields": "、".join(names.name(f) for f in inc.fields),
                "values_text": "；".join(
                    f"{names.name(f)}：{mask(fmt_field(f, v))}" for f, v in zip(inc.fields, inc.values, strict=False)
                )
                or "、".join(mask(fmt_generic(v)) for v in inc.values),
                "note": mask(inc.note),
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
        "problems": [mask(p) for p in result.problems],
        "files": [
            {
                "file": mask(f.file),
                "href": href(split_ref(f.file)[0], split_ref(f.file)[1]),
                "kind": f.kind,
                "material": material_catalog().wording.file_label(material_catalog(), f),
                "reason": mask(f.reason),
                "problem": mask(f.problem or ("" if f.readable else "无法读取")),
            }
            for f in result.files
        ],
        "criteria": scoring().criteria,
        "declaration": scoring().declaration,
    }
