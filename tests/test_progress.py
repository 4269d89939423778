"""Progress output: a live bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import subprocess
import sys

from pipeline.models import Decision
from pipeline.progress import Progress
from tests.conftest import REPO


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_bar_shows_count_current_file_elapsed_and_eta():
    out = _Terminal()
    progress = Progress(2, out)
    progress.reading_file("银川-甲公司", "申报材料/审计报告.pdf")
    progress.done("银川-甲公司", Decision.passed)
    progress.finish()
    text = out.getvalue()
    assert "\r" in text and "正在读取：银川-甲公司/申报材料/审计报告.pdf" in text
    assert "1/2" in text and "已用 00:00" in text and "预计剩余" in text


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    progress = Progress(1, out)
    progress.reading_file("银川-甲公司", "a.pdf")
    progress.done("银川-甲公司", Decision.passed)
    assert out.getvalue() == "[1/1] 银川-甲公司：通过初审\n"


def test_cli_prints_a_final_summary_line(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "sample_submissions/银川-宁夏智联科技服务有限公司",
            "--out",
            str(tmp_path / "out"),
            "--as-of",
            "2026-04-30",
            "--no-pdf",
            "--no-cache",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0
    assert proc.stderr.strip().splitlines()[-1].startswith("完成：共处理 1 个申报")
