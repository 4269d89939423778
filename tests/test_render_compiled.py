"""Compiled templates kept in the cache folder: the same documents, damaged entries compiled again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pytest

from pipeline.render import checklist_context, dossier_context
from pipeline.render.common import word
from pipeline.render.common.config import keep_compiled_in
from pipeline.render.common.web import environment, render_html
from pipeline.render.common.word import dossier_docx_context, render_docx
from tests.test_render_samples import passed_result
from tests.test_render_word import _package


@pytest.fixture(autouse=True)
def _fresh_process():
    """Each render below starts as a new worker would: nothing compiled in memory."""
    yield
    keep_compiled_in(None)
    _forget_compiled()


def _forget_compiled() -> None:
    word._COMPILED.clear()
    environment.cache_clear()


def _render_all(out: Path) -> dict[str, object]:
    _forget_compiled()
    result = passed_result()
    context = dossier_context(result)
    out.mkdir(parents=True)
    render_docx("dossier.docx", dossier_docx_context(context), out / "dossier.docx")
    render_docx("checklist.docx", checklist_context(result), out / "checklist.docx")
    render_html("dossier.html.j2", context, out / "dossier.html")
    return {
        "dossier.docx": _package(out / "dossier.docx"),
        "checklist.docx": _package(out / "checklist.docx"),
        "dossier.html": (out / "dossier.html").read_bytes(),
    }


def _kept_files(cache: Path) -> list[Path]:
    return sorted((cache / "templates").rglob("*.bin"))


def _intact(path: Path) -> bool:
    data = path.read_bytes()
    return hashlib.sha256(data[32:]).digest() == data[:32]


def test_kept_templates_give_the_same_documents(tmp_path: Path) -> None:
    reference = _render_all(tmp_path / "uncached")
    assert not (tmp_path / "cache").exists()
    keep_compiled_in(tmp_path / "cache")
    assert _render_all(tmp_path / "first") == reference  # compiles and keeps
    kept = _kept_files(tmp_path / "cache")
    assert len(kept) == 2 + len(environment().cache)  # the two Word bodies, dossier.html.j2 and its parts
    files = [p.stat().st_ino for p in kept]  # a rewrite would replace each file (a new inode)
    assert _render_all(tmp_path / "second") == reference  # loads what was kept
    assert [p.stat().st_ino for p in kept] == files


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:20],  # truncated inside the digest
        lambda data: data[:-40],  # truncated inside the code
        lambda data: data[:32] + bytes([data[32] ^ 0xFF]) + data[33:],  # a flipped byte
        lambda data: hashlib.sha256(b"garbage").digest() + b"garbage",  # intact digest, no jinja2 entry
        lambda data: b"",
    ],
)
def test_damaged_kept_template_is_compiled_again(tmp_path: Path, damage) -> None:
    keep_compiled_in(tmp_path / "cache")
    reference = _render_all(tmp_path / "first")
    for path in _kept_files(tmp_path / "cache"):
        path.write_bytes(damage(path.read_bytes()))
    assert _render_all(tmp_path / "again") == reference
    assert all(_intact(p) for p in _kept_files(tmp_path / "cache"))  # written over


def test_changed_template_is_not_served_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(word, "TEMPLATES_DIR", tmp_path)
    keep_compiled_in(tmp_path / "cache")
    for n, body in enumerate(["正文：{{ title }}", "新正文：{{ title }}"]):
        document = docx.Document()
        document.add_paragraph(body)
        document.save(str(tmp_path / "t.docx"))
        _forget_compiled()
        render_docx("t.docx", {"title": "标题"}, tmp_path / f"{n}.docx")
    assert [docx.Document(str(tmp_path / f"{n}.docx")).paragraphs[0].text for n in range(2)] == [
        "正文：标题",
        "新正文：标题",
    ]


def test_unwritable_cache_folder_costs_nothing_but_speed(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    reference = _render_all(tmp_path / "uncached")
    keep_compiled_in(tmp_path / "cache")
    assert _render_all(tmp_path / "rendered") == reference
