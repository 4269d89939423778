"""Documents people read carry no internals: every rendered document of the samples is scanned.

Ids, enum values, extractor tags, rule-parameter paths, `#p` page references and confidence
numbers belong in results.jsonl and `explain`; a clerk or an expert reads only Chinese
sentences, figures and the names of files. The scan reads what a person sees: the text of
every .docx (body, tables, headers, footers), the visible text of every .html, every cell of
summary.xlsx and the text layer of every PDF copy the run made (pypdfium2).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.reference import DATA_DIR, load_yaml
from samplegen import AS_OF
from tests.conftest import REPO

# Words a Chinese document may still carry: product and format names a clerk knows.
ALLOWED_WORDS = {"pdf", "word", "excel", "wps", "libreoffice", "docx", "doc", "xlsx", "xls", "html", "jpg",
                 "jpeg", "png", "tif", "tiff", "ofd", "zip", "rar", "csv", "txt", "bmp", "gif", "www", "com", "cn"}
FILE_NAME = re.compile(r"[\w\-（）()·]+\.(?:pdf|docx?|xlsx?|jpe?g|png|tiff?|ofd|zip|rar|csv|txt|bmp|gif)\b", re.I)
URL_OR_MAIL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
PAGE_REF = re.compile(r"#p\d")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
DOTTED = re.compile(r"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\b")
# Internal words are lower case (enum values, extractor tags, field ids); an applicant's own
# acronyms and product names (LED, ICP, MateBook) and codes (91640100MA…) are their content.
WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]{3,}(?![A-Za-z0-9])")
CONFIDENCE = re.compile(r"置信度|confidence", re.I)


def _enum_values() -> set[str]:
    labels = load_yaml(DATA_DIR / "labels_zh.yaml")
    values = set()
    for name, table in labels.items():
        if isinstance(table, dict) and name not in {"rule_titles", "rule_value_types", "enum_fields"}:
            values |= {str(k) for k in table if str(k) not in {"true", "false"}}
    return values | set(labels["rule_titles"])


ENUMS = _enum_values()


def internals(text: str) -> list[str]:
    """The internal tokens in `text` (file names, web addresses and e-mail addresses set aside)."""
    text = URL_OR_MAIL.sub(" ", FILE_NAME.sub(" ", text))
    hits = PAGE_REF.findall(text) + SNAKE.findall(text) + DOTTED.findall(text) + CONFIDENCE.findall(text)
    hits += [w for w in WORD.findall(text) if w.lower() not in ALLOWED_WORDS]
    hits += [e for e in ENUMS if re.search(rf"\b{re.escape(e)}\b", text)]
    return hits


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> list[str]:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.parts


def docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            out += [p.text for p in part.paragraphs]
    return out


def xlsx_text(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(str(path), read_only=True)
    return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def pdf_text(path: Path) -> list[str]:
    import pypdfium2  # a dependency of the pipeline already (it reads the applicants' PDFs)

    document = pypdfium2.PdfDocument(str(path))
    try:
        # A page's lines joined as one text: a word the layout wrapped is read whole again (the
        # wrapping itself is the dossier layout's concern, not this scan's).
        return [re.sub(r"\s*[\r\n]+\s*", "", page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


READERS = {".html": html_text, ".docx": docx_text, ".xlsx": xlsx_text, ".pdf": pdf_text}


def rendered_documents(out: Path) -> list[Path]:
    """What the run wrote for people: the overview and every application's documents, not the
    applicant's own files (kept under files/ as sources) and not results.jsonl."""
    docs = [out / "index.html", out / "summary.xlsx"]
    for app in sorted((out / "applicants").iterdir()):
        docs += sorted(p for p in app.iterdir() if p.is_file() and p.suffix in READERS)
    return [d for d in docs if d.exists()]


def scan(out: Path) -> dict[str, list[str]]:
    found = {}
    for document in rendered_documents(out):
        hits = sorted({h for text in READERS[document.suffix](document) for h in internals(text)})
        if hits:
            found[str(document.relative_to(out))] = hits
    return found


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "sample_submissions", "--out", str(out), "--as-of", AS_OF],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_scanner_sees_internal_tokens():
    assert internals("参数 art6_1.min_total_assets = 100")
    assert internals("见 审计报告.pdf#p2-4")
    assert internals("功能：information、consulting")
    assert internals("营业执照（licence+ocr）")
    assert internals("识别置信度61%")
    assert not internals("见 审计报告.pdf 第2-4页；请用 Word 或 WPS 打开，网址 www.nxsme.cn")


def test_no_internal_token_in_any_rendered_document(batch_out: Path):
    documents = rendered_documents(batch_out)
    assert any(d.suffix == ".docx" for d in documents) and any(d.suffix == ".html" for d in documents)
    assert scan(batch_out) == {}
