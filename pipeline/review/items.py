"""The items of a result a person can settle, derived from the result itself.

Open items: fields with review reasons or low confidence, rules whose outcome leaves a
doubt a person can settle (needs_review or relaxed of a decisive rule; a claimed function
that needs review while no function passes yet), inconsistencies beyond the tolerance,
materials not present and files that were not placed. An item whose resolution
was applied is resolved; one whose resolution went stale is open again, with the stale
resolution shown beside it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ..models import (
    ApplicationResult,
    Basis,
    Conclusion,
    ItemKind,
    ListPart,
    MaterialStatus,
    MaterialType,
    Outcome,
    ReviewRecord,
    ReviewState,
    Scalar,
    Source,
    Verification,
)
from ..models.common import Model
from ..privacy.mask import mask_personal as mask
from ..reference import field_catalog, material_catalog
from ..render.common.config import labels, settings
from ..render.common.formatting import fmt_field, split_ref
from ..render.common.texts import material_order, rule_title
from .wording import FILE_PREFIX, kind_key, mark_text, what, when, wording

# A rule without evidence (no_evidence: every evidence material missing or unreadable) is no item of
# its own: the material is, and once a person has it received the rule is checked on its content.
DOUBT = (Outcome.needs_review, Outcome.relaxed)
PAIR = "|"  # joins the two fields of an inconsistency into its item id


class ItemState(StrEnum):
    open = "open"
    resolved = "resolved"


class Choice(Model):
    """One conclusion an item offers: what it records, and its label in the sheet and on the page."""

    conclusion: Conclusion
    value: Scalar = None  # fixed by the choice (the preferred field, the material a file goes to)
    label: str
    needs_value: bool = False  # the person types the value (更正为…)


class Item(Model):
    applicant_id: str
    kind: ItemKind
    item: str
    category: str  # Chinese name of the kind
    title: str
    value: str  # what the pipeline shows now, formatted
    reasons: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    digests: dict[str, str] = Field(default_factory=dict)  # the item's source files, as the result has them
    original: Scalar = None
    choices: list[Choice] = Field(default_factory=list)
    state: ItemState = ItemState.open
    record: ReviewRecord | None = None  # the applied (resolved) or stale (open) resolution
    verification: Verification | None = None  # what the field, rule, … carries (also when settled via another item)
    mark: str = ""  # 人工核实… (resolved) or the stale / unused notice (open)
    field_type: str | None = None  # fields: the type of fields.yaml, for parsing a corrected value

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.item}"

    @property
    def stale(self) -> bool:
        return self.record is not None and self.record.state == ReviewState.stale


def review_items(result: ApplicationResult) -> list[Item]:
    """Every item of the result a person can settle or has settled, in document order."""
    records = {(r.kind, r.item): r for r in result.review}
    items = [*_fields(result), *_rules(result), *_inconsistencies(result), *_materials(result), *_files(result)]
    seen = {(i.kind, i.item) for i in items}
    for record in result.review:  # settled items no longer flagged (an inconsistency settled by a field)
        if record.state == ReviewState.applied and (record.kind, record.item) not in seen:
            items.append(_settled(result, record))
    for item in items:
        record = records.get((item.kind, item.item))
        if record is not None and record.state != ReviewState.unused:
            item.record = record
        if item.stale:
            item.mark = stale_text(item, record)
        elif item.record is not None or item.verification is not None:
            item.state = ItemState.resolved
            said = item.record.resolution if item.record is not None else item.verification
            item.mark = mark_text(kind_key(item.kind, item.item), said, shower(item))
    return items


def open_items(result: ApplicationResult) -> list[Item]:
    return [i for i in review_items(result) if i.state == ItemState.open]


def unused_texts(result: ApplicationResult) -> list[str]:
    """The resolutions this run did not use (shown, so nothing a person said disappears unseen)."""
    out = []
    for record in result.review:
        if record.state == ReviewState.unused:
            r = record.resolution
            item = _settled(result, record)
            described = what(kind_key(record.kind, record.item), r, shower(item))
            out.append(f"{item.title}：" + wording().unused_text.format(who=r.who, when=when(r.at), what=described))
    return out


def stale_text(item: Item, record: ReviewRecord) -> str:
    r = record.resolution
    return wording().stale_text.format(
        who=r.who,
        when=when(r.at),
        what=what(kind_key(item.kind, item.item), r, shower(item)),
        files="、".join(f"“{mask(f)}”" for f in record.changed),
    )


def shower(item: Item):
    """How a value of the item reads (a field's value, the material a file went to)."""
    return lambda value: _plain(item.item, value) if item.kind != ItemKind.material else material_name(value)


def _plain(field_id: str, value: object) -> str:
    return mask(fmt_field(field_id, value)) if value is not None else "—"


def _digests(result: ApplicationResult, files: list[str]) -> dict[str, str]:
    out = {}
    for ref in files:
        path = split_ref(ref)[0]
        if path in result.digests:
            out[path] = result.digests[path]
    return out


def _new(result: ApplicationResult, kind: ItemKind, item: str, **rest) -> Item:
    return Item(applicant_id=result.applicant_id, kind=kind, item=item, category=wording().kinds[kind_key(kind, item)],
                **rest)


def _low(confidence: float) -> bool:
    return confidence < settings().low_confidence


def _fields(result: ApplicationResult) -> list[Item]:
    catalog = field_catalog()
    choices = _choices("field")
    items = []
    for fid in _field_order(result):
        fv = result.fields[fid]
        if fv.verified is None and not fv.review and not _low(fv.confidence):
            continue
        reasons = [mask(r) for r in fv.review] or [wording().texts["low_confidence"].format(
            confidence=f"{fv.confidence:.0%}")]
        if fv.verified is not None:
            reasons = [mask(r) for r in fv.verified.reasons]
        spec = catalog.fields.get(fid)
        items.append(
            _new(
                result,
                ItemKind.field,
                fid,
                title=catalog.name(fid),
                value=_plain(fid, fv.value),
                reasons=reasons,
                sources=[fv.source] if fv.source else [],
                digests=_digests(result, [fv.source.file] if fv.source else []),
                original=fv.value if fv.verified is None else fv.verified.original,
                choices=choices,
                field_type=spec.type if spec else "text",
                verification=fv.verified,
            )
        )
    return items


def _field_order(result: ApplicationResult) -> list[str]:
    known = [fid for fid in field_catalog().fields if fid in result.fields]
    return known + sorted(fid for fid in result.fields if fid not in field_catalog().fields)


def _rule_is_item(result: ApplicationResult, rule) -> bool:
    if rule.verified is not None:
        return True
    if rule.outcome not in DOUBT:
        return False
    if rule.id.startswith("art7_") and rule.id != "art7_any":  # one claimed function: only while art7_any doubts
        art7_met = any(r.id == "art7_any" and r.outcome == Outcome.pass_ for r in result.rules)
        return rule.outcome == Outcome.needs_review and not art7_met
    return True


def _rules(result: ApplicationResult) -> list[Item]:
    items = []
    for rule in result.rules:
        if not _rule_is_item(result, rule):
            continue
        was = rule.outcome.value if rule.verified is None else rule.verified.original
        files = [s.file for s in rule.evidence]
        items.append(
            _new(
                result,
                ItemKind.rule,
                rule.id,
                title=f"{rule_title(rule.id, rule.title)}（{rule.article}）",
                value=labels().of("outcome", rule.outcome),
                reasons=[mask(rule.note)] + ([mask(rule.relaxation)] if rule.relaxation else []),
                sources=list(rule.evidence),
                digests=_digests(result, files),
                original=was,
                choices=_choices("rule_relaxed" if was == Outcome.relaxed.value else "rule"),
                verification=rule.verified,
            )
        )
    return items


def _inconsistencies(result: ApplicationResult) -> list[Item]:
    items = []
    for inc in result.inconsistencies:
        if not inc.material and inc.verified is None:
            continue
        item = _inconsistency_item(result, inc.fields, mask(inc.note))
        item.verification = inc.verified
        items.append(item)
    return items


def _inconsistency_item(result: ApplicationResult, fields: list[str], note: str) -> Item:
    names = field_catalog()
    sources = [result.fields[f].source for f in fields if f in result.fields and result.fields[f].source]
    values = "；".join(f"{names.name(f)}：{_plain(f, result.value(f))}" for f in fields)
    choices = [
        Choice(conclusion=Conclusion.prefer, value=f, label=_choices("inconsistency")[0].label.format(field=names.name(f)))
        for f in fields
    ] + [c for c in _choices("inconsistency") if c.conclusion != Conclusion.prefer]
    return _new(
        result,
        ItemKind.inconsistency,
        PAIR.join(fields),
        title=wording().texts["pair"].join(names.name(f) for f in fields),
        value=values,
        reasons=[note] if note else [],
        sources=sources,
        digests=_digests(result, [s.file for s in sources]),
        choices=choices,
    )


def _materials(result: ApplicationResult) -> list[Item]:
    catalog = material_catalog()
    items = []
    for material in material_order():
        entry = result.materials.get(material)
        status = entry.status if entry else MaterialStatus.missing
        if status == MaterialStatus.present and (entry is None or entry.verified is None):
            continue
        spec = catalog.spec(material)
        files = list(entry.files) if entry else []
        original = status.value if entry is None or entry.verified is None else entry.verified.original
        items.append(
            _new(
                result,
                ItemKind.material,
                material.value,
                title=f"{spec.name}（{spec.article}）",
                value=labels().of("material_status", status),
                reasons=[mask(n) for n in (entry.notes if entry else [])],
                sources=[Source(file=split_ref(f)[0], page=split_ref(f)[1]) for f in files],
                digests=_digests(result, files),
                original=original,
                choices=_choices("material"),
                verification=entry.verified if entry else None,
            )
        )
    return items


def _files(result: ApplicationResult) -> list[Item]:
    """Readable files the pipeline could not place (no material, or a list of unknown part) or
    placed on evidence too weak to stand alone (`confirm`); a bundle's cover and 目录 are none."""
    items = []
    for report in result.files:
        unplaced = report.material is None or (report.material == MaterialType.resource_lists and report.part is None)
        if not report.readable or not (unplaced or report.confirm) or report.basis == Basis.front_matter:
            continue
        path, page, _ = split_ref(report.file)
        items.append(
            _new(
                result,
                ItemKind.material,
                FILE_PREFIX + report.file,
                title=f"“{mask(report.file)}”",
                value=material_name(_placement(report.material, report.part)),
                reasons=[mask(report.reason)] if report.reason else [],
                sources=[Source(file=path, page=page)],
                digests=_digests(result, [report.file]),
                original=_placement(report.material, report.part),
                choices=file_choices(),
            )
        )
    return items


def _placement(material: MaterialType | None, part: ListPart | None) -> str | None:
    if material is None:
        return None
    return f"{material.value}.{part.value}" if part else material.value


def placements() -> list[str]:
    """Where a file can go: each material, and each part of the resource lists."""
    out = []
    for material in material_order():
        if material == MaterialType.resource_lists:
            out += [f"{material.value}.{part.value}" for part in ListPart]
        else:
            out.append(material.value)
    return out


def material_name(value: object) -> str:
    if not isinstance(value, str) or not value:
        return wording().texts["unplaced"]
    material, _, part = value.partition(".")
    if material not in MaterialType.__members__:
        return value
    catalog = material_catalog()
    if part in ListPart.__members__:
        return catalog.part_name(ListPart(part))
    return catalog.spec(MaterialType(material)).name


def file_choices() -> list[Choice]:
    labels_ = wording().choices["file"]
    placed = [
        Choice(conclusion=Conclusion.placed, value=p, label=labels_[Conclusion.placed].format(material=material_name(p)))
        for p in placements()
    ]
    return placed + [Choice(conclusion=c, label=text) for c, text in labels_.items() if c != Conclusion.placed]


def _choices(kind: str) -> list[Choice]:
    return [
        Choice(conclusion=c, label=text, needs_value=c == Conclusion.corrected)
        for c, text in wording().choices[kind].items()
    ]


def _title(result: ApplicationResult, kind: ItemKind, item: str) -> str:
    if kind == ItemKind.field:
        return field_catalog().name(item)
    if kind == ItemKind.rule:
        rule = next((r for r in result.rules if r.id == item), None)
        return rule_title(item, rule.title if rule else "")
    if kind == ItemKind.inconsistency:
        return wording().texts["pair"].join(field_catalog().name(f) for f in item.split(PAIR))
    if item.startswith(FILE_PREFIX):
        return f"“{mask(item.removeprefix(FILE_PREFIX))}”"
    return material_name(item)


def _settled(result: ApplicationResult, record: ReviewRecord) -> Item:
    """An item settled so that it is no longer flagged (e.g. an inconsistency whose fields now agree)."""
    r = record.resolution
    if record.kind == ItemKind.inconsistency:
        item = _inconsistency_item(result, record.item.split(PAIR), "")
        item.reasons = list(r.reasons)
        return item
    return _new(
        result,
        record.kind,
        record.item,
        title=_title(result, record.kind, record.item),
        value="",
        reasons=list(r.reasons),
        original=r.original,
    )
