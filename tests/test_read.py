"""Read: located text and tables from real PDF, docx and xlsx files; bad files reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import openpyxl

from pipeline.ingest.sniff import sniff_kind
from pipeline.models import FileEntry
from pipeline.read import read_file
from pipeline.read.normalize import normalize_text


def entry(path: Path, root: Path) -> FileEntry:
    return FileEntry(
        rel_path=path.relative_to(root).as_posix(), disk_path=path, size=path.stat().st_size, kind=sniff_kind(path)
    )


def test_pdf_text_per_page_with_page_numbers(files):
    path = files.pdf(
        "审计报告.pdf", [["审计报告", "宁夏某某会计师事务所"], ["资产负债表", "资产总计 1,500,000.00 1,200,000.00"]]
    )
    doc = read_file(entry(path, files.root))
    assert doc.readable and doc.page_count == 2
    assert [b.loc.page for b in doc.blocks] == [1, 2]
    assert "资产总计 1,500,000.00" in doc.page_text(2)


def test_docx_paragraphs_styles_and_table_cells(files):
    path = files.root / "申请报告.docx"
    document = docx.Document()
    document.add_heading("四、特色和示范作用", level=1)
    document.add_paragraph("本平台……")
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).text = "申报单位名称"
    merged = table.cell(0, 1).merge(table.cell(0, 3))
    merged.text = "宁夏智联科技服务有限公司"
    table.cell(1, 0).text = "资产总额（万元）"
    table.cell(1, 1).text = "150"
    document.save(str(path))
    doc = read_file(entry(path, files.root))
    assert doc.blocks[0].style == "Heading 1" and doc.blocks[0].loc.paragraph == 1
    rows = doc.tables[0].texts()
    assert rows[0] == ["申报单位名称"] + ["宁夏智联科技服务有限公司"] * 3  # merged cell repeated
    assert rows[1][:2] == ["资产总额(万元)", "150"]  # NFKC folds full-width brackets
    assert doc.tables[0].rows[1][1].loc.describe() == "表1第2行第2列"


def test_xlsx_cells_located_merged_filled_numbers_as_text(files):
    path = files.root / "人员名单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人员"
    ws.append(["主要管理人员和专业技术人员名单"])
    ws.merge_cells("A1:C1")
    ws.append(["姓名", "学历", "人数"])
    ws.append(["张三", "本科", 3.0])
    ws.append([None, None, None])
    ws.append(["李四", "硕士", 12.5])
    wb.save(str(path))
    doc = read_file(entry(path, files.root))
    table = doc.tables[0]
    assert table.sheet == "人员"
    assert table.texts()[0] == ["主要管理人员和专业技术人员名单"] * 3
    assert table.texts()[2] == ["张三", "本科", "3"]
    assert table.rows[3][2].text == "12.5" and table.rows[3][2].loc.describe() == "人员!C5"


def test_xlsx_reader_loads_without_numpy_and_leaves_it_importable(files):
    """openpyxl is imported with numpy kept out (a worker saves loading numpy); nothing else
    is affected: numpy imports afterwards, and a workbook still reads in that process."""
    path = files.root / "名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", 12.0])
    wb.save(str(path))
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pipeline.read.xlsx import read_xlsx\n"
        "from tests.test_read import entry\n"
        "assert 'numpy' not in sys.modules\n"
        "import numpy\n"
        "assert numpy.zeros(2).sum() == 0\n"
        f"doc = read_xlsx(entry(Path({str(path)!r}), Path({str(files.root)!r})))\n"
        "print(doc.tables[0].texts())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[['姓名', '12']]"


def test_broken_files_are_unreadable_with_chinese_reasons(files):
    root = files.root
    (root / "坏.pdf").write_bytes(b"%PDF-1.4\n" + b"garbage" * 10)
    (root / "坏.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    (root / "空.xlsx").write_bytes(b"")
    (root / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    results = {p.name: read_file(entry(p, root)) for p in root.iterdir()}
    assert not results["坏.pdf"].readable and "PDF" in results["坏.pdf"].problem
    assert not results["坏.docx"].readable
    assert not results["空.xlsx"].readable and "0 字节" in results["空.xlsx"].problem
    assert not results["旧格式.doc"].readable and "已损坏" in results["旧格式.doc"].problem


def test_scanned_pdf_without_text_layer_is_flagged(files):
    path = files.pdf("扫描件.pdf", [[], []])
    doc = read_file(entry(path, files.root))
    assert doc.readable and "没有文字层" in doc.problem


def test_kangxi_radicals_and_full_width_are_normalised():
    assert normalize_text("⽇期：２０２５年⻚") == "日期:2025年页"


def test_kangxi_radicals_in_a_real_pdf_are_repaired(files):
    path = files.pdf("营业执照.pdf", [["成立⽇期 2019年3⽉15⽇", "第1⻚ 共1⻚"]])
    doc = read_file(entry(path, files.root))
    assert "成立日期 2019年3月15日" in doc.full_text() and "第1页 共1页" in doc.full_text()
