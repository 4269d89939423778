"""Classify stage output: which material each file (or page range) is."""

from __future__ import annotations

from pydantic import Field

from .common import ListPart, MaterialStatus, MaterialType, Model
from .review import Verification


class Classified(Model):
    """One file, or one page range of a merged PDF, assigned to a material.

    `material` is None when nothing matched well enough (unclassified); `reason`
    says in Chinese which name or content keywords decided it.
    """

    file: str
    first_page: int | None = None
    last_page: int | None = None
    material: MaterialType | None = None
    part: ListPart | None = None
    score: float = 0.0
    reason: str = ""
    readable: bool = True
    problem: str | None = None

    @property
    def ref(self) -> str:
        """`file` or `file#p6-11` for a page range, as the output contract writes it."""
        if self.first_page is None:
            return self.file
        if self.last_page is None or self.last_page == self.first_page:
            return f"{self.file}#p{self.first_page}"
        return f"{self.file}#p{self.first_page}-{self.last_page}"


class MaterialEntry(Model):
    """The state of one Article 11 material (the contract's `materials[id]`)."""

    status: MaterialStatus
    files: list[str] = Field(default_factory=list)
    parts: dict[ListPart, MaterialStatus] | None = None
    notes: list[str] = Field(default_factory=list)  # Chinese: why unreadable / partial
    verified: Verification | None = None  # a person's conclusion (人工核实), set by the review stage
