"""PDF copies on request: the default run makes none and links none; `pdf OUT --ids` makes
them for the named applications and the overview then links exactly those; a run that
rewrites a Word file removes its out-of-date PDF copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from pipeline.render.common.pdf import pdf_available
from tests.conftest import REPO

if not pdf_available():
    if os.environ.get("CI"):
        raise RuntimeError("CI 环境中未找到 LibreOffice：scripts/install.sh 应安装 libreoffice-writer-nogui")
    pytest.skip("未安装 LibreOffice", allow_module_level=True)

CONTRACT = Path("/work/shared/tools/check_contract.py")
APPS = ("银川-宁夏创新汇科技服务有限公司", "银川-宁夏银鑫财务咨询服务有限公司")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pdf-request")
    for name in APPS:
        shutil.copytree(REPO / "sample_submissions" / name, root / "batch" / name)
    return root


def _run(batch: Path, *extra: str) -> Path:
    out = batch / "out"
    proc = cli("run", str(batch / "batch"), "--out", str(out), "--as-of", "2026-04-30", "--jobs", "1",
               "--cache-dir", str(batch / "cache"), *extra)
    assert proc.returncode == 0, proc.stderr
    return out


def _links(out: Path) -> tuple[set[str], set[str]]:
    """The PDF files index.html and summary.xlsx link to (relative to OUT, unquoted)."""
    from urllib.parse import unquote

    html = (out / "index.html").read_text(encoding="utf-8")
    in_html = {unquote(part.split('"')[0]) for part in html.split('href="')[1:] if part.split('"')[0].endswith(".pdf")}
    ws = openpyxl.load_workbook(out / "summary.xlsx")["申报汇总"]
    in_sheet = {unquote(c.hyperlink.target) for row in ws.iter_rows(min_row=2) for c in row
                if c.hyperlink is not None and c.hyperlink.target.endswith(".pdf")}
    return in_html, in_sheet


def test_pdf_copies_only_on_request_and_linked_only_when_made(batch: Path) -> None:
    out = _run(batch)
    assert not list(out.glob("applicants/*/*.pdf"))
    assert _links(out) == (set(), set())
    if CONTRACT.is_file():  # the output contract holds without the PDF copies
        contract = subprocess.run([sys.executable, str(CONTRACT), str(out)], capture_output=True, text=True)
        assert contract.returncode == 0, contract.stdout

    proc = cli("pdf", str(out), "--ids", APPS[0])
    assert proc.returncode == 0, proc.stderr
    made = {str(p.relative_to(out)) for p in out.glob("applicants/*/*.pdf")}
    expected = {f"applicants/{APPS[0]}/dossier.pdf", f"applicants/{APPS[0]}/checklist.pdf"}
    assert made == expected
    assert _links(out) == (expected, expected)

    # An unchanged default run keeps the copies (still current) and their links.
    out = _run(batch)
    assert _links(out) == (expected, expected)

    proc = cli("pdf", str(out), "--ids", "没有这个申报")
    assert proc.returncode == 1 and "没有这些申报编号" in proc.stderr


def test_a_rewritten_word_file_loses_its_stale_pdf(batch: Path) -> None:
    out = _run(batch, "--pdf")
    every = {f"applicants/{a}/{n}.pdf" for a in APPS for n in ("dossier", "checklist")}
    assert {str(p.relative_to(out)) for p in out.glob("applicants/*/*.pdf")} == every
    assert _links(out) == (every, every)
    # Change one application: its documents are written again, the old copies would say something else.
    note = batch / "batch" / APPS[1] / "补充说明.txt"
    note.write_text("补充说明：本单位已按要求提交全部材料。", encoding="utf-8")
    out = _run(batch)
    kept = {f"applicants/{APPS[0]}/{n}.pdf" for n in ("dossier", "checklist")}
    assert {str(p.relative_to(out)) for p in out.glob("applicants/*/*.pdf")} == kept
    assert _links(out) == (kept, kept)
