"""index.html and a dossier opened in headless Chromium, as a person would open them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from devtools.browser import Browser, chromium_path
from pipeline.render import render_application, render_batch, unique_dirnames
from tests.conftest import REPO
from tests.test_render_samples import ALL, ID_NUMBER, SCRIPT

if chromium_path() is None:  # CI installs it (scripts/install.sh): there a missing browser is a failure
    if os.environ.get("CI"):
        raise RuntimeError("CI 环境中未找到 Chromium：scripts/install.sh 应安装 Debian 软件包 chromium")
    pytest.skip("未安装 Chromium（Debian 软件包 chromium）", allow_module_level=True)

VISIBLE_ROWS = "Array.from(document.querySelectorAll('#apps tbody tr')).filter(r => r.style.display !== 'none').length"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    results = [factory() for factory in ALL]
    names = unique_dirnames([r.applicant_id for r in results])
    for result in results:
        render_application(result, root / "applicants" / names[result.applicant_id])
    render_batch(results, root, names, [], [], pdf=False)
    return root


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def test_index_loads_without_errors_and_filters(out: Path, browser: Browser) -> None:
    select_city = (
        "(() => { const s = document.getElementById('city'); s.value = '固原市';"
        " s.dispatchEvent(new Event('change')); return " + VISIBLE_ROWS + "; })()"
    )
    reset = "document.getElementById('city').value = ''; document.getElementById('city').dispatchEvent(new Event('change'));"
    units = "Array.from(document.querySelectorAll('#apps tbody tr td:first-child a')).map(a => a.textContent)"
    sort_once = f"(() => {{ {reset} document.querySelector('#apps th').click(); return {units}; }})()"
    report = browser.open(out / "index.html", scripts=(VISIBLE_ROWS, select_city, units, sort_once, sort_once))
    assert report.errors == []
    assert report.remote_requests == []
    assert "申报材料预审结果汇总" in report.title
    assert "宁夏某某科技有限公司" in report.text and "西吉县创业服务中心" in report.text
    assert SCRIPT in report.text  # shown as text, never run
    assert ID_NUMBER not in report.text
    total, guyuan, before, ascending, descending = report.values
    assert total == len(ALL) and guyuan == 1
    assert sorted(before) == sorted(ascending) and len(ascending) == len(ALL)
    assert descending == ascending[::-1] and ascending != before  # a click on the header sorts, a second reverses


def test_dossier_loads_and_shows_the_unit(out: Path, browser: Browser) -> None:
    for applicant, unit in [("银川-宁夏某某科技有限公司", "宁夏某某科技有限公司"), ("吴忠-恶意名称", SCRIPT)]:
        report = browser.open(out / "applicants" / applicant / "dossier.html")
        assert report.errors == [], applicant
        assert report.remote_requests == []
        assert unit in report.text
        assert "专家评分表" in report.text and "利益冲突" in report.text
        assert ID_NUMBER not in report.text


def test_a_console_error_would_be_caught(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><body>x<script>console.error('坏了'); undefinedCall();</script></body></html>", "utf-8")
    report = browser.open(page)
    assert any("坏了" in e for e in report.errors)
    assert any("undefinedCall" in e for e in report.errors)


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    """One real sample application through the whole pipeline (CLI), PDFs included."""
    out = tmp_path_factory.mktemp("sample") / "out"
    app = REPO / "sample_submissions" / "银川-宁夏创新汇科技服务有限公司"
    cmd = [sys.executable, "-m", "pipeline", "run", str(app), "--out", str(out), "--as-of", "2026-04-30", "--jobs", "1",
           "--pdf"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out


def test_sample_application_pages_in_the_browser(sample_out: Path, browser: Browser) -> None:
    index = browser.open(sample_out / "index.html")
    assert index.errors == [] and index.remote_requests == []
    assert "宁夏创新汇科技服务有限公司" in index.text and "需人工复核" in index.text
    dossier_path = next((sample_out / "applicants").glob("*/dossier.html"))
    follow = "Array.from(document.querySelectorAll('a[href^=\"files/\"]')).map(a => a.getAttribute('href'))"
    dossier = browser.open(dossier_path, scripts=(follow,))
    assert dossier.errors == [] and dossier.remote_requests == []
    assert "宁夏创新汇科技服务有限公司" in dossier.text and "资产总额" in dossier.text
    links = dossier.values[0]
    assert links

    for href in links:  # every source link opens a kept copy of the applicant's file
        assert (dossier_path.parent / unquote(href.split("#")[0])).is_file(), href
    assert (dossier_path.parent / "dossier.pdf").is_file() and (dossier_path.parent / "checklist.pdf").is_file()
