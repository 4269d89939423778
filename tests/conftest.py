"""Shared fixtures: small real files made on the fly (no mocks)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# The registry tests' databases (SQLite file, throwaway PostgreSQL cluster): tests/databases.py.
pytest_plugins = ["tests.databases"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A text PDF (built-in Chinese CID font), one list of lines per page."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), invariant=1)
    for lines in pages:
        c.setFont("STSong-Light", 11)
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def make_docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]] = ()) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))
    return path


def make_xlsx(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(str(path))
    return path


@pytest.fixture
def files(tmp_path: Path):
    """Factory namespace for making real documents under tmp_path."""

    class Files:
        root = tmp_path

        @staticmethod
        def pdf(name: str, pages: list[list[str]]) -> Path:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return make_pdf(path, pages)

        @staticmethod
        def docx(name: str, paragraphs: list[str], tables=()) -> Path:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return make_docx(path, paragraphs, tables)

        @staticmethod
        def xlsx(name: str, rows: list[list[object]], title: str = "Sheet1") -> Path:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return make_xlsx(path, rows, title)

    return Files


@pytest.fixture(scope="session")
def review_base(tmp_path_factory) -> Path:
    """sample_submissions/ run once (no PDF copies, its own cache), for the review loop tests to copy."""
    import subprocess
    import sys

    from samplegen import AS_OF

    root = tmp_path_factory.mktemp("review-base")
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "sample_submissions", "--out", str(out), "--as-of", AS_OF,
         "--jobs", "2", "--no-pdf", "--cache-dir", str(root / "cache")],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def fresh_ocr_cache(tmp_path_factory):
    """A fresh OCR cache folder for the module that uses it (never the user's own cache)."""
    from pipeline.read import ocr_engine

    folder = tmp_path_factory.mktemp("ocr-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ocr_engine.ocr_settings().cache_env, str(folder))
        yield folder
