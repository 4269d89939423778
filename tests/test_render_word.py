"""The Word renderer: the same documents docxtpl writes, list tables as python-docx built them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docxtpl import DocxTemplate
from lxml import etree

from pipeline.models import ListTable
from pipeline.render import checklist_context, dossier_context
from pipeline.render.common import word
from pipeline.render.common.config import TEMPLATES_DIR
from pipeline.render.common.word import _column_twips, _list_table, dossier_docx_context, render_docx
from tests.test_render_samples import hostile_result, incomplete_result, passed_result, relaxed_result

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HOSTILE_CELLS = ["<w:p>x</w:p>", "a & b", "]]> end", "</w:t></w:r></w:p><w:p><w:r><w:t>injected", "{{ title }}"]


def _python_docx_table(columns: list[str], rows: list[list[str]]) -> etree._Element:
    """The list table as the python-docx sub-document built it before (the reference)."""
    document = docx.Document()
    width = max([len(columns)] + [len(r) for r in rows] + [1])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for n, values in enumerate([columns, *rows] if columns else rows):
        for cell, value in zip(table.add_row().cells, [*values, *[""] * (width - len(values))], strict=True):
            para = cell.paragraphs[0]
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            run = para.add_run(str(value))
            name = "黑体" if (n == 0 and columns) else "仿宋"
            run.font.name = name
            run.font.size = Pt(9)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn(attr), name)
    # Columns share the landscape width by their longest entry (pipeline/render/word.py).
    widths = _column_twips([columns, *rows], width)
    for column, twips in zip(table.columns, widths, strict=True):
        column.width = Twips(twips)
        for cell in column.cells:
            cell.width = Twips(twips)
    return table._tbl


def _parsed(markup: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{markup}</w:body>')[0]


@pytest.mark.parametrize(
    ("columns", "rows"),
    [
        (["姓名", "学历", "身份证号"], [["张三", "本科", "640104********1234"], ["李四", "硕士"]]),
        ([], [["只有数据", " 前后空格 ", "a\tb", "第一行\n第二行\r第三行"]]),
        (["序号"], []),
        ([], []),
        (["<b>", "&amp;"], [HOSTILE_CELLS, ["😀", "\u3000全角空格", ""]]),
    ],
)
def test_list_table_is_the_table_python_docx_built(columns, rows) -> None:
    ours = etree.tostring(_parsed(_list_table(columns, rows)), method="c14n", exclusive=True)
    reference = etree.tostring(_python_docx_table(columns, rows), method="c14n", exclusive=True)
    assert ours == reference


def test_list_table_cells_cannot_inject_markup_or_break_the_xml() -> None:
    table = _parsed(_list_table(["列<", "列&"], [[*HOSTILE_CELLS, "bell\x07 nul\x00 vt\x0b \ufffe end"]]))
    texts = ["".join(t.text for t in tc.iter(f"{{{W}}}t")) for tc in table.iter(f"{{{W}}}tc")]
    assert texts == ["列<", "列&", "", "", "", "", *HOSTILE_CELLS, "bell nul vt  end"]
    assert len(list(table.iter(f"{{{W}}}p"))) == len(texts)  # one paragraph per cell: nothing injected


def _package(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def odd_lists_result():
    """Lists docxtpl's fix_tables has to repair (an empty table) next to ordinary ones."""
    result = passed_result()
    result.lists = [
        ListTable(part="staff_list", file="空.xlsx"),
        ListTable(part="client_list", file="不齐.xlsx", columns=["单位"], rows=[["甲", "乙", "丙"], [], ["丁"]]),
        *result.lists,
    ]
    return result


@pytest.mark.parametrize(
    "factory", [passed_result, incomplete_result, relaxed_result, hostile_result, odd_lists_result]
)
def test_documents_are_those_docxtpl_writes(tmp_path: Path, factory) -> None:
    """The cached renderer writes, member for member, what DocxTemplate.render + save write."""
    result = factory()
    dossier = dossier_docx_context(dossier_context(result))
    for template, context in (("dossier.docx", dossier), ("checklist.docx", checklist_context(result))):
        reference = DocxTemplate(str(TEMPLATES_DIR / template))
        reference.render(context, autoescape=True)
        reference.save(str(tmp_path / f"reference-{template}"))
        render_docx(template, context, tmp_path / template)
        render_docx(template, context, tmp_path / f"again-{template}")  # from the process cache
        expected = _package(tmp_path / f"reference-{template}")
        assert list(_package(tmp_path / template)) == list(expected)
        assert _package(tmp_path / template) == expected
        assert _package(tmp_path / f"again-{template}") == expected


def test_hostile_list_cells_render(tmp_path: Path) -> None:
    result = passed_result()
    cells = [*HOSTILE_CELLS, "控制字符\x01\x0c结束", "制表\t换行\n结束"]
    result.lists = [ListTable(part="staff_list", file="人员名单.xlsx", columns=["内容"], rows=[[c] for c in cells])]
    render_docx("dossier.docx", dossier_docx_context(dossier_context(result)), tmp_path / "dossier.docx")
    document = docx.Document(str(tmp_path / "dossier.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "内容")
    assert [row.cells[0].text for row in table.rows] == [
        "内容",
        *HOSTILE_CELLS,
        "控制字符结束",
        "制表\t换行\n结束",
    ]
    header = table.rows[0].cells[0].paragraphs[0].runs[0]
    body = table.rows[1].cells[0].paragraphs[0].runs[0]
    assert (header.font.name, header.font.size, body.font.name, body.font.size) == ("黑体", Pt(9), "仿宋", Pt(9))
    assert body._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert table.style.name == "Table Grid"


def _template(path: Path, body: str, footer: str = "") -> None:
    document = docx.Document()
    document.add_paragraph(body)
    document.sections[0].footer.paragraphs[0].text = footer
    document.save(str(path))


def test_template_changes_and_tags_outside_the_body(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(word, "TEMPLATES_DIR", tmp_path)
    context = {"title": "标题<&>", "office": "办公室"}
    _template(tmp_path / "t.docx", "正文：{{ title }}")
    render_docx("t.docx", context, tmp_path / "a.docx")
    assert docx.Document(str(tmp_path / "a.docx")).paragraphs[0].text == "正文：标题<&>"
    _template(tmp_path / "t.docx", "新正文：{{ title }}", footer="页脚：{{ office }}")  # a tag in the footer
    render_docx("t.docx", context, tmp_path / "b.docx")
    document = docx.Document(str(tmp_path / "b.docx"))
    assert document.paragraphs[0].text == "新正文：标题<&>"
    assert document.sections[0].footer.paragraphs[0].text == "页脚：办公室"  # docxtpl rendered it
