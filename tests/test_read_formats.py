"""More formats by content: OFD, legacy Word/Excel (LibreOffice, xlrd), .wps named files."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from pipeline.ingest.sniff import sniff_kind
from pipeline.models import FileEntry, FileKind
from pipeline.read import read_file
from pipeline.read.legacy import libreoffice_available
from tests.conftest import make_docx, make_xlsx

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _read(path: Path):
    return read_file(FileEntry(rel_path=path.name, disk_path=path, size=path.stat().st_size, kind=sniff_kind(path)))


def _ofd(path: Path, lines: list[str]) -> Path:
    objects = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="10 {20 + 8 * i} 150 6" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="5">{text}</ofd:TextCode></ofd:TextObject>'
        for i, text in enumerate(lines)
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "OFD.xml",
            f'<ofd:OFD {OFD_NS} Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document {OFD_NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        )
        zf.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            f'<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
        )
    return path


def test_ofd_text_by_page(tmp_path: Path):
    doc = _read(
        _ofd(
            tmp_path / "营业执照.ofd",
            ["营业执照", "统一社会信用代码 91640100MA76ABCD5D", "名称 宁夏智联科技服务有限公司"],
        )
    )
    assert doc.kind == FileKind.ofd and doc.readable and doc.page_count == 1
    assert doc.blocks[0].text.split("\n") == [
        "营业执照",
        "统一社会信用代码 91640100MA76ABCD5D",
        "名称 宁夏智联科技服务有限公司",
    ]


def test_broken_ofd_is_unreadable_with_reason(tmp_path: Path):
    path = tmp_path / "坏.ofd"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", "<ofd:OFD")
    assert "OFD 文件已损坏" in _read(path).problem


needs_lo = pytest.mark.skipif(not libreoffice_available(), reason="LibreOffice is installed by scripts/install.sh")


def _convert(source: Path, fmt: str, tmp: Path) -> Path:
    subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{tmp}/lo",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return source.with_suffix(f".{fmt}")


@needs_lo
def test_doc_and_wps_named_file_are_converted(tmp_path: Path):
    source = make_docx(tmp_path / "租赁.docx", ["房屋租赁合同", "出租方：宁夏宏泰物业管理有限公司"])
    doc_path = _convert(source, "doc", tmp_path)
    wps = doc_path.rename(tmp_path / "租赁合同.wps")  # Kingsoft Writer files are Word binaries
    doc = _read(wps)
    assert doc.readable and doc.converted_from == "doc"
    assert "出租方:宁夏宏泰物业管理有限公司" in doc.full_text()


@needs_lo
def test_xls_is_read_with_merged_cells_and_locations(tmp_path: Path):
    source = make_xlsx(tmp_path / "名单.xlsx", [["人员名单", None], ["姓名", "学历"], ["张三", "本科"], ["李四", 3]])
    xls = _convert(source, "xls", tmp_path).rename(tmp_path / "人员名单.et")
    doc = _read(xls)
    assert doc.converted_from == "xls"
    assert doc.tables[0].texts()[2:] == [["张三", "本科"], ["李四", "3"]]
    assert doc.tables[0].rows[2][0].loc.describe().endswith("!A3")


def test_without_libreoffice_a_doc_says_what_to_install(tmp_path: Path, monkeypatch):
    from pipeline.read import legacy

    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    path = tmp_path / "申请报告.doc"
    shutil.copyfile(
        Path(__file__).resolve().parents[1] / "samplegen/static/银川-宁夏贺兰山信息咨询有限公司/申请报告.doc", path
    )
    doc = _read(path)
    assert not doc.readable and "LibreOffice" in doc.problem and "另存为" in doc.problem


def _convert_in_worker(path: str) -> str:
    return read_file(
        FileEntry(rel_path=Path(path).name, disk_path=Path(path), size=Path(path).stat().st_size, kind=FileKind.ole2)
    ).full_text()


@needs_lo
def test_two_workers_convert_at_once_with_their_own_profiles(tmp_path: Path):
    from concurrent.futures import ProcessPoolExecutor

    docs = []
    for n in range(2):
        source = make_docx(tmp_path / f"声明{n}.docx", [f"申报材料真实性声明 第{n}份"])
        docs.append(str(_convert(source, "doc", tmp_path)))
    with ProcessPoolExecutor(2) as pool:
        texts = list(pool.map(_convert_in_worker, docs))
    assert [("第0份" in texts[0]), ("第1份" in texts[1])] == [True, True]
