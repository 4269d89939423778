"""Article 12 public notice: the 5-working-day period and the `notice` command."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from pipeline.models import Decision
from pipeline.render.notice.public_notice import (
    NoticeError,
    load_results,
    make_notice,
    notice_period,
    select,
)
from tests.conftest import REPO
from tests.test_render_samples import ALL, SCRIPT, incomplete_result, passed_result


@pytest.mark.parametrize(
    ("start", "end", "covered"),
    [
        ("2026-04-27", "2026-05-06", True),  # 劳动节 5月1日–5日 skipped; 5月9日 make-up is after the end
        ("2026-09-28", "2026-10-09", True),  # 国庆 10月1日–7日 skipped
        ("2026-10-08", "2026-10-13", True),  # Saturday 10月10日 is a make-up working day and counts
        ("2026-06-06", "2026-06-12", True),  # starts on a Saturday: the period starts on Monday
        ("2027-03-01", "2027-03-05", False),  # beyond chinesecalendar's data: weekdays, said visibly
    ],
)
def test_notice_period(start: str, end: str, covered: bool) -> None:
    period = notice_period(date.fromisoformat(start))
    assert period.end == date.fromisoformat(end)
    assert period.calendar_covered is covered
    assert ("未覆盖" in period.warning) is not covered


@pytest.fixture
def results_file(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text("".join(f().to_json_line() + "\n" for f in ALL), encoding="utf-8")
    return path


def test_select_passed_or_named(results_file: Path) -> None:
    results = load_results(results_file.parent)
    assert [r.applicant_id for r in select(results, None)] == [passed_result().applicant_id]
    assert all(r.decision == Decision.passed for r in select(results, None))
    named = select(results, [incomplete_result().applicant_id, passed_result().applicant_id])
    assert [r.applicant_id for r in named] == [incomplete_result().applicant_id, passed_result().applicant_id]
    with pytest.raises(NoticeError, match="不在预审结果中"):
        select(results, ["不存在的编号"])
    with pytest.raises(NoticeError, match="找不到预审结果文件"):
        load_results(results_file.parent / "nowhere")


def test_notice_documents(results_file: Path, tmp_path: Path) -> None:
    ids = [passed_result().applicant_id, "吴忠-恶意名称"]
    context, paths = make_notice(results_file, date(2026, 9, 28), tmp_path / "out" / "公示.docx", ids)
    assert [p.suffix for p in paths] == [".docx", ".html"]
    text = "\n".join(p.text for p in docx.Document(str(paths[0])).paragraphs)
    cells = [c.text for t in docx.Document(str(paths[0])).tables for row in t.rows for c in row.cells]
    assert "拟认定名单公示" in text and "第十二条" in text
    assert "公示期：2026年9月28日至2026年10月9日（5个工作日）" in text
    assert "宁夏某某科技有限公司" in cells and SCRIPT in cells
    html = paths[1].read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert len(context["rows"]) == 2


def test_notice_cli(results_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "n.docx"
    cmd = [sys.executable, "-m", "pipeline", "notice", str(results_file), "--start", "2027-01-04", "--out", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "公示名单共 1 个平台" in proc.stdout and "2027年1月8日" in proc.stdout
    assert "未覆盖" in proc.stderr  # the fallback is said, not hidden
    assert out.exists() and out.with_suffix(".html").exists()
    missing = [*cmd[:4], str(tmp_path / "none.jsonl"), "--start", "2026-05-06"]
    bad = subprocess.run(missing, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "找不到预审结果文件" in bad.stderr
    helped = subprocess.run([*cmd[:4], "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "公示开始日期" in helped.stdout and "results.jsonl" in helped.stdout
