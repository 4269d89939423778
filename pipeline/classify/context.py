"""The second pass: files that their own evidence did not place are placed by their
context, and every such decision says so.

In order: a close call is settled by the folder and the numbering; a weak file takes
the material its folder-mates agree on, then what its folder names say, then what its
number in a package numbered in Article 11 order says; a photo with little text is
service evidence (Article 11 (六) names photos); a file that resembles a material is
placed there for a human to confirm; a material (or list) nothing else gave takes the
file that scores best for it; an unreadable file nothing places takes the one
material still missing. What is left stays unplaced and is shown to a human.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from ..models import Basis, ListPart, MaterialType
from ..reference import material_catalog
from .document import Scored, basis_of, guess, key_name
from .facets import facets_of
from .score import Key
from .settings import classify_settings


def _folder(item: Scored) -> str:
    return str(PurePosixPath(item.item.file).parent)


def _own(item: Scored) -> bool:
    """Placed by its own evidence, with a margin: what context may rely on."""
    return item.item.material is not None and not item.close and item.item.basis not in (
        Basis.neighbours,
        Basis.position,
        Basis.completion,
        Basis.photo,
    ) and not item.item.confirm


def _key_of(item: Scored) -> Key:
    return item.item.material, item.item.part  # type: ignore[return-value]


def _best_part(item: Scored, material: MaterialType) -> ListPart | None:
    if material != MaterialType.resource_lists:
        return None
    parts = [sc for sc in item.scores if sc.material == material and sc.total > 0]
    return parts[0].part if parts else None


def _place(item: Scored, key: Key, basis: Basis, why: str, confirm: bool = False) -> None:
    material, part = key
    if material == MaterialType.resource_lists and part is None:
        part = _best_part(item, material)
    c = item.item
    was = key_name(_key_of(item)) if c.material is not None else None
    c.material, c.part, c.basis, c.confirm = material, part, basis, confirm
    sc = next((s for s in item.scores if s.key == (material, part)), None)
    c.concept = sc.concept if sc is not None else None
    c.score = sc.total if sc is not None else 0.0
    c.resembles = None
    c.facets = facets_of(c.concept, item.view)
    prefix = f"由“{was}”改为" if was else "归为"
    c.reason = f"{prefix}“{key_name((material, part))}”：{why}（自身依据：{c.reason}）"
    item.close = False
    if c.ocr and "classification" not in c.text_needed_for:
        c.text_needed_for.insert(0, "classification")


def _folder_majority(items: list[Scored]) -> dict[str, MaterialType]:
    s = classify_settings()
    by_folder: dict[str, Counter] = {}
    for item in items:
        if _own(item) and _folder(item) != "." and item.item.first_page is None:
            by_folder.setdefault(_folder(item), Counter())[item.item.material] += 1
    out = {}
    for folder, counts in by_folder.items():
        material, n = counts.most_common(1)[0]
        if n / sum(counts.values()) >= s.folder_majority:
            out[folder] = material
    return out


def _article_order() -> list[MaterialType]:
    return [m for m in material_catalog().materials if m != MaterialType.recommendation_form]


def _numbered(item: Scored) -> int | None:
    return item.path.number if item.path.number is not None else item.path.folder_number


def _material_at(number: int, offset: int) -> MaterialType | None:
    order = _article_order()
    index = number - 1 - offset
    if index == -1 or index == len(order):
        return MaterialType.recommendation_form
    return order[index] if 0 <= index < len(order) else None


def _numbering_offset(items: list[Scored]) -> int | None:
    """The offset between file numbers and Article 11 items, when the package follows it."""
    s = classify_settings()
    placed = [(n, item.item.material) for item in items if _own(item) and (n := _numbered(item)) is not None]
    if len(placed) < s.position_min_files:
        return None
    best = max((0, 1, -1), key=lambda k: sum(_material_at(n, k) == m for n, m in placed))
    agree = sum(_material_at(n, best) == m for n, m in placed)
    return best if agree / len(placed) >= s.position_agreement else None


def _settle_close(items: list[Scored], majority: dict[str, MaterialType], offset: int | None) -> None:
    for item in items:
        if not item.close or item.item.runner_up is None:
            continue
        runner = item.item.runner_up
        hints = [majority.get(_folder(item))]
        number = _numbered(item)
        if offset is not None and number is not None:
            hints.append(_material_at(number, offset))
        if item.item.material in hints:
            item.close = False
            item.item.reason += "；所在文件夹或编号与此相符"
        elif runner.material in hints:
            _place(item, (runner.material, runner.part), Basis.neighbours, "所在文件夹或编号与之相符，得分也接近")


def _place_weak(items: list[Scored], majority: dict[str, MaterialType], offset: int | None) -> None:
    s = classify_settings()
    for item in items:
        if not item.weak:
            continue
        folder = majority.get(_folder(item))
        if folder is not None:
            _place(item, (folder, None), Basis.neighbours, f"同一文件夹“{_folder(item)}”中的文件多属此项")
            continue
        by_folder = max(item.scores, key=lambda sc: sc.folder)
        if by_folder.folder >= s.folder_floor:
            _place(item, by_folder.key, Basis.folder, "所在文件夹的名称指明此项")
            continue
        number = _numbered(item)
        material = _material_at(number, offset) if offset is not None and number is not None else None
        if material is not None:
            _place(item, (material, None), Basis.position, f"申报包按第十一条顺序编号，编号{number}对应此项")
            continue
        photo = next((sc for sc in item.scores if sc.photo > 0), None)
        if item.view.photo and photo is not None:
            _place(item, photo.key, Basis.photo, "照片，文字很少，按第十一条第（六）项所列“照片”归入")


def _tentative(items: list[Scored]) -> None:
    for item in items:
        if item.weak and item.item.resembles is not None:
            r = item.item.resembles
            _place(item, (r.material, r.part), basis_of(item.scores[0]), "依据较弱，归入最接近的一项", confirm=True)


def _needed_keys() -> list[Key]:
    keys: list[Key] = [(m, None) for m in MaterialType if m != MaterialType.resource_lists]
    return keys + [(MaterialType.resource_lists, p) for p in ListPart]


def _present(items: list[Scored], key: Key) -> bool:
    material, part = key
    return any(i.item.material == material and (part is None or i.item.part == part) for i in items)


def _movable(item: Scored, key: Key) -> bool:
    c = item.item
    runner = c.runner_up
    return c.material is None or item.close or c.confirm or (
        runner is not None and (runner.material, runner.part) == key and c.basis != Basis.content
    )


def _complete(items: list[Scored]) -> None:
    s = classify_settings()
    for key in _needed_keys():
        if _present(items, key):
            continue
        candidates = [i for i in items if _movable(i, key) and i.score_for(key) >= s.completion_floor]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: i.score_for(key))
        source = best.item.material
        if source is not None and sum(1 for i in items if i.item.material == source) == 1 and not best.item.confirm:
            continue  # it is the only file of its own material: moving it would only move the gap
        _place(best, key, Basis.completion, f"本项未见其他文件，该文件与本项最接近（{best.score_for(key):.1f}分）",
               confirm=True)


def _eliminate(items: list[Scored]) -> None:
    """An unreadable file that nothing places is the one Article 11 material still missing."""
    unplaced = [i for i in items if i.weak and not i.item.readable]
    missing = [m for m in _article_order() if not _present(items, (m, None))]
    if len(unplaced) == 1 and len(missing) == 1:
        _place(unplaced[0], (missing[0], None), Basis.completion,
               "文件无法读取；其余各项材料均已找到，只缺此项", confirm=True)


def place_in_context(items: list[Scored]) -> None:
    majority = _folder_majority(items)
    offset = _numbering_offset(items)
    _settle_close(items, majority, offset)
    _place_weak(items, majority, offset)
    _tentative(items)
    _complete(items)
    _eliminate(items)
    for item in items:
        if item.item.material is None and item.scores and item.scores[0].total > 0:
            item.item.resembles = guess(item.scores[0])
