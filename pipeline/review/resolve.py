"""A person's answer on one item, checked and turned into a resolution (both ways in use this).

An `Answer` names the item (its key), the chosen conclusion (by its label, as the sheet's
drop-down list and the page show it), the corrected value as typed, a note and who. Every
check gives a Chinese message naming the row; nothing is written here.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from ..extract.values import parse
from ..models import ApplicationResult, Conclusion, Resolution, Scalar
from ..models.common import Model
from ..render.common.config import labels
from .items import Choice, Item, review_items
from .wording import wording

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Answer(Model):
    row: int | str  # the sheet's row number, or the page's item, for the messages
    applicant_id: str
    key: str  # Item.key: "<kind>:<item>"
    choice: str  # the label of the chosen conclusion (or wording().withdrawn)
    value_text: str = ""
    note: str = ""
    who: str = ""
    digests: dict[str, str] | None = None  # the item's source files as the person saw them


class Rejected(Exception):
    """One answer cannot be taken; the message is Chinese and names the row."""


def index_items(results: list[ApplicationResult]) -> dict[tuple[str, str], Item]:
    """(applicant id, item key) → item, over every item of every result (open or settled)."""
    return {(r.applicant_id, item.key): item for r in results for item in review_items(r)}


def check_digests(row: int | str, text: str) -> dict[str, str]:
    """The hidden 来源指纹 of a sheet row, or a message."""
    try:
        value = json.loads(text) if text.strip() else {}
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(k, str) and _SHA256.match(str(v)) for k, v in value.items()):
        raise Rejected(wording().message("row_bad_digests", row=row))
    return value


def to_resolution(answer: Answer, item: Item | None, at: datetime, via: str) -> Resolution:
    """The resolution the answer records, or Rejected with the reason."""
    w = wording()
    if item is None:
        raise Rejected(w.message("row_unknown_item", row=answer.row))
    if not answer.who.strip():
        raise Rejected(w.message("row_no_who", row=answer.row))
    if answer.choice.strip() == w.withdrawn:
        choice = Choice(conclusion=Conclusion.withdrawn, label=w.withdrawn)
    else:
        choice = next((c for c in item.choices if c.label == answer.choice.strip()), None)
    if choice is None:
        options = "、".join(c.label for c in item.choices)
        raise Rejected(w.message("row_bad_conclusion", row=answer.row, text=answer.choice, options=options))
    value: Scalar = choice.value
    text = answer.value_text.strip()
    if choice.needs_value:
        if not text:
            raise Rejected(w.message("row_value_needed", row=answer.row, label=choice.label))
        value = parse_value(answer.row, item, text)
    elif text:
        raise Rejected(w.message("row_value_unexpected", row=answer.row, label=choice.label))
    return Resolution(
        applicant_id=item.applicant_id,
        kind=item.kind,
        item=item.item,
        conclusion=choice.conclusion,
        value=value,
        note=answer.note.strip(),
        who=answer.who.strip(),
        at=at,
        digests=item.digests if answer.digests is None else answer.digests,
        original=item.original,
        reasons=list(item.reasons),
        via=via,
    )


def parse_value(row: int | str, item: Item, text: str) -> Scalar:
    """A corrected value as typed, in the type of the field (money in yuan, ratios as fractions…)."""
    kind = item.field_type or "text"
    if kind == "enum":
        table = labels().table(labels().enum_fields.get(item.item, "unit_nature"))
        for code, name in table.items():
            if text in (code, name):
                return code
        raise Rejected(_bad(row, text, kind, options="、".join(table.values())))
    parsed = parse(kind, text)
    if parsed is None or parsed.review:
        raise Rejected(_bad(row, text, kind) + ("：" + "；".join(parsed.review) if parsed and parsed.review else ""))
    value = parsed.value
    if (kind == "ratio" and not 0 <= value <= 1) or (kind in ("count", "area") and value < 0):
        raise Rejected(_bad(row, text, kind))
    return value


def _bad(row: int | str, text: str, kind: str, options: str = "") -> str:
    described = wording().message(f"kind_{kind}", options=options)
    return wording().message("row_bad_value", row=row, text=text, kind=described)


def resolutions_of(
    answers: list[Answer], items: dict[tuple[str, str], Item], known: set[str], at: datetime, via: str
) -> tuple[list[Resolution], list[str]]:
    """Every answer checked (all of them, so every bad row is reported at once): the resolutions,
    or the messages of the rows that cannot be taken (then nothing should be written)."""
    errors: list[str] = []
    out: list[Resolution] = []
    first: dict[tuple[str, str], tuple[int | str, Resolution]] = {}
    for answer in answers:
        if answer.applicant_id not in known:
            errors.append(wording().message("row_unknown_applicant", row=answer.row, applicant=answer.applicant_id))
            continue
        try:
            resolution = to_resolution(answer, items.get((answer.applicant_id, answer.key)), at, via)
        except Rejected as exc:
            errors.append(str(exc))
            continue
        key = (answer.applicant_id, answer.key)
        if key in first:
            earlier = first[key][1]
            same = (earlier.conclusion, earlier.value, earlier.note) == (resolution.conclusion, resolution.value,
                                                                         resolution.note)
            if not same:
                errors.append(wording().message("row_duplicate", row=answer.row, first=first[key][0]))
            continue
        first[key] = (answer.row, resolution)
        out.append(resolution)
    return out, errors


def same_as_current(resolution: Resolution, current: dict[str, list[Resolution]]) -> bool:
    """The store already holds this conclusion for the item (re-importing a sheet adds nothing)."""
    for r in current.get(resolution.applicant_id, []):
        if (r.kind, r.item) == (resolution.kind, resolution.item):
            return (r.conclusion, r.value, r.note, r.who, r.digests) == (  # new digests: decided on a new file
                resolution.conclusion, resolution.value, resolution.note, resolution.who, resolution.digests)
    return resolution.conclusion == Conclusion.withdrawn  # withdrawing what is not there adds nothing



class Current(Model):
    """An item's current conclusion as the person would enter it again (label, value as typed, note, who)."""

    label: str = ""
    value: str = ""
    note: str = ""
    who: str = ""


def current_answer(item: Item) -> Current:
    """What the sheet row or the form shows for a resolved item, so that entering it unchanged adds nothing."""
    if item.record is None or item.stale:
        return Current()
    r = item.record.resolution
    choice = next((c for c in item.choices if c.conclusion == r.conclusion and (c.needs_value or c.value == r.value)),
                  None)
    if choice is None:
        return Current(note=r.note, who=r.who)
    value = typed_text(item, r.value) if choice.needs_value else ""
    return Current(label=choice.label, value=value, note=r.note, who=r.who)


def typed_text(item: Item, value: Scalar) -> str:
    """A value as a person types it, which `parse_value` reads back as the same value."""
    kind = item.field_type or "text"
    if value is None:
        return ""
    if kind == "enum":
        return labels().of(labels().enum_fields.get(item.item, "unit_nature"), value)
    if kind == "functions" and isinstance(value, list):
        return "、".join(labels().of("function", v) for v in value)
    if kind == "bool":
        return labels().of("bool", str(value).lower())
    if kind == "ratio" and isinstance(value, int | float):
        return f"{_plain_number(value * 100)}%"
    if kind == "money" and isinstance(value, int | float):
        return f"{_plain_number(value)}元"
    if kind == "area" and isinstance(value, int | float):
        return _plain_number(value)
    return str(value)


def _plain_number(value: float) -> str:
    """12.0 → "12", 962345.2 → "962345.2": no exponent, no float noise."""
    return f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
