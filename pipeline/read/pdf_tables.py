"""Ruled tables of a PDF page from pypdfium2, as pdfplumber's default extract_tables() finds them.

pdfplumber spends almost all of its table time in pdfminer re-parsing the page content to
get the vector ruling. pdfium has already parsed it: here the ruling comes from pdfium's
path objects (inside form XObjects too) and the characters from its text page. Both are
turned into the objects pdfminer/pdfplumber would make (pdfminer's classification of each
subpath into line, rect or curve; pdfminer's character box: advance across, font descent
up to one font size high; pdfplumber's coordinates: top = page height - y, page rotation
and MediaBox origin as pdfminer applies them), then pdfplumber's own grid code
(merge_edges, edges_to_intersections, intersections_to_cells, cells_to_tables, and
Table.extract's cell test and extract_text) runs with its default TableSettings.

Known differences, none of which moves anything by more than a fraction of the 3 pt
tolerances: pdfium keeps coordinates as 32-bit floats; for a font whose descriptor
declares no descent (LibreOffice subsets) or a standard font without one (Helvetica)
pdfium's descent comes from the glyphs, pdfminer's is 0 or the AFM's, so a box sits up to
~0.2 of the font size lower. Where they disagree on characters, pdfium is the one the
pipeline reads all other text from: pdfminer drops a glyph it cannot decode (☑ in a
UniGB-UCS2-H font) and shifts the rest of the string back one place.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import (
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import curve_to_edges, extract_text, filter_edges, line_to_edge, rect_to_edges

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
Obj = dict[str, Any]

SETTINGS = TableSettings()  # pdfplumber's defaults: "lines" strategies, tolerances 3
MAX_FORM_DEPTH = 15  # nested form XObjects followed (pypdfium2's own default)

_LINE, _BEZIER, _MOVE = pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO, pdfium_c.FPDF_SEGMENT_MOVETO
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM


class TooComplex(Exception):
    """The page has more vector content than tables are looked for in."""


@dataclass(frozen=True)
class Limits:
    """Work bounds per page, so a page with millions of vector operations cannot stall:
    path segments (page objects count too) read, vertical x horizontal edge pairs tested,
    grid intersections (pdfplumber's cell search is quadratic in them). The defaults are
    generous (comparisons, tests); read_pdf passes data/read.yaml's."""

    path_segments: int = 10**6
    edge_pairs: int = 10**8
    intersections: int = 10**5


@dataclass
class PageShapes:
    """A page's ruling as pdfplumber sees it: its line, rect and curve objects."""

    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)

    def edges(self) -> list[Obj]:
        """pdfplumber's Page.edges: line edges, then rect edges, then curve edges."""
        out = [line_to_edge(o) for o in self.lines]
        for r in self.rects:
            out += rect_to_edges(r)
        for c in self.curves:
            out += curve_to_edges(c)
        return out


class _Space:
    """pdfminer's page transform (rotation, MediaBox origin) and pdfplumber's top-down flip."""

    def __init__(self, page: pdfium.PdfPage):
        x0, y0, x1, y1 = (float(v) for v in page.get_mediabox())
        rotation = page.get_rotation() % 360
        # pdfminer PDFPageInterpreter.process_page
        if rotation == 90:
            self.ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber Page.__init__: the normalised MediaBox, flipped, sides swapped when rotated
        bx0, bx1 = sorted((x0, x1))
        by0, by1 = sorted((y0, y1))
        if rotation in (90, 270):
            bx0, by0, bx1, by1 = by0, bx0, by1, bx1
        self.height = by1 - by0
        self.mb_x0 = bx0
        self.mb_top = self.height - by1  # _invert_box(...)[1]

    def point(self, x: float, y: float) -> Point:
        """A page-space point in pdfminer's device space (before pdfplumber's flip)."""
        return _apply(self.ctm, (x, y))

    def coord(self, pt: Point) -> Point:
        """pdfplumber Page.point2coord."""
        return (self.mb_x0 + pt[0], self.mb_top + self.height - pt[1])

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Obj:
        """pdfplumber's x0/x1/top/bottom of a pdfminer bbox (device space)."""
        top = (self.height - y1) + self.mb_top
        bottom = (self.height - y0) + self.mb_top
        return {
            "x0": x0 + self.mb_x0,
            "x1": x1 + self.mb_x0,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
        }


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """pdfminer.utils.mult_matrix: m1 applied first, then m0."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _matrix(obj: Any, buf: pdfium_c.FS_MATRIX) -> Matrix:
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(buf)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (buf.a, buf.b, buf.c, buf.d, buf.e, buf.f)


def _path_objects(page: pdfium.PdfPage, budget: list[int]) -> Iterator[tuple[Any, Matrix]]:
    """Every path object of the page in content order, forms followed in place, with the
    matrix taking its points to page space (a form's children are relative to the form)."""
    buf = pdfium_c.FS_MATRIX()
    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(count: int, get: Callable[[int], Any], outer: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        for i in range(count):
            budget[0] -= 1
            if budget[0] < 0:
                raise TooComplex
            obj = get(i)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                yield obj, _mult(_matrix(obj, buf), outer)
            elif kind == _FORM and depth < MAX_FORM_DEPTH:
                inner = _mult(_matrix(obj, buf), outer)
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                yield from walk(max(n, 0), lambda k, o=obj: pdfium_c.FPDFFormObj_GetObject(o, k), inner, depth + 1)

    raw = page.raw
    yield from walk(pdfium_c.FPDFPage_CountObjects(raw), lambda k: pdfium_c.FPDFPage_GetObject(raw, k), identity, 0)


def _subpaths(obj: Any, budget: list[int]) -> Iterator[tuple[str, list[Point]]]:
    """The path's subpaths as pdfminer records them: ops ("m", "l", "c", "h") and, per op,
    its end point ("h" ends at the subpath start), in the path's own coordinates."""
    n = pdfium_c.FPDFPath_CountSegments(obj)
    if n <= 0:
        return
    budget[0] -= n
    if budget[0] < 0:
        raise TooComplex
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    ops: list[str] = []
    pts: list[Point] = []
    bezier = 0
    for j in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, j)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pt = (float(x.value), float(y.value))
        if kind == _MOVE:
            if ops:
                yield "".join(ops), pts
            ops, pts, bezier = ["m"], [pt], 0
        elif kind == _LINE:
            ops.append("l")
            pts.append(pt)
        elif kind == _BEZIER:  # pdfium keeps a curve's two control points and its end point
            bezier += 1
            if bezier % 3:
                continue
            ops.append("c")
            pts.append(pt)
        else:
            continue
        if pdfium_c.FPDFPathSegment_GetClose(seg) and pts:
            # pdfium folds "h" into the last point (adding a line back to the start when
            # the path is not there yet); give it back its own op, as pdfminer sees it
            ops.append("h")
            pts.append(pts[0])
    if ops:
        yield "".join(ops), pts


def _classify(shape: str, raw: list[Point], matrix: Matrix, space: _Space, out: PageShapes) -> None:
    """pdfminer PDFLayoutAnalyzer.paint_path for one subpath, then pdfplumber's object
    (pdfminer splits a path at each "m" too; a lone "m" paints nothing)."""
    if shape[:1] != "m" or len(shape) < 2:
        return
    pts = [space.point(*_apply(matrix, p)) for p in raw]
    if not all(math.isfinite(v) for p in pts for v in p):
        return
    # Drop a redundant "l" on a path closed with "h"
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        out.lines.append(_obj("line", space, pts[:2]))
    elif shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            out.rects.append(_obj("rect", space, [pts[0], pts[2]]))
        else:
            out.curves.append(_curve(space, pts))
    else:
        out.curves.append(_curve(space, pts))


def _apply(m: Matrix, p: Point) -> Point:
    a, b, c, d, e, f = m
    x, y = p
    return (a * x + c * y + e, b * x + d * y + f)


def _obj(kind: str, space: _Space, pts: list[Point]) -> Obj:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    obj = space.box(min(xs), min(ys), max(xs), max(ys))
    obj["object_type"] = kind
    return obj


def _curve(space: _Space, pts: list[Point]) -> Obj:
    obj = _obj("curve", space, pts)
    obj["pts"] = [space.coord(p) for p in pts]
    return obj


def page_shapes(page: pdfium.PdfPage, limits: Limits = Limits()) -> PageShapes:
    """The page's lines, rects and curves (pdfplumber objects) from pdfium's path objects.

    Raises TooComplex past `limits.path_segments` path segments and page objects."""
    space = _Space(page)
    out = PageShapes()
    budget = [limits.path_segments]
    for obj, matrix in _path_objects(page, budget):
        for shape, raw in _subpaths(obj, budget):
            _classify(shape, raw, matrix, space, out)
    return out


def table_edges(shapes: PageShapes, settings: TableSettings = SETTINGS) -> list[Obj]:
    """pdfplumber TableFinder.get_edges for the "lines" strategies."""
    edges = shapes.edges()
    v = filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter)
    h = filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter)
    merged = merge_edges(
        v + h,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    return filter_edges(merged, min_length=settings.edge_min_length)


def find_tables(edges: list[Obj], limits: Limits = Limits(), settings: TableSettings = SETTINGS) -> list[list[tuple]]:
    """pdfplumber TableFinder: the cell groups (tables) the edges describe."""
    n_v = sum(1 for e in edges if e["orientation"] == "v")
    if n_v * (len(edges) - n_v) > limits.edge_pairs:
        raise TooComplex
    intersections = edges_to_intersections(edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance)
    if len(intersections) > limits.intersections:
        raise TooComplex
    return cells_to_tables(intersections_to_cells(intersections))


def page_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Obj]:
    """The page's characters as pdfplumber char objects (text, box, upright), in text order.

    The box is pdfminer's: the advance across, baseline + font descent up to one font size
    high (pdfium's own "loose" box grows to the glyph outline when a font declares no
    ascent, which splits a cell's line in two). pdfium's generated characters (the spaces
    and line breaks it infers) are left out: pdfminer has only the characters drawn."""
    space = _Space(page)
    raw = textpage.raw
    rect, mat = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    prect, pmat, pox, poy = ctypes.byref(rect), ctypes.byref(mat), ctypes.byref(ox), ctypes.byref(oy)
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    get_box, get_matrix, get_origin = (
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetMatrix,
        pdfium_c.FPDFText_GetCharOrigin,
    )
    fonts: dict[tuple[float, ...], _Font] = {}  # a text object's matrix -> its font
    width = ctypes.c_float()
    pwidth = ctypes.byref(width)
    rot = (*space.ctm[:4], 0.0, 0.0)
    rotated = space.ctm[:4] != (1, 0, 0, 1)
    chars: list[Obj] = []
    high = 0
    for i in range(max(pdfium_c.FPDFText_CountChars(raw), 0)):
        code = get_unicode(raw, i)
        if code in _SPACES and is_generated(raw, i) == 1:
            continue
        if 0xD800 <= code < 0xDC00:  # should pdfium hand out UTF-16 halves
            high = code
            continue
        if 0xDC00 <= code < 0xE000:
            if not high:
                continue
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
        high = 0
        if not 0 < code <= 0x10FFFF or not get_box(raw, i, prect):
            continue
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if get_matrix(raw, i, pmat) and get_origin(raw, i, pox, poy):
            a, b, c, d = mat.a, mat.b, mat.c, mat.d
            if b == 0 and c == 0:  # upright or mirrored, not turned: pdfminer's box
                key = (a, d, mat.e, mat.f)  # one text object's chars share their matrix
                font = fonts.get(key)
                if font is None:
                    font = fonts[key] = _font(raw, i)
                if font.size:
                    y0 = oy.value + d * font.descent * font.size
                    y1 = y0 + d * font.size
                    # the advance, not the outline (pdfium's box is the union of the two)
                    adv = font.widths.get(code)
                    if adv is None:
                        ok = font.handle and pdfium_c.FPDFFont_GetGlyphWidth(font.handle, code, 1.0, pwidth)
                        adv = font.widths[code] = width.value * font.size if ok else -1.0
                    if 0 < abs(a) * adv <= (x1 - x0) + 0.01:
                        x0 = ox.value
                        x1 = x0 + a * adv
        (px0, py0), (px1, py1) = space.point(x0, y0), space.point(x1, y1)
        x0, x1 = (px0, px1) if px0 <= px1 else (px1, px0)
        y0, y1 = (py0, py1) if py0 <= py1 else (py1, py0)
        if not (math.isfinite(x0) and math.isfinite(x1) and math.isfinite(y0) and math.isfinite(y1)):
            continue
        if rotated:
            a, b, c, d = _mult((a, b, c, d, 0.0, 0.0), rot)[:4]
        char = space.box(x0, y0, x1, y1)
        char.update(object_type="char", text=chr(code), upright=a * d > 0 and b * c <= 0, size=y1 - y0)
        chars.append(char)
    return chars


_SPACES = {0x20, 0x0A, 0x0D, 0x09, 0xA0, 0x3000}


@dataclass
class _Font:
    """What pdfminer's LTChar box needs of a text object: font size, descent per unit of
    size (<= 0), the font's advance widths (per unicode code point, in page units)."""

    size: float
    descent: float
    handle: Any
    widths: dict[int, float] = field(default_factory=dict)


def _font(raw: Any, index: int) -> _Font:
    """pdfminer reads the descriptor's /Descent; pdfium, when a font declares none, takes
    it from the glyphs: a box moved down by at most ~0.2 of the size (harmless)."""
    size = pdfium_c.FPDFText_GetFontSize(raw, index)
    obj = pdfium_c.FPDFText_GetTextObject(raw, index)
    handle = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    descent = ctypes.c_float()
    if not handle or not pdfium_c.FPDFFont_GetDescent(handle, 1.0, ctypes.byref(descent)):
        descent.value = 0.0
    d = descent.value
    return _Font(
        size=size if math.isfinite(size) and size > 0 else 0.0,
        descent=-abs(d) if math.isfinite(d) and abs(d) < 2 else 0.0,
        handle=handle or None,
    )


def extract_tables(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, limits: Limits = Limits()
) -> list[list[list[str | None]]]:
    """pdfplumber page.extract_tables() for an open pdfium page: rows of cell texts, None
    where a merged cell covers the grid position. Raises TooComplex on a page with more
    vector content than the limits allow."""
    cell_groups = find_tables(table_edges(page_shapes(page, limits)), limits)
    if not cell_groups:
        return []
    chars = page_chars(page, textpage)
    return [table_texts(cells, chars) for cells in cell_groups]


def table_texts(cells: list[tuple], chars: list[Obj]) -> list[list[str | None]]:
    """pdfplumber Table.extract: a char belongs to each row, then cell, whose box holds its
    centre (left/top edges inclusive); a cell's chars become text with pdfplumber's own
    extract_text (lines by top, words by x, default tolerances). The same test, with the
    centres computed once and the chars outside the table dropped first (they are in no
    row), so a page's worth of chars is not rescanned for every row."""
    table = Table(None, cells)  # type: ignore[arg-type]  # rows/columns need only the cells
    tx0, ttop, tx1, tbottom = table.bbox
    centred = [((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2, ch) for ch in chars]
    inside = [m for m in centred if tx0 <= m[0] < tx1 and ttop <= m[1] < tbottom]
    text_settings = SETTINGS.text_settings or {}
    rows: list[list[str | None]] = []
    for row in table.rows:
        rx0, rtop, rx1, rbottom = row.bbox
        row_chars = [m for m in inside if rx0 <= m[0] < rx1 and rtop <= m[1] < rbottom]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            own = [m[2] for m in row_chars if cx0 <= m[0] < cx1 and ctop <= m[1] < cbottom]
            texts.append(extract_text(own, **text_settings) if own else "")
        rows.append(texts)
    return rows
