"""Typed models that travel between the pipeline's stages."""

from .classification import Classified, MaterialEntry
from .common import (
    AuditOpinion,
    Decision,
    Function,
    ListPart,
    Location,
    MaterialStatus,
    MaterialType,
    OcrEvidence,
    Outcome,
    Source,
    UnitNature,
)
from .documents import (
    ApplicationPackage,
    Batch,
    Cell,
    FileEntry,
    FileKind,
    OcrLine,
    OpenedApplication,
    ReadDocument,
    Table,
    TextBlock,
)
from .fields import Candidate, Extraction, FieldValue, ListTable, Narrative, Scalar
from .result import ApplicationResult, FileReport
from .rules import Inconsistency, ParameterUse, RuleResult

__all__ = [
    "ApplicationPackage",
    "ApplicationResult",
    "AuditOpinion",
    "Batch",
    "Candidate",
    "Cell",
    "Classified",
    "Decision",
    "Extraction",
    "FieldValue",
    "FileEntry",
    "FileKind",
    "FileReport",
    "Function",
    "Inconsistency",
    "ListPart",
    "ListTable",
    "Location",
    "MaterialEntry",
    "MaterialStatus",
    "MaterialType",
    "Narrative",
    "OcrEvidence",
    "OcrLine",
    "OpenedApplication",
    "Outcome",
    "ParameterUse",
    "ReadDocument",
    "RuleResult",
    "Scalar",
    "Source",
    "Table",
    "TextBlock",
    "UnitNature",
]
