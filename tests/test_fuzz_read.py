"""Property-based fuzzing of ingest and read with mutated real files.

Hypothesis flips, deletes and inserts bytes in genuine PDF, .docx, .xlsx and .zip
files; whatever comes out, reading must not raise, must not write outside its
sandbox, and must finish in bounded time.
"""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import open_application
from pipeline.ingest.sniff import sniff_kind
from pipeline.models import ApplicationPackage, FileEntry, ReadDocument
from pipeline.read import read_file
from tests.conftest import make_docx, make_pdf, make_xlsx

_SEEDS: dict[str, bytes] = {}


def _seed(kind: str) -> bytes:
    if kind not in _SEEDS:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            if kind == "pdf":
                path = make_pdf(root / "s.pdf", [["审计报告", "资产总计 1,500,000.00 1,200,000.00"], ["资产负债表"]])
            elif kind == "docx":
                path = make_docx(root / "s.docx", ["申请报告"], [[["申报单位名称", "宁夏某公司"], ["资产总额（万元）", "150"]]])
            elif kind == "xlsx":
                path = make_xlsx(root / "s.xlsx", [["姓名", "学历"], ["张三", "本科"]])
            else:
                path = root / "s.zip"
                with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    zf.writestr("申报材料/申请报告.txt", "申请报告" * 50)
                    zf.writestr("营业执照.txt", "营业执照" * 50)
            _SEEDS[kind] = path.read_bytes()
    return _SEEDS[kind]


@st.composite
def mutated(draw, kind: str) -> bytes:
    data = bytearray(_seed(kind))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 64))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


def _snapshot(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def _read_bytes(data: bytes, suffix: str) -> ReadDocument:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sandbox = root / "sandbox"
        sandbox.mkdir()
        path = sandbox / f"fuzz{suffix}"
        path.write_bytes(data)
        before = _snapshot(root)
        started = time.monotonic()
        doc = read_file(FileEntry(rel_path=path.name, disk_path=path, size=len(data), kind=sniff_kind(path)))
        assert time.monotonic() - started < 30
        assert _snapshot(root) == before  # reading writes nothing next to the file
        assert doc.readable or doc.problem  # unreadable always comes with a reason
        return doc


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated("pdf"))
def test_mutated_pdf(data: bytes):
    _read_bytes(data, ".pdf")


@FUZZ
@given(mutated("docx"))
def test_mutated_docx(data: bytes):
    _read_bytes(data, ".docx")


@FUZZ
@given(mutated("xlsx"))
def test_mutated_xlsx(data: bytes):
    _read_bytes(data, ".xlsx")


@FUZZ
@given(mutated("zip"))
def test_mutated_zip_application(data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        package = root / "申报.zip"
        package.write_bytes(data)
        workspace = root / "ws"
        outside = {p for p in _snapshot(root) if not p.is_relative_to(workspace)}
        opened = open_application(ApplicationPackage(applicant_id="申报", source=package, is_zip=True), workspace)
        assert {p for p in _snapshot(root) if not p.is_relative_to(workspace)} == outside
        for entry in opened.files:
            assert entry.disk_path.resolve().is_relative_to(workspace.resolve())
            read_file(entry)
        assert os.path.exists(package)
