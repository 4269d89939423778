"""Masked copies of the applicant's Word and Excel files (privacy/redact.py, render/common/sources.py)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from PIL import Image

from pipeline.models import FileEntry, FileKind
from pipeline.privacy.redact import mask_docx, mask_xlsx
from pipeline.render.common.sources import MANIFEST, WITHHELD_SUFFIX, copy_sources

ID_NUMBER, MASKED_ID = "640104199001011234", "640104********1234"
PHONE, MASKED_PHONE = "13912345678", "139****5678"


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        return {name: package.read(name) for name in package.namelist()}


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


@pytest.fixture
def document(tmp_path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph(f"联系人身份证号{ID_NUMBER}，手机{PHONE}。")
    split = doc.add_paragraph("联系电话：")
    for piece in ("139", "1234", "5678"):
        split.add_run(piece).bold = True
    doc.add_paragraph().add_run("手机 139\t1234\t5678 后文")
    letter = doc.add_paragraph()
    letter.add_run("ID")
    letter.add_run(ID_NUMBER)  # on its own the run is an ID number (masked as a run)
    picture = doc.add_paragraph()
    picture.add_run("照片：")
    picture.add_run().add_picture(_png())
    picture.add_run(f"电话{PHONE}").add_break(WD_BREAK.PAGE)
    deleted = doc.add_paragraph("删除前：")
    deleted._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z">'
            f"<w:r><w:delText>{PHONE}</w:delText></w:r></w:del>"
        )
    )
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "手机"
    table.cell(0, 1).text = PHONE
    doc.add_paragraph("资产总计 15000000.00 元，统一社会信用代码 91640100MA76123456")
    doc.sections[0].header.paragraphs[0].text = "电话：0951-6038381"
    path = tmp_path / "申请报告.docx"
    doc.save(str(path))
    return path


def test_docx_copy_masks_runs_paragraphs_tables_and_headers(document: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.docx"
    mask_docx(document, target)
    doc = docx.Document(str(target))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"联系人身份证号{MASKED_ID}，手机{MASKED_PHONE}。"
    assert texts[1] == f"联系电话：{MASKED_PHONE}"
    assert [r.text for r in doc.paragraphs[1].runs] == ["联系电话：", "139", "****", "5678"]  # runs kept
    assert all(r.bold for r in doc.paragraphs[1].runs[1:])
    assert texts[2] == f"手机 {MASKED_PHONE} 后文"
    assert texts[3] == f"ID{MASKED_ID}"
    assert texts[4].startswith(f"照片：电话{MASKED_PHONE}")
    assert doc.inline_shapes and len(doc.inline_shapes) == 1  # the picture is still there
    assert 'w:type="page"' in doc.paragraphs[4]._p.xml  # and the page break
    assert PHONE not in doc.paragraphs[5]._p.xml  # deleted (tracked) text too
    assert doc.tables[0].cell(0, 1).text == MASKED_PHONE
    assert texts[6] == "资产总计 15000000.00 元，统一社会信用代码 91640100MA76123456"
    assert doc.sections[0].header.paragraphs[0].text == "电话：0951-603****"
    before, after = _members(document), _members(target)
    assert list(before) == list(after)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"word/document.xml", "word/header1.xml"}  # styles, media, … copied as they were


def test_docx_without_personal_data_is_copied_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    doc = docx.Document()
    doc.add_paragraph("平台简介：服务企业 120 家。")
    doc.save(str(source))
    mask_docx(source, tmp_path / "b.docx")
    assert _members(source) == _members(tmp_path / "b.docx")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "手机", "备注", "金额"])
    ws.append(["张三", ID_NUMBER, int(PHONE), f"电话 {PHONE}", 1523400.5])
    ws.append(["李四", "无", '="139"&"12345678"', None, 15000000])
    ws["D3"] = CellRichText([TextBlock(InlineFont(b=True), "手机139"), TextBlock(InlineFont(i=True), "12345678")])
    ws["A2"].comment = Comment(f"联系电话 {PHONE}", "录入")
    wb.create_sheet("第二页").append(["身份证", ID_NUMBER, "统一社会信用代码", "91640100MA76123456"])
    path = tmp_path / "人员名单.xlsx"
    wb.save(str(path))
    return path


def test_xlsx_copy_masks_every_kind_of_cell(workbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.xlsx"
    mask_xlsx(workbook, target)
    wb = openpyxl.load_workbook(target)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]] == ["张三", MASKED_ID, MASKED_PHONE, f"电话 {MASKED_PHONE}", 1523400.5]
    assert ws["C3"].value == '="139"&"12345678"'  # a formula without a number in one piece stays
    assert ws["D3"].value == f"手机{MASKED_PHONE}"  # rich text split over runs
    assert ws["E3"].value == 15000000
    assert PHONE not in ws["A2"].comment.text
    assert [c.value for c in wb.worksheets[1][1]] == ["身份证", MASKED_ID, "统一社会信用代码", "91640100MA76123456"]
    before, after = _members(workbook), _members(target)
    assert list(before) == list(after)
    assert before["xl/styles.xml"] == after["xl/styles.xml"]


def test_copy_sources_masks_personal_files_and_withholds_the_rest(
    document: Path, workbook: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "身份证.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really")
    entries = [
        FileEntry(rel_path=p.name, disk_path=p, kind=kind, size=p.stat().st_size)
        for p, kind in ((document, FileKind.docx), (workbook, FileKind.xlsx), (pdf, FileKind.pdf))
    ]
    dest = tmp_path / "files"
    copy_sources(entries, {e.rel_path: "d" for e in entries}, {e.rel_path for e in entries}, dest, 1 << 20)
    assert MASKED_PHONE in "\n".join(p.text for p in docx.Document(str(dest / document.name)).paragraphs)
    assert openpyxl.load_workbook(dest / workbook.name).active["B2"].value == MASKED_ID
    assert not (dest / pdf.name).exists() and (dest / (pdf.name + WITHHELD_SUFFIX)).exists()


def test_a_rerun_keeps_masked_copies_unless_an_older_masking_made_them(workbook: Path, tmp_path: Path) -> None:
    entry = FileEntry(rel_path=workbook.name, disk_path=workbook, kind=FileKind.xlsx, size=workbook.stat().st_size)
    dest = tmp_path / "files"

    def run() -> int:
        copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 20)
        return (dest / workbook.name).stat().st_mtime_ns

    first = run()
    assert run() == first
    manifest = dest / MANIFEST
    manifest.write_text(json.dumps({entry.rel_path: "d:True"}), encoding="utf-8")  # masked by the old code
    (dest / workbook.name).write_bytes(b"old copy")
    run()
    assert openpyxl.load_workbook(dest / workbook.name).active["B2"].value == MASKED_ID
