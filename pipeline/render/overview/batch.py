"""The per-application rows shared by index.html and summary.xlsx."""

from __future__ import annotations

from urllib.parse import quote

from ...models import ApplicationResult, Decision, MaterialStatus, Outcome
from ...privacy.mask import mask_personal as mask
from ...reference import material_catalog
from ...review.items import ItemState, review_items
from ..common.config import labels, settings
from ..common.formatting import fmt_field
from ..common.texts import inconsistency_texts, material_order, registry_texts, review_flags, review_rules, rules_with

UNKNOWN_CITY = "未识别"


def _text(result: ApplicationResult, field_id: str, default: str = "") -> str:
    value = result.value(field_id)
    return mask(fmt_field(field_id, value)) if value is not None else default


def app_row(result: ApplicationResult, dirname: str) -> dict:
    decision = result.decision.value
    missing = []
    for material in material_order():
        entry = result.materials.get(material)
        status = entry.status if entry else MaterialStatus.missing
        if status != MaterialStatus.present:
            missing.append(f"{material_catalog().spec(material).name}（{labels().of('material_status', status)}）")
    return {
        "id": result.applicant_id,
        "dirname": dirname,
        "base": "applicants/" + quote(dirname) + "/",  # URL form for index.html
        "folder": f"applicants/{dirname}/",  # plain relative path for Excel hyperlinks
        "unit": _text(result, "unit_name"),
        "platform": _text(result, "platform_name"),
        "city": _text(result, "city", UNKNOWN_CITY),
        "county": _text(result, "county"),
        "nature": _text(result, "unit_nature"),
        "decision": labels().of("decision", decision),
        "decision_code": decision,
        "colour": settings().decision_colours.get(decision, "FFFFFF"),
        "missing": missing,
        "failed": rules_with(result, Outcome.fail),
        "relaxed": rules_with(result, Outcome.relaxed),
        "flags": [mask(x) for x in registry_texts(result) + review_rules(result) + review_flags(result)],
        "inconsistencies": [mask(x) for x in inconsistency_texts(result)],
        **_review(result),
    }


def _review(result: ApplicationResult) -> dict:
    """The clerk's review loop: the items still open (a stale resolution reopens one) and those settled."""
    items = review_items(result)
    open_ = [i for i in items if i.state == ItemState.open]
    return {
        "open": [f"{i.category}：{i.title}" for i in open_],
        "open_count": len(open_),
        "resolved_count": len(items) - len(open_),
        "stale_count": sum(1 for i in open_ if i.stale),
    }


def decision_counts(rows: list[dict]) -> list[dict]:
    return [
        {
            "code": d.value,
            "label": labels().of("decision", d),
            "colour": settings().decision_colours.get(d.value, "FFFFFF"),
            "count": sum(1 for r in rows if r["decision_code"] == d.value),
        }
        for d in Decision
    ]


def city_counts(rows: list[dict]) -> list[dict]:
    cities = sorted({r["city"] for r in rows}, key=lambda c: (c == UNKNOWN_CITY, c))
    return [
        {
            "city": city,
            "counts": [sum(1 for r in rows if r["city"] == city and r["decision_code"] == d.value) for d in Decision],
            "total": sum(1 for r in rows if r["city"] == city),
        }
        for city in cities
    ]
