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
from .values import Parsed

FILLED_CONFIDENCE = 0.75


def is_mark(text: str) -> bool:
    vocab = labels()
    key = p.norm(text)
    return bool(key) and (
        key in vocab.checkbox.checked + vocab.checkbox.unchecked or key in vocab.yes_words + vocab.no_words
    )


def mark_checked(text: str) -> bool:
    vocab = labels()
    key = p.norm(text)
    return key in vocab.checkbox.checked or key in vocab.yes_words


@dataclass
class Claims:
    marks: dict[str, tuple[bool, Cell, Cell]] = field(default_factory=dict)  # function → (checked, mark, row name)
    values: dict[str, Cell] = field(default_factory=dict)  # function → the label of a figure read in its rows
    names: dict[str, Cell] = field(default_factory=dict)

    def mark(self, function: str, cells: list[Cell], name: Cell | None = None) -> None:
        marks = [c for c in cells if is_mark(c.text)]
        if marks:
            self.marks.setdefault(function, (mark_checked(marks[0].text), marks[0], name or marks[0]))

    def filled(self, function: str, label: Cell) -> None:
        self.values.setdefault(function, label)

    def resolve(self, file: str, extractor: str, col: Collector) -> None:
        order = list(labels().functions)
        if self.marks:
            chosen = sorted((k for k, (checked, _, _) in self.marks.items() if checked), key=order.index)
            quoted = "；".join(f"{name.text.strip()} {mark.text.strip()}" for _, mark, name in self.marks.values())
            first = next(iter(self.marks.values()))[1]
            col.add("functions_claimed", Parsed(chosen, 0.9), Source.at(file, first.loc, quoted, extractor),
                    "功能指标表勾选")
        elif self.values and not col.has("functions_claimed"):
            chosen = sorted(self.values, key=order.index)
            first = self.values[chosen[0]]
            parsed = Parsed(chosen, FILLED_CONFIDENCE, "未见申报功能的勾选，按功能指标表中填写了指标的功能计")
            col.add("functions_claimed", parsed, Source.at(file, first.loc, first.text, extractor), "功能指标表")
