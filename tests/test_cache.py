"""The cache: re-runs reuse what did not change, never trust a corrupt entry."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import openpyxl
import yaml

from pipeline.cache import Cache, prune
from pipeline.models import ReadDocument
from pipeline.render.common.texts import rule_title
from pipeline.runner import run_batch
from tests.conftest import REPO

AS_OF = date(2026, 4, 30)
APPS = ["银川-宁夏智联科技服务有限公司", "吴忠-宁夏塞上企业管理咨询有限公司"]


def _batch(tmp_path: Path) -> Path:
    batch = tmp_path / "batch"
    for app in APPS:
        shutil.copytree(REPO / "sample_submissions" / app, batch / app)
    return batch


def _entries(cache: Path, kind: str) -> set[Path]:
    return set((cache / kind).rglob("*.json")) if (cache / kind).exists() else set()


def _results(out: Path) -> dict[str, dict]:
    return {r["applicant_id"]: r for r in map(json.loads, (out / "results.jsonl").read_text("utf-8").splitlines())}


def test_rerun_reuses_analysis_and_rendering(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    first = _results(out)
    analyses = _entries(cache, "analysis")
    assert len(analyses) == 2 and len(_entries(cache, "read")) > 10
    dossier = out / "applicants" / APPS[0] / "dossier.docx"
    rendered_at = dossier.stat().st_mtime_ns
    masked_copy = out / "applicants" / APPS[0] / "files" / "人员名单.xlsx"
    copied_at = masked_copy.stat().st_mtime_ns
    overview_at = [(out / name).stat().st_mtime_ns for name in ("summary.xlsx", "index.html")]
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    assert _results(out) == first
    assert [(out / name).stat().st_mtime_ns for name in ("summary.xlsx", "index.html")] == overview_at
    assert masked_copy.stat().st_mtime_ns == copied_at  # unchanged source: not masked and written again
    assert _entries(cache, "analysis") == analyses  # nothing new: every application was a hit
    assert dossier.stat().st_mtime_ns == rendered_at  # same result, same documents: not re-rendered


def test_one_changed_file_reanalyses_one_application(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    reads = _entries(cache, "read")
    shutil.copyfile(batch / APPS[1] / "人员名单.xlsx", batch / APPS[0] / "人员名单.xlsx")
    assert run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False).reused == 1
    assert len(_entries(cache, "analysis")) == 3  # only the changed application was analysed again
    assert len(_entries(cache, "read") - reads) == 0  # its new staff list was already read elsewhere
    staff = _results(out)[APPS[0]]["fields"]["staff_list.count"]["source"]["file"]
    assert staff == "人员名单.xlsx"


def test_rules_change_reruns_only_the_checks(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    analyses = _entries(cache, "analysis")
    rules = yaml.safe_load((REPO / "pipeline/data/rules/ningxia-2026-draft.yaml").read_text("utf-8"))
    param = rules["parameters"]["art6_2"]["min_smes_served"]
    param["values"] = {k: 1000 for k in param["values"]}
    changed = tmp_path / "rules.yaml"
    changed.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    run_batch(batch, out, AS_OF, cache_dir=cache, ruleset_path=changed, pdf=False)
    assert _entries(cache, "analysis") == analyses
    outcomes = {r["id"]: r["outcome"] for r in _results(out)[APPS[0]]["rules"]}
    assert outcomes["art6_2_smes_served"] == "fail"
    # the overview follows the new outcomes, and one that went missing is written again
    rules_sheet = openpyxl.load_workbook(out / "summary.xlsx")["规则核验明细"]
    rule = next(r for r in _results(out)[APPS[0]]["rules"] if r["id"] == "art6_2_smes_served")
    title = rule_title(rule["id"], rule["title"])  # the sheet names rules in words, not by id
    assert (APPS[0], title, "未通过") in {(row[0], row[2], row[6]) for row in rules_sheet.iter_rows(values_only=True)}
    (out / "index.html").unlink()
    run_batch(batch, out, AS_OF, cache_dir=cache, ruleset_path=changed, pdf=False)
    assert (out / "index.html").is_file()


def test_corrupt_entry_is_discarded_not_trusted(tmp_path: Path):
    cache = Cache(tmp_path / "c")
    doc = ReadDocument(file="a.pdf", kind="pdf")
    cache.put("read", "ab" * 32, doc)
    path = next((tmp_path / "c").rglob("*.json"))
    path.write_text('{"file": "a.pdf", "kind": "nonsense"', encoding="utf-8")
    assert cache.get("read", "ab" * 32, ReadDocument) is None
    assert not path.exists()
    assert Cache(None).get("read", "ab" * 32, ReadDocument) is None


def test_unchanged_application_is_taken_from_the_last_run_without_reading(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    assert run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False).reused == 0
    first = (out / "results.jsonl").read_text("utf-8")
    assert len(_entries(cache, "outcome")) == 2
    shutil.rmtree(cache / "read")
    shutil.rmtree(cache / "analysis")
    assert run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False).reused == 2
    assert (out / "results.jsonl").read_text("utf-8") == first
    assert not (cache / "read").exists() and not (cache / "analysis").exists()  # no worker read anything


def test_outputs_missing_or_replaced_are_made_again(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    app_dir = out / "applicants" / APPS[0]
    copy = app_dir / "files" / "人员名单.xlsx"
    copy.unlink()
    (out / "applicants" / APPS[1] / "checklist.docx").unlink()
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    assert copy.is_file() and (out / "applicants" / APPS[1] / "checklist.docx").is_file()
    # a copy written by a run on another version of the files is not this run's copy
    manifest = app_dir / "files" / ".copies.json"
    entries = json.loads(manifest.read_text("utf-8"))
    entries["人员名单.xlsx"] = "0" * 64 + ":True:2"
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    copy.write_bytes(b"stale")
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    assert openpyxl.load_workbook(copy).sheetnames  # a real (masked) workbook again


def test_corrupt_outcome_is_discarded_and_the_application_processed(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    first = _results(out)
    for entry in _entries(cache, "outcome"):
        entry.write_text('{"applicant_id": "x", "decision": "passed", "line": "{}"', encoding="utf-8")
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    assert _results(out) == first
    assert all(json.loads(e.read_text("utf-8"))["applicant_id"] in APPS for e in _entries(cache, "outcome"))


def test_a_different_as_of_date_is_not_served_from_the_last_run(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    run_batch(batch, out, date(2027, 4, 30), cache_dir=cache, pdf=False)
    assert {r["as_of"] for r in _results(out).values()} == {"2027-04-30"}
    assert len(_entries(cache, "outcome")) == 4


def test_installing_a_tool_invalidates_what_was_read_without_it(tmp_path: Path, monkeypatch):
    """An image read while no OCR engine was installed must be read again once one is."""
    import pipeline.process
    import pipeline.reuse

    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    for module in (pipeline.process, pipeline.reuse):
        monkeypatch.setattr(module, "tools_signature", lambda: "ocr=0;office=0")
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    reads = _entries(cache, "read")
    for module in (pipeline.process, pipeline.reuse):
        monkeypatch.setattr(module, "tools_signature", lambda: "ocr=1;office=1")
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False)
    assert len(_entries(cache, "read") - reads) == len(reads)
    assert len(_entries(cache, "outcome")) == 4


def test_documents_carrying_the_as_of_date_are_not_made_again_the_next_day(monkeypatch):
    from datetime import timedelta

    from pipeline.render.common import stamps
    from pipeline.render.common.config import settings

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return date.today() + timedelta(days=1)

    as_of_today = stamps.render_version()
    dated = settings().model_copy(update={"issue_date": "today"})
    monkeypatch.setattr(stamps, "settings", lambda: dated)
    dated_today = stamps.render_version()
    monkeypatch.setattr(stamps, "date", Tomorrow)
    assert stamps.render_version() != dated_today  # documents dated the day they are made
    undated = settings().model_copy(update={"issue_date": "as_of"})
    monkeypatch.setattr(stamps, "settings", lambda: undated)
    assert stamps.render_version() == as_of_today  # the default: the date is the as-of date, in the results


def _file(path: Path, size: int, age_days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - age_days * 86400
    os.utime(path, (when, when))
    return path


def test_prune_deletes_the_least_recently_used_files_first(tmp_path: Path):
    root = tmp_path / "cache"
    old = [_file(root / "read" / "aa" / f"{n}.json", 1000, age_days=30 - n) for n in range(5)]
    recent = _file(root / "outcome" / "bb" / "new.json", 1000, age_days=0)
    dictionary = _file(root / "jieba.cache", 5000, age_days=400)  # top of the folder: kept
    assert prune(root, 10_000, keep_since=time.time()) == 0  # 6000 bytes under the limit: nothing
    freed = prune(root, 4000, keep_since=time.time())
    assert freed == 3000  # down to 80 % of the limit (3200 bytes) or less, oldest first
    assert [p.exists() for p in old] == [False, False, False, True, True]
    assert recent.exists() and dictionary.exists()


def test_prune_keeps_what_this_run_used_whatever_the_size(tmp_path: Path):
    root = tmp_path / "cache"
    old = _file(root / "read" / "aa" / "old.json", 1000, age_days=10)
    started = time.time() - 60
    used = [_file(root / kind / "cc" / "x.json", 1000, age_days=0) for kind in ("read", "analysis", "outcome")]
    assert prune(root, 100, keep_since=started) == 1000
    assert not old.exists() and all(p.exists() for p in used)
    assert prune(tmp_path / "no such folder", 100, keep_since=started) == 0


def test_using_an_entry_renews_it(tmp_path: Path):
    cache = Cache(tmp_path / "cache")
    doc = ReadDocument(file="a.pdf", kind="pdf")
    cache.put("read", "ab" * 32, doc)
    entry = next((tmp_path / "cache" / "read").rglob("*.json"))
    os.utime(entry, (1_000_000, 1_000_000))
    assert cache.get("read", "ab" * 32, ReadDocument) == doc
    assert entry.stat().st_mtime > time.time() - 60


def test_a_run_prunes_the_cache_to_its_limit_and_keeps_its_own_entries(tmp_path: Path):
    batch, cache, out = _batch(tmp_path), tmp_path / "cache", tmp_path / "out"
    stale = _file(cache / "read" / "zz" / "stale.json", 3 * 2**20, age_days=200)  # a past season's entry
    run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False, cache_max_mb=1)
    assert not stale.exists()
    assert len(_entries(cache, "analysis")) == 2 and _entries(cache, "outcome")  # this run's, kept over the limit
    assert run_batch(batch, out, AS_OF, cache_dir=cache, pdf=False, cache_max_mb=1).reused == 2
