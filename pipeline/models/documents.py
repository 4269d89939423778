"""What ingest hands to read, and what read hands to classify and extract."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field

from .common import Location, Model


class FileKind(StrEnum):
    """File kind decided from content (magic bytes), not from the extension."""

    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    ole2 = "ole2"  # .doc / .xls / .wps / .et: legacy binary Office formats
    image = "image"
    text = "text"
    ofd = "ofd"  # GB/T 33190 fixed-layout documents (e-licences, e-invoices)
    zip = "zip"
    empty = "empty"
    unknown = "unknown"


class FileEntry(Model):
    """One file of an application, materialised on disk where the pipeline can read it.

    `rel_path` is the path relative to the application root (inside the zip for a zip),
    with forward slashes, exactly as the applicant named it. `disk_path` is where the
    bytes are now (the original file for folders, a copy in the pipeline's own
    workspace for zip members).
    """

    rel_path: str
    disk_path: Path
    size: int
    kind: FileKind = FileKind.unknown
    extension_kind_mismatch: bool = False


class ApplicationPackage(Model):
    """One application of a batch, as found on disk."""

    applicant_id: str
    source: Path
    is_zip: bool = False


class Batch(Model):
    """A batch folder: its applications and whatever else lay in its root."""

    root: Path
    applications: list[ApplicationPackage] = Field(default_factory=list)
    loose_files: list[str] = Field(default_factory=list)


class NotRead(Model):
    """A file of the application that was listed but not read: a limit (depth, count,
    size) kept it from being read (`limit`), or it could not be taken out of its zip
    (corrupt, encrypted). Only its path is known; it still counts as submitted, and
    `reason` says why it was not read."""

    rel_path: str
    reason: str
    limit: bool = True


class OpenedApplication(Model):
    """An application whose files have been listed (and zip members extracted)."""

    applicant_id: str
    files: list[FileEntry] = Field(default_factory=list)
    not_read: list[NotRead] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # junk such as __MACOSX/, Thumbs.db
    problems: list[str] = Field(default_factory=list)  # Chinese messages


class OcrPiece(Model):
    """One piece the engine read, of a line joined from several (a table row: one per cell)."""

    text: str  # normalised, as it appears in the line's text
    bbox: list[int]


class OcrLine(Model):
    """One line of OCR text: its box ([x0, y0, x1, y1], pixels of the upright page image)
    and the lowest recognition score of the pieces it was joined from."""

    text: str
    bbox: list[int]
    confidence: float
    # the pieces, when more than one: a redacted copy blacks out the cell with an ID number,
    # not the whole row (empty in OCR results cached before they were kept: the whole line)
    pieces: list[OcrPiece] = Field(default_factory=list)


class OcrPage(Model):
    """What OCR found on one page (cached as JSON): lines, the turn applied, the image size."""

    lines: list[OcrLine]
    rotation: int = 0  # degrees counter-clockwise applied to make the page upright
    skew: float = 0.0  # degrees of residual skew measured from the boxes
    width: int = 0
    height: int = 0
    seal: bool = False


class TextBlock(Model):
    """A run of text with its location: a PDF page, a .docx paragraph.

    `origin` is "ocr" for text recognised from a scan or photo (one block per page, its
    lines in `ocr_lines` with their boxes and confidences; `ocr_engine` names the engine).
    """

    text: str
    loc: Location
    style: str | None = None  # .docx paragraph style name (headings help sectioning)
    origin: Literal["text", "ocr"] = "text"
    ocr_lines: list[OcrLine] = Field(default_factory=list)
    ocr_engine: str | None = None
    # The upright page image the line boxes are in: its size and the turn OCR applied to the
    # page (a redacted copy maps the boxes back onto the page with them, privacy/redact_image.py).
    ocr_size: list[int] = Field(default_factory=list)  # [width, height]
    ocr_rotation: int = 0


class Cell(Model):
    text: str
    loc: Location


class Table(Model):
    """A table as rows of cells: a .docx table, a PDF table, or a spreadsheet sheet.

    Merged cells are repeated in every grid position they cover (python-docx and
    pdfplumber semantics), so code that walks rows sees the value where it shows.
    """

    index: int  # 1-based within the document
    page: int | None = None
    after_paragraph: int | None = None  # .docx: the number of the paragraph before it (its heading, a 单位 line)
    sheet: str | None = None
    rows: list[list[Cell]] = Field(default_factory=list)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


class ReadDocument(Model):
    """The readable content of one file, every piece located."""

    file: str  # rel_path of the FileEntry
    kind: FileKind
    page_count: int | None = None
    blocks: list[TextBlock] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    readable: bool = True
    problem: str | None = None  # Chinese reason when not (or only partly) readable
    converted_from: str | None = None  # legacy format read through conversion, e.g. "doc"
    not_read: str | None = None  # the limit that kept the whole file from being read
    unread_pages: list[int] = Field(default_factory=list)  # pages a limit left unread (OCR page limit)
    unread_reason: str | None = None  # ... and that limit, in Chinese

    def full_text(self) -> str:
        """All text in reading order, tables included, for keyword matching."""
        parts = [b.text for b in self.blocks]
        for t in self.tables:
            parts.extend(" ".join(c.text for c in row) for row in t.rows)
        return "\n".join(parts)

    def page_text(self, page: int) -> str:
        return "\n".join(b.text for b in self.blocks if b.loc.page == page)
