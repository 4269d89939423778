"""The accuracy harness runs on a small subset and reports its figures (no timing asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"


def _harness():
    spec = importlib.util.spec_from_file_location("accuracy_harness", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_harness_runs_on_a_subset_and_reports():
    harness = _harness()
    text, outcomes = harness.run(limit=1, jobs=1)
    assert len(outcomes) == 2 and {o.variant for o in outcomes} == {True, False}
    for heading in ("字段准确率（全部）", "关键字段准确率", "结论准确率", "未取对的字段"):
        assert heading in text
    assert all(o.fields for o in outcomes)


def test_harness_compares_values_like_the_ground_truth():
    harness = _harness()
    assert harness.same(1500000.0, 1500000)
    assert not harness.same(1500000.0, 150.0)
    assert harness.same(["information", "technology"], ["technology", "information"])
    assert not harness.same(True, 1)
    assert not harness.same(85, None)
