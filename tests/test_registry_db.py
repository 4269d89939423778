"""The registry database itself, on SQLite and PostgreSQL: the migration builds exactly the
tables the code declares, rounds are replaced only while nothing was certified, and the
public list escapes what applicants wrote."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pipeline.cli import main
from pipeline.registry.api import Grade, Registry
from pipeline.registry.db import RegistryError, database_url, metadata, schema_revision
from pipeline.registry.export import export_public_list
from tests.cycle_batches import JINFENG, write_round


@pytest.fixture(scope="module")
def screened(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("registry-db")
    batch = write_round(2023, base / "batch")
    out = base / "out"
    assert main(["run", str(batch), "--out", str(out), "--as-of", "2023-04-30", "--no-pdf", "--jobs", "1",
                 "--cache-dir", str(base / "cache")]) == 0
    return out


def test_migration_matches_the_tables(registry_location):
    with Registry.open(registry_location) as reg:
        assert schema_revision(reg.engine) == "0001"
        with reg.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    with Registry.open(registry_location) as reg:  # opening again migrates nothing
        assert reg.rounds() == []


def test_round_replaced_only_before_certification(registry_location, screened):
    with Registry.open(registry_location) as reg:
        reg.record_round(screened, 2023)
        with pytest.raises(RegistryError, match="已登记"):
            reg.record_round(screened, 2023)
        assert reg.record_round(screened, 2023, replace=True).applications == 1
        reg.certify(2023, [JINFENG], date(2023, 10, 20))
        with pytest.raises(RegistryError, match="已有认定记录"):
            reg.record_round(screened, 2023, replace=True)
        with pytest.raises(RegistryError, match="没有申报编号"):
            reg.certify(2023, ["不存在"], date(2023, 10, 20))
        with pytest.raises(RegistryError, match="请用 --reason"):
            reg.revoke(JINFENG, date(2024, 1, 1), " ")
        with pytest.raises(RegistryError, match="已于 2026-10-19 到期"):
            reg.revoke(JINFENG, date(2026, 11, 1), "晚了")
        with pytest.raises(RegistryError, match="不含 2027 年"):
            reg.assess(2027, [Grade(target=JINFENG, grade="合格")])
        app = reg.history(JINFENG)[0]
        assert app["uscc"] == "91640106P3Y00PG0FW" and app["figures"]["smes_served_last_year"] == 78
        assert len(app["result_digest"]) == 64 and all(len(v) == 64 for v in app["file_digests"].values())
        assert "申请报告.docx" in app["file_digests"]


def test_public_list_escapes_applicant_text(registry_location, screened, tmp_path):
    line = json.loads((screened / "results.jsonl").read_text(encoding="utf-8"))
    line["fields"]["platform_name"]["value"] = '金凤<script>alert("x")</script>&平台'
    edited = tmp_path / "results.jsonl"
    edited.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Registry.open(registry_location) as reg:
        reg.record_round(edited, 2023)
        reg.certify(2023, [JINFENG], date(2023, 10, 20))
        assert export_public_list(reg, date(2024, 1, 1), tmp_path / "a.xlsx", tmp_path / "a.html") == 1
        assert export_public_list(reg, date(2026, 10, 20), tmp_path / "b.xlsx", tmp_path / "b.html") == 0
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp;平台" in page


def test_location_forms(tmp_path):
    assert database_url(tmp_path / "x" / "r.sqlite").startswith("sqlite:///")
    assert (tmp_path / "x").is_dir()
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(RegistryError, match="无法识别"):
        database_url("nonsense://")
    with pytest.raises(RegistryError, match="无法打开认定库"):
        Registry.open(f"postgresql+psycopg://nobody@/none?host={tmp_path}&port=1")


def test_run_refuses_a_registry_file_that_does_not_exist(tmp_path, capsys):
    batch = write_round(2023, tmp_path / "batch")
    missing = tmp_path / "认定库-拼写错误.sqlite"
    assert main(["run", str(batch), "--out", str(tmp_path / "out"), "--registry", str(missing), "--no-cache"]) == 1
    assert "认定库文件不存在" in capsys.readouterr().err and not missing.exists()
