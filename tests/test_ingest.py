"""Ingest: batch layout, zips (name encodings, hostile paths, size limits), junk."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, discover_batch, open_application
from pipeline.ingest.limits import IngestLimits
from pipeline.models import FileKind


def _zip_with_raw_names(
    path: Path, members: list[tuple[bytes, bytes]], flagged: dict[str, bytes] | None = None
) -> Path:
    """Write a zip byte for byte whose member names are raw bytes with no UTF-8 flag.

    zipfile would flag any non-ASCII name as UTF-8, so each member is written under an
    ASCII placeholder of the same length and the placeholder bytes are patched after.
    """
    with zipfile.ZipFile(path, "w") as zf:
        for i, (raw_name, data) in enumerate(members):
            zf.writestr(f"{i:02d}".ljust(len(raw_name), "_"), data)
        for name, data in (flagged or {}).items():
            zf.writestr(name, data)  # non-ASCII str names get the UTF-8 flag
    blob = path.read_bytes()
    for i, (raw_name, _data) in enumerate(members):
        placeholder = f"{i:02d}".ljust(len(raw_name), "_").encode()
        assert blob.count(placeholder) == 2  # local header + central directory
        blob = blob.replace(placeholder, raw_name)
    path.write_bytes(blob)
    return path


def test_batch_layout_folders_zips_and_loose_files(tmp_path: Path):
    (tmp_path / "银川-甲公司").mkdir()
    (tmp_path / "银川-甲公司" / "申请报告.txt").write_text("申请报告", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "固原-乙中心.zip", "w") as zf:
        zf.writestr("申报材料/01申请报告.txt", "申请报告")
    (tmp_path / "说明.txt").write_text("loose", encoding="utf-8")
    (tmp_path / "Thumbs.db").write_bytes(b"x")
    batch = discover_batch(tmp_path)
    assert [a.applicant_id for a in batch.applications] == ["固原-乙中心", "银川-甲公司"]
    assert batch.applications[0].is_zip
    assert batch.loose_files == ["说明.txt"]


def test_single_application_folder_and_zip(tmp_path: Path):
    app = tmp_path / "甲公司"
    app.mkdir()
    (app / "a.txt").write_text("x", encoding="utf-8")
    assert [a.applicant_id for a in discover_batch(app).applications] == ["甲公司"]
    z = tmp_path / "乙.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", "x")
    assert discover_batch(z).applications[0].is_zip


def test_missing_input_is_a_clear_error(tmp_path: Path):
    with pytest.raises(IngestError, match="不存在"):
        discover_batch(tmp_path / "nope")


def test_gbk_and_utf8_member_names_are_recovered(tmp_path: Path):
    z = tmp_path / "app.zip"
    _zip_with_raw_names(
        z,
        [
            ("营业执照.pdf".encode("gbk"), b"%PDF-1.4 x"),  # Chinese Windows: GBK, no flag
            ("审计报告.pdf".encode(), b"%PDF-1.4 y"),  # UTF-8 bytes without the flag
            ("𠀀资料/说明.txt".encode("gb18030"), b"text"),  # a GB18030-only character
        ],
        flagged={"申请报告.docx": b"not really"},
    )
    assert not zipfile.ZipFile(z).infolist()[0].flag_bits & 0x800
    pkg = discover_batch(z).applications[0]
    opened = open_application(pkg, tmp_path / "ws")
    names = sorted(f.rel_path for f in opened.files)
    assert names == ["审计报告.pdf", "申请报告.docx", "营业执照.pdf", "𠀀资料/说明.txt"]
    assert {f.rel_path: f.kind for f in opened.files}["营业执照.pdf"] == FileKind.pdf


def test_zip_slip_and_absolute_paths_are_refused(tmp_path: Path):
    canary = tmp_path / "canary.txt"
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("../canary.txt", "pwned")
        zf.writestr("/etc/evil.txt", "pwned")
        zf.writestr("ok/申请报告.txt", "fine")
    ws = tmp_path / "ws"
    opened = open_application(discover_batch(z).applications[0], ws)
    assert [f.rel_path for f in opened.files] == ["ok/申请报告.txt"]
    assert not canary.exists()
    assert len(opened.problems) == 2 and all("拒绝解压" in p for p in opened.problems)


def test_zip_bomb_member_is_stopped_while_streaming(tmp_path: Path):
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", b"0" * (8 * 1024 * 1024))
        zf.writestr("small.txt", "ok")
    limits = IngestLimits(max_ratio=50)
    opened = open_application(discover_batch(z).applications[0], tmp_path / "ws", limits)
    assert [f.rel_path for f in opened.files] == ["small.txt"]
    assert "压缩炸弹" in opened.problems[0]
    assert not (tmp_path / "ws" / "big.txt").exists()


def test_folder_walk_skips_junk_and_symlinks(tmp_path: Path):
    app = tmp_path / "app"
    (app / "申报材料" / "__MACOSX").mkdir(parents=True)
    (app / "申报材料" / "申请报告.txt").write_text("x", encoding="utf-8")
    (app / "申报材料" / "__MACOSX" / "._申请报告.txt").write_bytes(b"junk")
    (app / "~$申请报告.docx").write_bytes(b"lock")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (app / "link.txt").symlink_to(outside)
    (app / "申报材料" / "营业执照.txt").write_text("x", encoding="utf-8")
    (app / "真实性声明.txt").write_text("x", encoding="utf-8")
    (app / "推荐表.txt").write_text("x", encoding="utf-8")
    batch = discover_batch(app)  # more loose documents than sub-folders: one application
    assert [a.applicant_id for a in batch.applications] == ["app"]
    opened = open_application(batch.applications[0], tmp_path / "ws")
    assert sorted(f.rel_path for f in opened.files) == [
        "推荐表.txt",
        "申报材料/申请报告.txt",
        "申报材料/营业执照.txt",
        "真实性声明.txt",
    ]
    assert any("符号链接" in p for p in opened.problems)
    assert "~$申请报告.docx" in opened.skipped


def test_kind_by_content_and_mismatch_noted(tmp_path: Path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "照片.pdf").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    (app / "空文件.docx").write_bytes(b"")
    opened = open_application(discover_batch(app).applications[0], tmp_path / "ws")
    by_name = {f.rel_path: f for f in opened.files}
    assert by_name["照片.pdf"].kind == FileKind.image and by_name["照片.pdf"].extension_kind_mismatch
    assert by_name["空文件.docx"].kind == FileKind.empty


def test_zips_inside_folders_and_zips_are_opened_with_prefixed_paths(tmp_path: Path):
    import io

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("营业执照.txt", "营业执照")
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as zf:
        zf.writestr("证照.zip", inner.getvalue())
        zf.writestr("审计报告.txt", "审计报告")
    app = tmp_path / "app"
    (app / "申报材料").mkdir(parents=True)
    (app / "申报材料" / "附件.zip").write_bytes(middle.getvalue())
    (app / "申请报告.txt").write_text("申请报告", encoding="utf-8")
    (app / "推荐表.txt").write_text("推荐表", encoding="utf-8")
    opened = open_application(discover_batch(app).applications[0], tmp_path / "ws")
    assert sorted(f.rel_path for f in opened.files) == [
        "推荐表.txt",
        "申报材料/附件.zip/审计报告.txt",
        "申报材料/附件.zip/证照.zip/营业执照.txt",
        "申请报告.txt",
    ]
    assert all(f.disk_path.is_relative_to(tmp_path / "ws") for f in opened.files if "zip/" in f.rel_path)
