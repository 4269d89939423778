"""Classify stage output: which material each file (or page range) is, and why."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .common import ListPart, MaterialStatus, MaterialType, Model
from .review import Verification


class Basis(StrEnum):
    """What placed a file in its material (the strongest evidence that decided)."""

    content = "content"  # its own text: title, phrases (OCR'd text included)
    name = "name"  # its file name
    folder = "folder"  # the folders it sits in
    columns = "columns"  # what the columns of its table hold (a list)
    neighbours = "neighbours"  # the files beside it in its folder
    position = "position"  # its number in a package numbered in Article 11 order
    toc = "toc"  # a bundle's 目录 page
    continuation = "continuation"  # a bundle page that continues the document before it
    photo = "photo"  # a photo with little text, attributed by default
    completion = "completion"  # the only candidate for a material nothing else gave
    front_matter = "front_matter"  # a bundle's own cover or 目录 page, no material's
    none = "none"  # nothing placed it


class Guess(Model):
    """A material (and type-5 part) a file was scored for."""

    material: MaterialType
    part: ListPart | None = None
    concept: str | None = None
    score: float = 0.0


class Classified(Model):
    """One file, or one page range of a merged PDF, assigned to a material.

    `material` is None when nothing placed it; `resembles` then names the material it is
    closest to, for a human. `reason` says in Chinese what decided; `basis` names the
    kind of evidence; `confirm` is set when the evidence is weak enough that a human
    should confirm it. `not_read` is the limit that kept the file from being read.
    """

    file: str
    first_page: int | None = None
    last_page: int | None = None
    material: MaterialType | None = None
    part: ListPart | None = None
    concept: str | None = None
    score: float = 0.0
    reason: str = ""
    basis: Basis = Basis.none
    confirm: bool = False
    runner_up: Guess | None = None
    resembles: Guess | None = None
    facets: list[str] = Field(default_factory=list)
    readable: bool = True
    problem: str | None = None
    not_read: str | None = None
    unread_pages: list[int] = Field(default_factory=list)
    ocr: bool = False  # some of its text came from OCR
    text_needed_for: list[str] = Field(default_factory=list)  # why its (OCR) text was needed

    @property
    def ref(self) -> str:
        """`file` or `file#p6-11` for a page range, as the output contract writes it."""
        if self.first_page is None:
            return self.file
        if self.last_page is None or self.last_page == self.first_page:
            return f"{self.file}#p{self.first_page}"
        return f"{self.file}#p{self.first_page}-{self.last_page}"


class MaterialEntry(Model):
    """The state of one Article 11 material (the contract's `materials[id]`).

    `files` names every file of the material once; page ranges of one bundle that follow
    each other are one range (the material's pages). For type 5, `part_files` names each
    part's own files and page ranges. `not_read`: its files that a limit kept from being
    read; `confirm`: its files placed on weak evidence, for a human to confirm (both also
    named in `files`)."""

    status: MaterialStatus
    files: list[str] = Field(default_factory=list)
    parts: dict[ListPart, MaterialStatus] | None = None
    part_files: dict[ListPart, list[str]] | None = None
    notes: list[str] = Field(default_factory=list)  # Chinese: why unreadable / partial
    not_read: list[str] = Field(default_factory=list)
    confirm: list[str] = Field(default_factory=list)
    verified: Verification | None = None  # a person's conclusion (人工核实), set by the review stage
