"""The committed .docx templates are what scripts/build_docx_templates.py builds."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from pipeline.render.common.config import TEMPLATES_DIR as TEMPLATES
from tests.test_render_documents import docx_text

BUILDER = Path(__file__).resolve().parents[1] / "scripts" / "build_docx_templates.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_docx_templates", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["checklist.docx", "dossier.docx"])
def test_committed_templates_are_up_to_date(tmp_path: Path, monkeypatch, name: str) -> None:
    builder = _builder()
    monkeypatch.setattr(builder, "OUT", tmp_path)
    builder.build_checklist()
    builder.build_dossier()
    assert docx_text(tmp_path / name) == docx_text(TEMPLATES / name), "请运行 python scripts/build_docx_templates.py"


@pytest.mark.parametrize("name", ["checklist.docx", "dossier.docx"])
def test_every_tag_sits_in_one_run(name: str) -> None:
    import docx

    document = docx.Document(str(TEMPLATES / name))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        for run in paragraph.runs:
            assert run.text.count("{{") == run.text.count("}}")
            assert run.text.count("{%") == run.text.count("%}")
        assert not re.search(r"\{[{%]", paragraph.text) or any(re.search(r"\{[{%]", r.text) for r in paragraph.runs)
