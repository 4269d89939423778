"""Article 11 completeness: the state of each material from the classified files.

A material is `present` when one of its files could be read (and, where materials.yaml
says what it requires, one of them shows it: an audit report needs a special audit or
a service income/expenditure section), `partial` when a required part is lacking,
`unreadable` when its files could not be read — or when something that was not read (a
file no material took, pages of a bundle) may hold it — and `missing` only when nothing
submitted can be it. Every note is
worded from materials.yaml.
"""

from __future__ import annotations

from ..models import Basis, Classified, ListPart, MaterialEntry, MaterialStatus, MaterialType
from ..reference import MaterialSpec, material_catalog


def _unique(refs: list[str]) -> list[str]:
    return list(dict.fromkeys(refs))


def _in_order(items: list[Classified]) -> list[Classified]:
    """Files in the order they came, the ranges of one bundle by page."""
    first_seen = {c.file: n for n, c in reversed(list(enumerate(items)))}
    return sorted(items, key=lambda c: (first_seen[c.file], c.first_page or 0))


def material_refs(items: list[Classified]) -> list[str]:
    """Each file once; ranges of one bundle that follow each other joined into one range
    (a list of staff running into a list of clients is the material's pages p20-25)."""
    spans: list[Classified] = []
    for c in items:
        last = spans[-1] if spans else None
        if (
            last is not None
            and c.first_page is not None
            and last.file == c.file
            and last.last_page is not None
            and last.last_page + 1 == c.first_page
        ):
            spans[-1] = last.model_copy(update={"last_page": c.last_page or c.first_page})
        else:
            spans.append(c)
    return _unique([c.ref for c in spans])


def _pages(pages: list[int]) -> str:
    return "、".join(str(p) for p in pages[:10]) + ("等" if len(pages) > 10 else "")


def _readable(c: Classified) -> bool:
    return c.readable and c.not_read is None


def _file_notes(items: list[Classified]) -> list[str]:
    w = material_catalog().wording
    notes = []
    for c in items:
        if c.not_read is not None:
            notes.append(w.not_read_note.format(file=c.ref, reason=c.not_read))
        elif not c.readable:
            notes.append(w.unreadable_note.format(file=c.ref, reason=c.problem or "原因不明"))
        elif c.unread_pages:
            notes.append(w.pages_not_read.format(file=c.ref, pages=_pages(c.unread_pages), reason=c.problem or ""))
        if c.confirm:
            notes.append(w.confirm.format(file=c.ref, basis=c.reason))
    return notes


def _status(items: list[Classified], elsewhere: bool) -> MaterialStatus:
    if any(_readable(c) for c in items):
        return MaterialStatus.present
    if items or elsewhere:
        return MaterialStatus.unreadable
    return MaterialStatus.missing


def _elsewhere(classified: list[Classified]) -> list[Classified]:
    """What may hold a material nothing else gave: files no material took that were not
    read (a limit) or could not be read, and the pages of a bundle that were not read."""
    out = [c for c in classified if c.material is None and c.basis != Basis.front_matter and not _readable(c)]
    for c in classified:
        if c.first_page is not None and c.unread_pages:
            out.append(c.model_copy(update={"first_page": min(c.unread_pages), "last_page": max(c.unread_pages)}))
    return out


def _elsewhere_note(elsewhere: list[Classified]) -> str:
    w = material_catalog().wording
    return w.not_read_elsewhere.format(count=len(elsewhere), files="、".join(c.ref for c in elsewhere[:5]))


def _requirement(spec: MaterialSpec, items: list[Classified], status: MaterialStatus) -> tuple[MaterialStatus, list[str]]:
    """`partial` (with the note) when none of the readable files shows what the material requires."""
    req = spec.requires
    if req is None or status != MaterialStatus.present:
        return status, []
    readable = [c for c in items if _readable(c)]
    if any(set(req.any_of) & set(c.facets) for c in readable):
        return status, []
    if any(not _readable(c) for c in items):
        return MaterialStatus.unreadable, [req.note]  # the unreadable file may be what is lacking
    if any(c.unread_pages for c in readable):
        return status, []  # pages not read may hold it: the page notes say so
    return MaterialStatus.partial, [req.note]


def _entry(material: MaterialType, items: list[Classified], elsewhere: list[Classified]) -> MaterialEntry:
    spec = material_catalog().spec(material)
    status = _status(items, bool(elsewhere))
    notes = _file_notes(items)
    status, lacking = _requirement(spec, items, status)
    notes += lacking
    if not items and elsewhere:
        notes.append(_elsewhere_note(elsewhere))
    ordered = _in_order(items)
    limited = [c for c in elsewhere if c.not_read is not None or c.unread_pages] if not items else []
    return MaterialEntry(
        status=status,
        files=material_refs(ordered),
        notes=notes,
        not_read=_unique([c.ref for c in items if c.not_read] + [c.ref for c in limited]),
        confirm=_unique([c.ref for c in items if c.confirm]),
    )


def _resource_lists(items: list[Classified], elsewhere: list[Classified]) -> MaterialEntry:
    catalog = material_catalog()
    w = catalog.wording
    parts = {part: _status([c for c in items if c.part == part], bool(elsewhere)) for part in ListPart}
    entry = _entry(MaterialType.resource_lists, items, elsewhere)
    present = [p for p, s in parts.items() if s == MaterialStatus.present]
    unassigned = [c for c in items if c.part is None and _readable(c)]
    if len(present) == len(parts):
        entry.status = MaterialStatus.present
    elif present or unassigned:
        entry.status = MaterialStatus.partial
    for part, state in parts.items():
        if state == MaterialStatus.missing and entry.status != MaterialStatus.missing:
            entry.notes.append(w.part_missing.format(part=catalog.part_name(part)))
    if unassigned and entry.status != MaterialStatus.present:
        entry.notes.append(w.part_unassigned.format(files="、".join(c.ref for c in unassigned)))
    entry.parts = parts
    entry.part_files = {
        part: _unique([c.ref for c in _in_order(items) if c.part == part])
        for part in ListPart
    }
    return entry


def unplaced_notes(classified: list[Classified]) -> list[str]:
    """Files no material took (front matter aside), each with what it resembles."""
    catalog = material_catalog()
    w = catalog.wording
    out = []
    for c in classified:
        if c.material is not None or c.basis == Basis.front_matter:
            continue
        if c.resembles is not None:
            r = c.resembles
            name = catalog.part_name(r.part) if r.part else catalog.spec(r.material).name
            out.append(w.unplaced.format(file=c.ref, resembles=name))
        else:
            out.append(w.unplaced_nothing.format(file=c.ref))
    return out


def assess_materials(classified: list[Classified]) -> dict[MaterialType, MaterialEntry]:
    """One entry for each Article 11 material and the 推荐表: present / partial / missing / unreadable."""
    elsewhere = _elsewhere(classified)
    result: dict[MaterialType, MaterialEntry] = {}
    for material in MaterialType:
        items = [c for c in classified if c.material == material]
        if material == MaterialType.resource_lists:
            result[material] = _resource_lists(items, elsewhere)
        else:
            result[material] = _entry(material, items, elsewhere)
    return result
