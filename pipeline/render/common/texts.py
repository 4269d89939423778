"""Helpers shared by the checklist, dossier and batch views."""

from __future__ import annotations

from datetime import date

from ...models import ApplicationResult, MaterialStatus, MaterialType, Outcome
from ...reference import field_catalog, material_catalog
from .config import labels, settings
from .formatting import split_ref

CN_NUMERALS = "一二三四五六七八九十"


def cn_index(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一 (enough for section numbering)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def issue_date(result_as_of: date | None) -> date:
    """The date printed on documents: today, or the run's reference date (settings.issue_date)."""
    if settings().issue_date == "as_of" and result_as_of is not None:  # default: reproducible
        return result_as_of
    return date.today()


def material_order() -> list[MaterialType]:
    """Article 11 (一)…(八) in catalogue order, then the Article 10 推荐表."""
    return list(material_catalog().materials)


def unit_name(result: ApplicationResult) -> str:
    value = result.value("unit_name")
    return str(value) if value else result.applicant_id


def deficient_materials(result: ApplicationResult) -> list[MaterialType]:
    """Materials that are not `present` (missing from the result counts as missing)."""
    out = []
    for material in material_order():
        entry = result.materials.get(material)
        if entry is None or entry.status != MaterialStatus.present:
            out.append(material)
    return out


def material_summary(result: ApplicationResult) -> list[str]:
    """["营业执照…：缺失", …] for every deficient material."""
    catalog = material_catalog()
    out = []
    for material in deficient_materials(result):
        entry = result.materials.get(material)
        status = entry.status if entry else MaterialStatus.missing
        out.append(f"{catalog.spec(material).name}：{labels().of('material_status', status)}")
    return out


def rule_title(rule_id: str, title: str) -> str:
    return title or labels().rule_titles.get(rule_id, rule_id)


def rules_with(result: ApplicationResult, *outcomes: Outcome) -> list[str]:
    return [f"{rule_title(r.id, r.title)}（{r.article}）" for r in result.rules if r.outcome in outcomes]


def review_rules(result: ApplicationResult) -> list[str]:
    """Rules a human must look at: needs_review, and no_evidence except the Article 7 functions
    the applicant did not need once another function passed (art7_any passed)."""
    from .wording import unclaimed  # a function not claimed is nothing to review

    art7_met = any(r.id == "art7_any" and r.outcome == Outcome.pass_ for r in result.rules)
    return [
        f"{rule_title(r.id, r.title)}（{r.article}）"
        for r in result.rules
        if r.verified is None  # settled by a person (人工核实)
        and not unclaimed(result, r)
        and (
            r.outcome == Outcome.needs_review
            or (r.outcome == Outcome.no_evidence and not (art7_met and r.id.startswith("art7_") and r.id != "art7_any"))
        )
    ]


def review_flags(result: ApplicationResult) -> list[str]:
    """Fields with review reasons (not yet settled by a person), as "字段名：原因"."""
    names = field_catalog()
    return [
        f"{names.name(fid)}：{reason}"
        for fid, fv in result.fields.items()
        if fv.verified is None
        for reason in fv.review
    ]


def inconsistency_texts(result: ApplicationResult) -> list[str]:
    names = field_catalog()
    out = []
    for inc in result.inconsistencies:
        fields = "与".join(names.name(f) for f in inc.fields)
        out.append(f"{fields}：{inc.note}" if inc.note else fields)
    return out


def registry_texts(result: ApplicationResult) -> list[str]:
    """The registry checks of `run --registry` (Art. 14, 17), as "标题（条款）：说明"."""
    return [f"{flag.title}（{flag.article}）：{flag.note}" for flag in result.registry_checks]


def material_inconsistency_texts(result: ApplicationResult) -> list[str]:
    """Only the inconsistencies beyond the ruleset's tolerance: what the applicant must explain."""
    names = field_catalog()
    return [
        "与".join(names.name(f) for f in inc.fields) + (f"：{inc.note}" if inc.note else "")
        for inc in result.inconsistencies
        if inc.material and inc.verified is None  # one a person explained is not asked about
    ]


def problems_by_file(result: ApplicationResult) -> tuple[dict[MaterialType, list[str]], list[str]]:
    """Attach each problem message to the material whose file it names; the rest stay general."""
    by_material: dict[MaterialType, list[str]] = {}
    general: list[str] = []
    for problem in result.problems:
        owner = None
        for material, entry in result.materials.items():
            if any(split_ref(f)[0] and split_ref(f)[0] in problem for f in entry.files):
                owner = material
                break
        if owner is None:
            general.append(problem)
        else:
            by_material.setdefault(owner, []).append(problem)
    return by_material, general
