"""Which Article 7 functions a report claims, from its function-indicator rows.

A "申报功能" cell with check boxes or names is read as a field like any other (values.py).
Rows of an indicator table give two more signs: a mark in the row (☑ / √ / 是 in a
"是否申报" column), and, when a report marks nothing at all, indicator figures filled in
for a function (read with lower confidence and a note saying so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Cell, Source
from . import patterns as p
from .collect import Collector
from .config import labels
from .matching import has_checkbox
from .values import Parsed, unclear_reason

FILLED_CONFIDENCE = 0.75
UNSURE_CONFIDENCE = 0.4


def is_mark(text: str) -> bool:
    """A cell that is only a mark: a box or tick, 是/否, a tick OCR read as "V", a box a scan's
    image could not tell (▨)."""
    vocab = labels()
    box = vocab.checkbox
    key = p.norm(text)
    return bool(key) and (
        key in box.checked + box.unchecked + box.unclear + box.ocr_ticks or key in vocab.yes_words + vocab.no_words
    )


def mark_checked(text: str) -> bool | None:
    """Whether a mark claims the function; None for a box the image could not tell."""
    vocab = labels()
    key = p.norm(text)
    if key in vocab.checkbox.unclear:
        return None
    return key in vocab.checkbox.checked + vocab.checkbox.ocr_ticks or key in vocab.yes_words


def _own_mark(name: Cell) -> Cell | None:
    """The mark written in the function's own cell, before or after its name ("☑信息服务")."""
    text = name.text.strip()
    box = labels().checkbox
    for ch in (text[:1], text[-1:]):
        if ch and ch in box.checked + box.unchecked + box.unclear:
            return Cell(text=ch, loc=name.loc)
    return None


@dataclass
class Claims:
    marks: dict[str, tuple[bool | None, Cell, Cell]] = field(default_factory=dict)  # function → (checked, mark, name)
    values: dict[str, Cell] = field(default_factory=dict)  # function → the label of a figure read in its rows
    names: dict[str, Cell] = field(default_factory=dict)

    def mark(self, function: str, cells: list[Cell], name: Cell | None = None) -> None:
        marks = [c for c in cells if is_mark(c.text)]
        # "☑信息服务" as a row's own cell; beside other boxed options it is one option of a list
        own = _own_mark(name) if name is not None and not any(has_checkbox(c.text) for c in cells) else None
        if own is not None:
            marks.insert(0, own)
        if marks:
            self.marks.setdefault(function, (mark_checked(marks[0].text), marks[0], name or marks[0]))
        elif name is not None:
            self.names.setdefault(function, name)  # the function's row, its mark not read

    def filled(self, function: str, label: Cell) -> None:
        self.values.setdefault(function, label)

    def resolve(self, file: str, extractor: str, col: Collector) -> None:
        order = list(labels().functions)
        if self.marks:
            chosen = sorted((k for k, (checked, _, _) in self.marks.items() if checked), key=order.index)
            quoted = "；".join(f"{name.text.strip()} {mark.text.strip()}" for _, mark, name in self.marks.values())
            first = next(iter(self.marks.values()))[1]
            parsed = Parsed(chosen, 0.9)
            unclear = [self.marks[k][2].text.strip() for k in order if k in self.marks and self.marks[k][0] is None]
            if unclear:
                parsed.confidence = UNSURE_CONFIDENCE
                parsed.review.append(unclear_reason("申报功能", unclear))
            # a row with figures but no mark read, among rows whose marks were read: its mark was
            # most likely lost on the scan — neither counted nor dropped without a word
            unread = [k for k in order if k in self.values and k not in self.marks]
            if unread:
                names = "、".join(labels().functions[k][0] for k in unread)
                parsed.confidence = UNSURE_CONFIDENCE
                parsed.review.append(f"功能指标表中“{names}”一行填写了指标，但未识别出是否申报的勾选，未计入，请对照原件核对")
            col.add("functions_claimed", parsed, Source.at(file, first.loc, quoted, extractor), "功能指标表勾选")
        elif self.values and not col.has("functions_claimed"):
            chosen = sorted(self.values, key=order.index)
            first = self.values[chosen[0]]
            parsed = Parsed(chosen, FILLED_CONFIDENCE, "未见申报功能的勾选，按功能指标表中填写了指标的功能计")
            col.add("functions_claimed", parsed, Source.at(file, first.loc, first.text, extractor), "功能指标表")
