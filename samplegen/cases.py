"""The sample applications and their ground truth (as of samplegen.AS_OF = 2026-04-30).

An end-to-end test does: ``for case in all_cases(): case.expected.decision / .materials /
.resource_parts / .fields / .rules / .inconsistencies`` and compares with the pipeline's
result for ``case.applicant_id`` (a folder, or ``<applicant_id>.zip`` when ``case.as_zip``).
"""

from __future__ import annotations

from samplegen import cases_faulty, cases_messy, cases_ok
from samplegen.model import Case


def all_cases() -> list[Case]:
    """Every sample application, in a stable order."""
    factories = cases_ok.FACTORIES | cases_faulty.FACTORIES | cases_messy.FACTORIES
    return [factories[number]() for number in sorted(factories)]


def get_case(applicant_id: str) -> Case:
    for case in all_cases():
        if case.applicant_id == applicant_id:
            return case
    raise KeyError(applicant_id)
