"""Rendering helpers for the held-out corpus: a tiny document model rendered to
.docx (python-docx), text PDF (reportlab, built-in CID font) and scanned PDF
(pypdfium2 raster + Pillow degradation), plus image primitives (seals, QR
blocks, photo/scan effects) and deterministic zip writing."""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import time as _time
import zipfile
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config

rl_config.invariant = 1
rl_config.useA85 = 0
import pypdfium2 as pdfium  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.platypus import Image as RLImage  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
CID = "STSong-Light"
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SANS_B = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SERIF_B = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
FIXED_DT = _dt.datetime(2026, 3, 20, 10, 0, 0)
ZIP_DT = (2026, 3, 20, 10, 0, 0)

_font_cache: dict = {}


def font(size, serif=False, bold=False):
    path = (SERIF_B if bold else SERIF) if serif else (SANS_B if bold else SANS)
    if not os.path.exists(path):
        path = SERIF if serif else SANS
    key = (path, int(size))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(path, int(size), index=2)  # SC face
    return _font_cache[key]


# ---------------------------------------------------------------- doc model
class Doc:
    """Blocks: ('h', text, level, align) ('p', text, opts) ('table', spec)
    ('pb',) ('sp', pts) ('img', PIL.Image, width_cm)."""

    def __init__(self, landscape=False):
        self.blocks = []
        self.landscape = landscape

    def h(self, text, level=1, align="center"):
        self.blocks.append(("h", text, level, align))

    def p(self, text, size=10.5, bold=False, align="left", indent=True):
        self.blocks.append(("p", text, dict(size=size, bold=bold, align=align, indent=indent)))

    def table(self, rows, spans=(), widths=None, header_rows=0, size=9.5, align=None, grid=True):
        ncol = max(len(r) for r in rows)
        rows = [list(r) + [""] * (ncol - len(r)) for r in rows]
        self.blocks.append(("table", dict(rows=rows, spans=list(spans), widths=widths,
                                          header_rows=header_rows, size=size, align=align, grid=grid)))

    def pagebreak(self):
        self.blocks.append(("pb",))

    def spacer(self, pts=12):
        self.blocks.append(("sp", pts))

    def image(self, img, width_cm=16):
        self.blocks.append(("img", img, width_cm))


def flatten(img):
    """RGBA → RGB on white paper (transparent seal backgrounds must not turn black)."""
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        bg = Image.new("RGB", img.size, (255, 255, 255))
        bg.paste(img, (0, 0), img)
        return bg
    return img.convert("RGB")


# ---------------------------------------------------------------- docx
def to_docx(doc: Doc, path: str):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    sec = d.sections[0]
    if doc.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    al = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}
    for b in doc.blocks:
        kind = b[0]
        if kind == "h":
            for line in b[1].split("\n"):
                para = d.add_paragraph()
                para.alignment = al.get(b[3], WD_ALIGN_PARAGRAPH.CENTER)
                run = para.add_run(line)
                run.bold = True
                run.font.size = Pt({1: 18, 2: 14, 3: 12}.get(b[2], 12))
        elif kind == "p":
            o = b[2]
            for line in b[1].split("\n"):
                para = d.add_paragraph()
                para.alignment = al.get(o["align"], WD_ALIGN_PARAGRAPH.LEFT)
                if o["indent"] and o["align"] == "left":
                    para.paragraph_format.first_line_indent = Pt(o["size"] * 2)
                run = para.add_run(line)
                run.bold = o["bold"]
                run.font.size = Pt(o["size"])
        elif kind == "table":
            t = b[1]
            rows = t["rows"]
            ncol = len(rows[0])
            tb = d.add_table(rows=len(rows), cols=ncol)
            if t["grid"]:
                tb.style = "Table Grid"
            covered = set()
            for (r0, c0, r1, c1) in t["spans"]:
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            covered.add((r, c))
            allcells = tb._cells
            for ri, row in enumerate(rows):
                for ci, val in enumerate(row):
                    if (ri, ci) in covered:
                        continue
                    cell = allcells[ri * ncol + ci]
                    lines = str(val).split("\n")
                    cell.text = lines[0]
                    for extra in lines[1:]:
                        cell.add_paragraph(extra)
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(t["size"])
                            if ri < t["header_rows"]:
                                run.bold = True
            if t["widths"]:
                from docx.shared import Cm as _Cm
                totw = 24.0 if doc.landscape else 16.0
                ws = [totw * x / float(sum(t["widths"])) for x in t["widths"]]
                tb.autofit = False
                for ri in range(len(rows)):
                    for ci in range(ncol):
                        allcells[ri * ncol + ci].width = _Cm(ws[ci])
            for (r0, c0, r1, c1) in t["spans"]:
                a = tb.cell(r0, c0)
                keep = a.text
                m = a.merge(tb.cell(r1, c1))
                # merge concatenates paragraphs of empty cells; keep the first text only
                for para in list(m.paragraphs)[1:]:
                    if not para.text.strip():
                        para._element.getparent().remove(para._element)
                if not m.text.strip() and keep:
                    m.text = keep
            d.add_paragraph()
        elif kind == "pb":
            d.add_page_break()
        elif kind == "sp":
            d.add_paragraph()
        elif kind == "img":
            bio = io.BytesIO()
            flatten(b[1]).save(bio, "PNG")
            bio.seek(0)
            d.add_picture(bio, width=Cm(b[2]))
    cp = d.core_properties
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_modified_by = ""
    cp.author = ""
    d.save(path)
    normalize_zip(path)


# ---------------------------------------------------------------- text pdf
def _style(size, bold=False, align=0, indent=0):
    return ParagraphStyle("s%s%s%s%s" % (size, bold, align, indent), fontName=CID, fontSize=size,
                          leading=size * 1.45, wordWrap="CJK", alignment=align,
                          firstLineIndent=indent)


def tmap_apply(s, tmap):
    if not tmap:
        return s
    return "".join(tmap.get(ch, ch) for ch in s)


def _esc(s, tmap):
    s = str(s)
    if tmap:
        s = "".join(tmap.get(ch, ch) for ch in s)
    return escape(s).replace("\n", "<br/>")


PDF_GLYPHS = {"☑": "■", "²": "2"}   # the built-in CID font has no ☑: PDF forms print a filled box instead


def to_pdf(doc: Doc, path: str, text_map=None, footer=None, page_offset=0):
    """footer: format string with {n} for printed page numbers (n = physical - page_offset)."""
    text_map = dict(PDF_GLYPHS, **(text_map or {}))
    ps = landscape(A4) if doc.landscape else A4
    story = []
    amap = {"left": 0, "center": 1, "right": 2}
    avail_w = ps[0] - 4 * cm
    for b in doc.blocks:
        kind = b[0]
        if kind == "h":
            size = {1: 18, 2: 14, 3: 12}.get(b[2], 12)
            story.append(Paragraph(_esc(b[1], text_map), _style(size, True, amap.get(b[3], 1))))
            story.append(Spacer(1, size * 0.6))
        elif kind == "p":
            o = b[2]
            ind = o["size"] * 2 if (o["indent"] and o["align"] == "left") else 0
            story.append(Paragraph(_esc(b[1], text_map), _style(o["size"], o["bold"], amap.get(o["align"], 0), ind)))
            story.append(Spacer(1, 3))
        elif kind == "table":
            t = b[1]
            rows = t["rows"]
            ncol = len(rows[0])
            w = t["widths"] or [1] * ncol
            tot = float(sum(w))
            colw = [avail_w * x / tot for x in w]
            stl = _style(t["size"], False, 0)
            stc = _style(t["size"], False, 1)
            data = []
            plain_cmds = []
            for ri, row in enumerate(rows):
                line = []
                for ci, val in enumerate(row):
                    a = t["align"][ci] if t["align"] else None
                    sv = str(val)
                    if tmap_apply(sv, text_map) == sv and "\n" not in sv and pdfmetrics.stringWidth(sv, CID, t["size"]) < colw[ci] - 8:
                        line.append(sv)    # short cell: plain string, no paragraph layout (much cheaper)
                        if ri < t["header_rows"] or a == "c":
                            plain_cmds.append(("ALIGN", (ci, ri), (ci, ri), "CENTER"))
                        elif a == "r":
                            plain_cmds.append(("ALIGN", (ci, ri), (ci, ri), "RIGHT"))
                        continue
                    s = stc if (ri < t["header_rows"] or a == "c") else (_style(t["size"], False, 2) if a == "r" else stl)
                    line.append(Paragraph(_esc(val, text_map), s))
                data.append(line)
            tb = Table(data, colWidths=colw, repeatRows=t["header_rows"])
            cmds = [("FONT", (0, 0), (-1, -1), CID, t["size"], t["size"] * 1.3)] + plain_cmds + [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
            if t["grid"]:
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            for (r0, c0, r1, c1) in t["spans"]:
                cmds.append(("SPAN", (c0, r0), (c1, r1)))
            tb.setStyle(TableStyle(cmds))
            story.append(tb)
            story.append(Spacer(1, 8))
        elif kind == "pb":
            story.append(PageBreak())
        elif kind == "sp":
            story.append(Spacer(1, b[1]))
        elif kind == "img":
            img = flatten(b[1])
            bio = io.BytesIO()
            img.save(bio, "JPEG", quality=80)
            bio.seek(0)
            wpt = min(b[2] * cm, avail_w)
            hpt = wpt * img.size[1] / img.size[0]
            maxh = ps[1] - 5 * cm
            if hpt > maxh:
                wpt, hpt = wpt * maxh / hpt, maxh
            story.append(RLImage(bio, width=wpt, height=hpt))

    def _foot(canv, docobj):
        if footer:
            n = canv.getPageNumber() - page_offset
            if n >= 1:
                canv.setFont(CID, 9)
                canv.drawCentredString(ps[0] / 2, 1.2 * cm, footer.format(n=n))

    sd = SimpleDocTemplate(path, pagesize=ps, leftMargin=2 * cm, rightMargin=2 * cm,
                           topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", creator="", producer="")
    sd.build(story, onFirstPage=_foot, onLaterPages=_foot)


def page_count(path):
    d = pdfium.PdfDocument(path)
    n = len(d)
    d.close()
    return n


def pdf_text(path):
    d = pdfium.PdfDocument(path)
    out = []
    for i in range(len(d)):
        tp = d[i].get_textpage()
        out.append(tp.get_text_range())
    d.close()
    return out


# ---------------------------------------------------------------- scans / photos
_NOISE_TILES = {}


def _noise_layer(size, rng, sigma):
    """An L image of Gaussian noise around 128, built by tiling a cached 512² tile at a random offset."""
    key = int(round(sigma))
    if key not in _NOISE_TILES:
        t = np.random.default_rng(1000 + key).normal(128, key, (512, 512))
        _NOISE_TILES[key] = Image.fromarray(np.clip(t, 0, 255).astype(np.uint8), "L")
    tile = _NOISE_TILES[key]
    w, h = size
    layer = Image.new("L", (w, h))
    ox, oy = int(rng.integers(0, 512)), int(rng.integers(0, 512))
    for y in range(-oy, h, 512):
        for x in range(-ox, w, 512):
            layer.paste(tile, (x, y))
    return layer


def add_noise(img, rng, sigma):
    from PIL import ImageChops
    layer = _noise_layer(img.size, rng, sigma)
    if img.mode != "L":
        layer = layer.convert(img.mode)
    return ImageChops.add(img, layer, 1.0, -128)


def _noise(arr, rng, sigma):
    im = Image.fromarray(arr)
    return np.asarray(add_noise(im, rng, sigma))


def scan_effect(img, rng, gray=True, angle=None, sigma=6.0, blur=0.0, contrast=1.0, yellow=False):
    im = img.convert("L" if gray else "RGB")
    if angle is None:
        angle = float(rng.uniform(-0.9, 0.9))
    fill = 255 if gray else (255, 255, 255)
    if abs(angle) > 0.05:
        im = im.rotate(angle, resample=Image.NEAREST, expand=False, fillcolor=fill)
    if blur:
        im = im.filter(ImageFilter.BoxBlur(blur))
    if contrast != 1.0:
        im = im.point(lambda v: int(max(0, min(255, 128 + (v - 128) * contrast))))
    return add_noise(im, rng, sigma)


def photo_effect(img, rng, low_contrast=False, angle=None, bg=(92, 74, 60)):
    """A phone photo of a paper document lying on a desk."""
    im = img.convert("RGB")
    w, h = im.size
    pad = int(min(w, h) * 0.07)
    W, H = w + 2 * pad, h + 2 * pad
    canvas = Image.new("RGB", (W, H), bg)
    canvas.paste(im, (pad + int(rng.integers(-pad // 3, pad // 3)), pad + int(rng.integers(-pad // 3, pad // 3))))
    if angle is None:
        angle = float(rng.uniform(-3.0, 3.0))
    canvas = canvas.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=bg)
    # uneven lighting: a small gain map upscaled, applied with Pillow's multiply
    gx = np.linspace(-1, 1, 64, dtype=np.float32)[None, :]
    gy = np.linspace(-1, 1, 48, dtype=np.float32)[:, None]
    light = 1.0 - 0.16 * (gx ** 2 + gy ** 2) + 0.05 * gx
    if low_contrast:
        light = light * 0.5
    gain = Image.fromarray(np.clip(light * 255, 0, 255).astype(np.uint8)).resize((W, H), Image.BILINEAR).convert("RGB")
    from PIL import ImageChops
    canvas = ImageChops.multiply(canvas, gain)
    if low_contrast:
        canvas = ImageChops.add(canvas, Image.new("RGB", (W, H), (100, 100, 96)))
    return add_noise(canvas.filter(ImageFilter.BoxBlur(0.6)), rng, 7.0)


def save_jpeg(img, path, quality=78):
    img.convert("RGB").save(path, "JPEG", quality=quality, optimize=False)


def images_to_pdf(images, path, resolution=150):
    ims = [i.convert("RGB") if i.mode not in ("L", "RGB") else i for i in images]
    ims[0].save(path, "PDF", save_all=True, append_images=ims[1:], resolution=resolution,
                creationDate=_time.gmtime(1774000800), modDate=_time.gmtime(1774000800), producer="", title="")


def raster_pages(pdf_path, dpi=150):
    d = pdfium.PdfDocument(pdf_path)
    out = []
    for i in range(len(d)):
        out.append(d[i].render(scale=dpi / 72.0).to_pil().convert("RGB"))
    d.close()
    return out


def scan_pdf(src_pdf, dst_pdf, rng, gray=True, dpi=150, sigma=6.0, blur=0.5, contrast=1.0):
    pages = raster_pages(src_pdf, dpi)
    pages = [scan_effect(p, rng, gray=gray, sigma=sigma, blur=blur, contrast=contrast) for p in pages]
    images_to_pdf(pages, dst_pdf, resolution=dpi)
    return len(pages)


def merge_pdfs(paths, dst):
    out = pdfium.PdfDocument.new()
    for p in paths:
        src = pdfium.PdfDocument(p)
        out.import_pages(src)
        src.close()
    out.save(dst)
    out.close()
    _fix_pdf_stamps(dst)


def _fix_pdf_stamps(path):
    """pdfium stamps the save time and a time-derived /ID: replace both (same length) for byte-stable output."""
    import hashlib
    import re
    with open(path, "rb") as fh:
        data = fh.read()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20260320100000", data)
    body = data.split(b"trailer")[0]
    h = hashlib.md5(body).hexdigest().upper().encode()
    data = re.sub(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]", b"/ID[<" + h + b"><" + h + b">]", data)
    with open(path, "wb") as fh:
        fh.write(data)


# ---------------------------------------------------------------- drawing primitives
def draw_text(draw, xy, text, size, fill=(20, 20, 20), serif=False, bold=False, anchor="la"):
    draw.text(xy, text, font=font(size, serif, bold), fill=fill, anchor=anchor)


def text_width(text, size, serif=False, bold=False):
    return font(size, serif, bold).getlength(text)


def wrap(text, size, width, serif=False):
    f = font(size, serif)
    lines, cur = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(cur)
            cur = ""
            continue
        if f.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def seal(text, radius=110, bottom="", color=(214, 30, 36), rng=None, star=True):
    size = radius * 2 + 8
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = size / 2
    d.ellipse([4, 4, size - 4, size - 4], outline=color + (230,), width=max(4, radius // 18))
    n = len(text)
    span = min(290.0, 24.0 * n)
    per_char = radius * 0.74 * math.radians(span) / n
    fs = int(min(radius * 0.3, per_char * 0.98))
    start = -90 - span / 2
    for i, ch in enumerate(text):
        ang = start + span * (i + 0.5) / n
        rad = math.radians(ang)
        r = radius * 0.76
        x, y = c + r * math.cos(rad), c + r * math.sin(rad)
        g = Image.new("RGBA", (fs + 6, fs + 6), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((3, 0), ch, font=font(fs, False, True), fill=color + (235,))
        g = g.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        im.alpha_composite(g, (int(x - g.size[0] / 2), int(y - g.size[1] / 2)))
    if star:
        r = radius * 0.26
        pts = []
        for k in range(10):
            a = math.radians(-90 + k * 36)
            rr = r if k % 2 == 0 else r * 0.4
            pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
        d.polygon(pts, fill=color + (235,))
    if bottom:
        bf = int(radius * 0.2)
        d.text((c, c + radius * 0.45), bottom, font=font(bf, False, True), fill=color + (235,), anchor="mm")
    if rng is not None:
        # ink irregularities
        a = np.asarray(im).copy()
        mask = rng.random(a.shape[:2]) < 0.12
        a[..., 3][mask] = (a[..., 3][mask] * 0.4).astype(np.uint8)
        im = Image.fromarray(a)
    return im


def stamp(base, seal_img, xy, alpha=0.82):
    s = seal_img.copy()
    a = np.asarray(s).astype(np.float32)
    a[..., 3] *= alpha
    s = Image.fromarray(a.astype(np.uint8))
    base = base.convert("RGBA")
    base.alpha_composite(s, (int(xy[0]), int(xy[1])))
    return base.convert("RGB")


def qr_block(n_modules, module_px, rng):
    m = rng.random((n_modules, n_modules)) < 0.5

    def finder(r, c):
        m[r:r + 7, c:c + 7] = True
        m[r + 1:r + 6, c + 1:c + 6] = False
        m[r + 2:r + 5, c + 2:c + 5] = True

    finder(0, 0)
    finder(0, n_modules - 7)
    finder(n_modules - 7, 0)
    img = Image.new("L", ((n_modules + 2) * module_px,) * 2, 255)
    d = ImageDraw.Draw(img)
    for r in range(n_modules):
        for c in range(n_modules):
            if m[r, c]:
                x, y = (c + 1) * module_px, (r + 1) * module_px
                d.rectangle([x, y, x + module_px - 1, y + module_px - 1], fill=0)
    return img.convert("RGB")


def emblem(size):
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([0, 0, size - 1, size - 1], fill=(200, 30, 30, 255), outline=(230, 180, 40, 255), width=max(2, size // 16))
    c = size / 2
    for k, (dx, dy, r) in enumerate([(0, -0.18, 0.16), (-0.22, -0.3, 0.06), (-0.1, -0.38, 0.06), (0.1, -0.38, 0.06), (0.22, -0.3, 0.06)]):
        pts = []
        for j in range(10):
            a = math.radians(-90 + j * 36)
            rr = r * size if j % 2 == 0 else r * size * 0.4
            pts.append((c + dx * size + rr * math.cos(a), c + dy * size + rr * math.sin(a)))
        d.polygon(pts, fill=(240, 200, 50, 255))
    d.rectangle([c - size * 0.25, c + size * 0.05, c + size * 0.25, c + size * 0.2], fill=(240, 200, 50, 255))
    return im


# ---------------------------------------------------------------- zips
class _RawNameInfo(zipfile.ZipInfo):
    """ZipInfo whose name is written as raw bytes (name holds bytes decoded as cp437), no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def _walk(folder):
    items = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(root, f)
            items.append((os.path.relpath(full, folder).replace(os.sep, "/"), full))
    return items


def write_zip(folder, zip_path, encoding="utf-8", raw_utf8_members=(), extra_members=()):
    """encoding 'utf-8' → flagged UTF-8 names; 'gbk' → unflagged GBK bytes (Chinese Windows).
    raw_utf8_members: member names written as UTF-8 bytes *without* the flag (mixed archive).
    extra_members: (name, bytes) added verbatim (e.g. __MACOSX)."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for rel, full in _walk(folder):
            with open(full, "rb") as fh:
                data = fh.read()
            if encoding == "gbk":
                raw = rel.encode("utf-8") if rel in raw_utf8_members else rel.encode("gbk")
                zi = _RawNameInfo(raw.decode("cp437"), ZIP_DT)
            else:
                zi = zipfile.ZipInfo(rel, ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
        for name, data in extra_members:
            zi = zipfile.ZipInfo(name, ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def normalize_zip(path):
    """Rewrite an OOXML package with fixed timestamps so output is byte-stable."""
    import re
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    items = [(n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2026-03-20T10:00:00Z\g<2>", d)
              if n == "docProps/core.xml" else d) for n, d in items]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            zi = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
