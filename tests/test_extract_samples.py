"""The sample generator's applications (samplegen/) through read + extract.

Materials are assigned from the generator's own file roles, so this checks the
extractors alone (not the classifier) against the generator's ground truth.
"""

from __future__ import annotations

import math

import pytest

from pipeline.classify import classify_documents
from pipeline.extract import extract_application
from pipeline.models import Classified, FileKind, ListPart, MaterialType
from samplegen.case_base import KIND_MATERIAL
from tests.test_extract_support import read

samplegen = pytest.importorskip("samplegen.cases")
build = pytest.importorskip("samplegen.build")

# Which material each samplegen document kind is, as the generator itself defines it.
ROLE = {kind: (MaterialType(m), ListPart(p) if p else None) for kind, (m, p) in KIND_MATERIAL.items()}
KINDS = {
    ".pdf": FileKind.pdf,
    ".docx": FileKind.docx,
    ".xlsx": FileKind.xlsx,
    ".doc": FileKind.ole2,
    ".xls": FileKind.ole2,
}


def _same(expected, got) -> bool:
    if isinstance(expected, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, expected, rel_tol=1e-6, abs_tol=0.01)
    if isinstance(expected, list) and isinstance(got, list):
        return sorted(expected) == sorted(got)
    return expected == got


@pytest.mark.parametrize("case", samplegen.all_cases(), ids=lambda c: c.applicant_id)
def test_sample_application_fields(tmp_path, case):
    docs, items = [], []
    for rel, data in build.build_files(case).items():
        role = case.files[rel]
        if role not in ROLE and role != "merged":
            continue
        path = tmp_path / rel.replace("/", "_")
        path.write_bytes(data)
        doc = read(path, KINDS[path.suffix])
        docs.append(doc)
        if role == "merged":  # a bound PDF: its page ranges come from the classifier
            items += [c for c in classify_documents([doc]) if c.material is not None]
            continue
        material, part = ROLE[role]
        items.append(Classified(file=doc.file, material=material, part=part))
    result = extract_application(docs, items)
    wrong = {
        field_id: (expected, result.fields[field_id].value if field_id in result.fields else None)
        for field_id, expected in case.expected.fields.items()
        if not _same(expected, result.fields[field_id].value if field_id in result.fields else None)
    }
    assert wrong == {}
    assert result.problems == []
