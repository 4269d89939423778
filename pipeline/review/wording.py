"""The review loop's wording and names (data/review.yaml), and the 人工核实 mark built from them."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from ..models import Conclusion, ItemKind, Resolution, Verification
from ..models.common import Model
from ..reference import DATA_DIR, field_catalog, load_yaml


class Mark(Model):
    line: str
    note: str
    what: dict[str, dict[Conclusion, str]]


class SheetWording(Model):
    title: str
    options_title: str
    intro: str
    columns: dict[str, tuple[str, int]]
    prompt_title: str
    prompt: str
    error_title: str
    error: str


class Wording(Model):
    version: int
    store_file: str
    sheet_file: str
    kinds: dict[str, str]
    value_labels: dict[str, str]
    texts: dict[str, str]
    choices: dict[str, dict[Conclusion, str]]
    mark: Mark
    states: dict[str, str]
    stale_text: str
    unused_text: str
    withdrawn: str
    history_line: str
    via: dict[str, str]
    time_format: str
    day_format: str
    sheet: SheetWording
    messages: dict[str, str]
    web: dict[str, str]

    def message(self, key: str, **values: object) -> str:
        return self.messages[key].format(**values)


@cache
def wording() -> Wording:
    return Wording.model_validate(load_yaml(DATA_DIR / "review.yaml"))


def when(moment: datetime) -> str:
    """2026年5月2日 14:03 (the time the person decided, as the page and the history show it)."""
    return wording().time_format.format(
        year=moment.year, month=moment.month, day=moment.day, hour=moment.hour, minute=moment.minute
    )


def day(moment: datetime) -> str:
    return wording().day_format.format(year=moment.year, month=moment.month, day=moment.day)


def kind_key(kind: ItemKind, item: str) -> str:
    """The wording key of an item: its kind, or "file" for a file not placed (material "file:<ref>")."""
    return "file" if kind == ItemKind.material and item.startswith(FILE_PREFIX) else kind.value


FILE_PREFIX = "file:"


def what(kind: str, verification: Verification | Resolution, show_value) -> str:
    """What the person concluded, in words (the `what` of the mark).

    `show_value(value)` formats a value of the item (a field's value, a material id)."""
    if verification.conclusion == Conclusion.withdrawn:
        return wording().withdrawn
    template = wording().mark.what.get(kind, {}).get(verification.conclusion, verification.conclusion.value)
    preferred = str(verification.value) if verification.conclusion == Conclusion.prefer else ""
    return template.format(
        value=show_value(verification.value),
        original=show_value(verification.original),
        field=field_catalog().name(preferred),
        material=show_value(verification.value),
    )


def mark_text(kind: str, verification: Verification | Resolution, show_value) -> str:
    """人工核实（张三，2026年5月2日）：更正为…。说明：…"""
    note = wording().mark.note.format(note=verification.note) if verification.note else ""
    return wording().mark.line.format(
        who=verification.who, when=day(verification.at), what=what(kind, verification, show_value), note=note
    )
