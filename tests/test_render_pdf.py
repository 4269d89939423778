"""PDF copies made by LibreOffice: the Chinese text reads back, in the Simplified Chinese fonts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.render import render_application, render_batch
from pipeline.render.common.pdf import balanced_groups, convert_to_pdf, pdf_available
from tests.test_render_samples import ID_NUMBER, incomplete_result, passed_result

if not pdf_available():
    if os.environ.get("CI"):
        raise RuntimeError("CI 环境中未找到 LibreOffice：scripts/install.sh 应安装 libreoffice-writer-nogui")
    pytest.skip("未安装 LibreOffice", allow_module_level=True)

RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")  # Kangxi radicals / CJK radicals supplement


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def app_dirs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pdf")
    dirs = {"passed": root / "applicants" / "a", "incomplete": root / "applicants" / "b"}
    render_application(passed_result(), dirs["passed"])
    render_application(incomplete_result(), dirs["incomplete"])
    render_batch([passed_result(), incomplete_result()], root, {passed_result().applicant_id: "a",
                 incomplete_result().applicant_id: "b"}, [], [], pdf=True)  # fmt: skip
    dirs["root"] = root
    return dirs


def test_batch_writes_pdf_copies_and_links_them(app_dirs: dict[str, Path]) -> None:
    for key in ("passed", "incomplete"):
        for name in ("dossier.pdf", "checklist.pdf"):
            assert (app_dirs[key] / name).stat().st_size > 1000
    html = (app_dirs["root"] / "index.html").read_text(encoding="utf-8")
    assert "applicants/a/dossier.pdf" in html and "applicants/b/checklist.pdf" in html


def test_dossier_pdf_reads_back_in_chinese(app_dirs: dict[str, Path]) -> None:
    text = pdf_text(app_dirs["passed"] / "dossier.pdf")
    assert not RADICALS.search(text)
    body = flat(text)
    for phrase in (
        "自治区中小企业公共服务示范平台专家评审材料",
        "宁夏某某科技有限公司",
        "关键数据及来源",
        "专家评分表",
        "利益冲突声明",
    ):
        assert phrase in body, phrase
    assert ID_NUMBER not in body


def test_checklist_pdf_reads_back_with_every_deficiency(app_dirs: dict[str, Path]) -> None:
    text = pdf_text(app_dirs["incomplete"] / "checklist.pdf")
    assert not RADICALS.search(text)
    body = flat(text)
    for phrase in ("关于补正自治区中小企业公共服务示范平台申报材料的通知", "石嘴山市某某服务中心", "一次性告知",
                   "法人证书或营业执照副本", "无法读取", "部分缺失", "2026年5月18日前", "宁夏回族自治区工业和信息化厅"):  # fmt: skip
        assert phrase in body, phrase


def test_pdf_uses_simplified_chinese_fonts(app_dirs: dict[str, Path]) -> None:
    from pipeline.render.common.pdf import fandol_dir

    raw = (app_dirs["incomplete"] / "checklist.pdf").read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", raw))
    if fandol_dir() is not None:  # the real faces (scripts/install.sh installs them)
        assert any(b"FandolFang" in f for f in fonts), fonts  # 仿宋
        assert any(b"FandolHei" in f for f in fonts), fonts  # 黑体
        return
    assert any(b"NotoSerifCJK" in f for f in fonts), fonts  # 仿宋 / 宋体 -> a serif CJK face
    assert any(b"NotoSansCJK" in f for f in fonts), fonts  # 黑体 -> a sans CJK face


def test_without_libreoffice_nothing_is_raised(tmp_path: Path, monkeypatch) -> None:
    import pipeline.render.common.pdf as pdf_module

    doc = tmp_path / "x.docx"
    doc.write_bytes(b"")
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: None)
    assert convert_to_pdf([doc]) == [doc]
    assert not doc.with_suffix(".pdf").exists()


def test_a_conversion_over_the_time_budget_is_stopped_and_reported(app_dirs: dict[str, Path], monkeypatch) -> None:
    from pipeline.render.common.config import settings

    monkeypatch.setattr(settings(), "pdf_batch_seconds_max", 1)
    docs = _copies(app_dirs["passed"] / "dossier.docx", app_dirs["root"], "slow", 6)
    failed = convert_to_pdf(docs)
    assert failed  # not everything fits in one second; nothing raised, the rest is reported
    assert all(not d.with_suffix(".pdf").exists() for d in failed)


def test_a_stuck_conversion_is_stopped_by_the_watchdog(tmp_path: Path, monkeypatch) -> None:
    import time

    import pipeline.render.common.pdf as pdf_module
    from pipeline.render.common.config import settings

    hung = tmp_path / "soffice"
    hung.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    hung.chmod(0o755)
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: str(hung))
    monkeypatch.setattr(settings(), "pdf_seconds_per_document", 1)
    doc = tmp_path / "x.docx"
    doc.write_bytes(b"PK")
    started = time.monotonic()
    assert convert_to_pdf([doc]) == [doc]
    assert time.monotonic() - started < 10  # stopped for making no progress, long before the batch cap


def test_every_document_of_a_batch_is_converted_in_one_libreoffice_process(app_dirs: dict[str, Path], monkeypatch) -> None:
    from pipeline.render.common.config import settings

    monkeypatch.setattr(settings(), "pdf_seconds_per_document", 15)
    docs = _copies(app_dirs["passed"] / "checklist.docx", app_dirs["root"], "many", 8)
    assert convert_to_pdf(docs, processes=1) == []
    assert all(d.with_suffix(".pdf").stat().st_size > 0 for d in docs)


def test_conversion_groups_share_the_work_evenly():
    # a batch's documents alternate dossier (large) and checklist (small): plain alternation
    # would give one process every dossier
    sizes = {f"doc{n:05d}.docx": 60_000 if n % 2 == 0 else 12_000 for n in range(200)}
    groups = balanced_groups(sizes, 2)
    loads = [sum(sizes[name] for name in group) for group in groups]
    assert len(groups) == 2 and sorted(name for group in groups for name in group) == sorted(sizes)
    assert max(loads) - min(loads) <= 60_000
    assert balanced_groups({"a.docx": 1}, 4) == [["a.docx"]]
    assert balanced_groups({}, 2) == []


def _copies(source: Path, folder: Path, stem: str, count: int) -> list[Path]:
    """`count` copies of `source` in `folder`, named <stem>0.docx, <stem>1.docx, …"""
    copies = [folder / f"{stem}{n}.docx" for n in range(count)]
    for copy in copies:
        copy.write_bytes(source.read_bytes())
    return copies
