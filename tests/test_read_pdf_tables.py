"""pdfium table extraction (pipeline.read.pdf_tables) against pdfplumber, on real generated PDFs.

Each grid is drawn the ways PDF producers draw them: separate line segments, one rect
per cell, a whole grid as one path, thin filled rects (Word/WPS/LibreOffice borders), a
grid inside a form XObject, a rotated page, an offset MediaBox. The cell texts must be
the known ones and equal pdfplumber's extract_tables() on the same page.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import time
from pathlib import Path
from unittest import mock

import docx
import hypothesis
import pdfplumber
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.models import FileEntry, FileKind
from pipeline.read import pdf_tables, read_file
from pipeline.read.normalize import normalize_text
from pipeline.read.pdf import read_pdf
from samplegen.pdf_base import render as render_story
from samplegen.pdf_base import ruled_table

FONT = "STSong-Light"
GRID = [
    ["项目", "期末余额", "年初余额"],
    ["货币资金", "1,234,567.89", "1,000,000.00"],
    ["应收账款", "22,000.00", "18,500.50"],
    ["资产总计", "9,876,543.21", "8,000,000.00"],
]
XS = [60.0, 250.0, 400.0, 540.0]  # column borders
TOP, ROW_H = 700.0, 26.0
YS = [TOP - i * ROW_H for i in range(len(GRID) + 1)]  # row borders, top down


def _canvas() -> tuple[canvas.Canvas, io.BytesIO]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont(FONT, 16)
    c.drawString(230, 760, "资产负债表")
    c.setFont(FONT, 10)
    c.drawString(60, 730, "编制单位：宁夏某某科技有限公司　　单位：元")
    return c, buf


def _cell_texts(c: canvas.Canvas, grid: list[list[str]] = GRID, dx: float = 0, dy: float = 0) -> None:
    c.setFont(FONT, 10)
    for r, row in enumerate(grid):
        for col, text in enumerate(row):
            if text:
                c.drawString(XS[col] + 5 + dx, YS[r + 1] + 9 + dy, text)


def _done(c: canvas.Canvas, buf: io.BytesIO) -> bytes:
    c.showPage()
    c.save()
    return buf.getvalue()


def _grid_lines(c: canvas.Canvas, shift: float = 0.0) -> None:
    """The grid's rules as separate lines, `shift` points lower."""
    for y in YS:
        c.line(XS[0], y - shift, XS[-1], y - shift)
    for x in XS:
        c.line(x, YS[0] - shift, x, YS[-1] - shift)


def grid_as_lines(rotation: int = 0) -> bytes:
    c, buf = _canvas()
    if rotation:
        c.setPageRotation(rotation)
    c.setLineWidth(0.5)
    _grid_lines(c)
    _cell_texts(c)
    return _done(c, buf)


def grid_as_rects() -> bytes:
    c, buf = _canvas()
    for r in range(len(GRID)):
        for col in range(len(XS) - 1):
            c.rect(XS[col], YS[r + 1], XS[col + 1] - XS[col], ROW_H, stroke=1, fill=0)
    _cell_texts(c)
    return _done(c, buf)


def grid_as_one_path() -> bytes:
    c, buf = _canvas()
    p = c.beginPath()
    for y in YS:
        p.moveTo(XS[0], y)
        p.lineTo(XS[-1], y)
    for x in XS:
        p.moveTo(x, YS[0])
        p.lineTo(x, YS[-1])
    c.drawPath(p, stroke=1, fill=0)
    _cell_texts(c)
    return _done(c, buf)


def grid_as_thin_fills() -> bytes:
    """Borders as 0.5 pt filled rectangles, the way Word/WPS/LibreOffice export them."""
    c, buf = _canvas()
    c.setFillColorRGB(0, 0, 0)
    for y in YS:
        c.rect(XS[0], y - 0.25, XS[-1] - XS[0], 0.5, stroke=0, fill=1)
    for x in XS:
        c.rect(x - 0.25, YS[-1], 0.5, YS[0] - YS[-1], stroke=0, fill=1)
    _cell_texts(c)
    return _done(c, buf)


def grid_in_form() -> bytes:
    """The ruling inside a form XObject placed with a translation and a scale."""
    c, buf = _canvas()
    c.beginForm("grid")
    for y in YS:
        c.line(XS[0] / 2, y / 2, XS[-1] / 2, y / 2)
    for x in XS:
        c.line(x / 2, YS[0] / 2, x / 2, YS[-1] / 2)
    c.endForm()
    c.saveState()
    c.scale(2, 2)
    c.doForm("grid")
    c.restoreState()
    _cell_texts(c)
    return _done(c, buf)


def grid_with_merged_cell() -> bytes:
    """Row 2's first two cells merged: no border between them."""
    c, buf = _canvas()
    for y in YS:
        c.line(XS[0], y, XS[-1], y)
    for x in XS:
        if x == XS[1]:
            c.line(x, YS[0], x, YS[2])
            c.line(x, YS[3], x, YS[-1])
        else:
            c.line(x, YS[0], x, YS[-1])
    grid = [row[:] for row in GRID]
    grid[2] = ["应收账款合并单元格", "", "18,500.50"]
    _cell_texts(c, grid)
    return _done(c, buf)


def grid_rotated_page() -> bytes:
    return grid_as_lines(rotation=90)


def two_tables_and_a_diagonal() -> bytes:
    """Two grids on one page (the lower one with a diagonal header slash) and a rounded box."""
    c, buf = _canvas()
    for shift in (0.0, 300.0):
        _grid_lines(c, shift)
        _cell_texts(c, dy=-shift)
    c.line(XS[0], YS[0] - 300, XS[1], YS[1] - 300)
    c.roundRect(60, 40, 200, 60, 8)
    return _done(c, buf)


def glyph_tall_and_flat() -> bytes:
    """A font declaring a small ascent (300): pdfium's "loose" char box then grows to each
    glyph's outline, so 一 sits 4 pt lower than 统 and a naive reader splits the cell's
    one line in two ("统社会信用代码" + "一"). pdfminer's box (descent .. one size) does not."""
    grid = [row[:] for row in GRID]
    grid[1][0] = "统一社会信用代码"
    c, buf = _canvas()
    _grid_lines(c)
    _cell_texts(c, grid)
    data = _done(c, buf)

    def metric(m: re.Match) -> bytes:
        name = m.group(1)
        return (name + (b" 300" if name == b"/Ascent" else b" -100")).ljust(len(m.group(0)))

    patched = re.sub(rb"(/Ascent|/Descent) -?\d+", metric, data)  # same length: offsets stay valid
    assert patched != data
    return patched


def no_ruling() -> bytes:
    c, buf = _canvas()
    _cell_texts(c)
    return _done(c, buf)


def platypus_statement() -> bytes:
    """samplegen's ruled_table (reportlab platypus GRID), the way the sample audits are drawn."""
    from samplegen.pdf_base import title

    return render_story([title("利润表"), ruled_table([list(r) for r in GRID], [60, 45, 45], right_align_from=1)],
                        "利润表")


GRID_BUILDERS = {
    "lines": grid_as_lines,
    "rects": grid_as_rects,
    "one_path": grid_as_one_path,
    "thin_fills": grid_as_thin_fills,
    "form": grid_in_form,
    "merged": grid_with_merged_cell,
    "rotated": grid_rotated_page,
    "two_tables": two_tables_and_a_diagonal,
    "no_ruling": no_ruling,
    "glyph_boxes": glyph_tall_and_flat,
    "platypus": platypus_statement,
}


def _raw_pdf(content: bytes, mediabox: str = "0 0 595 842") -> bytes:
    """A one-page PDF around a content stream (Helvetica as /F1)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + mediabox.encode()
        + b"] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _raw_grid(ops: str, mediabox: str = "0 0 595 842") -> bytes:
    """A raw PDF page: the path operators `ops`, then the grid's texts (CJK as R<row>C<col>)."""
    texts = "".join(
        f"BT /F1 9 Tf {XS[col] + 5} {YS[r + 1] + 9} Td ({text if text.isascii() else f'R{r}C{col}'}) Tj ET\n"
        for r, row in enumerate(GRID)
        for col, text in enumerate(row)
    )
    return _raw_pdf((ops + "\n" + texts).encode(), mediabox)


def raw_pdf_cases() -> dict[str, bytes]:
    """Path shapes reportlab does not write: closed subpaths, "mllll", "re" in one path, curves."""
    h_lines = " ".join(f"{XS[0]} {y} m {XS[-1]} {y} l" for y in YS)
    v_lines = " ".join(f"{x} {YS[0]} m {x} {YS[-1]} l" for x in XS)
    cells_closed = " ".join(
        f"{XS[c]} {YS[r + 1]} m {XS[c + 1]} {YS[r + 1]} l {XS[c + 1]} {YS[r]} l {XS[c]} {YS[r]} l h"
        for r in range(len(GRID)) for c in range(3)
    )
    cells_explicit = " ".join(  # back to the start by hand, no "h"
        f"{XS[c]} {YS[r + 1]} m {XS[c + 1]} {YS[r + 1]} l {XS[c + 1]} {YS[r]} l {XS[c]} {YS[r]} l {XS[c]} {YS[r + 1]} l"
        for r in range(len(GRID)) for c in range(3)
    )
    cells_re = " ".join(f"{XS[c]} {YS[r + 1]} {XS[c + 1] - XS[c]} {-ROW_H} re"
                        for r in range(len(GRID)) for c in range(3))
    return {
        "lines_one_path": _raw_grid(f"0.5 w {h_lines} {v_lines} S"),
        "closed_cells": _raw_grid(f"{cells_closed} S"),
        "explicit_cells": _raw_grid(f"{cells_explicit} S"),
        "re_one_path_cm": _raw_grid(f"q 1 0 0 1 0 {ROW_H} cm {cells_re} S Q"),
        "lines_closed_h": _raw_grid(" ".join(f"{XS[0]} {y} m {XS[-1]} {y} l h S" for y in YS) + f" {v_lines} S"),
        # a polyline with Bézier arcs: pdfminer takes the chord between a curve's end points
        # as an edge (the arc over the top row gives a horizontal one, the cell's own top)
        "curves": _raw_grid(f"{h_lines} S {XS[0]} {YS[0]} m {XS[0]} {YS[-1]} l {XS[1]} {YS[-1]} l "
                            f"{XS[1]} {YS[0]} l {XS[1] + 20} {YS[0] + 30} {XS[2] - 20} {YS[0] + 30} {XS[2]} {YS[0]} c "
                            f"{XS[2]} {YS[-1]} {XS[3]} {YS[-1]} {XS[3]} {YS[-1]} c {XS[3]} {YS[0]} l S"),
        "offset_mediabox": _raw_grid(f"{h_lines} {v_lines} S", "0 100 595 942"),
    }


def _norm(tables) -> list:
    return [[[None if c is None else re.sub(r"\s+", "", normalize_text(c)) for c in row] for row in t] for t in tables]


def _both(data: bytes) -> tuple[list, list]:
    """(pdfplumber, pdf_tables) tables of page 1, normalised."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        want = pdf.pages[0].extract_tables()
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        got = pdf_tables.extract_tables(page, textpage)
    finally:
        doc.close()
    return _norm(want), _norm(got)


EXPECTED = [[re.sub(r"\s+", "", c) for c in row] for row in GRID]


@pytest.mark.parametrize("name", ["lines", "rects", "one_path", "thin_fills", "form", "platypus"])
def test_grid_drawn_any_way_gives_the_cells_pdfplumber_gives(name):
    want, got = _both(GRID_BUILDERS[name]())
    assert got == [EXPECTED]
    assert got == want


def test_merged_cell_is_none_like_pdfplumber():
    want, got = _both(grid_with_merged_cell())
    assert got == want
    assert got[0][2] == ["应收账款合并单元格", None, "18,500.50"]
    assert got[0][1] == EXPECTED[1]


def test_rotated_page_matches_pdfplumber():
    want, got = _both(grid_rotated_page())
    assert len(got) == 1 and len(got[0]) == len(GRID[0]) and len(got[0][0]) == len(GRID)  # rows become columns
    assert got == want


def test_two_tables_diagonal_and_rounded_box():
    want, got = _both(two_tables_and_a_diagonal())
    assert len(got) == 2
    assert got == want


def test_cell_line_is_one_line_whatever_the_glyph_heights():
    want, got = _both(glyph_tall_and_flat())
    assert got == want
    assert got[0][1][0] == "统一社会信用代码"


def test_no_ruling_no_table():
    want, got = _both(no_ruling())
    assert got == [] == want


@pytest.mark.parametrize("name", sorted(raw_pdf_cases()))
def test_raw_path_shapes_match_pdfplumber(name):
    want, got = _both(raw_pdf_cases()[name])
    assert got == want
    assert got and got[0][1][0] == "R1C0", got


def test_libreoffice_word_table_with_merged_cells(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")  # as the samples
    d.add_paragraph("资产负债表")
    t = d.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    for r in range(5):
        for c in range(3):
            t.cell(r, c).text = f"格{r}{c}"
    t.cell(1, 0).merge(t.cell(1, 1)).text = "横向合并"
    t.cell(2, 2).merge(t.cell(4, 2)).text = "纵向合并"
    t.cell(3, 0).text = "统一社会信用代码"  # 一 is a flat glyph: its outline box is far lower
    src = tmp_path / "表格.docx"
    d.save(str(src))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False,
    )
    pdf = tmp_path / "表格.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice could not convert")
    want, got = _both(pdf.read_bytes())
    assert got == want
    assert len(got) == 1
    rows = got[0]
    assert rows[0] == ["格00", "格01", "格02"]
    assert rows[1] == ["横向合并", None, "格12"]
    assert [r[2] for r in rows[2:]] == ["纵向合并", None, None]
    assert rows[3][0] == "统一社会信用代码"


def _entry(tmp_path: Path, data: bytes, name: str = "审计报告.pdf") -> FileEntry:
    path = tmp_path / name
    path.write_bytes(data)
    return FileEntry(rel_path=name, disk_path=path, size=len(data), kind=FileKind.pdf)


def test_read_pdf_takes_tables_from_every_page_with_text(tmp_path):
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont(FONT, 12)
    c.drawString(60, 780, "审计说明（本页不是报表）")
    _grid_lines(c)
    _cell_texts(c)
    c.showPage()
    c.save()
    data = _pdf_concat([buf.getvalue(), grid_as_rects()])
    doc = read_pdf(_entry(tmp_path, data))
    assert [t.page for t in doc.tables] == [1, 2]  # a page not titled as a statement too
    table = doc.tables[1]
    assert table.index == 2
    assert [[c.text for c in row] for row in table.rows] == GRID
    assert table.rows[3][1].loc.row == 4 and table.rows[3][1].loc.col == 2


def _pdf_concat(parts: list[bytes]) -> bytes:
    out = pdfium.PdfDocument.new()
    for data in parts:
        out.import_pages(pdfium.PdfDocument(data))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_each_limit_stops_the_page_and_read_pdf_keeps_its_text(tmp_path, monkeypatch):
    data = grid_as_lines()  # 9 line objects, 5 x 4 = 20 intersections
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    textpage = page.get_textpage()
    assert pdf_tables.extract_tables(page, textpage, pdf_tables.Limits())
    for limits in (pdf_tables.Limits(path_segments=10), pdf_tables.Limits(edge_pairs=19),
                   pdf_tables.Limits(intersections=19)):
        with pytest.raises(pdf_tables.TooComplex):
            pdf_tables.extract_tables(page, textpage, limits)
    doc.close()
    from pipeline.read import settings as read_settings_module

    capped = read_settings_module.read_settings().model_copy(update={"table_max_path_segments": 10})
    monkeypatch.setattr("pipeline.read.pdf.read_settings", lambda: capped)
    read = read_pdf(_entry(tmp_path, data))
    assert read.tables == [] and "资产负债表" in read.blocks[0].text


def test_the_configured_limits_leave_a_big_statement_alone(tmp_path):
    """60 rows x 8 columns, every cell its own rect: well inside data/read.yaml's limits."""
    c, buf = _canvas()
    xs = [40 + 65 * i for i in range(9)]
    for r in range(60):
        for col in range(8):
            c.rect(xs[col], 700 - (r + 1) * 11, 65, 11, stroke=1, fill=0)
            c.setFont(FONT, 6)
            c.drawString(xs[col] + 2, 700 - (r + 1) * 11 + 3, f"{r}-{col}")
    doc = read_pdf(_entry(tmp_path, _done(c, buf)))
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) == 60
    assert doc.tables[0].rows[59][7].text == "59-7"


@pytest.mark.parametrize("one_path", [True, False])
def test_a_statement_page_with_300000_strokes_is_read_quickly_without_tables(tmp_path, caplog, one_path):
    """Uncapped, reading its paths alone takes ~8-10 s; capped, under a second."""
    c, buf = _canvas()
    paint = "" if one_path else " S"
    c._code.append("\n".join(  # raw operators: reportlab's path API would take longer than the read
        f"{60 + i % 400} {100 + (i // 400) * 0.5} m {61 + i % 400} {100 + (i // 400) * 0.5} l{paint}"
        for i in range(300_000)
    ) + (" S" if one_path else ""))
    data = _done(c, buf)
    started = time.monotonic()
    with caplog.at_level("INFO", logger="pipeline.read.pdf"):
        doc = read_pdf(_entry(tmp_path, data))
    assert time.monotonic() - started < 10
    assert "too much vector content" in caplog.text
    assert doc.tables == [] and "资产负债表" in doc.blocks[0].text


def test_malformed_paths_do_not_raise(tmp_path):
    """Paths with huge, missing or nonsense operands, a rect with no size, "l" before "m"."""
    content = (
        b"BT /F1 16 Tf 100 780 Td (Zichan fuzhai biao) Tj ET\n"
        b"1e38 1e38 m 3e38 -3e38 l S\n"
        b"10 10 l 20 20 l S\n"
        b"0 0 0 0 re f\n"
        b"50 50 m 60 l 70 70 l S\n"
        b"q 0 0 0 0 0 0 cm 0 0 m 100 0 l 100 100 l 0 100 l h S Q\n"
        b"q 1e30 0 0 1e30 0 0 cm 0 0 10 10 re S Q\n"
        b"60 600 m 540 600 l 540 500 l 60 500 l h 60 550 m 540 550 l 300 600 m 300 500 l S\n"
        b"BT /F1 9 Tf 70 560 Td (a) Tj 200 0 Td (b) Tj 0 -40 Td (c) Tj ET\n"
    )
    data = _raw_pdf(content)
    want, got = _both(data)
    assert got == want
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    pdf_tables.extract_tables(page, page.get_textpage())
    doc.close()


@pytest.mark.parametrize("name", ["platypus", "merged", "rotated", "two_tables"])
def test_cell_texts_are_pdfplumbers_table_extract(name):
    """table_texts on pdfplumber's own cells and chars gives exactly Table.extract."""
    with pdfplumber.open(io.BytesIO(GRID_BUILDERS[name]())) as pdf:
        page = pdf.pages[0]
        tables = page.find_tables()
        assert tables
        for table in tables:
            assert pdf_tables.table_texts(table.cells, page.chars) == table.extract(x_tolerance=3, y_tolerance=3)


def _all_pdfs() -> dict[str, bytes]:
    return {**{k: f() for k, f in GRID_BUILDERS.items()}, **raw_pdf_cases()}


@pytest.mark.parametrize("name", sorted(_all_pdfs()))
def test_lines_rects_curves_and_edges_are_pdfplumbers(name):
    """pdfminer's path classification (line / rect / curve) and the merged edges fed to the
    grid finder are pdfplumber's, in pdfplumber's coordinates, to float32 precision."""
    data = _all_pdfs()[name]
    doc = pdfium.PdfDocument(data)
    shapes = pdf_tables.page_shapes(doc[0])
    got_edges = pdf_tables.table_edges(shapes)
    doc.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        for kind in ("lines", "rects", "curves"):
            _same_boxes(getattr(shapes, kind), getattr(page, kind), kind)
        _same_boxes(got_edges, page.debug_tablefinder().edges, "edges")


def _same_boxes(got: list[dict], want: list[dict], what: str) -> None:
    def key(o: dict) -> tuple:
        return (o.get("orientation", ""), o["x0"], o["top"], o["x1"], o["bottom"])

    got_keys, want_keys = sorted(map(key, got)), sorted(map(key, want))
    assert len(got_keys) == len(want_keys), what
    for g, w in zip(got_keys, want_keys, strict=True):
        assert g[0] == w[0] and g[1:] == pytest.approx(w[1:], abs=0.01), (what, g, w)


def test_page_whose_text_comes_from_ocr_is_reloaded_for_tables(tmp_path, monkeypatch):
    """A ruled page with no text layer: once OCR gives it a statement title, its grid is read
    from the same open document (cells empty: the scan's text is not in the PDF)."""
    c, buf = _canvas()
    c.showPage()  # page 1: the title only; page 2: a grid and no text
    _grid_lines(c)
    data = _done(c, buf)

    def fake_ocr(entry, doc):
        doc.blocks[1].text = "资产负债表（OCR）"

    monkeypatch.setattr("pipeline.read.pdf.ocr_scanned_pages", fake_ocr)
    doc = read_pdf(_entry(tmp_path, data))
    assert doc.blocks[1].text == "资产负债表（OCR）"
    assert [t.page for t in doc.tables] == [2]  # page 1 has the title but no ruling
    assert doc.tables[0].texts() == [["", "", ""]] * len(GRID)


@pytest.mark.parametrize(("name", "y_tol"), [("lines", 0.05), ("rotated", 0.05), ("glyph_boxes", 0.05),
                                             ("form", 0.05), ("offset_mediabox", 0.2)])
def test_char_boxes_are_pdfminers_when_the_font_declares_its_metrics(name, y_tol):
    """Same chars, boxes within float32 rounding, same upright flag. (Helvetica, a standard
    font with no descriptor: pdfminer takes its descent from the AFM, -0.207, pdfium from
    its substitute, -0.224: y within 0.2.)"""
    data = _all_pdfs()[name]
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    got = pdf_tables.page_chars(page, page.get_textpage())
    doc.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        want = pdf.pages[0].chars
    # pdfium may order a rotated page's chars differently; pdfplumber's text grouping sorts anyway
    got, want = (sorted(cs, key=lambda c: (round(c["top"]), round(c["x0"]), c["text"])) for cs in (got, want))
    assert [c["text"] for c in got] == [c["text"] for c in want]
    for g, w in zip(got, want, strict=True):
        assert g["upright"] == w["upright"]
        assert [g["x0"], g["x1"]] == pytest.approx([w["x0"], w["x1"]], abs=0.05), g["text"]
        assert [g["top"], g["bottom"]] == pytest.approx([w["top"], w["bottom"]], abs=y_tol), g["text"]


def _statement_uncompressed() -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, pageCompression=0)
    c.setFont(FONT, 16)
    c.drawString(230, 760, "资产负债表")
    p = c.beginPath()
    for y in YS:
        p.moveTo(XS[0], y)
        p.lineTo(XS[-1], y)
    c.drawPath(p)
    for col in range(3):
        c.rect(XS[col], YS[-1], XS[col + 1] - XS[col], YS[0] - YS[-1])
    c.roundRect(60, 60, 100, 40, 6, stroke=1, fill=0)
    _cell_texts(c)
    return _done(c, buf)


_TOKEN = re.compile(rb"-?\d+(?:\.\d+)?|\b(?:m|l|c|v|y|h|re|S|s|f|F|B|b|n|W|cm|q|Q|w)\b")
_REPLACEMENTS = [b"0", b"-1", b"1e38", b"-3.4e38", b"99999999999", b"0.0001", b"m", b"l", b"c", b"h", b"re",
                 b"S", b"f", b"n", b"W n", b"q", b"Q", b"cm", b"0 0 0 0 0 0 cm", b"", b"(", b"[", b"<<"]


@hypothesis.settings(max_examples=80, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow])
@hypothesis.given(st.data())
def test_mutated_path_operators_never_raise_out_of_read_pdf(tmp_path_factory, data):
    """Numbers and path operators of a statement page's content replaced at random."""
    source = _statement_uncompressed()
    streams = [m.span() for m in re.finditer(rb"stream\n.*?endstream", source, re.S)]
    tokens = [t for t in _TOKEN.finditer(source) if any(a <= t.start() < b for a, b in streams)]
    out = bytearray(source)
    for _ in range(data.draw(st.integers(1, 12))):
        m = tokens[data.draw(st.integers(0, len(tokens) - 1))]
        if m.end() <= len(out):
            out[m.start() : m.end()] = data.draw(st.sampled_from(_REPLACEMENTS)).ljust(m.end() - m.start())[
                : max(m.end() - m.start(), 1)
            ]
    mutated = bytes(out)
    try:
        pdf = pdfium.PdfDocument(mutated)
    except pdfium.PdfiumError:
        return
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:  # a broken page tree: read_pdf reports the file unreadable
                continue
            with contextlib.suppress(pdf_tables.TooComplex):  # anything else fails the test
                pdf_tables.extract_tables(page, page.get_textpage())
    finally:
        pdf.close()
    with mock.patch("pipeline.read.pdf.ocr_scanned_pages"):  # OCR of a page left blank is not the point
        doc = read_file(_entry(tmp_path_factory.mktemp("fuzz"), mutated))
    assert doc.readable or doc.problem
