"""One application through every stage: ingest → read → classify → extract → check."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from .check import CheckResult, RuleSet, assess_materials, check_application, fallback_check
from .classify import classify_documents
from .extract import extract_application
from .ingest import open_application
from .models import (
    ApplicationPackage,
    ApplicationResult,
    Classified,
    Extraction,
    FileEntry,
    FileReport,
    MaterialEntry,
    MaterialStatus,
    MaterialType,
    OpenedApplication,
    ReadDocument,
)
from .models.common import Model
from .read import read_file

log = logging.getLogger(__name__)


class ProcessedApplication(Model):
    """The result plus the files on disk, which the renderer copies for the dossier links."""

    result: ApplicationResult
    files: list[FileEntry]


def process_application(
    pkg: ApplicationPackage, as_of: date, ruleset: RuleSet, workspace: Path
) -> ProcessedApplication:
    opened = OpenedApplication(applicant_id=pkg.applicant_id)
    docs: list[ReadDocument] = []
    classified: list[Classified] = []
    try:
        opened = open_application(pkg, workspace)
        docs = [read_file(entry) for entry in opened.files]
        classified = classify_documents(docs)
        materials = assess_materials(classified)
        extraction = extract_application(docs, classified)
        checked = check_application(materials, extraction.fields, as_of, ruleset)
        problems = opened.problems + _document_problems(docs) + extraction.problems
    except Exception as exc:  # one application's failure must not stop the batch
        log.exception("application %s failed", pkg.applicant_id)
        materials = assess_materials(classified) if classified else _all_unreadable()
        extraction = Extraction()
        checked = fallback_check(materials, ruleset, as_of)
        problems = [*opened.problems, f"处理该申报时发生内部错误（{type(exc).__name__}: {exc}），需人工审查全部材料"]
    result = _assemble(pkg, as_of, materials, extraction, checked, problems, classified, docs)
    return ProcessedApplication(result=result, files=opened.files)


def _all_unreadable() -> dict[MaterialType, MaterialEntry]:
    return {m: MaterialEntry(status=MaterialStatus.unreadable, notes=["申报包无法处理"]) for m in MaterialType}


def _document_problems(docs: list[ReadDocument]) -> list[str]:
    return [f"“{doc.file}”：{doc.problem}" for doc in docs if doc.problem]


def _assemble(
    pkg: ApplicationPackage,
    as_of: date,
    materials: dict[MaterialType, MaterialEntry],
    extraction: Extraction,
    checked: CheckResult,
    problems: list[str],
    classified: list[Classified],
    docs: list[ReadDocument],
) -> ApplicationResult:
    kinds = {doc.file: doc.kind.value for doc in docs}
    return ApplicationResult(
        applicant_id=pkg.applicant_id,
        as_of=as_of,
        ruleset=checked.ruleset_id,
        materials=materials,
        fields=extraction.fields,
        rules=checked.rules,
        inconsistencies=checked.inconsistencies,
        decision=checked.decision,
        problems=problems,
        files=[
            FileReport(
                file=c.ref,
                kind=kinds.get(c.file, "unknown"),
                material=c.material,
                part=c.part,
                reason=c.reason,
                readable=c.readable,
                problem=c.problem,
            )
            for c in classified
        ],
        narratives=extraction.narratives,
        lists=extraction.lists,
    )
