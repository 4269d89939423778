"""The independent-corpus scorer (benchmarks/corpus.py) counts what the issues measure, and
prints nothing of a held-out corpus but aggregates and classes of failure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_scorer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TRUTH = {
    "applicant_id": "固原-宁夏某某服务有限公司",
    "decision": "passed",
    "materials": {
        "application_report": {"status": "present", "files": ["合订本.pdf#p1-3"]},
        "premises_proof": {"status": "present", "files": ["扫描件_003.pdf"]},
        "service_evidence": {"status": "present", "files": ["通知.pdf", "照片/现场照片1.jpg"]},
    },
    "fields": {"total_assets": 1_500_000.0, "service_staff": 12, "functions_claimed": ["information", "training"]},
    "rules": {"art6_1_total_assets": "pass", "art7_any": "pass"},
    "inconsistencies": [["revenue", "audit.revenue"]],
}
RESULT = {
    "decision": "needs_review",
    "materials": {
        "application_report": {"status": "present", "files": ["合订本.pdf#p1-4"]},
        "premises_proof": {"status": "missing", "files": []},
        "service_evidence": {"status": "present", "files": ["通知.pdf"]},
    },
    "fields": {
        "total_assets": {"value": 150.0, "review": []},
        "service_staff": {"value": 12, "review": []},
        "functions_claimed": {"value": ["training", "information"], "review": []},
    },
    "rules": [{"id": "art6_1_total_assets", "outcome": "fail"}, {"id": "art7_any", "outcome": "pass"}],
    "inconsistencies": [{"fields": ["audit.revenue", "revenue"]}, {"fields": ["service_staff", "staff_list.count"]}],
}


def test_an_application_is_scored_on_every_measure():
    corpus = _scorer()
    s = corpus.Score()
    corpus.score_application(TRUTH, RESULT, s)
    assert (s.fields.right, s.fields.total) == (2, 3)
    assert s.field_misses == {("total_assets", "scale ÷10000"): 1}
    assert s.confident_wrong == 1  # 150 yuan read without a review reason
    assert (s.rules.right, s.rules.total) == (1, 2)
    assert (s.eligible_passed.right, s.eligible_passed.total) == (0, 1) and s.wrongly_passed == 0
    assert (s.planted_found.right, s.false_inconsistencies) == (1, 1)
    assert (s.materials.right, s.materials.total) == (2, 3) and s.missing_but_submitted == 1
    assert (s.files_named.right, s.files_named.total) == (1, 3)
    assert (s.page_ranges.right, s.page_ranges.total) == (0, 1)


def test_a_held_out_report_carries_no_detail():
    corpus = _scorer()
    s = corpus.Score()
    corpus.score_application(TRUTH, RESULT, s)
    text = corpus.report("heldout", s, 1.0, verbose=True)
    assert "固原" not in text and "合订本.pdf" not in text and "扫描件_003" not in text and "150" not in text
    assert "total_assets" in text  # classes of failure by field id are allowed
    assert "合订本.pdf" in corpus.report("seen", s, 1.0, verbose=True)
