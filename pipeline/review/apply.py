"""The review stage: the current resolutions of one application applied to what the stages found.

    settlement = Settlement(resolutions, digests)          # stale ones are set aside here
    classified = settlement.place(classified)               # files a person placed
    materials = settlement.materials(assess_materials(classified))
    fields = settlement.fields(fields)                      # confirmed / corrected values, preferred sources
    checked = check_application(materials, fields, as_of, ruleset, settlement)   # rules, inconsistencies
    result.review = settlement.records()

A resolution is stale when a source file it recorded changed or went since the person
decided (a 补正 upload), or when a field now comes from another file: it is then not
applied, and its record says which files changed. Nothing here mutates its inputs (the
analysis they come from is cached).
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import (
    Classified,
    Conclusion,
    FieldValue,
    Inconsistency,
    ItemKind,
    ListPart,
    MaterialEntry,
    MaterialStatus,
    MaterialType,
    Outcome,
    Resolution,
    ReviewRecord,
    ReviewState,
    RuleResult,
    Verification,
)
from ..reference import field_catalog
from .items import PAIR, material_name, placements
from .wording import FILE_PREFIX, kind_key, mark_text, wording

REVIEWED = "review"  # Source.extractor and FieldValue.matched of a value a person gave or confirmed

Key = tuple[ItemKind, str]


class Settlement:
    """The current resolutions of one application, checked against its files' digests."""

    def __init__(self, resolutions: list[Resolution], digests: dict[str, str] | None):
        """`digests`: the application's files now (rel path → sha256); None when its files could
        not be read at all: then nothing is applied and nothing counts as stale."""
        self.current: dict[Key, Resolution] = {}
        for r in sorted(resolutions, key=lambda r: (r.at, r.id or 0)):
            if r.conclusion == Conclusion.withdrawn:
                self.current.pop((r.kind, r.item), None)
            else:
                self.current[(r.kind, r.item)] = r
        self.changed: dict[Key, list[str]] = {}
        for key, r in self.current.items():
            changed = sorted(f for f, d in r.digests.items() if digests is not None and digests.get(f) != d)
            if changed:
                self.changed[key] = changed
        self.applied: set[Key] = set()

    def _take(self, kind: ItemKind, item: str) -> Resolution | None:
        """The resolution of an item, when there is one that is not stale."""
        key = (kind, item)
        if key in self.changed:
            return None
        return self.current.get(key)

    def _stale(self, key: Key, files: list[str]) -> None:
        self.changed[key] = sorted(set(self.changed.get(key, [])) | set(files))

    def records(self) -> list[ReviewRecord]:
        out = []
        for key, r in sorted(self.current.items(), key=lambda kv: (kv[0][0].value, kv[0][1])):
            if key in self.changed:
                state = ReviewState.stale
            elif key in self.applied:
                state = ReviewState.applied
            else:
                state = ReviewState.unused
            out.append(ReviewRecord(kind=key[0], item=key[1], state=state, resolution=r,
                                    changed=self.changed.get(key, [])))
        return out

    # --- materials -----------------------------------------------------------------------

    def place(self, classified: list[Classified]) -> list[Classified]:
        """Files a person placed in a material (or declared no application material)."""
        out = []
        for c in classified:
            r = self._take(ItemKind.material, FILE_PREFIX + c.ref)
            if r is None or r.conclusion not in (Conclusion.placed, Conclusion.not_applicable):
                out.append(c)
                continue
            if r.conclusion == Conclusion.placed and r.value not in placements():
                out.append(c)
                continue
            material, part = _placement(r.value) if r.conclusion == Conclusion.placed else (None, None)
            self.applied.add((ItemKind.material, FILE_PREFIX + c.ref))
            mark = mark_text("file", r, material_name)
            out.append(c.model_copy(update={"material": material, "part": part, "reason": mark, "score": 1.0}))
        return out

    def materials(self, materials: dict[MaterialType, MaterialEntry]) -> dict[MaterialType, MaterialEntry]:
        """Materials a person received (present now) or confirmed missing."""
        out = dict(materials)
        for material, entry in materials.items():
            r = self._take(ItemKind.material, material.value)
            if r is None or r.conclusion not in (Conclusion.received, Conclusion.confirmed):
                continue
            self.applied.add((ItemKind.material, material.value))
            update: dict = {"verified": Verification.of(r)}
            if r.conclusion == Conclusion.received:
                update["status"] = MaterialStatus.present
                update["notes"] = [*entry.notes, mark_text("material", r, material_name)]
                if entry.parts is not None:
                    update["parts"] = dict.fromkeys(ListPart, MaterialStatus.present)
            out[material] = entry.model_copy(update=update)
        return out

    # --- fields --------------------------------------------------------------------------

    def fields(self, fields: dict[str, FieldValue]) -> dict[str, FieldValue]:
        """Fields confirmed, corrected or set aside, and inconsistencies settled by preferring one side."""
        out = dict(fields)
        settled = sorted(
            (r for key, r in self.current.items() if key[0] in (ItemKind.field, ItemKind.inconsistency)),
            key=lambda r: (r.at, r.id or 0),
        )
        for r in settled:
            if r.kind == ItemKind.field:
                self._field(out, r)
            elif r.conclusion == Conclusion.prefer:
                self._prefer(out, r)
        return out

    def _moved(self, r: Resolution, fv: FieldValue) -> bool:
        """The value now comes from a file the person did not see: the resolution is stale."""
        file = fv.source.file if fv.source else None
        if r.digests and file is not None and file not in r.digests:
            self._stale((r.kind, r.item), [file])
            return True
        return False

    def _field(self, fields: dict[str, FieldValue], r: Resolution) -> None:
        fv = fields.get(r.item)
        if fv is None or self._take(r.kind, r.item) is None or self._moved(r, fv):
            return
        verified = Verification.of(r)
        if r.conclusion == Conclusion.confirmed:
            fields[r.item] = fv.model_copy(update={"review": [], "verified": verified})
        elif r.conclusion == Conclusion.corrected:
            fields[r.item] = _given(fv, r.value, verified)
        elif r.conclusion == Conclusion.not_applicable:
            fields[r.item] = fv.model_copy(update={"value": None, "review": [], "verified": verified})
        else:
            return
        self.applied.add((r.kind, r.item))

    def _prefer(self, fields: dict[str, FieldValue], r: Resolution) -> None:
        pair = r.item.split(PAIR)
        if self._take(r.kind, r.item) is None or r.value not in pair or not all(f in fields for f in pair):
            return
        chosen = fields[str(r.value)]
        for other in pair:
            if other == r.value or self._moved(r, fields[other]):
                continue
            label = wording().choices["inconsistency"][Conclusion.prefer].format(field=field_catalog().name(str(r.value)))
            note = "；".join(x for x in (label, r.note) if x)
            verified = Verification(conclusion=Conclusion.corrected, value=chosen.value, original=fields[other].value,
                                    note=note, who=r.who, at=r.at, reasons=list(r.reasons))
            fields[other] = _given(fields[other], chosen.value, verified, chosen)
        if (r.kind, r.item) not in self.changed:
            self.applied.add((r.kind, r.item))

    # --- rules and inconsistencies (called by the check stage) ---------------------------

    def rule(self, result: RuleResult, relax: Callable[[RuleResult], RuleResult]) -> RuleResult:
        """A rule as the person concluded; `relax` applies the regulation's relaxation to a failed rule."""
        r = self._take(ItemKind.rule, result.id)
        if r is None:
            return result
        if r.conclusion == Conclusion.met:
            settled = result.model_copy(update={"outcome": Outcome.pass_, "relaxation": None})
        elif r.conclusion == Conclusion.not_met:
            settled = relax(result.model_copy(update={"outcome": Outcome.fail, "relaxation": None}))
        elif r.conclusion == Conclusion.relaxation_accepted and result.outcome == Outcome.relaxed:
            settled = result
        elif r.conclusion == Conclusion.relaxation_refused and result.outcome == Outcome.relaxed:
            settled = result.model_copy(update={"outcome": Outcome.fail})
        else:
            return result  # the conclusion no longer fits the rule: unused, shown
        self.applied.add((ItemKind.rule, result.id))
        mark = mark_text("rule", r, str)
        return settled.model_copy(update={"verified": Verification.of(r), "note": f"{settled.note}。{mark}"})

    def inconsistencies(self, found: list[Inconsistency]) -> list[Inconsistency]:
        out = []
        for inc in found:
            item = PAIR.join(inc.fields)
            r = self._take(ItemKind.inconsistency, item)
            if r is None or r.conclusion != Conclusion.explained:
                out.append(inc)
                continue
            self.applied.add((ItemKind.inconsistency, item))
            mark = mark_text(kind_key(ItemKind.inconsistency, item), r, str)
            out.append(inc.model_copy(update={"verified": Verification.of(r), "note": f"{inc.note}。{mark}"}))
        return out


def _given(fv: FieldValue, value: object, verified: Verification, source_of: FieldValue | None = None) -> FieldValue:
    """The field with a value a person gave: the source it was checked against, marked as reviewed."""
    source = (source_of or fv).source
    if source is not None:
        source = source.model_copy(update={"extractor": REVIEWED})
    return fv.model_copy(
        update={"value": value, "source": source, "matched": REVIEWED, "confidence": 1.0, "review": [],
                "verified": verified}
    )


def _placement(value: object) -> tuple[MaterialType, ListPart | None]:
    material, _, part = str(value).partition(".")
    return MaterialType(material), ListPart(part) if part else None

