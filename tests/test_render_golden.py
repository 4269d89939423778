"""Golden files for what we render: normalised text dumps, never bytes.

The dumps list paragraphs and table rows in document order (.docx), the visible text
(.html) and every sheet's cells (.xlsx). To accept an intended change, run

    NX_REGENERATE_GOLDEN=1 python3 -m pytest tests/test_render_golden.py

review `git diff tests/golden/`, and run the tests again without the variable (the flag
test fails while it is set, so it can never stay on in CI).
"""

from __future__ import annotations

import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.render import render_application, render_batch, unique_dirnames
from pipeline.render.notice.public_notice import make_notice
from tests.test_render_samples import ALL, hostile_result, incomplete_result, passed_result, relaxed_result

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("NX_REGENERATE_GOLDEN") == "1"


def docx_dump(path: Path) -> str:
    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            text = Paragraph(block, document).text.strip()
            if text:
                lines.append(text)
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                lines.append("| " + " | ".join(c.text.strip().replace("\n", " / ") for c in row.cells) + " |")
    # The word joiners (U+2060) that keep dates and numbers on one line are invisible: left out.
    return "\n".join(lines).replace("\u2060", "") + "\n"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._skip += tag in ("script", "style")
        if tag in ("p", "tr", "h1", "h2", "h3", "li", "br", "table", "blockquote"):
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def html_dump(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def xlsx_dump(path: Path) -> str:
    wb = openpyxl.load_workbook(str(path))
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title} freeze={ws.freeze_panes} filter={ws.auto_filter.ref}")
        for row in ws.iter_rows():
            cells = []
            for c in row:
                text = "" if c.value is None else str(c.value).replace("\n", " / ")
                if c.hyperlink is not None:
                    text += f" <{c.hyperlink.target}>"
                cells.append(text)
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    results = [factory() for factory in ALL]
    names = unique_dirnames([r.applicant_id for r in results])
    for result in results:
        render_application(result, root / "applicants" / names[result.applicant_id])
    render_batch(results, root, names, ["说明.txt"], [], pdf=False)
    (root / "results.jsonl").write_text("".join(r.to_json_line() + "\n" for r in results), encoding="utf-8")
    make_notice(root, date(2026, 9, 28), root / "notice.docx", [passed_result().applicant_id])
    return root


CASES = [
    ("checklist_incomplete.txt", incomplete_result, "checklist.docx", docx_dump),
    ("checklist_passed.txt", passed_result, "checklist.docx", docx_dump),
    ("checklist_hostile.txt", hostile_result, "checklist.docx", docx_dump),
    ("dossier_relaxed_docx.txt", relaxed_result, "dossier.docx", docx_dump),
    ("dossier_passed_docx.txt", passed_result, "dossier.docx", docx_dump),
    ("dossier_incomplete_html.txt", incomplete_result, "dossier.html", html_dump),
    ("index_html.txt", None, "index.html", html_dump),
    ("summary_xlsx.txt", None, "summary.xlsx", xlsx_dump),
    ("notice_docx.txt", None, "notice.docx", docx_dump),
]


@pytest.mark.parametrize(("golden", "factory", "file", "dump"), CASES, ids=[c[0] for c in CASES])
def test_rendered_text_matches_golden(rendered: Path, golden: str, factory, file: str, dump) -> None:
    folder = rendered / "applicants" / unique_dirnames([factory().applicant_id]).popitem()[1] if factory else rendered
    text = dump(folder / file)
    target = GOLDEN / golden
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert target.exists(), f"缺少 golden 文件 {target}：用 NX_REGENERATE_GOLDEN=1 生成后检查"
    assert text == target.read_text(encoding="utf-8")


def test_regenerate_flag_is_off() -> None:
    assert not REGENERATE, "NX_REGENERATE_GOLDEN 只用于重新生成 golden 文件，检查差异后请去掉再运行"
