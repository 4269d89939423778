"""Write cases to disk: one folder or .zip per application under the batch folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from samplegen import lists_xlsx, pdf_audit, pdf_docs, recommend_docx, report_docx
from samplegen.det import write_zip
from samplegen.legacy import LEGACY_KINDS, merge_pdfs, static_file
from samplegen.model import Case


def _audit(case: Case, with_section: bool) -> bytes:
    if case.facts.audit is None:
        raise ValueError(f"{case.applicant_id}: audit document requested but no audit facts")
    return pdf_audit.build_audit_report(case.facts, case.facts.audit, with_service_section=with_section)


def _special(case: Case) -> bytes:
    if case.facts.audit is None:
        raise ValueError(f"{case.applicant_id}: special audit requested but no audit facts")
    return pdf_audit.build_special_audit(case.facts, case.facts.audit)


# Document kind (as used in Case.files) → builder.
BUILDERS: dict[str, Callable[[Case], bytes]] = {
    "report": lambda c: report_docx.build_report(c.facts, c.style),
    "recommendation": lambda c: recommend_docx.build_recommendation(c.facts),
    "licence": lambda c: pdf_docs.build_licence(c.facts),
    "audit": lambda c: _audit(c, with_section=False),
    "audit_with_service": lambda c: _audit(c, with_section=True),
    "special_audit": _special,
    "lease": lambda c: pdf_docs.build_lease(c.facts),
    "declaration": lambda c: pdf_docs.build_declaration(c.facts),
    "icp": lambda c: pdf_docs.build_icp(c.facts),
    "training_filing": lambda c: pdf_docs.build_training_filing(c.facts),
    "evidence": lambda c: pdf_docs.build_evidence(c.facts),
    "staff_list": lambda c: lists_xlsx.build_staff_list(c.facts),
    "client_list": lambda c: lists_xlsx.build_client_list(c.facts),
    "equipment_list": lambda c: lists_xlsx.build_equipment_list(c.facts),
}


def build_files(case: Case) -> dict[str, bytes]:
    """Relative path → bytes for every file of the case."""
    return {path: _build(case, path, kind) for path, kind in case.files.items()}


def _build(case: Case, path: str, kind: str) -> bytes:
    if kind == "merged":
        return merge_pdfs([BUILDERS[part](case) for part in case.merged[path]])
    if kind in LEGACY_KINDS:
        return static_file(case, path)
    return BUILDERS[kind](case)


def write_case(case: Case, batch_dir: Path) -> Path:
    """Write one application as ``batch_dir/<applicant_id>/`` or ``batch_dir/<applicant_id>.zip``."""
    files = build_files(case)
    if case.as_zip:
        target = batch_dir / f"{case.applicant_id}.zip"
        write_zip(target, files, case.zip_names)
        return target
    target = batch_dir / case.applicant_id
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


def write_batch(cases: list[Case], out_dir: Path) -> list[Path]:
    """Wipe ``out_dir`` and write every case into it."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    return [write_case(case, out_dir) for case in cases]
