"""One application through every stage: ingest → read → classify → extract → review → check.

The review stage (pipeline/review/apply.py) applies what a person concluded about flagged
items (the review store's current resolutions, handed in by the runner) before the checks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import Field

from .cache import Cache, code_version, file_digest, text_digest
from .check import CheckResult, RuleSet, assess_materials, check_application, fallback_check
from .classify import classify_documents
from .extract import extract_application
from .ingest import open_application
from .ingest.sniff import extension_kind
from .models import (
    ApplicationPackage,
    ApplicationResult,
    Classified,
    Extraction,
    FileEntry,
    FileKind,
    FileReport,
    MaterialEntry,
    MaterialStatus,
    MaterialType,
    NotRead,
    OpenedApplication,
    ReadDocument,
    Resolution,
)
from .models.common import Model
from .privacy.mask import has_personal_data
from .privacy.regions import REDACTABLE, Redaction, redaction_of
from .progress import report_file
from .read import read_file
from .read.tools import tools_signature
from .review.apply import Settlement

log = logging.getLogger(__name__)


class ProcessedApplication(Model):
    """The result plus the files on disk, which the renderer copies for the dossier links."""

    result: ApplicationResult
    files: list[FileEntry]
    digests: dict[str, str] = Field(default_factory=dict)  # rel_path → sha256 of the content
    personal: list[str] = Field(default_factory=list)  # files whose copies must be masked
    redactions: dict[str, Redaction] = Field(default_factory=dict)  # where, in the PDFs and images among them
    complete: bool = True  # False: an internal error cut the processing short; worth another try


class Analysis(Model):
    """What reading, classifying and extracting concluded about an application's files.

    It depends only on the files' content and the code, so it is cached by both; the
    checks, which also depend on the rules and the as-of date, always run afresh.
    """

    classified: list[Classified] = Field(default_factory=list)
    extraction: Extraction = Field(default_factory=Extraction)
    problems: list[str] = Field(default_factory=list)
    kinds: dict[str, str] = Field(default_factory=dict)  # file → kind read
    personal: list[str] = Field(default_factory=list)  # files that carry ID or phone numbers
    # ... and for the PDFs and images among them, where (OCR boxes: the copies never OCR again)
    redactions: dict[str, Redaction] = Field(default_factory=dict)


def process_application(
    pkg: ApplicationPackage,
    as_of: date,
    ruleset: RuleSet,
    workspace: Path,
    cache: Cache | None = None,
    review: list[Resolution] | None = None,
) -> ProcessedApplication:
    """`review`: the current resolutions of the review store for this application."""
    cache = cache or Cache(None)
    opened = OpenedApplication(applicant_id=pkg.applicant_id)
    analysis = Analysis()
    digests: dict[str, str] = {}
    complete = True
    try:
        opened = open_application(pkg, workspace)
        digests = {entry.rel_path: file_digest(entry.disk_path) for entry in opened.files}
        analysis = analyse(
            opened.files,
            digests,
            cache,
            lambda file: report_file(pkg.applicant_id, file),
            as_of.year,
            opened.not_read,
        )
        settlement = Settlement(review or [], digests)
        classified = settlement.place(analysis.classified)
        materials = settlement.materials(assess_materials(classified))
        fields = settlement.fields(analysis.extraction.fields)
        checked = check_application(materials, fields, as_of, ruleset, settlement)
        analysis = analysis.model_copy(update={"classified": classified, "extraction": analysis.extraction.model_copy(
            update={"fields": fields})})
        problems = opened.problems + analysis.problems
    except Exception as exc:  # one application's failure must not stop the batch
        log.exception("处理申报 %s 时发生内部错误", pkg.applicant_id)
        complete = False
        settlement = Settlement(review or [], None)  # nothing applied: every resolution shown as unused
        materials = assess_materials(analysis.classified) if analysis.classified else _all_unreadable()
        checked = fallback_check(materials, ruleset, as_of)
        problems = [*opened.problems, f"处理该申报时发生内部错误（{type(exc).__name__}: {exc}），需人工审查全部材料"]
    result = _assemble(pkg, as_of, materials, analysis, checked, problems)
    result.digests = digests
    result.review = settlement.records()
    return ProcessedApplication(
        result=result,
        files=opened.files,
        digests=digests,
        personal=analysis.personal,
        redactions=analysis.redactions,
        complete=complete,
    )


def analyse(
    files: list[FileEntry],
    digests: dict[str, str],
    cache: Cache,
    on_file: Callable[[str], None] | None = None,
    as_of_year: int | None = None,
    not_read: list[NotRead] | None = None,
) -> Analysis:
    """Read, classify and extract, or take the cached analysis of the same files.

    `on_file` is told each file before it is read (the progress bar shows it). Extraction
    depends on the as-of year only (figures named by calendar year), so a re-run on another
    day of the same year reuses the analysis. Files in `not_read` were listed but not read
    (a limit, or they could not be unzipped): they are classified by their path and count
    as submitted."""
    not_read = not_read or []
    contents = sorted(f"{f.rel_path}\0{digests[f.rel_path]}" for f in files)
    contents += sorted(f"{n.rel_path}\0not read\0{n.reason}\0{n.limit}" for n in not_read)
    key = text_digest("analysis", code_version(), tools_signature(), str(as_of_year), *contents)
    cached = cache.get("analysis", key, Analysis)
    if cached is not None:
        return cached
    docs = []
    for entry in files:
        if on_file is not None:
            on_file(entry.rel_path)
        docs.append(_read_cached(entry, digests[entry.rel_path], cache))
    docs.extend(_unread_document(n) for n in not_read)
    classified = classify_documents(docs)
    extraction = extract_application(docs, classified, as_of_year)
    personal = [doc for doc in docs if has_personal_data(doc.full_text())]
    analysis = Analysis(
        classified=classified,
        extraction=extraction,
        problems=_document_problems(docs) + extraction.problems,
        kinds={doc.file: doc.kind.value for doc in docs},
        personal=[doc.file for doc in personal],
        redactions={doc.file: redaction_of(doc) for doc in personal if doc.kind in REDACTABLE},
    )
    cache.put("analysis", key, analysis)
    return analysis


def _read_cached(entry: FileEntry, digest: str, cache: Cache) -> ReadDocument:
    """The same bytes read by the same code give the same document, whatever the file is called."""
    kind = f"{entry.kind.value}\0{entry.extension_kind_mismatch}"
    key = text_digest("read", code_version(), tools_signature(), digest, kind)
    doc = cache.get("read", key, ReadDocument)
    if doc is not None:
        return doc.model_copy(update={"file": entry.rel_path})
    doc = read_file(entry)
    cache.put("read", key, doc)
    return doc


def _unread_document(item: NotRead) -> ReadDocument:
    """A file only known by its path: unreadable, with why (and the limit, if one kept it)."""
    kind = extension_kind(item.rel_path) or FileKind.unknown
    return ReadDocument(
        file=item.rel_path, kind=kind, readable=False, problem=item.reason, not_read=item.reason if item.limit else None
    )


def _all_unreadable() -> dict[MaterialType, MaterialEntry]:
    return {m: MaterialEntry(status=MaterialStatus.unreadable, notes=["申报包无法处理"]) for m in MaterialType}


def _document_problems(docs: list[ReadDocument]) -> list[str]:
    return [f"“{doc.file}”：{doc.problem}" for doc in docs if doc.problem]


def _assemble(
    pkg: ApplicationPackage,
    as_of: date,
    materials: dict[MaterialType, MaterialEntry],
    analysis: Analysis,
    checked: CheckResult,
    problems: list[str],
) -> ApplicationResult:
    extraction, kinds = analysis.extraction, analysis.kinds
    return ApplicationResult(
        applicant_id=pkg.applicant_id,
        as_of=as_of,
        ruleset=checked.ruleset_id,
        materials=materials,
        fields=extraction.fields,
        rules=checked.rules,
        inconsistencies=checked.inconsistencies,
        differences=checked.differences,
        others=extraction.others,
        decision=checked.decision,
        problems=problems,
        files=[
            FileReport(
                file=c.ref,
                kind=kinds.get(c.file, "unknown"),
                material=c.material,
                part=c.part,
                concept=c.concept,
                reason=c.reason,
                basis=c.basis,
                score=c.score,
                confirm=c.confirm,
                runner_up=c.runner_up,
                resembles=c.resembles,
                readable=c.readable,
                problem=c.problem,
                not_read=c.not_read,
                ocr=c.ocr,
                text_needed_for=c.text_needed_for,
            )
            for c in analysis.classified
        ],
        narratives=extraction.narratives,
        lists=extraction.lists,
    )
