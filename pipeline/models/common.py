"""Enumerations and provenance shared by every stage."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

# bool before int: pydantic's smart union keeps the exact type, and True must not become 1.
Scalar = bool | int | float | str | list[str] | None


class Model(BaseModel):
    """Base for all pipeline models: strict about unknown keys, enums dumped as values."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class MaterialType(StrEnum):
    """The eight materials of Article 11 plus the city bureau's 推荐表 (Article 10)."""

    application_report = "application_report"
    legal_entity_certificate = "legal_entity_certificate"
    audit_reports = "audit_reports"
    premises_proof = "premises_proof"
    resource_lists = "resource_lists"
    service_evidence = "service_evidence"
    qualifications = "qualifications"
    authenticity_declaration = "authenticity_declaration"
    recommendation_form = "recommendation_form"


class ListPart(StrEnum):
    """The three parts of material type 5 (resource_lists)."""

    equipment_list = "equipment_list"
    staff_list = "staff_list"
    client_list = "client_list"


class MaterialStatus(StrEnum):
    present = "present"
    partial = "partial"
    missing = "missing"
    unreadable = "unreadable"


class Outcome(StrEnum):
    pass_ = "pass"
    fail = "fail"
    relaxed = "relaxed"
    needs_review = "needs_review"
    no_evidence = "no_evidence"


class Decision(StrEnum):
    incomplete = "incomplete"
    ineligible = "ineligible"
    needs_review = "needs_review"
    passed = "passed"


class UnitNature(StrEnum):
    enterprise = "enterprise"
    public_institution = "public_institution"
    social_organization = "social_organization"
    private_non_enterprise = "private_non_enterprise"


class AuditOpinion(StrEnum):
    standard_unqualified = "standard_unqualified"
    unqualified_with_emphasis = "unqualified_with_emphasis"
    qualified = "qualified"
    adverse = "adverse"
    disclaimer = "disclaimer"


class Function(StrEnum):
    """The seven service functions of Article 7."""

    information = "information"
    technology = "technology"
    entrepreneurship = "entrepreneurship"
    training = "training"
    financing = "financing"
    consulting = "consulting"
    market = "market"


class Location(Model):
    """Where inside a file a piece of text sits.

    PDF text carries `page`; .docx paragraphs carry `paragraph`; table cells carry
    `table`/`row`/`col` (and `page` when the table came from a PDF); spreadsheet cells
    carry `sheet` and `cell` (A1 notation). All numbers are 1-based.
    """

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        """A short Chinese description such as 第5页 / 第12段 / 表2第3行第2列 / 人员名单!B3."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.table is not None:
            cell = f"表{self.table}"
            if self.row is not None:
                cell += f"第{self.row}行"
            if self.col is not None:
                cell += f"第{self.col}列"
            parts.append(cell)
        return "".join(parts)


class OcrEvidence(Model):
    """How sure OCR was about the text a value came from, and where it sat on the page.

    `bbox` is [x0, y0, x1, y1] in pixels of the page image as OCR read it (turned upright);
    `confidence` is the lowest recognition score of the text lines the value came from.
    """

    engine: str
    confidence: float
    bbox: list[int] | None = None


class Source(Model):
    """Provenance of a value: the file (relative to the application root), the
    location inside it, the extractor that produced it and a short excerpt.
    `ocr` is set when the text came from optical character recognition of a scan."""

    file: str
    page: int | None = None
    location: str | None = None
    excerpt: str = ""
    extractor: str | None = None
    ocr: OcrEvidence | None = None

    @classmethod
    def at(cls, file: str, loc: Location, excerpt: str, extractor: str | None = None) -> Source:
        return cls(
            file=file,
            page=loc.page,
            location=loc.describe() or None,
            excerpt=excerpt[:200],
            extractor=extractor,
        )
