"""The per-application rows shared by index.html and summary.xlsx."""

from __future__ import annotations

from urllib.parse import quote

from ...extract.regions import locate
from ...models import ApplicationResult, Decision, MaterialStatus, Outcome
from ...privacy.mask import mask_personal as mask
from ...reference import field_catalog, material_catalog
from ...review.items import ItemState, review_items
from ..common.config import labels, settings
from ..common.formatting import fmt_field
from ..common.texts import material_order, review_rules, rules_with
from ..common.wording import wording

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
        "city": _text(result, "city") or folder_city(dirname) or UNKNOWN_CITY,
        "county": _text(result, "county"),
        "nature": _text(result, "unit_nature"),
        "decision": labels().of("decision", decision),
        "decision_code": decision,
        "colour": settings().decision_colours.get(decision, "FFFFFF"),
        "missing": missing,
        "failed": rules_with(result, Outcome.fail),
        "relaxed": rules_with(result, Outcome.relaxed),
        **triage(result),
        **_review(result),
    }


def folder_city(dirname: str) -> str:
    """The city a batch folder's name starts with ("银川市-某公司", "银川-某公司" → 银川市): the
    secretariat names folders so, and it is better than 未识别 when no document states the city."""
    head = dirname.split("-", 1)[0].strip() if "-" in dirname else ""
    place = locate(head) if head else None
    return place.city if place and place.city else ""


def triage(result: ApplicationResult) -> dict:
    """One short line per group of open items (names only; the reasons are in the dossier):
    rules to review, values to check, inconsistencies beyond the tolerance, registry findings.
    Functions not claimed and differences under the tolerance are no items."""
    t = wording().triage
    names = field_catalog()
    fields = list(dict.fromkeys(names.name(fid) for fid, fv in result.fields.items() if fv.review and fv.verified is None))
    incs = list(dict.fromkeys(
        "与".join(names.name(f) for f in inc.fields)
        for inc in result.inconsistencies
        if inc.material and inc.verified is None
    ))
    registry = [flag.title for flag in result.registry_checks]
    rules = review_rules(result)

    def line(key: str, items: list[str]) -> list[str]:
        return [mask(t[key].format(items=t["separator"].join(items)))] if items else []

    return {
        "flags": line("registry", registry) + line("rules", rules) + line("fields", fields),
        "inconsistencies": line("inconsistencies", incs),
    }


def _review(result: ApplicationResult) -> dict:
    """The clerk's review loop: the items still open (a stale resolution reopens one) and those settled."""
    items = review_items(result)
    open_ = [i for i in items if i.state == ItemState.open]
    return {
        "open": _grouped((i.category, i.title) for i in open_),
        "open_count": len(open_),
        "resolved_count": len(items) - len(open_),
        "stale_count": sum(1 for i in open_ if i.stale),
    }


def _grouped(pairs) -> list[str]:
    """("数据", "资产总额"), ("数据", "审计年度") → ["数据：资产总额、审计年度"], in first-seen order."""
    groups: dict[str, list[str]] = {}
    for category, title in pairs:
        groups.setdefault(category, [])
        if title not in groups[category]:
            groups[category].append(title)
    return [f"{category}：{wording().triage['separator'].join(titles)}" for category, titles in groups.items()]


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
