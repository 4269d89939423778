"""The command line: Chinese help, clear errors, exit codes per the output contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_help_is_chinese():
    top = run_cli("--help")
    assert top.returncode == 0 and "预审" in top.stdout
    run = run_cli("run", "--help")
    assert run.returncode == 0
    for text in ("基准日期", "并行处理的进程数", "输出文件夹", "--as-of", "--jobs", "--out"):
        assert text in run.stdout


def test_missing_input_exits_non_zero_with_chinese_message(tmp_path: Path):
    proc = run_cli("run", str(tmp_path / "不存在"), "--out", str(tmp_path / "out"))
    assert proc.returncode != 0
    assert "输入路径不存在" in proc.stderr


def test_bad_date_and_jobs_are_rejected_in_chinese(tmp_path: Path):
    proc = run_cli("run", str(tmp_path), "--out", str(tmp_path / "o"), "--as-of", "2026/04/30")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr
    proc = run_cli("run", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "0")
    assert proc.returncode == 2 and "正整数" in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_is_reported(tmp_path: Path):
    app = tmp_path / "batch" / "甲"
    app.mkdir(parents=True)
    (app / "a.txt").write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    proc = run_cli("run", str(tmp_path / "batch"), "--out", str(locked / "out"))
    assert proc.returncode != 0 and "无法写入" in proc.stderr


def test_output_path_that_is_a_file_is_reported(tmp_path: Path):
    app = tmp_path / "batch" / "甲"
    app.mkdir(parents=True)
    (app / "a.txt").write_text("x", encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    proc = run_cli("run", str(tmp_path / "batch"), "--out", str(blocker))
    assert proc.returncode != 0 and "无法写入" in proc.stderr


def test_reuse_is_reported_and_warnings_are_chinese(tmp_path: Path):
    app = tmp_path / "batch" / "甲"
    app.mkdir(parents=True)
    (app / "申报书.txt").write_text("宁夏某某公司 公共服务平台申报书", encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("run", str(tmp_path / "batch"), "--out", str(tmp_path / "out"), "--cache-dir", str(cache), "--no-pdf")
    assert run_cli(*args).returncode == 0
    again = run_cli(*args)
    assert again.returncode == 0 and "其中 1 个申报的材料、规则和程序与上次运行相同" in again.stderr
    for entry in (cache / "outcome").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    proc = run_cli(*args)
    assert proc.returncode == 0
    assert "警告：缓存条目已损坏，已丢弃并重新计算" in proc.stderr and "WARNING" not in proc.stderr
