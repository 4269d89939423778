"""An item's history in words: every entry of the store about it, oldest first (the review
page and `explain` show it), and where the item stands now."""

from __future__ import annotations

from pathlib import Path

from ..models import ApplicationResult
from .items import PAIR, Item, review_items, shower
from .store import ReviewStore, store_path
from .wording import kind_key, what, when, wording


def history_lines(store: ReviewStore | None, item: Item) -> list[str]:
    if store is None:
        return []
    via = wording().via
    lines = []
    for entry in store.history(item.applicant_id, item.kind, item.item):
        described = what(kind_key(item.kind, item.item), entry, shower(item))
        line = wording().history_line.format(when=when(entry.at), who=entry.who, what=described,
                                             via=via.get(entry.via, via[""]))
        lines.append(line + (f"；{entry.note}" if entry.note else ""))
    return lines


def explain_lines(out: Path, result: ApplicationResult, item_id: str) -> list[str]:
    """Where the items named `item_id` (a field, a rule, "a|b", a material) stand, with their history."""
    path = store_path(out)
    store = ReviewStore(path) if path.is_file() else None
    try:
        lines = []
        for item in review_items(result):
            if item_id != item.item and item_id not in item.item.split(PAIR):  # a field: its inconsistencies too
                continue
            state = "stale" if item.stale else item.state.value
            lines.append(f"{item.category}“{item.title}”：{wording().states[state]}")
            if item.mark:
                lines.append(f"  {item.mark}")
            lines += [f"  - {line}" for line in history_lines(store, item)]
        return lines
    finally:
        if store is not None:
            store.close()
