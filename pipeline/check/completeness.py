"""Article 11 completeness: the state of each material from the classified files."""

from __future__ import annotations

from ..models import Classified, ListPart, MaterialEntry, MaterialStatus, MaterialType
from ..reference import material_catalog


def _unique(refs: list[str]) -> list[str]:
    return list(dict.fromkeys(refs))


def _unreadable_notes(items: list[Classified]) -> list[str]:
    return [f"“{c.ref}”无法读取：{c.problem or '原因不明'}，请提交可读取的文件" for c in items if not c.readable]


def _status(items: list[Classified]) -> MaterialStatus:
    if any(c.readable for c in items):
        return MaterialStatus.present
    return MaterialStatus.unreadable if items else MaterialStatus.missing


def _resource_lists(items: list[Classified]) -> MaterialEntry:
    catalog = material_catalog()
    parts = {part: _status([c for c in items if c.part == part]) for part in ListPart}
    notes = _unreadable_notes(items)
    present = [p for p, s in parts.items() if s == MaterialStatus.present]
    unassigned = [c for c in items if c.part is None and c.readable]
    if len(present) == len(parts):
        status = MaterialStatus.present
    elif present or unassigned:
        status = MaterialStatus.partial
    else:
        status = _status(items)
    for part, state in parts.items():
        if state == MaterialStatus.missing and status != MaterialStatus.missing:
            notes.append(f"缺少{catalog.part_name(part)}")
    if unassigned and status != MaterialStatus.present:
        refs = "、".join(c.ref for c in unassigned)
        notes.append(f"“{refs}”未能确定属于哪一组成部分，需人工核对")
    return MaterialEntry(status=status, files=_unique([c.ref for c in items]), parts=parts, notes=notes)


def assess_materials(classified: list[Classified]) -> dict[MaterialType, MaterialEntry]:
    """One entry for each Article 11 material and the 推荐表: present / partial / missing / unreadable."""
    result: dict[MaterialType, MaterialEntry] = {}
    for material in MaterialType:
        items = [c for c in classified if c.material == material]
        if material == MaterialType.resource_lists:
            result[material] = _resource_lists(items)
            continue
        result[material] = MaterialEntry(
            status=_status(items), files=_unique([c.ref for c in items]), notes=_unreadable_notes(items)
        )
    return result
