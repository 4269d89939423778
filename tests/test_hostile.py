"""Broken and hostile input: every case a clear Chinese result, nothing written outside OUT.

Each fixture is a real crafted file: zip slip, absolute member paths, symlinks in
folders and zips, a zip bomb, zips nested too deep, a deep folder tree, an XML bomb
inside a .docx, encrypted PDF and Office files, truncated files, an empty file, a
JPEG named .pdf, a PDF whose text is (cid:N) junk and a file over the size limit.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.ingest.sniff import sniff_kind
from pipeline.models import FileEntry
from pipeline.read import read_file
from pipeline.read.budget import ReadTimeout, time_budget
from tests.conftest import REPO, make_docx, make_pdf

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _read(path: Path, root: Path):
    kind = sniff_kind(path)
    return read_file(FileEntry(rel_path=path.relative_to(root).as_posix(), disk_path=path, size=path.stat().st_size, kind=kind))


def _xml_bomb_docx(path: Path) -> Path:
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = BILLION_LAUGHS.encode() if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data)
    return path


def _encrypted_docx(path: Path) -> Path:
    plain = io.BytesIO()
    docx.Document().save(plain)
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    return path


def _encrypted_pdf(path: Path) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), encrypt="secret")
    c.setFont("STSong-Light", 12)
    c.drawString(50, 800, "审计报告")
    c.showPage()
    c.save()
    return path


def _cid_junk_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    c.drawString(50, 800, "(cid:12)(cid:45)(cid:77)(cid:3)(cid:88)(cid:19)(cid:20)(cid:21)")
    c.showPage()
    c.save()
    return path


def _symlink_member(zf: zipfile.ZipFile, name: str, target: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16
    zf.writestr(info, target)


def _nested_zip(depth: int) -> bytes:
    data = b"deep"
    inner_name = "最里层.txt"
    for level in range(depth):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(inner_name, data)
        data, inner_name = buf.getvalue(), f"第{level}层.zip"
    return data


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("坏.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\n" + b"\x00" * 40), "PDF 文件已损坏"),
        ("加密.pdf", _encrypted_pdf, "已加密"),
        ("加密.docx", _encrypted_docx, "已加密"),
        ("炸弹.docx", _xml_bomb_docx, "Word 文件已损坏"),
        ("空.xlsx", lambda p: p.write_bytes(b""), "0 字节"),
        ("乱码.pdf", _cid_junk_pdf, "文字编码无法识别"),
        ("截断.docx", lambda p: p.write_bytes(make_docx(p, ["正文"]).read_bytes()[:300]), "无法"),
    ],
)
def test_broken_file_gets_a_precise_chinese_reason(tmp_path: Path, name, make, reason):
    path = tmp_path / name
    make(path)
    started = time.monotonic()
    doc = _read(path, tmp_path)
    assert reason in (doc.problem or ""), doc.problem
    assert time.monotonic() - started < 10


def test_cid_junk_is_not_kept_as_text(tmp_path: Path):
    doc = _read(_cid_junk_pdf(tmp_path / "乱码.pdf"), tmp_path)
    assert "cid" not in doc.full_text()


def test_mislabelled_file_is_read_as_what_it_is(tmp_path: Path):
    real_pdf = make_pdf(tmp_path / "tmp.pdf", [["房屋租赁合同", "出租方（甲方）：宁夏宏泰物业管理有限公司"]])
    disguised = tmp_path / "租赁合同.docx"
    real_pdf.rename(disguised)
    kind = sniff_kind(disguised)
    doc = read_file(
        FileEntry(rel_path="租赁合同.docx", disk_path=disguised, size=disguised.stat().st_size, kind=kind,
                  extension_kind_mismatch=True)
    )
    assert doc.readable and "房屋租赁合同" in doc.full_text()
    assert "扩展名与实际格式" in doc.problem


def test_time_budget_interrupts_a_runaway_reader():
    started = time.monotonic()
    with pytest.raises(ReadTimeout), time_budget(0.2):
        while True:
            pass
    assert time.monotonic() - started < 2


def _hostile_batch(root: Path, outside: Path) -> Path:
    batch = root / "batch"
    batch.mkdir()
    # 1. a zip with slip, absolute path, symlink members, a bomb, too-deep nesting, and one good file
    with zipfile.ZipFile(batch / "恶意-压缩包.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../../canary.txt", "overwritten")
        zf.writestr(str(outside / "abs.txt"), "absolute")
        _symlink_member(zf, "链接.txt", str(outside / "canary.txt"))
        zf.writestr("炸弹.txt", b"0" * (30 * 1024 * 1024))
        zf.writestr("嵌套.zip", _nested_zip(6))
        zf.writestr("申请报告.txt", "自治区中小企业公共服务示范平台申请报告")
    # 2. a folder with broken files, a symlink out, a deep tree and an oversized file
    app = batch / "损坏-文件夹"
    app.mkdir()
    (app / "空文件.pdf").write_bytes(b"")
    (app / "照片.pdf").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    _xml_bomb_docx(app / "申请报告.docx")
    _encrypted_pdf(app / "审计报告.pdf")
    _encrypted_docx(app / "人员名单.docx")
    (app / "外部链接.pdf").symlink_to(outside / "canary.txt")
    deep = app.joinpath(*[f"层{i}" for i in range(70)])  # past the read depth (64): listed, not read
    deep.mkdir(parents=True)
    (deep / "深处.txt").write_text("deep", encoding="utf-8")
    with (app / "超大文件.pdf").open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(151 * 1024 * 1024)  # sparse: costs no disk
    # 3. a zip that is not a zip, and an application that is fine
    (batch / "假压缩包.zip").write_bytes(b"PK\x03\x04 not really a zip")
    good = batch / "正常-申报"
    good.mkdir()
    make_docx(good / "申请报告.docx", ["自治区中小企业公共服务示范平台申请报告"])
    return batch


def test_hostile_batch_is_processed_and_nothing_escapes(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    canary = outside / "canary.txt"
    canary.write_text("canary", encoding="utf-8")
    batch = _hostile_batch(tmp_path, outside)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    before = {p for p in tmp_path.rglob("*") if "out" not in p.relative_to(tmp_path).parts[:1]}
    out = tmp_path / "out"
    env = dict(os.environ, TMPDIR=str(temp_root))
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(batch), "--out", str(out), "--as-of", "2026-04-30", "--jobs", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    # nothing outside OUT changed, the canary included; the pipeline's temp folders are gone
    assert canary.read_text(encoding="utf-8") == "canary"
    after = {p for p in tmp_path.rglob("*") if "out" not in p.relative_to(tmp_path).parts[:1]}
    assert {p for p in after - before if not p.is_relative_to(temp_root)} == set()
    assert [p.name for p in temp_root.iterdir() if p.name.startswith("nx-prescreen")] == []
    results = {r["applicant_id"]: r for r in map(json.loads, (out / "results.jsonl").read_text("utf-8").splitlines())}
    assert set(results) == {"恶意-压缩包", "损坏-文件夹", "假压缩包", "正常-申报"}
    evil = "\n".join(results["恶意-压缩包"]["problems"])
    for text in ("拒绝解压", "符号链接", "压缩炸弹", "嵌套层数"):
        assert text in evil, text
    broken = "\n".join(results["损坏-文件夹"]["problems"])
    for text in ("0 字节", "扩展名与实际格式", "已加密", "Word 文件已损坏", "符号链接", "层级过深", "文件过大"):
        assert text in broken, text
    assert "无法打开" in "\n".join(results["假压缩包"]["problems"])
    assert results["正常-申报"]["materials"]["application_report"]["status"] == "present"
    assert (out / "applicants").is_dir() and (out / "summary.xlsx").is_file()
