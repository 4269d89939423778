"""The review store (real SQLite files) and the review stage applying it (real models)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.check import load_ruleset
from pipeline.models import (
    Conclusion,
    FieldValue,
    ItemKind,
    Outcome,
    Resolution,
    ReviewState,
    RuleResult,
    Source,
)
from pipeline.review.apply import REVIEWED, Settlement
from pipeline.review.store import MIGRATIONS, VERSION, ReviewStore, StoreError, current_resolutions, store_path

T0 = datetime(2026, 5, 2, 9, 30, tzinfo=timezone(timedelta(hours=8)))
AUDIT = "2025年度审计报告.pdf"
REPORT = "申请报告.docx"
A, B = "a" * 64, "b" * 64


def resolution(item: str = "total_assets", conclusion: Conclusion = Conclusion.corrected, value=962345.2,
               minutes: int = 0, kind: ItemKind = ItemKind.field, digests: dict | None = None, **extra) -> Resolution:
    return Resolution(
        applicant_id="银川-宁夏创新汇科技服务有限公司",
        kind=kind,
        item=item,
        conclusion=conclusion,
        value=value,
        who="张三",
        at=T0 + timedelta(minutes=minutes),
        digests={REPORT: A} if digests is None else digests,
        **extra,
    )


def test_entries_are_appended_and_the_latest_is_current(tmp_path: Path) -> None:
    with ReviewStore(store_path(tmp_path)) as store:
        store.record([resolution(value=1050000.0, note="先按申请报告")], via="sheet")
        store.record([resolution(minutes=5, note="经查审计报告第3页")], via="web")
        history = store.history("银川-宁夏创新汇科技服务有限公司", ItemKind.field, "total_assets")
        assert [h.value for h in history] == [1050000.0, 962345.2]  # the earlier correction is still there
        assert [h.via for h in history] == ["sheet", "web"]
        current = store.current()["银川-宁夏创新汇科技服务有限公司"]
        assert len(current) == 1 and current[0].note == "经查审计报告第3页" and current[0].at == T0 + timedelta(minutes=5)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.db.execute("UPDATE entries SET value = '1'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.db.execute("DELETE FROM entries")
    assert len(current_resolutions(tmp_path)["银川-宁夏创新汇科技服务有限公司"]) == 1


def test_a_withdrawal_reopens_the_item_and_keeps_the_history(tmp_path: Path) -> None:
    with ReviewStore(store_path(tmp_path)) as store:
        store.record([resolution()], via="web")
        store.record([resolution(conclusion=Conclusion.withdrawn, value=None, minutes=1)], via="web")
        assert store.current() == {}
        assert len(store.entries()) == 2


def test_one_batch_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    with ReviewStore(store_path(tmp_path)) as store:
        store.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON entries WHEN NEW.item = 'bad' "
                         "BEGIN SELECT RAISE(ABORT, 'refused'); END")
        with pytest.raises(StoreError):
            store.record([resolution(), resolution(item="bad")], via="sheet", sheet=("复核清单.xlsx", A))
        assert store.entries() == []
        assert store.db.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0


def test_an_older_store_is_migrated_and_keeps_its_entries(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:  # the store as the first version of the program left it
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO entries (applicant, kind, item, conclusion, value, note, who, at, digests) VALUES "
               "('甲', 'rule', 'art6_1_total_assets', 'met', 'null', '旧记录', '李四', ?, ?)",
               (T0.isoformat(), f'{{"{AUDIT}": "{A}"}}'))
    db.commit()
    db.close()
    with ReviewStore(path) as store:
        assert store.version() == VERSION == 2
        [entry] = store.entries()
        assert (entry.conclusion, entry.note, entry.who, entry.via, entry.digests) == (
            Conclusion.met, "旧记录", "李四", "", {AUDIT: A})
        store.record([resolution()], via="sheet", sheet=("复核清单.xlsx", B))  # the new columns work
        assert [e.via for e in store.entries()] == ["", "sheet"]


def test_a_store_of_a_newer_program_is_refused_in_chinese(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="更新版本的程序"):
        ReviewStore(path)


def test_an_unreadable_entry_is_skipped_and_kept(tmp_path: Path, caplog) -> None:
    with ReviewStore(store_path(tmp_path)) as store:
        store.record([resolution()], via="web")
        store.db.execute("INSERT INTO entries (applicant, kind, item, conclusion, value, who, at) VALUES "
                         "('甲', 'field', 'x', 'no-such-conclusion', '{broken', '李四', 'yesterday')")
        with caplog.at_level(logging.WARNING):
            entries = store.entries()
        assert len(entries) == 1
        assert "无法读取" in caplog.text
        assert store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2


# --- the review stage -----------------------------------------------------------------------


def _fields() -> dict[str, FieldValue]:
    return {
        "total_assets": FieldValue(value=1050000.0, source=Source(file=REPORT, excerpt="资产总额(万元) 105"),
                                   review=["与审计报告相差8.3%"]),
        "audit.total_assets": FieldValue(value=962345.2, source=Source(file=AUDIT, page=3, excerpt="资产总计")),
    }


def test_a_correction_applies_while_its_source_is_unchanged() -> None:
    settlement = Settlement([resolution()], {REPORT: A, AUDIT: B})
    fields = settlement.fields(_fields())
    fv = fields["total_assets"]
    assert fv.value == 962345.2 and fv.review == [] and fv.source.extractor == REVIEWED
    assert fv.verified.who == "张三" and fv.verified.original is None  # original as recorded
    [record] = settlement.records()
    assert record.state == ReviewState.applied and record.changed == []
    assert _fields()["total_assets"].value == 1050000.0  # the input is not changed in place


def test_a_changed_source_makes_the_resolution_stale_and_it_is_not_applied() -> None:
    settlement = Settlement([resolution()], {REPORT: B, AUDIT: B})  # 申请报告 replaced by a 补正 upload
    fields = settlement.fields(_fields())
    assert fields["total_assets"].value == 1050000.0 and fields["total_assets"].verified is None
    [record] = settlement.records()
    assert record.state == ReviewState.stale and record.changed == [REPORT]


def test_a_value_that_now_comes_from_another_file_is_stale() -> None:
    moved = _fields()
    moved["total_assets"] = moved["total_assets"].model_copy(update={"source": Source(file="补正/申请报告.docx")})
    settlement = Settlement([resolution()], {REPORT: A, "补正/申请报告.docx": B})
    assert settlement.fields(moved)["total_assets"].value == 1050000.0
    [record] = settlement.records()
    assert record.state == ReviewState.stale and record.changed == ["补正/申请报告.docx"]


def test_preferring_one_side_of_an_inconsistency_gives_the_other_its_value() -> None:
    r = resolution(item="total_assets|audit.total_assets", kind=ItemKind.inconsistency, conclusion=Conclusion.prefer,
                   value="audit.total_assets", digests={REPORT: A, AUDIT: B})
    settlement = Settlement([r], {REPORT: A, AUDIT: B})
    fields = settlement.fields(_fields())
    assert fields["total_assets"].value == 962345.2
    assert fields["total_assets"].source.file == AUDIT  # checked against the audit report
    assert "以资产总计（审计）为准" in fields["total_assets"].verified.note
    assert settlement.records()[0].state == ReviewState.applied


def _rule(outcome: Outcome) -> RuleResult:
    return RuleResult(id="art6_5_service_staff", article="第六条第（五）项", outcome=outcome, note="8人")


@pytest.mark.parametrize(
    ("outcome", "conclusion", "expected", "state"),
    [
        (Outcome.relaxed, Conclusion.relaxation_accepted, Outcome.relaxed, ReviewState.applied),
        (Outcome.relaxed, Conclusion.relaxation_refused, Outcome.fail, ReviewState.applied),
        (Outcome.needs_review, Conclusion.met, Outcome.pass_, ReviewState.applied),
        (Outcome.needs_review, Conclusion.not_met, Outcome.relaxed, ReviewState.applied),  # the regulation still relaxes
        (Outcome.needs_review, Conclusion.relaxation_accepted, Outcome.needs_review, ReviewState.unused),
    ],
)
def test_rule_conclusions(outcome, conclusion, expected, state) -> None:
    r = resolution(item="art6_5_service_staff", kind=ItemKind.rule, conclusion=conclusion, value=None, digests={})
    settlement = Settlement([r], {})

    def relax(result: RuleResult) -> RuleResult:  # as a mountain-area unit's relaxation would
        return result.model_copy(update={"outcome": Outcome.relaxed}) if result.outcome == Outcome.fail else result

    settled = settlement.rule(_rule(outcome), relax)
    assert settled.outcome == expected
    assert (settled.verified is not None) == (state == ReviewState.applied)
    assert ("人工核实（张三，2026年5月2日）" in settled.note) == (state == ReviewState.applied)
    assert settlement.records()[0].state == state


def test_settled_doubts_no_longer_hold_the_decision() -> None:
    from pipeline.check.decision import decide
    from pipeline.models import Decision, Inconsistency, MaterialEntry, MaterialStatus, MaterialType, Verification

    ruleset = load_ruleset()
    materials = {m: MaterialEntry(status=MaterialStatus.present) for m in MaterialType}
    relaxed = _rule(Outcome.relaxed)
    inc = Inconsistency(fields=["total_assets", "audit.total_assets"], note="相差8.3%", material=True)
    assert decide(materials, [relaxed], [inc], ruleset) == Decision.needs_review
    said = Verification(conclusion=Conclusion.explained, who="张三", at=T0)
    settled_inc = inc.model_copy(update={"verified": said})
    assert decide(materials, [relaxed], [settled_inc], ruleset) == Decision.needs_review
    settled_rule = relaxed.model_copy(update={"verified": said})
    assert decide(materials, [settled_rule], [settled_inc], ruleset) == Decision.passed
