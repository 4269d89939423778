#!/usr/bin/env python3
"""SEEN corpus generator: application packages for the Ningxia
自治区中小企业公共服务示范平台 certification, with ground truth.

    python3 generate.py OUTDIR [--seed N]

writes OUTDIR/batch/<applicant>/... (folders, nested folders, .zip, GBK .zip,
bundled PDFs, scans) and OUTDIR/truth.jsonl (one object per application, in
the format of benchmarks/corpora/README.md).

Wordings come from catalogue.yaml (beside this file); the per-application
scenario table is APPS below.  Truth is computed here from what the generated
documents state, following shared/spec/domain.md (as_of 2026-04-30).

Dependencies: python-docx, openpyxl, reportlab, Pillow, numpy, pypdfium2,
PyYAML and the Noto CJK fonts.  Deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import math
import os
import random
import re
import shutil
import sys
import time
import zipfile

import docx
import numpy as np
import pypdfium2 as pdfium
import openpyxl
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import Image as RLImage

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = yaml.safe_load(open(os.path.join(HERE, "catalogue.yaml"), encoding="utf-8"))
AS_OF = dt.date(2026, 4, 30)
LAST_YEAR = AS_OF.year - 1      # 2025
PRIOR_YEAR = AS_OF.year - 2     # 2024

FONT_DIR = "/usr/share/fonts/opentype/noto/"
SERIF = FONT_DIR + "NotoSerifCJK-Regular.ttc"
SERIF_B = FONT_DIR + "NotoSerifCJK-Bold.ttc"
SANS = FONT_DIR + "NotoSansCJK-Regular.ttc"
SANS_B = FONT_DIR + "NotoSansCJK-Bold.ttc"
SC_INDEX = 2   # "Noto ... CJK SC" inside the .ttc collections

from reportlab import rl_config  # noqa: E402
rl_config.useA85 = 0
rl_config.invariant = 1      # fixed dates / ids in reportlab output: deterministic bytes
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
PDF_FONT = "STSong-Light"

FUNC_IDS = ["information", "technology", "entrepreneurship", "training",
            "financing", "consulting", "market"]
FUNC_INDICATORS = {
    "information": ["info_offline_smes", "info_activities"],
    "technology": ["tech_activities"],
    "entrepreneurship": ["entrepreneurship_activities"],
    "training": ["training_person_times", "training_qualification"],
    "financing": ["financing_activities", "financing_amount", "guarantee_new_amount"],
    "consulting": ["consulting_activities"],
    "market": ["market_enterprise_times"],
}
IND_UNIT = {"info_offline_smes": "家", "info_activities": "次", "tech_activities": "次",
            "entrepreneurship_activities": "场", "training_person_times": "人次",
            "financing_activities": "次", "consulting_activities": "次",
            "market_enterprise_times": "家次"}

_font_cache = {}


def font(size, path=SERIF):
    key = (path, size)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(path, size, index=SC_INDEX)
    return _font_cache[key]


# ---------------------------------------------------------------------------
# identity numbers
# ---------------------------------------------------------------------------
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check(s17):
    total = sum(USCC_ALPHA.index(c) * w for c, w in zip(s17, USCC_W))
    return USCC_ALPHA[(31 - total) % 31]


def org_check(s8):
    # GB 11714 check character of the 9-character organisation code
    w = (3, 7, 9, 10, 5, 8, 4, 2)
    val = lambda c: int(c) if c.isdigit() else 10 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".index(c)
    r = 11 - sum(val(c) * x for c, x in zip(s8, w)) % 11
    return {10: "X", 11: "0"}.get(r, str(r))


def make_uscc(rng, prefix, region):
    """prefix: '91' enterprise, '12' public institution, '51' social org, '52' 民非."""
    while True:
        if prefix == "91":
            body = "MA7" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(2)) + \
                "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
        oc = org_check(body)
        if oc not in USCC_ALPHA:
            continue
        s17 = prefix + region + body + oc
        return s17 + uscc_check(s17)


def bad_check_variant(code):
    """Same code with a wrong last character (a typo in 附件2)."""
    good = code[-1]
    for c in "0123456789ABCDEFGH":
        if c != good:
            return code[:-1] + c
    raise ValueError


ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_AREAS = ["640102", "640103", "640104", "640105", "640121", "640122", "640181",
            "640202", "640205", "640221", "640302", "640323", "640381",
            "640402", "640422", "640423", "640425", "640502", "640521", "640522",
            "620102", "610113", "150102"]


def make_id(rng, birth, sex="男"):
    seq = rng.randint(0, 49) * 20 + rng.randint(0, 9) * 2 + (1 if sex == "男" else 0)   # odd = male
    s = rng.choice(ID_AREAS) + birth.strftime("%Y%m%d") + "%03d" % max(seq, 2 if sex != "男" else 1)
    total = sum(int(c) * w for c, w in zip(s, ID_W))
    return s + "10X98765432"[total % 11]


# ---------------------------------------------------------------------------
# formatting stated values (each returns (text, value_as_stated))
# ---------------------------------------------------------------------------
DAXIE_D = "零壹贰叁肆伍陆柒捌玖"


def daxie_wan(yuan):
    """'伍佰万元整' for round amounts of 万 / 亿 (registered capital style)."""
    def four(n):
        units = ["仟", "佰", "拾", ""]
        s, zero = "", False
        digits = "%04d" % n
        for i, ch in enumerate(digits):
            d = int(ch)
            if d == 0:
                zero = bool(s)
                continue
            if zero:
                s += "零"
                zero = False
            s += DAXIE_D[d] + units[i]
        return s
    wan = int(round(yuan / 10000))
    if wan % 10000 == 0 and wan >= 10000:
        return four(wan // 10000) + "亿元整"
    if wan >= 10000:
        return four(wan // 10000) + "亿" + four(wan % 10000) + "万元整"
    return four(wan) + "万元整"


def fmt_num(x, nd=2):
    s = ("%." + str(nd) + "f") % x
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def state_money(yuan, style):
    """style: wan / wan2 / wannum / yuan / yuannum / yi / daxie."""
    if style == "wan":            # 862.34万元
        v = round(yuan / 1e4, 2)
        return fmt_num(v) + "万元", round(v * 1e4, 2)
    if style == "wan2":           # 862.34 万元 with a space, fixed 2 decimals
        v = round(yuan / 1e4, 2)
        return "%.2f 万元" % v, round(v * 1e4, 2)
    if style == "wannum":         # 862.34  (unit in the label)
        v = round(yuan / 1e4, 2)
        return fmt_num(v), round(v * 1e4, 2)
    if style == "yuan":           # 8,623,415.62元
        v = round(yuan, 2)
        return f"{v:,.2f}元", v
    if style == "yuannum":
        v = round(yuan, 2)
        return f"{v:,.2f}", v
    if style == "yi":             # 2.3亿元
        v = round(yuan / 1e8, 2)
        return fmt_num(v) + "亿元", round(v * 1e8, 2)
    if style == "daxie":
        v = round(yuan / 1e4) * 1e4
        return daxie_wan(v), float(v)
    raise ValueError(style)


def state_ratio(r, style):
    if style == "pct":
        v = round(r * 100)
        return "%d%%" % v, v / 100
    if style == "pct1":
        v = round(r * 100, 1)
        return fmt_num(v, 1) + "%", round(v / 100, 4)
    if style == "frac":
        v = round(r, 2)
        return "%.2f" % v, v
    if style == "score":
        v = round(r * 100)
        return "%d分" % v, v / 100
    if style == "pctnum":         # unit % in label
        v = round(r * 100, 1)
        return fmt_num(v, 1), round(v / 100, 4)
    raise ValueError(style)


def state_date(d, style):
    d = dt.date.fromisoformat(d) if isinstance(d, str) else d
    if style == "cn":
        return "%d年%d月%d日" % (d.year, d.month, d.day)
    if style == "cn0":
        return "%d年%02d月%02d日" % (d.year, d.month, d.day)
    if style == "iso":
        return d.isoformat()
    if style == "dot":
        return "%d.%02d.%02d" % (d.year, d.month, d.day)
    if style == "slash":
        return "%d/%d/%d" % (d.year, d.month, d.day)
    raise ValueError(style)


def cn_date0(d):
    d = dt.date.fromisoformat(d) if isinstance(d, str) else d
    return "%d年%02d月%02d日" % (d.year, d.month, d.day)


def yuan_str(cents):
    neg = cents < 0
    s = f"{abs(cents) / 100:,.2f}"
    return ("-" if neg else "") + s


def wan_str(cents):
    v = cents / 100 / 1e4
    return f"{v:,.2f}"


# ---------------------------------------------------------------------------
# image helpers: seals, QR blocks, photo / scan effects
# ---------------------------------------------------------------------------
_SEALS = {}


def seal_image(text, size=300, color=(214, 32, 38), star=True, bottom=""):
    key = (text, size, color, star, bottom)
    if key not in _SEALS:
        _SEALS[key] = _seal_image(text, size, color, star, bottom)
    return _SEALS[key].copy()


def _seal_image(text, size=300, color=(214, 32, 38), star=True, bottom=""):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    w = max(4, size // 40)
    d.ellipse([w, w, size - w, size - w], outline=color + (255,), width=w)
    if star:
        r1, r2 = size * 0.16, size * 0.065
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            r = r1 if k % 2 == 0 else r2
            pts.append((c + r * math.cos(ang), c + r * math.sin(ang)))
        d.polygon(pts, fill=color + (255,))
    n = len(text)
    fsz = int(size * 0.13) if n <= 14 else int(size * 0.11)
    f = font(fsz, SANS_B)
    span = min(250, 18 * n) * math.pi / 180
    start = -math.pi / 2 - span / 2
    rad = c - w * 2 - fsz * 0.75
    for i, ch in enumerate(text):
        ang = start + span * (i + 0.5) / n
        ci = Image.new("RGBA", (fsz + 8, fsz + 8), (0, 0, 0, 0))
        ImageDraw.Draw(ci).text((4, 0), ch, font=f, fill=color + (255,))
        ci = ci.rotate(-math.degrees(ang) - 90, expand=True, resample=Image.BICUBIC)
        x = c + rad * math.cos(ang) - ci.width / 2
        y = c + rad * math.sin(ang) - ci.height / 2
        img.alpha_composite(ci, (int(x), int(y)))
    if bottom:
        f2 = font(int(size * 0.08), SANS)
        tw = d.textlength(bottom, font=f2)
        d.text((c - tw / 2, c + size * 0.2), bottom, font=f2, fill=color + (255,))
    # ink unevenness
    a = np.array(img)
    rs = np.random.RandomState(len(text) * 7 + size)
    mask = rs.rand(size, size) < 0.18
    a[..., 3] = np.where(mask, (a[..., 3] * 0.45).astype(np.uint8), a[..., 3])
    img = Image.fromarray(a)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    return img


def qr_block(rng, n=29, px=8):
    m = np.array([[rng.random() < 0.5 for _ in range(n)] for _ in range(n)], dtype=bool)

    def finder(r, c):
        m[r:r + 7, c:c + 7] = False
        m[r, c:c + 7] = m[r + 6, c:c + 7] = True
        m[r:r + 7, c] = m[r:r + 7, c + 6] = True
        m[r + 2:r + 5, c + 2:c + 5] = True
    finder(0, 0)
    finder(0, n - 7)
    finder(n - 7, 0)
    img = Image.fromarray(np.where(m, 0, 255).astype(np.uint8)).convert("RGB")
    img = img.resize((n * px, n * px), Image.NEAREST)
    out = Image.new("RGB", (n * px + 4 * px, n * px + 4 * px), "white")
    out.paste(img, (2 * px, 2 * px))
    return out


def paste_seal(base, seal, xy, alpha=0.85):
    s = seal.copy()
    a = np.array(s)
    a[..., 3] = (a[..., 3] * alpha).astype(np.uint8)
    s = Image.fromarray(a)
    if base.mode != "RGBA":
        b = base.convert("RGBA")
        b.alpha_composite(s, (int(xy[0]), int(xy[1])))
        return b.convert(base.mode)
    base.alpha_composite(s, (int(xy[0]), int(xy[1])))
    return base


_NOISE = None


def _noise_like(shape, rng):
    """Gaussian noise (pre-drawn field, random window) for a (h, w[, 3]) image."""
    global _NOISE
    if _NOISE is None:
        _NOISE = np.random.default_rng(12345).standard_normal((1700, 2300, 3), dtype=np.float32)
    h, w = shape[:2]
    H, W = _NOISE.shape[:2]
    if h > H or w > W:
        reps = (h // H + 1, w // W + 1, 1)
        t = np.tile(_NOISE, reps)[:h, :w]
    else:
        oy, ox = rng.randint(0, H - h), rng.randint(0, W - w)
        t = _NOISE[oy:oy + h, ox:ox + w]
    return t if len(shape) == 3 else t[..., 0]


def add_noise(img, rng, sigma):
    a = np.asarray(img).astype(np.float32)
    a += _noise_like(a.shape, rng) * sigma
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photo_effect(doc, rng, angle=None, contrast=None, bright=None, blur=None, noise=7,
                 bg=None, out_w=None, perspective=True):
    """A phone photo of a paper document lying on a desk."""
    doc = doc.convert("RGB")
    W, H = doc.size
    pad = int(max(W, H) * 0.08)
    if out_w:
        sc = out_w / float(W + 2 * pad)
        doc = doc.resize((max(1, int(W * sc)), max(1, int(H * sc))), Image.LANCZOS)
        W, H = doc.size
        pad = int(max(W, H) * 0.08)
    bg = bg or rng.choice([(96, 82, 64), (140, 128, 110), (60, 64, 70), (170, 160, 150)])
    canvas = Image.new("RGB", (W + 2 * pad, H + 2 * pad), bg)
    canvas.paste(Image.new("RGB", (W, H), tuple(max(0, c - 35) for c in bg)), (pad + W // 150, pad + H // 110))
    canvas.paste(doc, (pad, pad))
    ang = rng.uniform(-3.5, 3.5) if angle is None else angle
    canvas = canvas.rotate(ang, resample=Image.BILINEAR, fillcolor=bg, expand=False)
    cw, ch = canvas.size
    if perspective:
        d = [rng.uniform(0, 0.025) * cw for _ in range(8)]
        quad = (d[0], d[1], d[2], ch - d[3], cw - d[4], ch - d[5], cw - d[6], d[7])
        canvas = canvas.transform(canvas.size, Image.QUAD, quad, resample=Image.BILINEAR)
    # uneven lighting + warm cast
    yy, xx = np.mgrid[0:ch:8, 0:cw:8].astype(np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * cw, rng.uniform(0.3, 0.7) * ch
    dist = np.sqrt(((xx - cx) / cw) ** 2 + ((yy - cy) / ch) ** 2)
    light = Image.fromarray(np.clip((1.08 - 0.35 * dist) * 200, 0, 255).astype(np.uint8)).resize((cw, ch), Image.BILINEAR)
    a = np.asarray(canvas).astype(np.float32) * (np.asarray(light, dtype=np.float32)[..., None] / 200.0)
    a *= np.array([1.0, 0.97, 0.9], dtype=np.float32)
    canvas = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    canvas = ImageEnhance.Contrast(canvas).enhance(rng.uniform(0.8, 0.95) if contrast is None else contrast)
    if bright is not None:
        canvas = ImageEnhance.Brightness(canvas).enhance(bright)
    canvas = canvas.filter(ImageFilter.BoxBlur(rng.uniform(0.4, 0.9) if blur is None else blur))
    canvas = add_noise(canvas, rng, noise)
    return canvas


def scan_effect(page, rng, angle=None, gray=True, noise=6, blur=0.5, contrast=1.0, dark=False):
    """A flatbed / copier scan: slight skew, grey background, speckles."""
    page = page.convert("L" if gray else "RGB")
    ang = rng.uniform(-1.2, 1.2) if angle is None else angle
    fill = 245 if gray else (245, 243, 238)
    page = page.rotate(ang, resample=Image.BILINEAR, fillcolor=fill, expand=False)
    a = np.asarray(page).astype(np.float32)
    a += _noise_like(a.shape, rng) * noise
    speck = _noise_like(a.shape[:2], rng) > 3.2
    a[speck] = 40
    if dark:
        a *= 0.86
    page = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur:
        page = page.filter(ImageFilter.BoxBlur(blur))
    if contrast != 1.0:
        page = ImageEnhance.Contrast(page).enhance(contrast)
    return page


def jpeg_bytes(img, q=82):
    b = io.BytesIO()
    img.convert("RGB").save(b, "JPEG", quality=q, optimize=False)
    return b.getvalue()


def png_bytes(img):
    b = io.BytesIO()
    img.save(b, "PNG")
    return b.getvalue()


FIXED_DT = dt.datetime(2026, 3, 26, 10, 30, 0)


def images_to_pdf(imgs, dpi=150):
    b = io.BytesIO()
    rgb = [im.convert("RGB") if im.mode not in ("L", "RGB") else im for im in imgs]
    rgb[0].save(b, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi,
                creationDate=FIXED_DT.timetuple(), modDate=FIXED_DT.timetuple(), producer="Scanner")
    return b.getvalue()


def fixed_zip(data):
    """Rewrite an OOXML package with fixed member timestamps (deterministic bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            zi = zipfile.ZipInfo(i.filename, date_time=(2026, 3, 26, 10, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(i.filename)
            if i.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-03-26T10:30:00Z", body)
            z.writestr(zi, body)
    return out.getvalue()


def wrap_text(draw, text, fnt, width):
    lines, cur = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(cur)
            cur = ""
            continue
        if draw.textlength(cur + ch, font=fnt) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------------------
# an abstract document (list of blocks) and its three renderings:
# .docx (python-docx), text PDF (reportlab), scanned PDF (raster of the text PDF)
# ---------------------------------------------------------------------------
def B_title(text, size=20):
    return {"t": "title", "text": text, "size": size}


def B_h(text, size=14):
    return {"t": "h", "text": text, "size": size}


def B_p(text, align="left", indent=True, size=11.5):
    return {"t": "p", "text": text, "align": align, "indent": indent, "size": size}


def B_table(rows, widths=None, merges=(), header=0, size=10, align=None, repeat=0):
    return {"t": "table", "rows": rows, "widths": widths, "merges": list(merges),
            "header": header, "size": size, "align": align, "repeat": repeat}


def B_break():
    return {"t": "pagebreak"}


def B_img(img, width_mm=160, align="center"):
    return {"t": "image", "img": img, "width_mm": width_mm, "align": align}


def B_seal(text, bottom="", size_mm=38):
    return {"t": "seal", "text": text, "bottom": bottom, "size_mm": size_mm}


def B_mark(name):
    return {"t": "marker", "name": name}


def B_space(h_mm=6):
    return {"t": "spacer", "h": h_mm}


class _Marker(Flowable):
    def __init__(self, name, store):
        super().__init__()
        self.name, self.store = name, store
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return (0, 0)

    def draw(self):
        self.store.setdefault(self.name, self.canv.getPageNumber())


_seal_cache = {}


def seal_png(text, bottom=""):
    key = (text, bottom)
    if key not in _seal_cache:
        b = io.BytesIO()
        seal_image(text, 240, bottom=bottom).save(b, "PNG")
        _seal_cache[key] = b.getvalue()
    return _seal_cache[key]


def _pstyle(size, align="left", indent=False, lead=None):
    al = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[align]
    return ParagraphStyle("s%s%s%s" % (size, align, indent), fontName=PDF_FONT, fontSize=size,
                          leading=lead or size * 1.55, alignment=al, wordWrap="CJK",
                          firstLineIndent=size * 2 if indent else 0)


def _esc(s):
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def render_pdf(blocks, footer=None, markers=None, pagesize=A4, margins=(22, 20, 22, 20),
               header_text=None):
    """blocks -> PDF bytes (reportlab, STSong-Light CID font = text layer).

    footer: None | 'dash' | 'page' | callable(physical_page)->str|None"""
    markers = {} if markers is None else markers
    buf = io.BytesIO()
    top, right, bottom, left = [m * mm for m in margins]
    doc = SimpleDocTemplate(buf, pagesize=pagesize, topMargin=top, bottomMargin=bottom,
                            leftMargin=left, rightMargin=right)
    avail = pagesize[0] - left - right
    story = []
    for b in blocks:
        t = b["t"]
        if t == "title":
            for ln in b["text"].split("\n"):
                story.append(Paragraph(_esc(ln), _pstyle(b["size"], "center", lead=b["size"] * 1.6)))
            story.append(Spacer(1, 4 * mm))
        elif t == "h":
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(_esc(b["text"]), _pstyle(b["size"], "left")))
            story.append(Spacer(1, 1.5 * mm))
        elif t == "p":
            story.append(Paragraph(_esc(b["text"]), _pstyle(b["size"], b["align"], b["indent"])))
        elif t == "spacer":
            story.append(Spacer(1, b["h"] * mm))
        elif t == "pagebreak":
            story.append(PageBreak())
        elif t == "marker":
            story.append(_Marker(b["name"], markers))
        elif t == "image":
            im = b["img"]
            w = b["width_mm"] * mm
            h = w * im.height / im.width
            maxh = pagesize[1] - top - bottom - 10 * mm
            if h > maxh:
                h = maxh
                w = h * im.width / im.height
            bio = io.BytesIO()
            im.convert("RGB").save(bio, "JPEG", quality=85)
            bio.seek(0)
            ri = RLImage(bio, width=w, height=h)
            ri.hAlign = b["align"].upper()
            story.append(ri)
        elif t == "seal":
            bio = io.BytesIO(seal_png(b["text"], b["bottom"]))
            s = b["size_mm"] * mm
            ri = RLImage(bio, width=s, height=s, mask="auto")
            ri.hAlign = "RIGHT"
            story.append(ri)
        elif t == "table":
            rows = b["rows"]
            ncol = max(len(r) for r in rows)
            widths = b["widths"] or [1] * ncol
            tot = float(sum(widths))
            cw = [avail * w / tot for w in widths]
            st = _pstyle(b["size"], "left", lead=b["size"] * 1.35)
            stc = _pstyle(b["size"], "center", lead=b["size"] * 1.35)
            data = []
            for ri_, r in enumerate(rows):
                row = []
                for ci, cell in enumerate(list(r) + [""] * (ncol - len(r))):
                    al = (b["align"] or [None] * ncol)[ci] if b["align"] else None
                    sty = stc if (ri_ < b["header"] or al == "center") else st
                    if al == "right":
                        sty = _pstyle(b["size"], "right", lead=b["size"] * 1.35)
                    row.append(Paragraph(_esc(cell), sty))
                data.append(row)
            ts = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
            for (r0, c0, r1, c1) in b["merges"]:
                ts.append(("SPAN", (c0, r0), (c1, r1)))
            tbl = Table(data, colWidths=cw, repeatRows=b["repeat"])
            tbl.setStyle(TableStyle(ts))
            story.append(tbl)
            story.append(Spacer(1, 3 * mm))

    def on_page(canv, d):
        n = canv.getPageNumber()
        txt = None
        if callable(footer):
            txt = footer(n)
        elif footer == "dash":
            txt = "— %d —" % n
        elif footer == "page":
            txt = "第 %d 页" % n
        if txt:
            canv.setFont(PDF_FONT, 9)
            canv.drawCentredString(pagesize[0] / 2, 10 * mm, txt)
        if header_text:
            canv.setFont(PDF_FONT, 8)
            canv.drawRightString(pagesize[0] - right, pagesize[1] - 12 * mm, header_text)

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def pdf_page_count(data):
    d = pdfium.PdfDocument(data)
    n = len(d)
    d.close()
    return n


def rasterize_pdf(data, dpi=120):
    d = pdfium.PdfDocument(data)
    out = []
    for i in range(len(d)):
        out.append(d[i].render(scale=dpi / 72.0).to_pil())
    d.close()
    return out


def scanned_pdf(data, rng, dpi=120, gray=True, dark=False, noise=6):
    pages = rasterize_pdf(data, dpi)
    pages = [scan_effect(p, rng, gray=gray, dark=dark, noise=noise) for p in pages]
    return images_to_pdf(pages, dpi), len(pages)


def _set_cell_text(cell, text, size, bold=False, center=False):
    cell.text = ""
    p = cell.paragraphs[0]
    lines = str(text).split("\n")
    for i, ln in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(ln)
        r.font.size = Pt(size)
        r.bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def render_docx(blocks, font_name="宋体", body_size=12, landscape_page=False):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font_name
    st.font.size = Pt(body_size)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font_name)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    if landscape_page:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
    sec.left_margin = sec.right_margin = Cm(2.4)
    sec.top_margin = sec.bottom_margin = Cm(2.2)
    for b in blocks:
        t = b["t"]
        if t == "title":
            for ln in b["text"].split("\n"):
                p = d.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r = p.add_run(ln)
                r.bold = True
                r.font.size = Pt(b["size"])
        elif t == "h":
            p = d.add_paragraph()
            r = p.add_run(b["text"])
            r.bold = True
            r.font.size = Pt(b["size"])
        elif t == "p":
            p = d.add_paragraph()
            p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[b["align"]]
            if b["indent"]:
                p.paragraph_format.first_line_indent = Pt(b["size"] * 2)
            r = p.add_run(b["text"])
            r.font.size = Pt(b["size"])
        elif t == "spacer":
            d.add_paragraph()
        elif t == "pagebreak":
            d.add_page_break()
        elif t == "image":
            bio = io.BytesIO()
            b["img"].convert("RGB").save(bio, "JPEG", quality=85)
            bio.seek(0)
            d.add_picture(bio, width=Cm(b["width_mm"] / 10))
        elif t == "seal":
            pass   # seals are stamped on paper, not in the Word file
        elif t == "table":
            rows = b["rows"]
            ncol = max(len(r) for r in rows)
            tbl = d.add_table(rows=len(rows), cols=ncol)
            tbl.style = "Table Grid"
            tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
            covered = set()
            tops = {}
            for (r0, c0, r1, c1) in b["merges"]:
                for rr in range(r0, r1 + 1):
                    for cc in range(c0, c1 + 1):
                        if (rr, cc) != (r0, c0):
                            covered.add((rr, cc))
                tops[(r0, c0)] = (r1, c1)
            for (r0, c0), (r1, c1) in tops.items():
                tbl.cell(r0, c0).merge(tbl.cell(r1, c1))
            for ri, r in enumerate(rows):
                for ci in range(ncol):
                    if (ri, ci) in covered:
                        continue
                    txt = r[ci] if ci < len(r) else ""
                    _set_cell_text(tbl.cell(ri, ci), txt, b["size"] + 0.5,
                                   bold=ri < b["header"], center=ri < b["header"])
            if b["widths"]:
                tot = float(sum(b["widths"]))
                avail = (29.7 if landscape_page else 21) - 4.8
                for ci, w in enumerate(b["widths"]):
                    for cell in tbl.columns[ci].cells:
                        cell.width = Cm(avail * w / tot)
            d.add_paragraph()
    d.core_properties.created = FIXED_DT
    d.core_properties.modified = FIXED_DT
    d.core_properties.author = "Administrator"
    d.core_properties.last_modified_by = "Administrator"
    bio = io.BytesIO()
    d.save(bio)
    return fixed_zip(bio.getvalue())


# ---------------------------------------------------------------------------
# name pools (invented; common Ningxia surnames incl. Hui surnames 马/海/纳/丁)
# ---------------------------------------------------------------------------
SURNAMES = list("王李张马杨刘赵陈海田丁纳白苏郭何高罗周吴徐孙胡朱黄林金冯韩曹魏")
GIVEN = ["建国", "晓燕", "文杰", "海涛", "丽娟", "志强", "雪梅", "小龙", "慧敏", "国华", "春燕", "宏伟",
         "静", "磊", "婷", "超", "娜", "斌", "芳", "军", "瑞", "璐", "欣怡", "浩然", "子涵", "佳琪",
         "明", "晨", "宇航", "玉兰", "少华", "学军", "红梅", "振宇", "鹏", "倩", "丹丹", "俊杰",
         "彦龙", "永福", "兰英", "伟东", "晓东", "亚楠", "思远", "文娟", "治国", "鑫"]
CO_CORE = ["恒丰", "瑞祥", "金诺", "宏图", "华泰", "鑫源", "塞上", "贺兰", "六盘", "黄河", "沙湖", "西夏",
           "长城", "新安", "德润", "汇通", "嘉禾", "盛达", "天润", "正阳", "博远", "中禾", "嘉利", "宁丰",
           "昊宇", "泰和", "丰源", "隆盛", "瀚海", "益民", "兴达", "华鼎", "祥瑞", "永盛", "金泉",
           "聚鑫", "佳和", "润泽", "明德", "远航", "众合", "天衡", "锦程", "荣昌", "银河", "凯达"]
CO_IND = ["商贸", "农业科技", "建材", "食品", "电子科技", "物流", "餐饮管理", "新能源", "机械制造",
          "枸杞科技", "乳业", "羊绒制品", "文化传媒", "建筑工程", "环保科技", "信息技术", "医药",
          "清真食品", "葡萄酒", "光伏科技", "化工", "包装材料", "汽车服务", "农牧", "服饰",
          "印刷", "装饰工程", "软件", "生物科技", "电气设备"]
CO_SUF = ["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"]
PLACES = {"银川市": ["银川", "宁夏", "贺兰", "永宁", "灵武"], "石嘴山市": ["石嘴山", "宁夏", "平罗", "惠农"],
          "吴忠市": ["吴忠", "宁夏", "青铜峡", "盐池", "同心"], "固原市": ["固原", "宁夏", "西吉", "彭阳", "隆德"],
          "中卫市": ["中卫", "宁夏", "中宁", "海原"]}
MAJORS = ["工商管理", "会计学", "计算机科学与技术", "市场营销", "机械工程", "电子商务", "经济学", "法学",
          "财务管理", "软件工程", "人力资源管理", "化学工程", "农学", "金融学", "统计学"]
POSTS = ["总经理", "副总经理", "服务部经理", "项目主管", "咨询师", "培训讲师", "技术员", "财务主管",
         "客服专员", "信息专员", "融资顾问", "市场专员", "办公室主任", "综合管理员"]


def person_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def phone(rng):
    return rng.choice(["139", "138", "137", "151", "152", "158", "180", "186", "189", "133", "177"]) + \
        "%08d" % rng.randint(0, 99999999)


def company_names(rng, city, n, exclude=()):
    out, seen = [], set(exclude)
    places = PLACES.get(city, ["宁夏"])
    while len(out) < n:
        nm = rng.choice(places) + rng.choice(CO_CORE) + rng.choice(CO_IND) + rng.choice(CO_SUF)
        if nm not in seen:
            seen.add(nm)
            out.append(nm)
    return out


def split_int(total, k, rng, min_share=0.02):
    """k non-negative ints summing to total (total >= 0)."""
    ws = [rng.uniform(0.2, 1.0) for _ in range(k)]
    s = sum(ws)
    parts = [int(total * w / s) for w in ws]
    parts[-1] += total - sum(parts)
    return parts


def split_w(total, weights, rng, jitter=0.25):
    """ints summing to total, roughly proportional to weights (zero weight -> 0)."""
    ws = [w * rng.uniform(1 - jitter, 1 + jitter) for w in weights]
    s = sum(ws)
    parts = [int(total * w / s) for w in ws]
    k = max(range(len(parts)), key=lambda i: parts[i])
    parts[k] += total - sum(parts)
    return parts


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


# ---------------------------------------------------------------------------
# 附件2 申请报告
# ---------------------------------------------------------------------------
def fn_name(fid, rng):
    return pick(rng, CAT["report"]["function_names"][fid])


def ind_value_text(ind, val, rng, style):
    """text of one function indicator value and the value it states."""
    if ind == "training_qualification":
        if val:
            t = pick(rng, CAT["report"]["yes_qualification"])
            return t + style.get("qual_detail", ""), True
        return pick(rng, CAT["report"]["no_qualification"]), False
    if ind in ("financing_amount", "guarantee_new_amount"):
        st_ = style.get("amount", "yi")
        if st_ == "yi":
            return state_money(val, "yi")
        v = round(val / 1e4)
        return "%d万元" % v, float(v * 1e4)
    unit = IND_UNIT[ind]
    if ind == "info_activities" and style.get("act_unit"):
        unit = style["act_unit"]
    if style.get("bare"):
        return str(val), int(val)
    return "%d%s" % (val, unit), int(val)


def _nature_text(a, rng, pdfish, style):
    C = CAT["report"]
    if style == "checkbox":
        on = "■" if pdfish else "☑"
        key = {"enterprise": "企业", "public_institution": "事业单位",
               "social_organization": "社会团体", "private_non_enterprise": "民办非企业单位"}[a["nature"]]
        return C["nature_checkbox"].replace("□" + key, on + key)
    if style and style.startswith("="):
        return style[1:]
    return pick(rng, C["nature_values"][a["nature"]])


def report_facts(a, rng, fmt):
    """Return ordered list of entries (field, label, text) and the stated dict."""
    v, R, C = a["v"], a["rep"], CAT["report"]
    pdfish = fmt != "docx"
    st = {}
    omit = set(R.get("omit", []))
    money = R.get("money", "wan")
    ratio = R.get("ratio", "pct")
    dstyle = R.get("date", "cn")
    L = lambda f: pick(rng, C["labels"][f])
    ents = []

    def add(field, label, text, key=None, value=None):
        ents.append((key or field, label, text))
        if field and value is not None:
            st[field] = value

    add("unit_name", L("unit_name"), a["name"], value=a["name"])
    add("platform_name", L("platform_name"), a["platform"], value=a["platform"])
    code = R.get("uscc", a["uscc"])
    add("uscc", L("uscc"), code, value=code)
    add("unit_nature", L("unit_nature"), _nature_text(a, rng, pdfish, R.get("nature_style")),
        value=a["nature"])
    add(None, L("legal_rep"), a["legal_rep"], key="legal_rep")
    add("established_date", L("established_date"), state_date(a["est"], dstyle),
        value=state_date(a["est"], "iso"))
    if "registered_capital" not in omit and a.get("reg_cap"):
        rs = R.get("cap_style", "wan")
        lbl = L("registered_capital")
        if rs == "wannum":
            lbl += pick(rng, C["unit_hints"]["money_label"])
        t, val = state_money(a["reg_cap"], rs)
        add("registered_capital", lbl, t, value=val)
    add(None, L("address"), a["addr"], key="address")
    st["city"] = a["city"]
    st["county"] = a["county"]
    if R.get("region_row"):
        add(None, L("region"), a["city"] + a["county"], key="region")

    def money_entry(field, labelf=None):
        if field in omit or v.get(field) is None:
            return
        lbl = L(labelf or field)
        if money == "wannum":
            lbl += pick(rng, C["unit_hints"]["money_label"])
        t, val = state_money(v[field], money)
        add(field, lbl, t, value=val)

    yearly = R.get("layout") == "years"
    if not yearly:
        money_entry("total_assets")
        money_entry("revenue")
        money_entry("service_income")
        money_entry("service_expense")
    if "premises_area" not in omit and v.get("premises_area"):
        ar = v["premises_area"]
        sty = R.get("area", "unit")
        if sty == "label":
            add("premises_area", L("premises_area") + pick(rng, C["unit_hints"]["area_label"]),
                fmt_num(ar), value=float(ar))
        else:
            add("premises_area", L("premises_area"),
                rng.choice(["%s㎡", "%s平方米", "%s m²"]) % fmt_num(ar), value=float(ar))
    cnt = R.get("count", "unit")

    def count_entry(field, n, unit):
        if field in omit:
            return
        lbl = L(field)
        if cnt == "label":
            add(field, lbl + "（%s）" % unit, str(n), value=int(n))
        else:
            add(field, lbl, "%d%s" % (n, unit), value=int(n))

    count_entry("service_staff", v["staff"], rng.choice(["人", "名"]) if cnt != "label" else "人")
    count_entry("staff_college_or_above", v["college"], "人")
    count_entry("staff_mid_title_or_above", v["mid"], "人")
    prose = set(R.get("prose_fields", []))
    if not yearly:
        smes = R.get("smes", "two")
        if "smes_served_last_year" not in prose:
            if smes == "inline_years":
                add("smes_served_last_year", "近两年服务中小企业数量",
                    "%d年%d家，%d年%d家" % (PRIOR_YEAR, v["smes_prior"], LAST_YEAR, v["smes_last"]),
                    value=int(v["smes_last"]))
                st["smes_served_prior_year"] = int(v["smes_prior"])
            elif smes == "calendar":
                u = "家" if cnt != "label" else ""
                add("smes_served_last_year", "%d年%s" % (LAST_YEAR, L("smes_served_year")),
                    "%d%s" % (v["smes_last"], u), value=int(v["smes_last"]))
                add("smes_served_prior_year", "%d年%s" % (PRIOR_YEAR, L("smes_served_year")),
                    "%d%s" % (v["smes_prior"], u), value=int(v["smes_prior"]))
            else:
                count_entry("smes_served_last_year", v["smes_last"], "家")
                count_entry("smes_served_prior_year", v["smes_prior"], "家")
        if "satisfaction_rate" not in prose:
            t, val = state_ratio(v["satisfaction"], ratio)
            add("satisfaction_rate", L("satisfaction_rate") + ("（%）" if ratio == "pctnum" else ""),
                t, value=val)
    if "aggregated_agencies" not in omit:
        add("aggregated_agencies", L("aggregated_agencies"),
            "%d家" % v["agg"] if cnt != "label" else str(v["agg"]), value=int(v["agg"]))
    t, val = state_ratio(v["public"], R.get("ratio2", ratio))
    add("public_benefit_share", L("public_benefit_share") + ("（%）" if R.get("ratio2", ratio) == "pctnum" else ""),
        t, value=val)
    add(None, L("contact"), a["contact"], key="contact")
    add(None, L("phone"), a["contact_phone"], key="phone")
    claims = [f for f in FUNC_IDS if f in a["funcs"]]
    st["functions_claimed"] = claims
    cl = R.get("claim", "checkbox")
    if cl == "checkbox":
        on = R.get("on_mark") or ("■" if pdfish else pick(rng, ["☑", "☑", "√"]))
        txt = "　".join((on if f in claims else "□") + CAT["report"]["function_names"][f][0] for f in FUNC_IDS)
        add(None, L("functions_claimed"), txt, key="functions")
    elif cl == "words":
        txt = "、".join(CAT["report"]["function_names"][f][0] for f in claims)
        add(None, L("functions_claimed"), txt, key="functions")
    return ents, st


def year_table(a, rng, st, fmt):
    """指标 | 2024年 | 2025年 table (calendar years instead of 上年度/前一年度)."""
    v, R, C = a["v"], a["rep"], CAT["report"]
    money = R.get("money", "wannum")
    order = R.get("years_order", "asc")
    three = R.get("three_years", False)
    years = ([LAST_YEAR - 2] if three else []) + [PRIOR_YEAR, LAST_YEAR]
    if order == "desc":
        years = years[::-1]
    head = ["指标"] + ["%d年" % y for y in years]
    rows = [head]
    prev = a["prev"]

    def mrow(field, label):
        vals = {LAST_YEAR: v[field], PRIOR_YEAR: prev[field], LAST_YEAR - 2: prev[field] * 0.88}
        r = [label + ("（万元）" if money == "wannum" else "")]
        for y in years:
            t, val = state_money(vals[y], money)
            r.append(t)
            if y == LAST_YEAR:
                st[field] = val
        rows.append(r)
    mrow("total_assets", "资产总额（年末）")
    mrow("revenue", "营业收入")
    if v.get("service_income") is not None:
        mrow("service_income", "服务收入")
    if v.get("service_expense") is not None:
        mrow("service_expense", "服务支出")
    sm = {LAST_YEAR: v["smes_last"], PRIOR_YEAR: v["smes_prior"], LAST_YEAR - 2: prev["smes_2023"]}
    rows.append([pick(rng, C["labels"]["smes_served_year"]) + "（家）"] + [str(sm[y]) for y in years])
    st["smes_served_last_year"] = int(v["smes_last"])
    st["smes_served_prior_year"] = int(v["smes_prior"])
    sat = {LAST_YEAR: v["satisfaction"], PRIOR_YEAR: prev["satisfaction"], LAST_YEAR - 2: prev["satisfaction"] - 0.02}
    r = [pick(rng, C["labels"]["satisfaction_rate"])]
    for y in years:
        t, val = state_ratio(sat[y], R.get("ratio", "pct"))
        r.append(t)
        if y == LAST_YEAR:
            st["satisfaction_rate"] = val
    rows.append(r)
    return B_table(rows, widths=[3] + [1.6] * len(years), header=1, size=10.5,
                   align=["left"] + ["center"] * len(years))


def indicator_blocks(a, rng, st, fmt):
    """Function-indicator table (or prose)."""
    R, C = a["rep"], CAT["report"]
    style = R.get("ind", "three")
    istyle = R.get("ind_style", {})
    pdfish = fmt != "docx"
    claims = [f for f in FUNC_IDS if f in a["funcs"]]
    extra = a.get("extra_ind", {})
    funcs = list(claims) + [f for f in FUNC_IDS if f in extra and f not in claims]
    blocks = [B_h(pick(rng, C["section_titles"]["functions"]))]

    def inds_of(f):
        d = a["funcs"].get(f) or extra.get(f) or {}
        return [(i, d[i]) for i in FUNC_INDICATORS[f] if i in d]

    if style == "prose":
        nums = "一二三四五六七"
        for k, f in enumerate(funcs):
            parts = []
            for ind, val in inds_of(f):
                t, sv = ind_value_text(ind, val, rng, istyle)
                st[ind] = sv
                parts.append("%s%s" % (pick(rng, C["indicators"][ind]), t))
            blocks.append(B_p("（%s）%s。%d年，%s。" % (nums[k], CAT["report"]["function_names"][f][0],
                                                  LAST_YEAR, "；".join(parts))))
        return blocks

    if style == "all7":
        rows = [["序号", "服务功能", "是否申报", "主要指标", "%d年完成情况" % LAST_YEAR]]
        merges = []
        yes = pick(rng, C["function_marks"]["column_yes"])
        for k, f in enumerate(FUNC_IDS):
            inds = inds_of(f) if f in funcs else []
            start = len(rows)
            if not inds:
                rows.append([str(k + 1), C["function_names"][f][0], yes if f in claims else "", "—", "—"])
                continue
            for j, (ind, val) in enumerate(inds):
                t, sv = ind_value_text(ind, val, rng, istyle)
                st[ind] = sv
                rows.append([str(k + 1) if j == 0 else "", C["function_names"][f][0] if j == 0 else "",
                             (yes if f in claims else "") if j == 0 else "",
                             pick(rng, C["indicators"][ind]), t])
            if len(inds) > 1:
                for c in (0, 1, 2):
                    merges.append((start, c, start + len(inds) - 1, c))
        blocks.append(B_table(rows, widths=[0.7, 1.6, 1.1, 4, 2], merges=merges, header=1, size=10))
        return blocks

    if style == "four_req":
        head = pick(rng, C["indicator_table_headers"]["four_req"])
    elif style == "years":
        head = ["服务功能", "指标", "%d年" % PRIOR_YEAR, "%d年" % LAST_YEAR]
    else:
        head = list(pick(rng, C["indicator_table_headers"]["three"]))
    rows, merges = [head], []
    for f in funcs:
        inds = inds_of(f)
        start = len(rows)
        for j, (ind, val) in enumerate(inds):
            t, sv = ind_value_text(ind, val, rng, istyle)
            st[ind] = sv
            name = fn_name(f, rng) if j == 0 else ""
            lbl = pick(rng, C["indicators"][ind])
            if style == "four_req":
                rows.append([name, lbl, C["requirement_texts"][ind], t])
            elif style == "years":
                if isinstance(val, bool):
                    prev_t = t
                elif ind in ("financing_amount", "guarantee_new_amount"):
                    prev_t, _ = ind_value_text(ind, val * 0.85, rng, istyle)
                else:
                    prev_t, _ = ind_value_text(ind, max(1, int(val * 0.82)), rng, istyle)
                rows.append([name, lbl, prev_t, t])
            else:
                rows.append([name, lbl, t])
        if len(inds) > 1:
            merges.append((start, 0, start + len(inds) - 1, 0))
    w = [1.6, 4, 2.2] if len(head) == 3 else [1.5, 3.6, 1.8, 2]
    blocks.append(B_table(rows, widths=w, merges=merges, header=1, size=10))
    return blocks


def narrative_blocks(a, rng, st, fmt):
    v, R, C = a["v"], a["rep"], CAT["report"]
    T = C["narrative_titles"]
    name, plat = a["name"], a["platform"]
    fnames = "、".join(C["function_names"][f][0] for f in FUNC_IDS if f in a["funcs"])
    nums = "三四五六七八九"
    k = [0]

    def head(key):
        t = pick(rng, T[key])
        t = t.split("、", 1)[-1] if "、" in t[:3] else t
        h = "%s、%s" % (nums[k[0]], t)
        k[0] += 1
        return B_h(h)
    bl = []
    bl.append(head("operation"))
    bl.append(B_p("%s由%s建设和运营，平台以服务全区中小企业为宗旨，现有固定服务场所，配备必要的服务设施和软硬件设备，"
                  "建立了线上服务系统与线下服务窗口相结合的服务体系，主要提供%s等服务。" % (plat, name, fnames)))
    bl.append(B_p("平台实行理事会（董事会）领导下的主任负责制，设综合部、服务部、项目部等部门，制定了服务流程、服务质量承诺、"
                  "投诉处理等制度，服务台账、服务档案完整。"))
    bl.append(head("capacity"))
    bl.append(B_p("平台建有专家库和服务资源库，与金融机构、高校院所、律师事务所、会计师事务所等合作，"
                  "组织带动社会服务资源共同为中小企业开展服务。"))
    bl.append(head("performance"))
    prose = set(R.get("prose_fields", []))
    if prose:
        t, val = state_ratio(v["satisfaction"], R.get("ratio", "pct"))
        if "smes_served_last_year" in prose:
            bl.append(B_p("%d年，平台共为%d家中小企业提供各类服务，%d年服务中小企业%d家，服务企业数量保持稳步增长。"
                          % (LAST_YEAR, v["smes_last"], PRIOR_YEAR, v["smes_prior"])))
            st["smes_served_last_year"] = int(v["smes_last"])
            st["smes_served_prior_year"] = int(v["smes_prior"])
        if "satisfaction_rate" in prose:
            bl.append(B_p("通过电话回访、问卷调查等方式开展服务满意度测评，%d年用户满意度达到%s。" % (LAST_YEAR, t)))
            st["satisfaction_rate"] = val
    else:
        if v["smes_last"] >= v["smes_prior"]:
            bl.append(B_p("近两年，平台服务企业数量稳步增长，服务质量和服务对象满意度不断提升，在区域内形成了一定的品牌影响力。"))
        else:
            bl.append(B_p("受部分服务项目调整影响，%d年服务企业数量较上年略有减少，但服务深度和质量持续提升。" % LAST_YEAR))
    if a["prev"].get("smes_2023") and R.get("mention_2023"):
        bl.append(B_p("平台自成立以来累计服务企业逾千家，其中%d年服务中小企业%d家。" % (LAST_YEAR - 2, a["prev"]["smes_2023"])))
    bl.append(head("feature"))
    bl.append(B_p("平台坚持公益性服务与市场化服务相结合，对小型微型企业实行收费优惠，创新“线上平台+线下窗口+专家团队”服务模式，"
                  "推动服务与需求精准对接，在激发中小企业创新活力方面发挥了示范带动作用。"))
    bl.append(head("plan"))
    tgt = int(v["smes_last"] * 1.15) + 3
    bl.append(B_p("下一步，平台将继续完善服务功能、扩大服务覆盖面。%d年度服务目标：服务中小企业不少于%d家，"
                  "组织各类服务活动不少于%d场次，用户满意度保持在90%%以上。" % (AS_OF.year, tgt, rng.randint(12, 30))))
    bl.append(head("rules"))
    bl.append(B_p("平台制定了《服务收费管理办法》，对小微企业服务费用按标准的50%—70%收取，政策宣讲、公益培训等服务免费提供。"))
    return bl


def report_blocks(a, rng, fmt):
    """The whole 申请报告 as blocks + stated fields."""
    R, C = a["rep"], CAT["report"]
    ents, st = report_facts(a, rng, fmt)
    bl = []
    # cover
    bl.append(B_p("附件2", align="left", indent=False, size=14))
    bl.append(B_space(18))
    bl.append(B_title(R.get("title") or pick(rng, C["titles"]), size=22))
    bl.append(B_space(30))
    cl = C["cover_labels"]
    for lbl, val in [(pick(rng, cl["platform"]), a["platform"]), (pick(rng, cl["unit"]), a["name"]),
                     (pick(rng, cl["recommender"]), a["recommender"]),
                     (pick(rng, cl["date"]), "%d年3月%d日" % (AS_OF.year, rng.randint(2, 25)))]:
        bl.append(B_p("%s：%s" % (lbl, val), align="left", indent=False, size=14))
    bl.append(B_space(25))
    mk = pick(rng, C["cover_maker"])
    if mk:
        bl.append(B_p(mk, align="center", indent=False, size=13))
    bl.append(B_break())
    # basic table
    bl.append(B_h(pick(rng, C["section_titles"]["basic"])))
    layout = R.get("layout", "4col")
    long_keys = {"platform_name", "address", "functions", "unit_name", "region"}
    if layout == "years":
        rows = [[lbl, txt] for (_, lbl, txt) in ents]
        bl.append(B_table(rows, widths=[2.2, 5], size=10.5))
        bl.append(B_p("近两年主要经营和服务指标：", indent=False))
        bl.append(year_table(a, rng, st, fmt))
    elif layout == "2col":
        rows = [[lbl, txt] for (_, lbl, txt) in ents]
        if R.get("split"):
            cut = len(rows) // 2 + 1
            bl.append(B_table(rows[:cut], widths=[2.2, 5], size=10.5))
            bl.append(B_break())
            bl.append(B_p(pick(rng, C["section_titles"]["basic_cont"]), indent=False))
            bl.append(B_table(rows[cut:], widths=[2.2, 5], size=10.5))
        else:
            bl.append(B_table(rows, widths=[2.2, 5], size=10.5))
    elif layout == "4col":
        rows, merges, pend = [], [], []
        for key, lbl, txt in ents:
            if key in long_keys:
                if pend:
                    rows.append(pend + ["", ""])
                    merges.append((len(rows) - 1, 1, len(rows) - 1, 3))
                    pend = []
                rows.append([lbl, txt, "", ""])
                merges.append((len(rows) - 1, 1, len(rows) - 1, 3))
            else:
                pend += [lbl, txt]
                if len(pend) == 4:
                    rows.append(pend)
                    pend = []
        if pend:
            rows.append(pend + ["", ""])
            merges.append((len(rows) - 1, 1, len(rows) - 1, 3))
        if R.get("split"):
            cut = len(rows) // 2
            m1 = [m for m in merges if m[0] < cut]
            m2 = [(m[0] - cut, m[1], m[2] - cut, m[3]) for m in merges if m[0] >= cut]
            bl.append(B_table(rows[:cut], widths=[2, 2.6, 2, 2.2], merges=m1, size=10))
            bl.append(B_break())
            bl.append(B_p(pick(rng, C["section_titles"]["basic_cont"]), indent=False))
            bl.append(B_table(rows[cut:], widths=[2, 2.6, 2, 2.2], merges=m2, size=10))
        else:
            bl.append(B_table(rows, widths=[2, 2.6, 2, 2.2], merges=merges, size=10))
    elif layout == "above":
        # identity as label|value, figures as label row above value row (3 per row)
        ident = [e for e in ents if e[0] in long_keys or e[0] in ("uscc", "unit_nature", "legal_rep",
                                                                     "established_date", "registered_capital",
                                                                     "contact", "phone")]
        figs = [e for e in ents if e not in ident]
        bl.append(B_table([[lbl, txt] for (_, lbl, txt) in ident], widths=[2.2, 5], size=10.5))
        rows = []
        for i in range(0, len(figs), 3):
            ch = figs[i:i + 3]
            rows.append([c[1] for c in ch] + [""] * (3 - len(ch)))
            rows.append([c[2] for c in ch] + [""] * (3 - len(ch)))
        bl.append(B_table(rows, widths=[1, 1, 1], size=10, align=["center"] * 3))
    bl.extend(indicator_blocks(a, rng, st, fmt))
    bl.extend(narrative_blocks(a, rng, st, fmt))
    bl.append(B_space(10))
    bl.append(B_p("%s（盖章）" % a["name"], align="right", indent=False))
    bl.append(B_seal(a["name"], size_mm=36))
    bl.append(B_p("%d年3月%d日" % (AS_OF.year, rng.randint(5, 28)), align="right", indent=False))
    return bl, st


# ---------------------------------------------------------------------------
# licences and certificates (Pillow)
# ---------------------------------------------------------------------------
def _border(d, W, H, rng, color=(200, 120, 90), inset=30):
    for k in range(3):
        d.rectangle([inset + k * 9, inset + k * 9, W - inset - k * 9, H - inset - k * 9],
                    outline=color, width=3 if k == 1 else 1)
    # guilloche-like wave band
    for y0 in (inset + 34, H - inset - 40):
        pts = [(x, y0 + 6 * math.sin(x / 11.0)) for x in range(inset + 30, W - inset - 30, 3)]
        d.line(pts, fill=color + (0,) if len(color) == 3 else color, width=1)


def _emblem(img, cx, cy, r):
    d = ImageDraw.Draw(img)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(205, 40, 40), outline=(230, 180, 40), width=6)
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r * 0.55 if k % 2 == 0 else r * 0.22
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=(240, 200, 60))


def _kv(d, x, y, label, value, f, width, gap=22, lh=None):
    lh = lh or int(f.size * 1.5)
    d.text((x, y), label, font=f, fill=(35, 35, 35))
    lw = d.textlength("法定代表人", font=f) + gap
    lines = wrap_text(d, value, f, width - lw)
    for i, ln in enumerate(lines):
        d.text((x + lw, y + i * lh), ln, font=f, fill=(20, 20, 20))
    return y + max(1, len(lines)) * lh + int(f.size * 0.45)


def licence_image(a, rng, portrait=False):
    """2019-style 营业执照 (or branch licence); returns (PIL image, stated licence fields)."""
    L = CAT["licence"]["business_2019"]
    lic = a["lic"]
    st = {}
    if portrait:
        W, H = 1500, 2100
    else:
        W, H = 2100, 1480
    img = Image.new("RGB", (W, H), (252, 250, 243))
    d = ImageDraw.Draw(img)
    _border(d, W, H, rng)
    fsmall, fmid, flab = font(30, SERIF), font(34, SERIF), font(36, SERIF)
    # top-left code, top-right licence number
    d.text((110, 105), L["code_label"], font=fsmall, fill=(30, 30, 30))
    d.text((110, 150), lic["uscc"], font=font(40, SERIF), fill=(10, 10, 10))
    st["licence.uscc"] = lic["uscc"]
    num = lic["number"]
    nt = L["number_label"] + num
    d.text((W - 110 - d.textlength(nt, font=fsmall), 110), nt, font=fsmall, fill=(30, 30, 30))
    _emblem(img, W // 2, 175, 62)
    ft = font(120 if not portrait else 104, SERIF_B)
    tw = d.textlength(L["title"], font=ft)
    d.text(((W - tw) / 2, 255), L["title"], font=ft, fill=(180, 30, 30))
    cm = lic.get("copy_mark", L["copy_mark"][0])
    if cm:
        fc = font(42, SERIF)
        d.text(((W - d.textlength(cm, font=fc)) / 2, 400), cm, font=fc, fill=(60, 60, 60))
    branch = lic.get("branch", False)
    st["licence.is_branch"] = bool(branch)
    st["licence.name"] = lic["name"]
    est = cn_date0(lic["est"])
    st["licence.established_date"] = lic["est"]
    term_to = lic.get("term_to")
    term = "%s 至 %s" % (est, cn_date0(term_to) if term_to else L["term_forever"])
    st["licence.valid_from"] = lic["est"]
    if term_to:
        st["licence.valid_until"] = term_to
    if branch:
        left = [("名　　称", lic["name"]), ("类　　型", L["branch_type"]), ("负 责 人", lic["person"]),
                ("经营范围", lic["scope"])]
        right = [("成立日期", est), ("营业期限", term), ("营业场所", lic["addr"])]
    else:
        cap_t = lic["cap_text"]
        st["licence.registered_capital"] = lic["cap_value"]
        st["licence.legal_representative"] = lic["person"]
        left = [("名　　称", lic["name"]), ("类　　型", lic["type"]), ("法定代表人", lic["person"]),
                ("经营范围", lic["scope"])]
        right = [("注册资本", cap_t), ("成立日期", est), ("营业期限", term), ("住　　所", lic["addr"])]
    if portrait:
        y = 500
        for k, v_ in left[:3] + right + left[3:]:
            y = _kv(d, 150, y, k, v_, flab, W - 300)
        qr = qr_block(rng, px=7)
        img.paste(qr, (W - 150 - qr.width, H - 560))
        cap_lines = wrap_text(d, L["qr_caption"], font(20, SANS), 300)
        for i, ln in enumerate(cap_lines):
            d.text((W - 150 - qr.width, H - 560 + qr.height + 6 + i * 28), ln, font=font(20, SANS), fill=(60, 60, 60))
        ay = H - 330
    else:
        y = 500
        for k, v_ in left:
            y = _kv(d, 150, y, k, v_, flab, 880)
        y2 = 500
        for k, v_ in right:
            y2 = _kv(d, 1120, y2, k, v_, flab, 850)
        qr = qr_block(rng, px=7)
        img.paste(qr, (150, H - 150 - qr.height))
        cap_lines = wrap_text(d, L["qr_caption"], font(20, SANS), 300)
        for i, ln in enumerate(cap_lines):
            d.text((150 + qr.width + 20, H - 150 - qr.height + 40 + i * 28), ln, font=font(20, SANS), fill=(60, 60, 60))
        ay = H - 330
    # authority + seal + date
    ax = W - 700
    d.text((ax, ay), L["authority_label"], font=font(36, SERIF), fill=(30, 30, 30))
    date_t = cn_date0(lic["issue"])
    d.text((ax + 60, ay + 120), date_t, font=font(36, SERIF), fill=(30, 30, 30))
    img = paste_seal(img, seal_image(lic["authority"], 300, bottom=""), (ax + 170, ay - 120), alpha=0.82)
    d = ImageDraw.Draw(img)
    fz = font(22, SANS)
    for i, ln in enumerate(L["footer"]):
        d.text(((W - d.textlength(ln, font=fz)) / 2, H - 95 + i * 30), ln, font=fz, fill=(90, 90, 90))
    return img, st


def cert_image(a, rng):
    """事业单位法人证书 / 社会团体法人登记证书 / 民办非企业单位登记证书."""
    kind = a["nature"]
    L = CAT["licence"][kind]
    lic = a["lic"]
    st = {"licence.name": lic["name"], "licence.uscc": lic["uscc"], "licence.is_branch": False,
          "licence.legal_representative": lic["person"], "licence.valid_from": lic["valid_from"],
          "licence.valid_until": lic["valid_until"], "licence.registered_capital": lic["cap_value"]}
    W, H = 2100, 1480
    bgc = {"public_institution": (250, 246, 228), "social_organization": (246, 249, 252),
           "private_non_enterprise": (248, 250, 244)}[kind]
    img = Image.new("RGB", (W, H), bgc)
    d = ImageDraw.Draw(img)
    _border(d, W, H, rng, color=(170, 130, 60))
    _emblem(img, W // 2, 150, 58)
    ft = font(96, SERIF_B)
    tw = d.textlength(L["title"], font=ft)
    d.text(((W - tw) / 2, 230), L["title"], font=ft, fill=(160, 30, 30))
    d.text(((W - d.textlength("（副本）", font=font(40)) ) / 2, 350), "（副本）", font=font(40), fill=(60, 60, 60))
    f = font(36, SERIF)
    va = "自%s至%s" % (cn_date0(lic["valid_from"]), cn_date0(lic["valid_until"]))
    rows = [("统一社会信用代码", lic["uscc"]), ("名　　称", lic["name"])]
    if kind == "public_institution":
        rows += [("宗旨和业务范围", lic["scope"]), ("住　　所", lic["addr"]), ("法定代表人", lic["person"]),
                 ("开办资金", lic["cap_text"]), ("经费来源", lic["funding"]), ("举办单位", lic["sponsor"])]
    elif kind == "social_organization":
        rows += [("住　　所", lic["addr"]), ("法定代表人", lic["person"]), ("业务范围", lic["scope"]),
                 ("活动地域", lic["area"]), ("注册资金", lic["cap_text"]), ("业务主管单位", lic["sponsor"])]
    else:
        rows += [("住　　所", lic["addr"]), ("法定代表人", lic["person"]), ("业务范围", lic["scope"]),
                 ("开办资金", lic["cap_text"]), ("业务主管单位", lic["sponsor"])]
    y = 450
    lw = d.textlength("宗旨和业务范围", font=f) + 40
    for k, v_ in rows:
        d.text((170, y), k, font=f, fill=(30, 30, 30))
        lines = wrap_text(d, v_, f, W - 340 - lw)
        for i, ln in enumerate(lines):
            d.text((170 + lw, y + i * 54), ln, font=f, fill=(15, 15, 15))
        y += max(1, len(lines)) * 54 + 14
    # validity (NOT the establishment date) at the bottom left
    vt = ("有效期　" if kind == "public_institution" else "有 效 期　") + va
    d.text((170, H - 230), vt, font=f, fill=(20, 20, 20))
    d.text((W - 760, H - 300), "登记管理机关", font=f, fill=(30, 30, 30))
    d.text((W - 700, H - 190), cn_date0(lic["issue"]), font=f, fill=(30, 30, 30))
    img = paste_seal(img, seal_image(lic["authority"], 300), (W - 620, H - 420), alpha=0.8)
    d = ImageDraw.Draw(img)
    mk = {"public_institution": "国家事业单位登记管理局监制", "social_organization": "中华人民共和国民政部制",
          "private_non_enterprise": "中华人民共和国民政部制"}[kind]
    d.text(((W - d.textlength(mk, font=font(24, SANS))) / 2, H - 95), mk, font=font(24, SANS), fill=(90, 90, 90))
    return img, st


def licence_output(a, rng):
    """Rendered licence file: (bytes, ext, stated, n_images)."""
    o = a["lic"].get("out", "photo")
    if a["nature"] == "enterprise":
        img, st = licence_image(a, rng, portrait=a["lic"].get("portrait", False))
    else:
        img, st = cert_image(a, rng)
    if o == "photo":
        im = photo_effect(img, rng, out_w=a["lic"].get("w", 1600), contrast=a["lic"].get("contrast"))
        return jpeg_bytes(im, a["lic"].get("q", 80)), ".jpg", st, im
    if o == "lowcontrast":
        im = photo_effect(img, rng, out_w=1400, contrast=0.62, bright=1.12, blur=1.0, noise=9)
        return jpeg_bytes(im, 62), ".jpg", st, im
    if o == "scan":
        img = img.resize((1750, int(1750 * img.height / img.width)), Image.LANCZOS)
        im = scan_effect(img, rng, gray=False, noise=5, blur=0.6)
        return png_bytes(im), ".png", st, im
    if o == "pdf":
        img = img.resize((1650, int(1650 * img.height / img.width)), Image.LANCZOS)
        im = scan_effect(img, rng, gray=True, noise=6, blur=0.6)
        return images_to_pdf([im], 150), ".pdf", st, im
    raise ValueError(o)


# ---------------------------------------------------------------------------
# audit reports (reportlab text PDFs)
# ---------------------------------------------------------------------------
def make_fin(a, rng):
    """Financial statements in cents, consistent with the 附件2 figures."""
    v, au = a["v"], a["audit"]
    f = {}
    ta = int(round(au.get("ta", v["total_assets"]) * 100))
    f["ta_end"] = ta
    f["ta_start"] = int(ta * rng.uniform(0.86, 1.04))
    nr = au.get("na_ratio", rng.uniform(0.38, 0.78))
    f["na_end"] = int(ta * nr)
    f["na_start"] = int(f["ta_start"] * nr * rng.uniform(0.9, 1.02))
    f["tl_end"] = ta - f["na_end"]
    f["tl_start"] = f["ta_start"] - f["na_start"]
    f["rev"] = int(round(au.get("rev", v["revenue"]) * 100))
    f["rev_prev"] = int(f["rev"] * rng.uniform(0.8, 0.97))
    f["si"] = int(round(au.get("si", v.get("service_income") or 0) * 100))
    f["se"] = int(round(au.get("se", v.get("service_expense") or 0) * 100))
    return f


def _disp(cents, unit):
    return wan_str(cents) if unit == "wan" else yuan_str(cents)


def _stated(cents, unit):
    if unit == "wan":
        return round(round(cents / 1e6, 2) * 1e4, 2)
    return round(cents / 100, 2)


def _unit_line(unit, rng):
    return pick(rng, ["单位：万元", "金额单位：万元"]) if unit == "wan" else pick(rng, ["单位：元", "金额单位：人民币元"])


def ent_balance(f, rng):
    """dict of row label -> (end, start) cents for an enterprise balance sheet."""
    out = {}
    for side, ta, na in (("end", f["ta_end"], f["na_end"]), ("start", f["ta_start"], f["na_start"])):
        ca = int(ta * rng.uniform(0.45, 0.8))
        nca = ta - ca
        cas = split_int(ca, 5, rng)
        ncas = split_int(nca, 3, rng)
        tl = ta - na
        cl = int(tl * rng.uniform(0.75, 1.0))
        ncl = tl - cl
        cls = split_int(cl, 6, rng)
        paid = int(na * rng.uniform(0.5, 0.8))
        cap_res = int(na * rng.uniform(0.0, 0.08))
        surplus = int(na * rng.uniform(0.02, 0.08))
        undist = na - paid - cap_res - surplus
        vals = dict(zip(CAT["audit"]["enterprise_bs_assets"][:5], cas))
        vals["流动资产合计"] = ca
        vals.update(dict(zip(["固定资产", "无形资产", "长期待摊费用"], ncas)))
        vals["非流动资产合计"] = nca
        vals["资产总计"] = ta
        vals.update(dict(zip(CAT["audit"]["enterprise_bs_liab"][:6], cls)))
        vals["流动负债合计"] = cl
        vals["长期借款"] = ncl
        vals["非流动负债合计"] = ncl
        vals["负债合计"] = tl
        vals["实收资本（或股本）"] = paid
        vals["资本公积"] = cap_res
        vals["盈余公积"] = surplus
        vals["未分配利润"] = undist
        vals["所有者权益（或股东权益）合计"] = na
        vals["负债和所有者权益（或股东权益）总计"] = ta
        for k, x in vals.items():
            out.setdefault(k, {})[side] = x
    return out


def ent_income(f, rng):
    out = {}
    for side, rev in (("cur", f["rev"]), ("prev", f["rev_prev"])):
        cost = int(rev * rng.uniform(0.5, 0.66))
        tax = int(rev * rng.uniform(0.004, 0.01))
        sell = int(rev * rng.uniform(0.02, 0.05))
        admin = int(rev * rng.uniform(0.12, 0.2))
        fin_ = int(rev * rng.uniform(0.001, 0.008))
        oth = int(rev * rng.uniform(0.0, 0.02))
        op = rev - cost - tax - sell - admin - fin_ + oth
        ni, ne = int(rev * rng.uniform(0, 0.006)), int(rev * rng.uniform(0, 0.003))
        tp = op + ni - ne
        it = int(max(tp, 0) * rng.uniform(0.05, 0.2))
        np_ = tp - it
        rows = [rev, cost, tax, sell, admin, fin_, oth, op, ni, ne, tp, it, np_]
        for k, x in zip(CAT["audit"]["enterprise_is"], rows):
            out.setdefault(k, {})[side] = x
    return out


HEAD_ROWS = {"流动资产：", "非流动资产：", "流动负债：", "非流动负债：", "所有者权益（或股东权益）：",
             "净资产：", "负债：", "一、收　入", "二、费　用"}


def statement_blocks_enterprise(a, rng, f, layout, unit, st):
    au = a["audit"]
    bl = []
    bs = ent_balance(f, rng)
    isd = ent_income(f, rng)
    st["audit.total_assets"] = _stated(bs["资产总计"]["end"], unit)
    st["audit.total_liabilities"] = _stated(bs["负债合计"]["end"], unit)
    st["audit.net_assets"] = _stated(bs["所有者权益（或股东权益）合计"]["end"], unit)
    st["audit.revenue"] = _stated(isd["一、营业收入"]["cur"], unit)
    st["audit.net_profit"] = _stated(isd["四、净利润（净亏损以“－”号填列）"]["cur"], unit)
    A = CAT["audit"]
    left = ["流动资产："] + A["enterprise_bs_assets"][:6] + ["非流动资产："] + A["enterprise_bs_assets"][6:]
    right = ["流动负债："] + A["enterprise_bs_liab"][:7] + ["非流动负债："] + A["enterprise_bs_liab"][7:10] + \
        ["所有者权益（或股东权益）："] + A["enterprise_bs_liab"][10:]
    title = pick(rng, A["balance_sheet_titles"])
    hdr = "编制单位：%s　　　　%d年12月31日　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng))

    def amt(k, side):
        return "" if k in HEAD_ROWS else _disp(bs[k][side], unit)
    bl.append(B_title(title, 16))
    bl.append(B_p(A["balance_sheet_forms"]["enterprise"], align="right", indent=False, size=9))
    bl.append(B_p(hdr, indent=False, size=9))
    if layout == "A":       # side by side, 期末 | 年初, 行次
        cols = A["column_sets"]["end_start"]
        rows = [["资　产", "行次", cols[0], cols[1], "负债和所有者权益（或股东权益）", "行次", cols[0], cols[1]]]
        ln = 1
        for i in range(max(len(left), len(right))):
            l = left[i] if i < len(left) else ""
            r = right[i] if i < len(right) else ""
            row = [l, "" if (not l or l in HEAD_ROWS) else str(i + 1), amt(l, "end") if l else "",
                   amt(l, "start") if l else "",
                   r, "" if (not r or r in HEAD_ROWS) else str(i + 31), amt(r, "end") if r else "",
                   amt(r, "start") if r else ""]
            rows.append(row)
        bl.append(B_table(rows, widths=[2.6, 0.6, 1.9, 1.9, 3.2, 0.6, 1.9, 1.9], header=1, size=7.5,
                          align=[None, "center", "right", "right", None, "center", "right", "right"]))
    else:
        if layout == "B":
            cols = A["column_sets"]["start_end"]       # 年初 first (as 会民非/old 会企 forms)
            order = ("start", "end")
            head = ["项　目", "行次", cols[0], cols[1]]
        elif layout == "C":
            cols = A["column_sets"]["dated"]
            order = ("end", "start")
            head = ["项　目", "附注", cols[0], cols[1]]
        else:
            cols = A["column_sets"]["end_lastend"]
            order = ("end", "start")
            head = ["项　目", cols[0], cols[1]]
        rows = [head]
        items = left + (["__break__"] if layout == "B" else []) + ["负债和所有者权益（或股东权益）："] + right
        n = 0
        for k in items:
            if k == "__break__":
                bl.append(B_table(rows, widths=[4, 0.8, 2.2, 2.2][:len(head)] if len(head) == 4 else [4, 2.2, 2.2],
                                  header=1, size=9, align=[None, "center", "right", "right"][:len(head)]))
                bl.append(B_break())
                bl.append(B_p("资产负债表（续）", align="center", indent=False, size=12))
                bl.append(B_p(hdr, indent=False, size=9))
                rows = [head]
                continue
            n += 1
            label = k
            if k in HEAD_ROWS or k.endswith("："):
                vals = ["", ""]
                mid = ""
            else:
                vals = [_disp(bs[k][order[0]], unit), _disp(bs[k][order[1]], unit)]
                mid = str(n) if layout == "B" else ("五、%d" % (n % 17 + 1) if layout == "C" and rng.random() < 0.4 else "")
            rows.append([label, mid] + vals if len(head) == 4 else [label] + vals)
        w = [4, 0.8, 2.2, 2.2] if len(head) == 4 else [4, 2.2, 2.2]
        bl.append(B_table(rows, widths=w, header=1, size=9,
                          align=([None, "center", "right", "right"] if len(head) == 4 else [None, "right", "right"]),
                          repeat=1))
    bl.append(B_p("法定代表人：%s　　主管会计工作负责人：%s　　会计机构负责人：%s" %
                  (a["legal_rep"], person_name(rng), person_name(rng)), indent=False, size=9))
    bl.append(B_break())
    # income statement
    bl.append(B_title(pick(rng, A["income_titles"]["enterprise"]), 16))
    bl.append(B_p("会企02表", align="right", indent=False, size=9))
    bl.append(B_p("编制单位：%s　　　　%d年度　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng)),
                  indent=False, size=9))
    if layout == "C":
        head = ["项　目", "附注", "%d年度" % LAST_YEAR, "%d年度" % PRIOR_YEAR]
    elif layout == "D":
        head = ["项　目", "本年金额", "上年金额"]
    else:
        head = ["项　目", "行次", "本期金额", "上期金额"]
    rows = [head]
    for i, k in enumerate(A["enterprise_is"]):
        vals = [_disp(isd[k]["cur"], unit), _disp(isd[k]["prev"], unit)]
        if len(head) == 4:
            rows.append([k, str(i + 1) if layout != "C" else "", *vals])
        else:
            rows.append([k, *vals])
    w = [4, 0.8, 2.2, 2.2] if len(head) == 4 else [4, 2.2, 2.2]
    bl.append(B_table(rows, widths=w, header=1, size=9.5,
                      align=([None, "center", "right", "right"] if len(head) == 4 else [None, "right", "right"])))
    return bl


def statement_blocks_public(a, rng, f, unit, st):
    """事业单位: 资产负债表 + 收入费用表 (revenue = 本期收入 total)."""
    A = CAT["audit"]
    bl = []
    ta, na = f["ta_end"], f["na_end"]
    tl = ta - na
    vals = {}
    for side, T, N in (("end", ta, na), ("start", f["ta_start"], f["na_start"])):
        ca = int(T * rng.uniform(0.5, 0.85))
        cas = split_int(ca, 4, rng)
        nca = T - ca
        ncas = split_int(nca, 2, rng)
        L_ = T - N
        ls = split_int(L_, 2, rng)
        acc = int(N * rng.uniform(0.8, 0.95))
        row = dict(zip(A["public_bs"][:4], cas))
        row.update({"流动资产合计": ca, "固定资产净值": ncas[0], "无形资产净值": ncas[1], "非流动资产合计": nca,
                    "资产总计": T, "应付职工薪酬": ls[0], "其他应付款": ls[1], "流动负债合计": L_, "负债合计": L_,
                    "累计盈余": acc, "专用基金": N - acc, "净资产合计": N, "负债和净资产总计": T})
        for k, x in row.items():
            vals.setdefault(k, {})[side] = x
    st["audit.total_assets"] = _stated(ta, unit)
    st["audit.total_liabilities"] = _stated(tl, unit)
    st["audit.net_assets"] = _stated(na, unit)
    bl.append(B_title("资产负债表", 16))
    bl.append(B_p(A["balance_sheet_forms"]["public"], align="right", indent=False, size=9))
    bl.append(B_p("编制单位：%s　　　　%d年12月31日　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng)),
                  indent=False, size=9))
    rows = [["项　目", "期末余额", "年初余额"]]
    for k in ["流动资产："] + A["public_bs"][:5] + ["非流动资产："] + A["public_bs"][5:9] + ["负债："] + \
            A["public_bs"][9:13] + ["净资产："] + A["public_bs"][13:]:
        if k.endswith("："):
            rows.append([k, "", ""])
        else:
            rows.append([k, _disp(vals[k]["end"], unit), _disp(vals[k]["start"], unit)])
    bl.append(B_table(rows, widths=[4, 2.2, 2.2], header=1, size=9.5, align=[None, "right", "right"]))
    bl.append(B_break())
    rev = f["rev"]
    parts = split_w(rev, [0.62, 0.2, 0.06, 0.04, 0.08], rng)     # 财政拨款 is the biggest line
    exp = int(rev * rng.uniform(0.9, 1.0))
    eparts = split_w(exp, [0.7, 0.22, 0.03, 0.05], rng)
    month = lambda x: int(x * rng.uniform(0.06, 0.14))
    lines = [("一、本期收入", rev)] + list(zip(A["public_is"][1:6], parts)) + [("二、本期费用", exp)] + \
        list(zip(A["public_is"][7:11], eparts)) + [("三、本期盈余", rev - exp)]
    st["audit.revenue"] = _stated(rev, unit)
    bl.append(B_title("收入费用表", 16))
    bl.append(B_p("会政财02表", align="right", indent=False, size=9))
    bl.append(B_p("编制单位：%s　　　　%d年度　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng)),
                  indent=False, size=9))
    rows = [["项　目", "本月数", "本年累计数"]]
    for k, x in lines:
        rows.append([k, _disp(month(x), unit), _disp(x, unit)])
    bl.append(B_table(rows, widths=[4, 2.2, 2.2], header=1, size=9.5, align=[None, "right", "right"]))
    return bl


def statement_blocks_nonprofit(a, rng, f, unit, st, cur_first):
    """社会团体 / 民办非企业单位: 会民非01表 (年初数|期末数) + 会民非02表 业务活动表."""
    A = CAT["audit"]
    bl = []
    vals = {}
    for side, T, N in (("end", f["ta_end"], f["na_end"]), ("start", f["ta_start"], f["na_start"])):
        ca = int(T * rng.uniform(0.5, 0.85))
        cas = split_int(ca, 4, rng)
        fixed = T - ca
        orig = int(fixed * rng.uniform(1.2, 1.6))
        L_ = T - N
        ls = split_int(L_, 4, rng)
        unres = int(N * rng.uniform(0.85, 1.0))
        row = dict(zip(A["nonprofit_bs_assets"][:4], cas))
        row.update({"流动资产合计": ca, "固定资产原价": orig, "减：累计折旧": orig - fixed, "固定资产净值": fixed,
                    "固定资产合计": fixed, "资产总计": T})
        row.update(dict(zip(A["nonprofit_bs_liab"][:4], ls)))
        row.update({"流动负债合计": L_, "负债合计": L_, "非限定性净资产": unres, "限定性净资产": N - unres,
                    "净资产合计": N, "负债和净资产总计": T})
        for k, x in row.items():
            vals.setdefault(k, {})[side] = x
    st["audit.total_assets"] = _stated(f["ta_end"], unit)
    st["audit.total_liabilities"] = _stated(f["ta_end"] - f["na_end"], unit)
    st["audit.net_assets"] = _stated(f["na_end"], unit)
    bl.append(B_title("资产负债表", 16))
    bl.append(B_p(A["balance_sheet_forms"]["nonprofit"], align="right", indent=False, size=9))
    bl.append(B_p("编制单位：%s　　　　%d年12月31日　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng)),
                  indent=False, size=9))
    left = ["流动资产："] + A["nonprofit_bs_assets"][:5] + ["固定资产："] + A["nonprofit_bs_assets"][5:]
    right = ["流动负债："] + A["nonprofit_bs_liab"][:6] + ["净资产："] + A["nonprofit_bs_liab"][6:]
    rows = [["资　产", "行次", "年初数", "期末数", "负债和净资产", "行次", "年初数", "期末数"]]
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else ""
        r = right[i] if i < len(right) else ""
        la = ["", ""] if (not l or l.endswith("：")) else [_disp(vals[l]["start"], unit), _disp(vals[l]["end"], unit)]
        ra = ["", ""] if (not r or r.endswith("：")) else [_disp(vals[r]["start"], unit), _disp(vals[r]["end"], unit)]
        rows.append([l, "" if not la[0] else str(i + 1), *la, r, "" if not ra[0] else str(i + 61), *ra])
    bl.append(B_table(rows, widths=[2.4, 0.6, 1.9, 1.9, 2.4, 0.6, 1.9, 1.9], header=1, size=7.5,
                      align=[None, "center", "right", "right", None, "center", "right", "right"]))
    bl.append(B_break())
    # 业务活动表
    rev = f["rev"]
    inc_lines = A["nonprofit_act"][1:7]
    if a["nature"] == "private_non_enterprise":   # 捐赠 会费 提供服务 政府补助 投资收益 其他
        inc = split_w(rev, [0.05, 0, 0.75, 0.15, 0.01, 0.04], rng)
    else:
        inc = split_w(rev, [0.08, 0.45, 0.25, 0.17, 0.0, 0.05], rng)
    restricted = [int(x * rng.uniform(0, 0.15)) if i in (0, 3) else 0 for i, x in enumerate(inc)]
    exp = int(rev * rng.uniform(0.88, 1.0))
    exl = split_w(exp, [0.72, 0.22, 0.0, 0.06], rng)
    prev_f = rng.uniform(0.8, 0.95)
    st["audit.revenue"] = _stated(rev, unit)

    def trip(total, restr):
        return [_disp(total - restr, unit), _disp(restr, unit), _disp(total, unit)]
    rows_data = []
    lines = A["nonprofit_act"]
    rows_data.append((lines[0], None, None))
    for k, x, r in zip(inc_lines, inc, restricted):
        rows_data.append((k, x, r))
    rows_data.append((lines[7], rev, sum(restricted)))
    rows_data.append((lines[8], None, None))
    for k, x in zip(lines[9:13], exl):
        rows_data.append((k, x, 0))
    rows_data.append((lines[13], exp, 0))
    rows_data.append((lines[14], 0, 0))
    rows_data.append((lines[15], rev - exp, sum(restricted)))
    bl.append(B_title("业务活动表", 16))
    bl.append(B_p(A["balance_sheet_forms"]["nonprofit"].replace("01", "02"), align="right", indent=False, size=9))
    bl.append(B_p("编制单位：%s　　　　%d年度　　　　%s" % (a["name"], LAST_YEAR, _unit_line(unit, rng)),
                  indent=False, size=9))
    g1, g2 = ("本年数", "上年数") if cur_first else ("上年数", "本年数")
    head1 = ["项　目", "行次", g1, "", "", g2, "", ""]
    head2 = ["", "", "非限定性", "限定性", "合计", "非限定性", "限定性", "合计"]
    rows = [head1, head2]
    for i, (k, x, r) in enumerate(rows_data):
        if x is None:
            rows.append([k, "", "", "", "", "", "", ""])
            continue
        cur = trip(x, r)
        prev = trip(int(x * prev_f), int(r * prev_f))
        rows.append([k, str(i + 1), *(cur + prev if cur_first else prev + cur)])
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 0, 7)]
    bl.append(B_table(rows, widths=[3.2, 0.6, 1.6, 1.3, 1.6, 1.6, 1.3, 1.6], merges=merges, header=2, size=7.5,
                      align=[None, "center"] + ["right"] * 6))
    return bl


def service_table(rng, si, se, unit):
    A = CAT["audit"]["service_table_rows"]
    ins = split_int(si, len(A["income"]), rng)
    exs = split_int(se, len(A["expense"]), rng)
    rows = [["项　目", "金额"]]
    rows.append(["一、服务收入", ""])
    for k, x in zip(A["income"], ins):
        rows.append(["　" + k, _disp(x, unit)])
    rows.append(["服务收入合计", _disp(si, unit)])
    rows.append(["二、服务支出", ""])
    for k, x in zip(A["expense"], exs):
        rows.append(["　" + k, _disp(x, unit)])
    rows.append(["服务支出合计", _disp(se, unit)])
    rows.append(["三、服务收支结余", _disp(si - se, unit)])
    return B_table(rows, widths=[4, 2.4], header=1, size=9.5, align=[None, "right"])


def audit_text_blocks(a, rng, opinion, firm, number, stmts_name):
    au = a["audit"]
    nm = a["name"]
    bl = [B_space(30), B_title("审　计　报　告", 26), B_p(number, align="center", indent=False, size=12),
          B_space(60), B_p(nm, align="center", indent=False, size=15),
          B_p("%d年度财务报表审计" % LAST_YEAR, align="center", indent=False, size=13), B_space(80),
          B_p(firm, align="center", indent=False, size=14),
          B_p("二〇二六年三月", align="center", indent=False, size=12), B_break()]
    bl.append(B_title("审 计 报 告", 18))
    bl.append(B_p(number, align="right", indent=False, size=10))
    bl.append(B_p("%s全体%s：" % (nm, "股东" if a["nature"] == "enterprise" else "理事（会员）"), indent=False))
    A = CAT["audit"]
    bl.append(B_h(A["opinion_headings"][opinion][0], 12))
    unit_word = {"enterprise": "公司", "public_institution": "中心", "social_organization": "本会",
                 "private_non_enterprise": "单位"}[a["nature"]]
    short = au.get("short", "贵" + unit_word)
    bl.append(B_p("我们审计了%s（以下简称“%s”）财务报表，包括%d年12月31日的资产负债表，%d年度的%s以及相关财务报表附注。"
                  % (nm, short, LAST_YEAR, LAST_YEAR, stmts_name)))
    std = {"enterprise": "企业会计准则", "public_institution": "政府会计准则制度",
           "social_organization": "《民间非营利组织会计制度》", "private_non_enterprise": "《民间非营利组织会计制度》"}[a["nature"]]
    if opinion == "qualified":
        bl.append(B_p("我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，后附的财务报表在所有重大方面按照%s的规定编制，"
                      "公允反映了%s%d年12月31日的财务状况以及%d年度的经营成果和现金流量。" % (std, short, LAST_YEAR, LAST_YEAR)))
        bl.append(B_h(A["basis_headings"]["qualified"], 12))
        bl.append(B_p("如财务报表附注五、3所述，%s%d年12月31日其他应收款中账龄三年以上的款项%s元，管理层未计提坏账准备。"
                      "我们无法就该等款项的可收回性获取充分、适当的审计证据，因此无法确定是否有必要对这些金额作出调整。"
                      % (short, LAST_YEAR, "{:,.2f}".format(rng.randint(300000, 900000) + 0.37))))
        bl.append(B_p("我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，我们获取的审计证据是充分、适当的，为发表保留意见提供了基础。"))
    else:
        bl.append(B_p("我们认为，后附的财务报表在所有重大方面按照%s的规定编制，公允反映了%s%d年12月31日的财务状况以及%d年度的经营成果。"
                      % (std, short, LAST_YEAR, LAST_YEAR)))
        bl.append(B_h(A["basis_headings"][opinion], 12))
        bl.append(B_p("我们按照中国注册会计师审计准则的规定执行了审计工作。审计报告的“注册会计师对财务报表审计的责任”部分进一步阐述了我们在这些准则下的责任。"
                      "按照中国注册会计师职业道德守则，我们独立于%s，并履行了职业道德方面的其他责任。我们相信，我们获取的审计证据是充分、适当的，"
                      "为发表审计意见提供了基础。" % short))
        if opinion == "unqualified_with_emphasis":
            bl.append(B_h(pick(rng, A["emphasis_heading"][:1]), 12))
            bl.append(B_p(au.get("emphasis_text") or
                          ("我们提醒财务报表使用者关注，如财务报表附注十所述，%s%d年度收入的%d%%来源于政府购买服务项目，"
                           "相关合同将于%d年到期，续签存在不确定性。本段内容不影响已发表的审计意见。"
                           % (short, LAST_YEAR, rng.randint(55, 75), AS_OF.year))))
    bl.append(B_h("%s、管理层和治理层对财务报表的责任" % ("四" if opinion == "unqualified_with_emphasis" else "三"), 12))
    bl.append(B_p("%s管理层负责按照%s的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要的内部控制，"
                  "以使财务报表不存在由于舞弊或错误导致的重大错报。" % (short, std)))
    bl.append(B_h("%s、注册会计师对财务报表审计的责任" % ("五" if opinion == "unqualified_with_emphasis" else "四"), 12))
    bl.append(B_p("我们的目标是对财务报表整体是否不存在由于舞弊或错误导致的重大错报获取合理保证，并出具包含审计意见的审计报告。"
                  "合理保证是高水平的保证，但并不能保证按照审计准则执行的审计在某一重大错报存在时总能发现。"))
    bl.append(B_space(8))
    bl.append(B_p("%s　　　　　　中国注册会计师：%s" % (firm, person_name(rng)), align="left", indent=False))
    bl.append(B_seal(firm[:14], size_mm=34))
    bl.append(B_p("中国·银川　　　　　　　　　　中国注册会计师：%s" % person_name(rng), align="left", indent=False))
    bl.append(B_p("二〇二六年三月%s日" % pick(rng, ["十二", "十八", "二十", "二十五", "六"]), align="right", indent=False))
    bl.append(B_break())
    return bl


def audit_blocks(a, rng, f):
    """Main audit report blocks and stated audit.* fields."""
    au = a["audit"]
    st = {"audit.year": LAST_YEAR, "audit.firm": au["firm"], "audit.opinion": au["opinion"]}
    unit = au.get("unit", "yuan")
    nat = a["nature"]
    stmts = {"enterprise": "利润表、现金流量表、所有者权益变动表",
             "public_institution": "收入费用表、净资产变动表",
             "social_organization": "业务活动表、现金流量表",
             "private_non_enterprise": "业务活动表、现金流量表"}[nat]
    bl = audit_text_blocks(a, rng, au["opinion"], au["firm"], au["number"], stmts)
    if nat == "enterprise":
        bl += statement_blocks_enterprise(a, rng, f, au.get("layout", "A"), unit, st)
    elif nat == "public_institution":
        bl += statement_blocks_public(a, rng, f, unit, st)
    else:
        bl += statement_blocks_nonprofit(a, rng, f, unit, st, au.get("cur_first", False))
    bl.append(B_break())
    bl.append(B_title("财务报表附注", 15))
    bl.append(B_p("%d年度（除特别注明外，金额单位为人民币%s）" % (LAST_YEAR, "万元" if unit == "wan" else "元"),
                  align="center", indent=False, size=10))
    bl.append(B_h("一、基本情况", 12))
    lic = a["lic"]
    reg = "注册资本%s" % state_money(a["reg_cap"], "wan")[0] if a.get("reg_cap") and nat == "enterprise" else ""
    bl.append(B_p("%s（统一社会信用代码：%s）%s，%s，住所：%s。主要从事%s。" %
                  (a["name"], lic["uscc"], ("成立于%s" % state_date(a["est"], "cn")) if nat == "enterprise" else "依法登记设立",
                   reg or "属非营利性组织", a["addr"], lic["scope"][:40])))
    bl.append(B_h("二、财务报表的编制基础", 12))
    bl.append(B_p("本财务报表以持续经营为基础，根据实际发生的交易和事项编制。"))
    if au.get("special") == "inside":
        su = au.get("service_unit", unit)
        bl.append(B_h("八、%s" % pick(rng, CAT["audit"]["service_note_titles"]), 12))
        bl.append(B_p("根据《宁夏回族自治区中小企业公共服务示范平台认定管理办法》要求，现将%d年度为中小企业提供服务的收支情况说明如下"
                      "（%s）：" % (LAST_YEAR, "单位：万元" if su == "wan" else "单位：元"), indent=True))
        bl.append(service_table(rng, f["si"], f["se"], su))
        st["audit.service_income"] = _stated(f["si"], su)
        st["audit.service_expense"] = _stated(f["se"], su)
    return bl, st


def special_audit_blocks(a, rng, f):
    au = a["audit"]
    su = au.get("service_unit", "yuan")
    firm = au.get("special_firm", au["firm"])
    t = pick(rng, CAT["audit"]["special_titles"]).format(unit=a["name"])
    bl = [B_title(t, 16), B_p(au["special_number"], align="center", indent=False, size=11), B_space(4),
          B_p("%s：" % a["name"], indent=False)]
    bl.append(B_p("我们接受委托，对贵单位%d年1月1日至%d年12月31日为中小企业提供服务的收入和支出情况进行了专项审计。"
                  "提供真实、合法、完整的会计资料是贵单位的责任，我们的责任是在实施审计工作的基础上发表专项审计意见。" % (LAST_YEAR, LAST_YEAR)))
    si_t = (wan_str(f["si"]) + "万元") if su == "wan" else (yuan_str(f["si"]) + "元")
    se_t = (wan_str(f["se"]) + "万元") if su == "wan" else (yuan_str(f["se"]) + "元")
    bl.append(B_p("经审计，贵单位%d年度服务收入合计%s，服务支出合计%s。服务收支明细如下（%s）：" %
                  (LAST_YEAR, si_t, se_t, "单位：万元" if su == "wan" else "单位：元")))
    bl.append(service_table(rng, f["si"], f["se"], su))
    bl.append(B_p("我们认为，上述服务收支情况在所有重大方面如实反映了贵单位%d年度为中小企业提供服务的收支情况。" % LAST_YEAR))
    bl.append(B_p("本报告仅供贵单位申报自治区中小企业公共服务示范平台使用。"))
    bl.append(B_p(firm, align="right", indent=False))
    bl.append(B_p("二〇二六年三月二十日", align="right", indent=False))
    bl.append(B_seal(firm[:14], size_mm=28))
    return bl, {"audit.service_income": _stated(f["si"], su), "audit.service_expense": _stated(f["se"], su)}


# ---------------------------------------------------------------------------
# lists: staff, equipment, clients (xlsx / docx / PDF blocks)
# ---------------------------------------------------------------------------
EDU_W = {"本科": 45, "大学本科": 10, "大专": 18, "大学专科": 6, "硕士研究生": 14, "研究生": 4, "博士研究生": 2}
TITLE_W = {"工程师": 20, "经济师": 18, "会计师": 10, "高级工程师": 8, "高级经济师": 6, "中级经济师": 10,
           "高级会计师": 4, "讲师": 5, "副研究员": 2}


def wpick(rng, weights):
    ks = list(weights)
    return rng.choices(ks, weights=[weights[k] for k in ks])[0]


def make_staff(a, rng, n, n_college, n_mid):
    Ls = CAT["lists"]
    assert n_mid <= n_college <= n
    people = []
    for i in range(n):
        if i < n_mid:
            edu, title = wpick(rng, EDU_W), wpick(rng, TITLE_W)
        elif i < n_college:
            edu, title = wpick(rng, EDU_W), pick(rng, Ls["titles_below"])
        else:
            edu, title = pick(rng, Ls["education_unqualified"]), pick(rng, Ls["titles_below"][2:])
        birth = dt.date(rng.randint(1966, 2001), rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice("男女")
        people.append({"name": person_name(rng), "sex": sex, "birth": birth,
                       "id": make_id(rng, birth, sex), "edu": edu, "major": pick(rng, MAJORS), "title": title,
                       "post": pick(rng, POSTS[2:]), "phone": phone(rng),
                       "join": "%d.%02d" % (rng.randint(2012, 2024), rng.randint(1, 12))})
    rng.shuffle(people)
    # the head of the unit and a deputy lead the list
    people.sort(key=lambda p: 0 if p["title"].startswith("高级") else 1)
    people[0]["post"] = POSTS[0]
    if n > 1:
        people[1]["post"] = POSTS[1]
    return people


def staff_table_rows(a, rng, people, style):
    Ls = CAT["lists"]
    if style == "twolevel":
        h = [list(r) for r in Ls["staff_twolevel"]]
        rows = [[str(i + 1), p["name"], p["sex"], p["id"], p["edu"], p["title"], p["post"]] for i, p in enumerate(people)]
        return h, rows, [(0, 0, 1, 0), (0, 1, 0, 3), (0, 4, 0, 5), (0, 6, 1, 6)]
    hi = a["lists"].get("staff_header", 0)
    head = Ls["staff_headers"][hi]
    rows = []
    for i, p in enumerate(people):
        m = {"序号": str(i + 1), "姓名": p["name"], "性别": p["sex"], "出生年月": p["birth"].strftime("%Y.%m"),
             "身份证号码": p["id"], "学历": p["edu"], "最高学历": p["edu"], "所学专业": p["major"],
             "职称": p["title"], "专业技术职称": p["title"], "岗位/职务": p["post"], "从事岗位": p["post"],
             "职务": p["post"], "联系电话": p["phone"], "备注": "", "年龄": str(AS_OF.year - p["birth"].year),
             "入职时间": p["join"]}
        rows.append([m[c] for c in head])
    return [head], rows, []


def _xl_border():
    s = Side(style="thin")
    return Border(left=s, right=s, top=s, bottom=s)


def write_xlsx_list(title, header_rows, rows, merges, notes=(), footer=(), repeat_every=0, blank_every=0,
                    sheet="Sheet1", widths=None, extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ncol = max(len(r) for r in header_rows)
    r = 1
    ws.cell(r, 1, title).font = Font(name="宋体", size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    r = 2
    for nt in notes:
        ws.cell(r, 1, nt)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        r += 1
    bd = _xl_border()

    def put_header(r0):
        for k, hr in enumerate(header_rows):
            for c, val in enumerate(hr):
                cell = ws.cell(r0 + k, c + 1, val if val != "" else None)
                cell.font = Font(name="宋体", bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                cell.border = bd
        for (r_0, c0, r_1, c1) in merges:
            ws.merge_cells(start_row=r0 + r_0, start_column=c0 + 1, end_row=r0 + r_1, end_column=c1 + 1)
        return r0 + len(header_rows)
    r = put_header(r)
    for i, row in enumerate(rows):
        if repeat_every and i and i % repeat_every == 0:
            r = put_header(r)
        if blank_every and i and i % blank_every == 0:
            r += 1
        for c, val in enumerate(row):
            cell = ws.cell(r, c + 1, val)
            cell.border = bd
        r += 1
    for ft in footer:
        if isinstance(ft, (list, tuple)):
            for c, val in enumerate(ft):
                ws.cell(r, c + 1, val)
        else:
            ws.cell(r, 1, ft)
        r += 1
    for c in range(ncol):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width = (widths or [10] * ncol)[c] if widths else (
            22 if c in (1, 3) else 12)
    for name, data in extra_sheets:
        w2 = wb.create_sheet(name)
        for rr, row in enumerate(data):
            for cc, val in enumerate(row):
                w2.cell(rr + 1, cc + 1, val)
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    wb.properties.creator = "Administrator"
    bio = io.BytesIO()
    wb.save(bio)
    return fixed_zip(bio.getvalue())


def staff_output(a, rng, people, fmt):
    """fmt: xlsx | docx | blocks.  Returns bytes or blocks; stated list fields."""
    Ls = CAT["lists"]
    L = a["lists"]
    style = L.get("staff_style", "simple")
    title = "%s%s" % (a["name"], pick(rng, Ls["staff_titles"]))
    hr, rows, merges = staff_table_rows(a, rng, people, style)
    n = len(people)
    qualified = sum(1 for p in people if p["edu"] in Ls["education_qualified"] or p["title"] in Ls["titles_mid_plus"])
    st = {"staff_list.count": n, "staff_list.qualified_count": qualified}
    tot = pick(rng, ["共%d人" % n, "合计：%d人" % n, "以上共计%d人，其中大专及以上学历%d人。" % (n, qualified)])
    sig = pick(rng, Ls["signature_rows"]).format(a=person_name(rng), b=person_name(rng), d=rng.randint(1, 28))
    notes = [pick(rng, Ls["staff_notes"])] if L.get("staff_notes", True) else []
    if fmt == "xlsx":
        return write_xlsx_list(title, hr, rows, merges, notes=notes if L.get("notes_top") else (),
                               footer=[tot] + ([] if L.get("notes_top") else notes) + ["", sig],
                               repeat_every=L.get("repeat_every", 0), blank_every=L.get("blank_every", 0),
                               sheet=pick(rng, ["人员名单", "Sheet1", "花名册"])), st
    bl = [B_title(title, 15)] + ([B_p(notes[0], indent=False, size=9)] if notes and L.get("notes_top") else [])
    bl.append(B_table(hr + rows, merges=merges, header=len(hr), size=8.5, repeat=len(hr),
                      widths=[0.6] + [1.6] * (len(hr[0]) - 1)))
    bl.append(B_p(tot, indent=False, size=10))
    bl.append(B_p(sig, indent=False, size=10))
    if fmt == "docx":
        return render_docx(bl, body_size=10.5, landscape_page=True), st
    return bl, st


def make_clients(a, rng, n):
    v = a["v"]
    sat = v["satisfaction"]
    names = company_names(rng, a["city"], n, exclude=(a["name"],))
    k_good = int(round(sat * n))
    cats = []
    for i in range(n):
        if i < k_good:
            cats.append("非常满意" if rng.random() < 0.6 else "满意")
        else:
            cats.append("基本满意" if rng.random() < 0.7 else "不满意")
    rng.shuffle(cats)
    services = {"information": ["政策信息推送", "政策宣讲", "供需信息对接"], "technology": ["技术诊断", "产品检测", "知识产权服务"],
                "entrepreneurship": ["创业辅导", "项目路演", "代办工商登记"], "training": ["经营管理培训", "技能培训"],
                "financing": ["融资对接", "担保服务", "融资策划"], "consulting": ["管理咨询", "财税咨询", "体系认证辅导"],
                "market": ["展会组织", "产品推介", "电商运营服务"]}
    pool = sum((services[f] for f in a["funcs"]), []) or ["综合服务"]
    out = []
    for i, nm in enumerate(names):
        prefix = "91" if rng.random() < 0.95 else "92"
        reg = {"银川市": "640100", "石嘴山市": "640200", "吴忠市": "640300", "固原市": "640400", "中卫市": "640500"}[a["city"]]
        out.append({"name": nm, "uscc": make_uscc(rng, "91", reg), "svc": pick(rng, pool),
                    "date": "%d-%02d-%02d" % (LAST_YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                    "contact": person_name(rng), "phone": phone(rng), "cat": cats[i],
                    "score": (rng.randint(88, 100) if cats[i] in ("非常满意", "满意") else rng.randint(62, 79))})
    return out


def client_output(a, rng, clients, fmt):
    Ls = CAT["lists"]
    L = a["lists"]
    hi = L.get("client_header", 0)
    head = Ls["client_headers"][hi]
    rows = []
    for i, c in enumerate(clients):
        m = {"序号": str(i + 1), "企业名称": c["name"], "服务企业名称": c["name"], "统一社会信用代码": c["uscc"],
             "服务内容": c["svc"], "服务类别": c["svc"], "协议签订时间": c["date"], "服务时间": c["date"][:7],
             "联系人": c["contact"], "联系电话": c["phone"], "联系人及电话": "%s %s" % (c["contact"], c["phone"]),
             "满意度评价": c["cat"], "满意度": c["cat"], "所在地": a["city"] + pick(rng, ["", ""]),
             "满意度评分（百分制）": str(c["score"])}
        rows.append([m[h] for h in head])
    n = len(clients)
    st = {"client_list.count": n}
    title = pick(rng, Ls["client_titles"])
    tw = pick(rng, Ls["total_rows"])
    tot = "%s：%d家" % (tw, n) if L.get("total_style", 0) == 0 else "%s%d户企业" % (tw, n)
    notes = ["说明：满意度评价分为非常满意、满意、基本满意、不满意四档，由服务企业填写。"] if hi == 0 else []
    foot = [tot]
    if L.get("sat_summary"):
        good = sum(1 for c in clients if c["cat"] in ("非常满意", "满意"))
        foot.append("其中非常满意、满意的企业%d家，满意率%s。" % (good, state_ratio(a["v"]["satisfaction"], "pct")[0]))
    foot += ["", pick(rng, Ls["signature_rows"]).format(a=person_name(rng), b=person_name(rng), d=rng.randint(1, 28))]
    if fmt == "xlsx":
        extra = ()
        if L.get("sat_sheet"):
            cnt = {}
            for c in clients:
                cnt[c["cat"]] = cnt.get(c["cat"], 0) + 1
            extra = (("满意度汇总", [["评价等级", "企业数（家）"]] + [[k, cnt.get(k, 0)] for k in
                                                            ("非常满意", "满意", "基本满意", "不满意")] + [["合计", n]]),)
        return write_xlsx_list(title, [head], rows, [], notes=notes, footer=foot,
                               repeat_every=L.get("client_repeat", 0), blank_every=L.get("client_blank", 0),
                               sheet=pick(rng, ["服务企业名单", "Sheet1", "名单"]), extra_sheets=extra), st
    bl = [B_title(title, 14)] + [B_p(x, indent=False, size=9) for x in notes]
    bl.append(B_table([head] + rows, header=1, size=7.5, repeat=1,
                      widths=[0.5] + [2.2 if h in ("企业名称", "服务企业名称", "统一社会信用代码") else 1.2 for h in head[1:]]))
    for ft in foot:
        if ft:
            bl.append(B_p(ft, indent=False, size=10))
    if fmt == "docx":
        return render_docx(bl, body_size=10, landscape_page=True), st
    return bl, st


def equipment_output(a, rng, fmt):
    Ls = CAT["lists"]
    items = list(Ls["equipment_items"])
    rng.shuffle(items)
    items = items[:rng.randint(8, 14)]
    hi = a["lists"].get("equip_header", 0)
    head = Ls["equipment_headers"][hi]
    rows, total = [], 0
    for i, (nm, model) in enumerate(items):
        q = rng.randint(1, 20) if "计算机" in nm or "桌椅" in nm else rng.randint(1, 3)
        val = rng.randint(2, 80) * 1000 * q
        total += val
        if hi == 0:
            rows.append([str(i + 1), nm, model, str(q), "台" if "软件" not in nm and "系统" not in nm else "套",
                         "%d.%02d" % (rng.randint(2017, 2025), rng.randint(1, 12)), "{:,.2f}".format(val),
                         pick(rng, ["服务窗口", "培训教室", "信息平台", "办公", "检测室"])])
        else:
            rows.append([str(i + 1), nm, model, str(q), fmt_num(val / 1e4), pick(rng, ["一楼大厅", "三楼", "培训室", "机房"])])
    foot = [["合计", "", "", "", "", "", "{:,.2f}".format(total), ""] if hi == 0 else ["合计", "", "", "", fmt_num(total / 1e4), ""]]
    title = "%s%s" % (a["name"] if rng.random() < 0.5 else "", pick(rng, Ls["equipment_titles"]))
    if fmt == "xlsx":
        return write_xlsx_list(title, [head], rows, [], footer=foot)
    bl = [B_title(title, 14), B_table([head] + rows + foot, header=1, size=8.5, repeat=1,
                                      widths=[0.5] + [1.6] * (len(head) - 1))]
    if fmt == "docx":
        return render_docx(bl, body_size=10.5)
    return bl


# ---------------------------------------------------------------------------
# premises, evidence, qualifications, declaration, recommendation
# ---------------------------------------------------------------------------
def lease_blocks(a, rng):
    M = CAT["materials"]
    lessor = rng.choice(["%s%s置业有限公司" % (pick(rng, PLACES[a["city"]]), pick(rng, CO_CORE)),
                         "%s%s物业管理有限公司" % (pick(rng, PLACES[a["city"]]), pick(rng, CO_CORE)),
                         "%s产业园区管理委员会" % a["county"]])
    area = a["v"].get("premises_area") or rng.randint(300, 1500)
    y0 = rng.choice([2023, 2024, 2025])
    rent = int(area * rng.uniform(18, 45))
    bl = [B_title(pick(rng, M["lease_titles"]), 18), B_p("合同编号：ZL-%d-%04d" % (y0, rng.randint(1, 9999)), align="right", indent=False, size=9),
          B_p("出租方（甲方）：%s" % lessor, indent=False), B_p("承租方（乙方）：%s" % a["name"], indent=False),
          B_p("根据《中华人民共和国民法典》及有关规定，甲乙双方在平等、自愿、协商一致的基础上，就乙方承租甲方房屋事宜订立本合同。"),
          B_p("第一条　房屋坐落、面积。甲方将位于%s的房屋出租给乙方使用，建筑面积共%s平方米。" % (a["premises_addr"], fmt_num(area))),
          B_p("第二条　租赁用途。乙方租赁该房屋作为办公及中小企业服务场所使用，未经甲方书面同意不得改变用途。"),
          B_p("第三条　租赁期限。租赁期自%d年1月1日起至%d年12月31日止。" % (y0, y0 + rng.choice([2, 3, 4]))),
          B_p("第四条　租金及支付方式。月租金为人民币%s元（大写：%s），按季度支付，先付后用。" % ("{:,}".format(rent), "见附件")),
          B_p("第五条　其他费用。租赁期内水、电、物业管理费等由乙方承担。"),
          B_p("第六条　本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。"),
          B_space(10),
          B_table([["甲方（盖章）：%s" % lessor, "乙方（盖章）：%s" % a["name"]],
                   ["法定代表人或委托代理人：%s" % person_name(rng), "法定代表人或委托代理人：%s" % a["legal_rep"]],
                   ["签订日期：%d年12月%d日" % (y0 - 1, rng.randint(1, 28)), "签订日期：%d年12月%d日" % (y0 - 1, rng.randint(1, 28))]],
                  widths=[1, 1], size=10),
          B_seal(lessor[:14], size_mm=30)]
    return bl


def property_photo(a, rng):
    M = CAT["materials"]
    W, H = 1500, 2000
    img = Image.new("RGB", (W, H), (250, 248, 240))
    d = ImageDraw.Draw(img)
    _border(d, W, H, rng, color=(120, 150, 110))
    d.text((120, 110), "宁（%d）%s不动产权第%07d号" % (rng.randint(2018, 2023), a["city"], rng.randint(1, 9999999)),
           font=font(34), fill=(30, 30, 30))
    ft = font(70, SERIF_B)
    d.text(((W - d.textlength(M["property_title"], font=ft)) / 2, 200), M["property_title"], font=ft, fill=(60, 90, 60))
    area = a["v"].get("premises_area") or 600
    vals = [a["name"], "单独所有", a["premises_addr"], "640%03d%03d%03dGB%05dF%08d" % (rng.randint(100, 999), rng.randint(1, 999),
                                                                                    rng.randint(1, 999), rng.randint(1, 99999), rng.randint(1, 99999999)),
            "国有建设用地使用权/房屋所有权", "出让/市场化商品房", "商务金融用地/办公", "共有宗地面积%s㎡/房屋建筑面积%s㎡" %
            (fmt_num(area * 3.1), fmt_num(area)), "国有建设用地使用权 %d年%02d月%02d日起%d年%02d月%02d日止" %
            (2008, 5, 1, 2048, 4, 30), "专有建筑面积%s㎡，分摊建筑面积%s㎡" % (fmt_num(area * 0.82), fmt_num(area * 0.18))]
    f = font(32)
    y = 360
    for k, v_ in zip(M["property_fields"], vals):
        d.rectangle([110, y - 8, W - 110, y + 80], outline=(120, 120, 120), width=2)
        d.text((130, y + 12), k, font=f, fill=(30, 30, 30))
        lines = wrap_text(d, v_, f, W - 560)
        for i, ln in enumerate(lines[:2]):
            d.text((400, y + 2 + i * 40), ln, font=f, fill=(15, 15, 15))
        y += 100
    img = paste_seal(img, seal_image("%s自然资源局" % a["city"], 320), (W - 520, y + 40), alpha=0.8)
    return photo_effect(img, rng, out_w=1300)


def corrupt_pdf(rng):
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 595 842] >>\nendobj\n4 0 obj\n<< /Length 9021 /Filter /FlateDecode >>\nstream\n"
    body = bytes(rng.randrange(256) for _ in range(6000))
    return head + body   # truncated: no endstream, no xref, no trailer


def notice_blocks(a, rng, topic):
    M = CAT["materials"]
    t = pick(rng, M["notice_titles"]).format(y=LAST_YEAR, topic=topic)
    m = rng.randint(3, 11)
    return [B_title(t, 16),
            B_p("各有关企业：", indent=False),
            B_p("为帮助中小企业及时了解和用好惠企政策，%s定于%d年%d月%d日在%s举办%s，现将有关事项通知如下。" %
                (a["platform"], LAST_YEAR, m, rng.randint(1, 28), a["premises_addr"], topic)),
            B_p("一、参加对象：辖区中小企业负责人、财务及管理人员。"),
            B_p("二、活动内容：政策解读、专家辅导、现场答疑、供需对接。"),
            B_p("三、报名方式：请于活动前三日将回执发送至平台邮箱，联系人：%s，电话：%s。" % (a["contact"], a["contact_phone"])),
            B_p("本次活动不收取任何费用。"),
            B_space(6),
            B_p(a["name"], align="right", indent=False),
            B_seal(a["name"][:14], size_mm=30),
            B_p("%d年%d月%d日" % (LAST_YEAR, m, rng.randint(1, 5)), align="right", indent=False)]


def summary_blocks(a, rng):
    M = CAT["materials"]
    v = a["v"]
    fn = "、".join(CAT["report"]["function_names"][f][0] for f in FUNC_IDS if f in a["funcs"])
    return [B_title(pick(rng, M["summary_titles"]), 16),
            B_p("%d年，%s围绕中小企业发展需求，重点开展%s等服务，进一步完善线上服务平台和线下服务窗口，服务能力和服务质量稳步提升。"
                % (LAST_YEAR, a["platform"], fn)),
            B_p("一、主要工作。全年开展政策宣讲、专题培训、供需对接等公益性活动，组织专家深入企业开展诊断服务，"
                "建立服务台账，实行服务回访制度。"),
            B_p("二、服务成效。平台服务企业数量持续增长，企业反映良好。"),
            B_p("三、存在问题和下一步打算。服务资源整合力度有待加强，%d年将进一步拓展服务功能，扩大服务覆盖面。" % AS_OF.year),
            B_space(6), B_p(a["name"], align="right", indent=False),
            B_p("%d年1月%d日" % (AS_OF.year, rng.randint(5, 25)), align="right", indent=False)]


def event_photo(a, rng, topic):
    W, H = 1280, 960
    base = np.zeros((H, W, 3), dtype=np.float32)
    top = np.array([rng.randint(150, 210), rng.randint(140, 200), rng.randint(120, 180)], dtype=np.float32)
    bot = np.array([rng.randint(60, 110), rng.randint(50, 100), rng.randint(40, 90)], dtype=np.float32)
    for y in range(H):
        base[y] = top + (bot - top) * y / H
    img = Image.fromarray(base.astype(np.uint8))
    d = ImageDraw.Draw(img)
    # banner with the event title (the only text in the photo)
    d.rectangle([110, 90, W - 110, 210], fill=(180, 25, 30))
    bt = "%d年%s" % (LAST_YEAR, topic)
    fb = font(50, SANS_B)
    tw = d.textlength(bt, font=fb)
    if tw > W - 260:
        fb = font(40, SANS_B)
        tw = d.textlength(bt, font=fb)
    d.text(((W - tw) / 2, 118), bt, font=fb, fill=(255, 240, 200))
    # podium and audience silhouettes
    d.rectangle([530, 330, 750, 510], fill=(120, 70, 40))
    for row in range(3):
        for k in range(9):
            x = 90 + k * 125 + (row % 2) * 50
            y = 570 + row * 125
            c = tuple(rng.randint(20, 70) for _ in range(3))
            d.ellipse([x, y, x + 70, y + 80], fill=c)
            d.rectangle([x - 20, y + 70, x + 90, y + 200], fill=tuple(min(255, q + 30) for q in c))
    img = img.filter(ImageFilter.BoxBlur(1.2))
    img = add_noise(img, rng, 6)
    d = ImageDraw.Draw(img)
    if rng.random() < 0.5:
        d.text((W - 360, H - 60), "%d-%02d-%02d %02d:%02d" % (LAST_YEAR, rng.randint(3, 11), rng.randint(1, 28),
                                                               rng.randint(9, 16), rng.randint(0, 59)),
               font=font(34, SANS), fill=(255, 170, 40))
    return img


def icp_screenshot(a, rng):
    W, H = 1440, 900
    img = Image.new("RGB", (W, H), (244, 246, 250))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 70], fill=(222, 225, 230))
    d.rounded_rectangle([180, 16, W - 180, 54], radius=16, fill=(255, 255, 255))
    d.text((210, 22), "https://beian.miit.gov.cn/#/Integrated/recordQuery", font=font(22, SANS), fill=(60, 60, 60))
    d.rectangle([0, 70, W, 150], fill=(18, 80, 160))
    d.text((60, 92), CAT["materials"]["icp_header"], font=font(36, SANS_B), fill=(255, 255, 255))
    num = "宁ICP备%d%06d号" % (rng.randint(16, 23), rng.randint(1, 999999))
    dom = a["domain"]
    rows = [("ICP备案主体信息", None), ("备案号", num), ("主办单位名称", a["name"]),
            ("主办单位性质", {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体",
                        "private_non_enterprise": "民办非企业单位"}[a["nature"]]),
            ("审核日期", "%d-%02d-%02d" % (rng.randint(2017, 2024), rng.randint(1, 12), rng.randint(1, 28))),
            ("ICP备案服务信息", None), ("服务备案号", num[:-1] + "-1号"), ("服务名称", a["platform"]),
            ("服务首页网址", "www." + dom), ("服务内容", "综合门户")]
    y = 190
    f = font(26, SANS)
    for k, v_ in rows:
        if v_ is None:
            d.rectangle([120, y, W - 120, y + 50], fill=(230, 236, 245))
            d.text((140, y + 10), k, font=font(26, SANS_B), fill=(18, 80, 160))
            y += 58
            continue
        d.rectangle([120, y, W - 120, y + 52], outline=(210, 214, 220), fill=(255, 255, 255))
        d.text((150, y + 11), k, font=f, fill=(90, 90, 90))
        d.text((470, y + 11), v_, font=f, fill=(20, 20, 20))
        y += 56
    return img


def simple_certificate(a, rng, title, lines, issuer, color=(190, 150, 70), landscape=True):
    W, H = (1800, 1280) if landscape else (1300, 1800)
    img = Image.new("RGB", (W, H), (253, 251, 244))
    d = ImageDraw.Draw(img)
    _border(d, W, H, rng, color=color)
    ft = font(78, SERIF_B)
    d.text(((W - d.textlength(title, font=ft)) / 2, 170), title, font=ft, fill=(170, 40, 30))
    f = font(36)
    y = 380
    for ln in lines:
        for seg in wrap_text(d, ln, f, W - 360):
            d.text((180, y), seg, font=f, fill=(25, 25, 25))
            y += 58
        y += 10
    d.text((W - 700, H - 260), issuer, font=f, fill=(25, 25, 25))
    d.text((W - 640, H - 190), "%d年%d月%d日" % (rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)), font=f,
           fill=(25, 25, 25))
    img = paste_seal(img, seal_image(issuer[:16], 300), (W - 640, H - 420), alpha=0.8)
    return img


def training_cert_blocks(a, rng, issuer):
    num = "NXPX-%d-%03d" % (rng.randint(2020, 2024), rng.randint(1, 200))
    return [B_title(pick(rng, CAT["materials"]["training_cert_titles"]), 18),
            B_p("备案编号：%s" % num, align="right", indent=False),
            B_p("%s：" % a["name"], indent=False),
            B_p("你单位报送的中小企业培训机构备案材料收悉。经审核，你单位具备开展中小企业经营管理、专业技术等培训服务的条件，"
                "准予备案。备案有效期三年。请按照有关规定规范开展培训服务，每年1月底前报送上一年度培训开展情况。"),
            B_space(8), B_p(issuer, align="right", indent=False), B_seal(issuer[:14], size_mm=32),
            B_p("%d年%d月%d日" % (rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28)), align="right", indent=False)]


def declaration_blocks(a, rng):
    M = CAT["materials"]
    return [B_title(pick(rng, M["declaration_titles"]), 18),
            B_p("宁夏回族自治区工业和信息化厅：", indent=False),
            B_p("我单位自愿申报自治区中小企业公共服务示范平台，现郑重声明：本次提交的申请报告及全部附件材料真实、准确、完整，"
                "复印件与原件一致，不存在弄虚作假、隐瞒事实等情况。如有不实，我单位愿意承担由此产生的一切责任。"),
            B_p("特此声明。"), B_space(16),
            B_p("法定代表人（签字）：%s" % a["legal_rep"], align="right", indent=False),
            B_p("申报单位（盖章）：%s" % a["name"], align="right", indent=False),
            B_seal(a["name"][:14], size_mm=36),
            B_p("%d年3月%d日" % (AS_OF.year, rng.randint(1, 28)), align="right", indent=False)]


def recommendation_blocks(a, rng):
    M = CAT["materials"]
    rows = [["平台名称", a["platform"]], ["运营单位", a["name"]], ["所在地区", a["city"] + a["county"]],
            ["平台运营情况测评", "该平台运营规范，管理制度健全，服务场所和设施满足服务需要。"],
            ["服务业绩测评", "经实地核查和抽查服务台账，平台服务业绩较为突出，服务企业数量稳步增长。"],
            ["服务满意度测评", "经随机回访服务企业，企业对平台服务总体满意。"],
            ["推荐意见", "经审核，该平台符合《宁夏回族自治区中小企业公共服务示范平台认定管理办法》规定的条件，同意推荐。\n\n"
                     "（盖章）\n%d年3月%d日" % (AS_OF.year, rng.randint(10, 30))]]
    return [B_p("附件1", indent=False, size=13), B_title(pick(rng, M["recommendation_titles"]), 17),
            B_p("推荐单位（盖章）：%s" % a["recommender"], indent=False, size=11),
            B_table(rows, widths=[1.3, 4], size=11),
            B_seal(a["recommender"][:14], size_mm=34)]


def staff_cert_scan(a, rng, people, k=2):
    """scanned copies of diplomas / title certificates (学历、职称复印件)."""
    pages = []
    for j in range(k):
        W, H = 1240, 1754
        pg = Image.new("RGB", (W, H), (255, 255, 255))
        d = ImageDraw.Draw(pg)
        for i, p in enumerate(people[j * 2:j * 2 + 2]):
            y0 = 80 + i * 820
            d.rectangle([100, y0, W - 100, y0 + 740], outline=(80, 80, 80), width=4)
            t = "专业技术资格证书" if p["title"] in CAT["lists"]["titles_mid_plus"] else "毕业证书"
            d.text(((W - d.textlength(t, font=font(56, SERIF_B))) / 2, y0 + 60), t, font=font(56, SERIF_B), fill=(40, 40, 40))
            body = ("持证人：%s　性别：%s\n资格名称：%s\n评审时间：%d年" % (p["name"], p["sex"], p["title"], rng.randint(2012, 2023))
                    if t != "毕业证书" else "学生%s，性别%s，于%d年毕业于宁夏大学%s专业，学历：%s。" %
                    (p["name"], p["sex"], rng.randint(2000, 2020), p["major"], p["edu"]))
            yy = y0 + 200
            for ln in wrap_text(d, body, font(36), W - 300):
                d.text((160, yy), ln, font=font(36), fill=(30, 30, 30))
                yy += 60
        pages.append(scan_effect(pg, rng, gray=True, noise=7, blur=0.7).resize((1000, 1414), Image.LANCZOS))
    return images_to_pdf(pages, 120), len(pages)


# ---------------------------------------------------------------------------
# the scenario table
# ---------------------------------------------------------------------------
def W(x):
    """万元 -> 元"""
    return round(x * 1e4, 2)


def V(ta, rev, si, se, area, staff, college, mid, last, prior, sat, agg, pub):
    return {"total_assets": W(ta), "revenue": W(rev), "service_income": W(si) if si is not None else None,
            "service_expense": W(se) if se is not None else None, "premises_area": area, "staff": staff,
            "college": college, "mid": mid, "smes_last": last, "smes_prior": prior, "satisfaction": sat,
            "agg": agg, "public": pub}


INFO = lambda off, act: ("information", {"info_offline_smes": off, "info_activities": act})
TECH = lambda n: ("technology", {"tech_activities": n})
ENTRE = lambda n: ("entrepreneurship", {"entrepreneurship_activities": n})
TRAIN = lambda n, q: ("training", {"training_person_times": n, "training_qualification": q})
FIN = lambda act, amt=None, gua=None: ("financing", dict([("financing_activities", act)] +
                                                       ([("financing_amount", amt)] if amt else []) +
                                                       ([("guarantee_new_amount", gua)] if gua else [])))
CONS = lambda n: ("consulting", {"consulting_activities": n})
MKT = lambda n: ("market", {"market_enterprise_times": n})

REC = {"银川市": "银川市工业和信息化局", "石嘴山市": "石嘴山市工业和信息化局", "吴忠市": "吴忠市工业和信息化局",
       "固原市": "固原市工业和信息化局", "中卫市": "中卫市工业和信息化局"}
REGION = {"金凤区": "640106", "兴庆区": "640104", "西夏区": "640105", "贺兰县": "640122", "永宁县": "640121",
          "灵武市": "640181", "大武口区": "640202", "惠农区": "640205", "平罗县": "640221", "利通区": "640302",
          "红寺堡区": "640303", "青铜峡市": "640381", "原州区": "640402", "西吉县": "640422", "隆德县": "640423",
          "彭阳县": "640425", "沙坡头区": "640502", "中宁县": "640521", "海原县": "640522"}


def A_(**kw):
    return kw


APPS = [
    # ---------------- passed ----------------
    A_(key="P01", id="银川-宁夏云启科技服务有限公司", city="银川市", county="金凤区",
       addr="宁夏回族自治区银川市金凤区阅海湾中央商务区万寿路142号", nature="enterprise",
       platform="宁夏云启中小企业数字化服务平台", est="2016-05-12", reg_cap=W(500),
       v=V(862.34, 615.8, 412.6, 298.3, 1260, 32, 28, 14, 186, 152, 0.96, 12, 0.35),
       funcs=[INFO(120, 14), TECH(6)], extra_ind=[TRAIN(320, False)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", date="cn", claim="checkbox", ind="three"),
       lic=dict(out="photo", cap_style="yuan_circle"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(client_header=0, sat_summary=True, staff_header=0),
       premises="lease_pdf", evidence=["notice", "summary", "photo", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="baseline enterprise: .docx report with 4-column basic table, ☑/□ claims, unclaimed training figures stated; "
             "photographed 2019 licence; audit 元 side-by-side balance sheet + separate 专项审计"),
    A_(key="P02", id="石嘴山-石嘴山市众诚企业管理咨询有限公司", city="石嘴山市", county="大武口区",
       addr="石嘴山市大武口区朝阳西街58号众诚大厦6层", nature="enterprise",
       platform="石嘴山市众诚中小企业管理咨询服务平台", est="2014-08-20", reg_cap=W(200),
       v=V(312.46, 268.9, 241.2, 176.5, 680, 18, 15, 8, 132, 118, 0.93, 6, 0.28),
       funcs=[TRAIN(760, True), CONS(5)],
       rep=dict(fmt="pdf", layout="2col", money="wannum", count="label", ratio="pct", date="iso", claim="checkbox",
                ind="four_req", area="label", ind_style={"qual_detail": "（石嘴山市工业和信息化局备案，编号NXPX-2023-017）"}),
       lic=dict(out="scan"),
       audit=dict(layout="B", unit="wan", opinion="standard_unqualified", special="separate", service_unit="wan"),
       lists=dict(staff_style="twolevel", client_header=1, notes_top=True),
       premises="lease_pdf", evidence=["notice", "notice2", "summary"], quals=["training_cert"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="report as text PDF, 2-column table with units in brackets, requirement column beside values; audit in 万元 "
             "with 年初数 before 期末数 and balance sheet split over two pages; two-level staff-list header"),
    A_(key="P03", id="吴忠-宁夏塞上通商贸服务有限公司", city="吴忠市", county="利通区",
       addr="吴忠市利通区明珠路西侧商贸城A区12号", nature="enterprise",
       platform="塞上通中小企业市场开拓服务平台", est="2013-03-06", reg_cap=W(300),
       v=V(540.2, 720.4, 388.0, 301.2, 900, 22, 19, 7, 171, 148, 0.915, 5, 0.24),
       funcs=[MKT(214)],
       rep=dict(fmt="docx", layout="years", money="wannum", ratio="pct1", claim="words", ind="years", mention_2023=True),
       lic=dict(out="pdf"),
       audit=dict(layout="C", unit="wan", opinion="standard_unqualified", special="inside", service_unit="wan"),
       lists=dict(client_header=2, client_count=168, sat_sheet=True),
       premises="lease_scan", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="zip",
       notes="zip; figures as calendar-year columns 指标|2024年|2025年 (and a 2023 mention in prose); claims in words; "
             "audit in 万元 with date-named columns and the 服务收支 section inside the audit; scanned lease; licence as image-only PDF"),
    A_(key="P04", id="宁夏六盘山创业孵化服务有限公司", city="固原市", county="原州区",
       addr="固原市原州区六盘山西路98号创业大厦", nature="enterprise",
       platform="六盘山小微企业创业孵化服务平台", est="2017-10-09", reg_cap=W(100),
       v=V(236.8, 198.6, 150.3, 132.8, 2100, 15, 12, 5, 78, 64, 0.88, 4, 0.45),
       funcs=[ENTRE(7), INFO(62, 6)],
       rep=dict(fmt="docx", layout="above", money="wan2", ratio="pct", claim="words", ind="prose", region_row=True),
       lic=dict(out="photo", portrait=True),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(client_repeat=30, client_blank=25, repeat_every=0),
       premises="property_photo", evidence=["notice", "summary", "photo"], quals=["icp"],
       declaration="jpg", recommendation="docx", pack="folder",
       notes="mountain-area (固原) unit meeting every threshold -> passed; folder name without city; labels above values; "
             "indicators in prose; photographed 不动产权证书; declaration as a phone photo"),
    A_(key="P05", id="中卫-宁夏沙坡头数字经济服务有限公司", city="中卫市", county="沙坡头区",
       addr="中卫市沙坡头区鼓楼西街云计算产业园3号楼", nature="enterprise",
       platform="沙坡头数字经济中小企业信息服务平台", est="2018-06-21", reg_cap=W(1000),
       v=V(415.7, 356.2, 290.4, 210.7, 760, 16, 13, 6, 112, 97, 0.94, 7, 0.30),
       funcs=[INFO(96, 9)],
       rep=dict(fmt="bundle", layout="2col", money="yuan", ratio="frac", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(client_header=0),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="bundle_toc", bundle_name="宁夏沙坡头数字经济服务有限公司申报材料.pdf",
       notes="everything bound into one text PDF in Article 11 order with a 目录 page whose printed page numbers are offset "
             "by the cover and 目录 pages; 推荐表 first; client list runs over several pages"),
    A_(key="P06", id="银川-宁夏银信融资担保有限公司", city="银川市", county="兴庆区",
       addr="银川市兴庆区解放东街218号金融大厦15层", nature="enterprise",
       platform="银信中小企业融资担保服务平台", est="2012-11-28", reg_cap=W(30000),
       v=V(52680.4, 3815.6, 3120.5, 2080.2, 1500, 45, 43, 21, 268, 241, 0.97, 9, 0.22),
       funcs=[FIN(8, None, 6.2e8)],
       rep=dict(fmt="docx", layout="4col", money="yuan", ratio="pct", claim="column", ind="all7", cap_style="daxie"),
       lic=dict(out="photo", cap_style="daxie_circle"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="wan"),
       lists=dict(client_header=0, client_repeat=50, repeat_every=20, blank_every=15, staff_header=1),
       premises="lease_pdf", evidence=["notice", "summary", "photo"], quals=["guarantee_licence", "icp"],
       declaration="pdf", recommendation="docx", pack="gbkzip", zip_root="申报材料/",
       notes="GBK-named zip from Chinese Windows (no UTF-8 flag) with a 申报材料/ top folder and 推荐表 at the root; "
             "financing passes by the guarantee route (新增担保额 6.2亿元) with no 融资总额 stated; claims as a 是否申报 column "
             "listing all seven functions; registered capital in 大写; special audit in 万元 while the audit is in 元"),
    A_(key="P07", id="宁东-宁夏宁东化工科技服务有限公司", city="银川市", county="灵武市",
       addr="宁夏回族自治区银川市灵武市宁东镇宁东能源化工基地创业大道8号", nature="enterprise",
       platform="宁东化工中小企业技术与融资服务平台", est="2015-04-17", reg_cap=W(2000),
       recommender="宁东能源化工基地管理委员会",
       v=V(1286.9, 986.4, 642.1, 470.3, 3200, 27, 22, 13, 95, 88, 0.90, 5, 0.26),
       funcs=[TECH(9), FIN(5, 2.3e8)],
       rep=dict(fmt="docx", layout="4col", split=True, money="wan", ratio="score", claim="checkbox", ind="four_req"),
       lic=dict(out="photo"),
       audit=dict(layout="C", unit="wan", opinion="standard_unqualified", special="separate", service_unit="wan"),
       lists=dict(staff_header=2),
       premises="lease_pdf", evidence=["notice", "summary"], quals=["cma", "icp"],
       declaration="pdf", recommendation="pdf", pack="folder",
       notes="recommended by the 宁东 管委会 (folder prefix 宁东-); basic table split in two with a 续表 after a page break; "
             "financing by activities + 2.3亿元 total; CMA certificate as qualification"),
    A_(key="P08", id="银川-宁夏智汇企业服务有限公司", city="银川市", county="西夏区",
       addr="银川市西夏区文萃北街366号科技园B座", nature="enterprise",
       platform="智汇中小企业综合服务平台", est="2015-09-30", reg_cap=W(100),
       v=V(198.4, 176.3, 150.2, 121.4, 420, 14, 11, 4, 88, 80, 0.92, 3, 0.40),
       funcs=[INFO(70, 8), CONS(6)],
       rep=dict(fmt="scan", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three", date="cn0"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="inside", service_unit="yuan"),
       lists=dict(staff_fmt="docx"),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="application report printed, stamped and scanned (image-only PDF); staff list as .docx"),
    A_(key="P09", id="吴忠-青铜峡市汇丰企业服务有限公司", city="吴忠市", county="青铜峡市",
       addr="吴忠市青铜峡市小坝镇汉坝西街36号", nature="enterprise",
       platform="汇丰中小企业培训与市场服务平台", est="2016-01-15", reg_cap=W(50),
       v=V(156.2, 142.8, 120.6, 98.2, 350, 12, 9, 3, 66, 60, 0.86, 3, 0.33),
       funcs=[TRAIN(540, True), MKT(66)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="lowcontrast"),
       audit=dict(layout="B", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(equip_fmt="docx", equip_header=1),
       premises="lease_scan", evidence=["photo", "notice"], quals=["training_cert_img"],
       declaration="pdf", recommendation="docx", pack="folder", names_style="meaningless", deep=40,
       notes="meaningless file names (扫描件_003.pdf, 微信图片_…jpg, IMG_4471.JPG, CamScanner …pdf, 附件5.docx) in nested "
             "新建文件夹 folders; the application report at the bottom of a 40-level folder tree; low-contrast licence photo; "
             "Thumbs.db and a ~$ Word lock file"),
    A_(key="P10", id="银川-宁夏贺兰山数智科技有限公司", city="银川市", county="贺兰县",
       addr="银川市贺兰县德胜工业园区德胜东路16号", nature="enterprise",
       platform="贺兰山数智中小企业技术服务平台", est="2011-07-08", reg_cap=W(1000),
       v=V(2315.6, 1820.5, 960.3, 702.8, 2600, 38, 33, 17, 205, 190, 0.95, 8, 0.21),
       funcs=[TECH(5), MKT(120)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three",
                prose_fields=["smes_served_last_year", "satisfaction_rate"], mention_2023=True),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="yuan", opinion="unqualified_with_emphasis", special="separate", service_unit="yuan"),
       lists=dict(client_count=200, staff_certs=True),
       premises="property_photo", evidence=["notice", "summary", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="audit with an emphasis-of-matter paragraph (passes 6(1)); SMEs served and satisfaction only in the narrative; "
             "owned premises shown by a photographed 不动产权证书; copies of diplomas/titles scanned"),
    A_(key="P11", id="中卫-中卫市沙坡头区智信职业技能培训学校", city="中卫市", county="沙坡头区",
       addr="中卫市沙坡头区应理南街职教园区5号楼", nature="private_non_enterprise",
       platform="智信中小企业人才培训服务平台", est="2015-03-12", reg_cap=W(10),
       v=V(182.5, 236.4, 210.3, 175.6, 1800, 21, 17, 6, 96, 90, 0.93, 4, 0.38),
       funcs=[TRAIN(1260, True)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three", nature_style="checkbox",
                ind_style={"qual_detail": "（民办学校办学许可证）"}),
       lic=dict(out="photo"),
       audit=dict(unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan", cur_first=False),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["school_licence"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="民办非企业单位 meeting every threshold -> passed; 民非 登记证书 with 开办资金 and 有效期; 业务活动表 with "
             "上年数|本年数 × 非限定性|限定性|合计 (revenue = 本年 收入合计); 会民非01表 with 年初数 before 期末数"),
    A_(key="P12", id="石嘴山-宁夏平罗县科创企业服务有限公司", city="石嘴山市", county="平罗县",
       addr="石嘴山市平罗县城关镇鼓楼南街科创中心", nature="enterprise",
       platform="平罗县科创中小企业服务平台", est="2014-12-02", reg_cap=W(300),
       v=V(168.9, 150.2, 118.6, 96.4, 520, 13, 10, 4, 82, 75, 0.90, 3, 0.27),
       funcs=[INFO(82, 10), CONS(4)],
       rep=dict(fmt="bundle", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="inside", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="bundle_scan", bundle_name="扫描全部材料.pdf",
       notes="all Article 11 materials printed, bound and scanned into ONE image-only PDF (no 目录); 推荐表 as a separate .docx"),
    # ---------------- needs_review ----------------
    A_(key="R01", id="石嘴山-石嘴山市中小企业服务中心", city="石嘴山市", county="大武口区",
       addr="石嘴山市大武口区世纪大道政务服务中心4楼", nature="public_institution",
       platform="石嘴山市中小企业公共服务平台", est="2009-03-18", reg_cap=W(50),
       v=V(86.4, 312.6, 98.5, 104.2, 1100, 20, 18, 9, 164, 150, 0.95, 10, 0.80),
       funcs=[TRAIN(820, True), INFO(150, 12)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three",
                omit=["registered_capital"], ind_style={"qual_detail": "（自治区工业和信息化厅备案）"}),
       lic=dict(out="photo", valid_from="2022-07-01", valid_until="2027-07-01"),
       audit=dict(unit="yuan", opinion="unqualified_with_emphasis", special="separate", service_unit="yuan",
                  emphasis_text="我们提醒财务报表使用者关注，如财务报表附注九所述，中心运行经费主要依靠财政拨款，"
                                "本段内容不影响已发表的审计意见。"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "notice2", "summary", "photo"], quals=["training_cert"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="事业单位 with 资产总额 below 100万 -> art6_1_total_assets relaxed; 事业单位法人证书 whose 有效期 is not the "
             "establishment date; 收入费用表 with 本月数|本年累计数 (revenue = 本期收入)"),
    A_(key="R02", id="银川-宁夏中小企业数字化转型促进会", city="银川市", county="金凤区",
       addr="银川市金凤区正源北街宁夏软件园C座2层", nature="social_organization",
       platform="宁夏中小企业数字化转型公共服务平台", est="2024-09-18", reg_cap=W(3),
       v=V(128.6, 96.8, 72.4, 68.1, 300, 11, 10, 5, 72, 58, 0.91, 15, 0.60),
       funcs=[INFO(72, 8), CONS(6)],
       rep=dict(fmt="pdf", layout="4col", money="wan", ratio="pct", date="dot", claim="checkbox", ind="three"),
       lic=dict(out="scan", valid_from="2024-09-18", valid_until="2029-09-17"),
       audit=dict(unit="wan", opinion="standard_unqualified", special="inside", service_unit="wan", cur_first=True),
       lists=dict(client_fmt="docx"),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="社会团体 founded 2024-09 (under two years) -> art6_1_operating_years relaxed; 社团 certificate scan; "
             "业务活动表 in 万元 with 本年数 first"),
    A_(key="R03", id="固原-宁夏西吉县富民企业服务有限公司", city="固原市", county="西吉县",
       addr="固原市西吉县吉强镇西兰街108号", nature="enterprise",
       platform="西吉县富民中小企业技术服务平台", est="2019-06-10", reg_cap=W(200),
       v=V(132.0, 118.4, 96.2, 82.5, 400, 10, 7, 3, 46, 40, 0.89, 2, 0.20),
       funcs=[TECH(4)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="B", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="pdf", pack="folder",
       notes="mountain county (西吉县): 46 SMEs served (<50) -> art6_2_smes_served relaxed; exactly 2 agencies, exactly 20 % "
             "public-benefit share and exactly 10 staff (inclusive thresholds pass)"),
    A_(key="R04", id="中卫-海原县兴农电子商务服务有限公司", city="中卫市", county="海原县",
       addr="中卫市海原县海城镇新区街电商产业园", nature="enterprise",
       platform="海原县兴农电商中小企业服务平台", est="2020-08-01", reg_cap=W(100),
       v=V(118.3, 132.6, 88.4, 70.2, 360, 8, 6, 3, 60, 52, 0.80, 3, 0.30),
       funcs=[MKT(88), INFO(60, 5)],
       rep=dict(fmt="docx", layout="years", money="wannum", ratio="pct", claim="checkbox", on_mark="√", ind="three",
                years_order="desc", three_years=True),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="zip", macosx=True,
       notes="海原县 (mountain): 8 service staff -> art6_5_service_staff relaxed; satisfaction exactly 80 %; year columns in "
             "descending order with a third (2023) year; zip with __MACOSX/ entries"),
    A_(key="R05", id="银川-宁夏鼎新科技企业孵化器有限公司", city="银川市", county="西夏区",
       addr="银川市西夏区同心南街创新园8号楼", nature="enterprise",
       platform="鼎新科技企业孵化服务平台", est="2017-02-14", reg_cap=W(500),
       v=V(320.0, 268.4, 201.7, 160.3, 4200, 19, 16, 8, 124, 110, 0.93, 6, 0.32),
       funcs=[ENTRE(8), TECH(4)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="pdf"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan",
                  ta=2856431.27),
       lists=dict(staff_header=1),
       premises="lease_pdf", evidence=["notice", "summary"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       planted=[["total_assets", "audit.total_assets"]],
       notes="planted >5 % gap: 附件2 资产总额 320万元 vs audit 资产总计 2,856,431.27 (both above 100万: rule passes, "
             "inconsistency reported -> needs_review)"),
    A_(key="R06", id="石嘴山-宁夏惠农智造服务有限公司", city="石嘴山市", county="惠农区",
       addr="石嘴山市惠农区南街红果子镇工业园", nature="enterprise",
       platform="惠农智造中小企业技术服务平台", est="2016-10-20", reg_cap=W(300),
       v=V(268.0, 230.5, 170.2, 140.8, 800, 17, 14, 7, 91, 85, 0.92, 4, 0.25),
       funcs=[TECH(6)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="words", ind="three", bad_uscc=True),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="docx", recommendation="docx", pack="folder",
       planted=[["uscc", "licence.uscc"]],
       notes="附件2 credit code typed with a wrong check character (licence correct) -> art6_1_legal_entity needs_review"),
    A_(key="R07", id="吴忠-宁夏利通区惠企通服务有限公司", city="吴忠市", county="利通区",
       addr="吴忠市利通区裕民街道朔方路63号", nature="enterprise",
       platform="惠企通中小企业咨询服务平台", est="2018-03-03", reg_cap=W(100),
       v=V(142.0, 126.3, 101.8, 86.0, 450, 12, 8, 4, 70, 66, 0.90, 3, 0.35),
       funcs=[CONS(5)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(staff_n=(9, 8, 4)),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       planted=[["service_staff", "staff_list.count"]],
       notes="附件2 says 12 service staff, the staff list names 9: the sources fall on different sides of the 10-person "
             "threshold -> art6_5_service_staff needs_review"),
    A_(key="R08", id="吴忠-红寺堡区弘德企业服务有限公司", city="吴忠市", county="红寺堡区",
       addr="吴忠市红寺堡区罗山路与弘德街交叉口", nature="enterprise",
       platform="红寺堡区弘德中小企业市场服务平台", est="2019-11-11", reg_cap=W(50),
       v=V(78.5, 92.4, 70.6, 61.2, 280, 10, 8, 2, 58, 51, 0.87, 2, 0.32),
       funcs=[MKT(72)],
       rep=dict(fmt="docx", layout="2col", money="yuan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo", contrast=0.75),
       audit=dict(layout="B", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_scan", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="红寺堡区 (mountain): 资产总额 78.5万 -> art6_1_total_assets relaxed"),
    # ---------------- ineligible ----------------
    A_(key="I01", id="银川-宁夏德信信息技术有限公司银川分公司", city="银川市", county="金凤区",
       addr="银川市金凤区北京中路168号德信大厦", nature="enterprise", branch=True,
       platform="德信中小企业信息服务平台", est="2018-05-20", reg_cap=None,
       v=V(210.0, 190.0, 140.0, 110.0, 500, 15, 12, 6, 95, 88, 0.91, 3, 0.30),
       funcs=[INFO(80, 6)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three",
                omit=["registered_capital"]),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="inside", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="branch (分公司) licence with 负责人 / 营业场所: not an independent legal person -> art6_1_legal_entity fails"),
    A_(key="I02", id="石嘴山-宁夏星海企业服务有限公司", city="石嘴山市", county="大武口区",
       addr="石嘴山市大武口区星海湖南路26号", nature="enterprise",
       platform="星海中小企业咨询服务平台", est="2015-06-06", reg_cap=W(200),
       v=V(190.0, 165.0, 130.0, 105.0, 450, 14, 11, 5, 77, 70, 0.90, 3, 0.30),
       funcs=[CONS(4)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="B", unit="yuan", opinion="qualified", special="separate", service_unit="yuan"),
       lists=dict(staff_header=1, sat_summary=True),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="保留意见 audit -> art6_1_financial_health fails (enterprise, not mountain: no relaxation)"),
    A_(key="I03", id="固原-彭阳县富源农业科技服务有限公司", city="固原市", county="彭阳县",
       addr="固原市彭阳县白阳镇茹河南路19号", nature="enterprise",
       platform="彭阳县富源农业中小企业技术服务平台", est="2016-04-08", reg_cap=W(100),
       v=V(150.0, 128.0, 96.0, 80.0, 380, 11, 8, 3, 56, 50, 0.88, 2, 0.15),
       funcs=[TECH(5)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="mountain county (彭阳县) but public-benefit share 15 % < 20 %: 6(4) is never relaxed -> ineligible"),
    A_(key="I04", id="中卫-宁夏中宁县枸杞产业服务有限公司", city="中卫市", county="中宁县",
       addr="中卫市中宁县宁安镇枸杞产业园区", nature="enterprise",
       platform="中宁枸杞产业中小企业服务平台", est="2014-09-09", reg_cap=W(500),
       v=V(220.0, 205.0, 160.0, 130.0, 900, 16, 13, 5, 102, 96, 0.92, 4, 0.30),
       funcs=[TRAIN(620, False), CONS(2)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="four_req"),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="wan", opinion="standard_unqualified", special="separate", service_unit="wan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="claims training (620 person-times but no qualification / filing) and consulting (2 activities): both fail, "
             "art7_any fails -> ineligible"),
    A_(key="I05", id="吴忠-吴忠市利通区启明社会工作服务中心", city="吴忠市", county="利通区",
       addr="吴忠市利通区胜利镇民生街12号", nature="private_non_enterprise",
       platform="启明中小企业公益咨询服务平台", est="2017-05-05", reg_cap=W(5),
       v=V(68.2, 88.6, 72.1, 69.4, 260, 12, 10, 2, 64, 55, 0.90, 3, 0.70),
       funcs=[CONS(6)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo", valid_from="2022-05-10", valid_until="2027-05-09"),
       audit=dict(unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan", cur_first=True),
       lists=dict(),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="zip", zip_root="申报材料/",
       notes="民办非企业单位 with 资产总额 68.2万: 6(1) relaxation covers 事业单位 and 社团法人 only -> fails, ineligible"),
    A_(key="I06", id="银川-宁夏凤城企业管理咨询有限公司", city="银川市", county="兴庆区",
       addr="银川市兴庆区凤凰北街177号", nature="enterprise",
       platform="凤城中小企业管理咨询服务平台", est="2013-11-11", reg_cap=W(100),
       v=V(175.0, 158.0, 120.0, 98.0, 400, 13, 11, 4, 61, 66, 0.90, 3, 0.30),
       funcs=[CONS(5)],
       rep=dict(fmt="pdf", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three", smes="calendar"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="SMEs served named by calendar year: 2025年 61 < 2024年 66 -> art6_2_growth fails -> ineligible"),
    # ---------------- incomplete ----------------
    A_(key="C01", id="银川-宁夏金穗电子商务服务有限公司", city="银川市", county="永宁县",
       addr="银川市永宁县望远镇电商产业园2号楼", nature="enterprise",
       platform="金穗中小企业电子商务服务平台", est="2016-08-18", reg_cap=W(300),
       v=V(245.0, 260.0, 180.0, 150.0, 650, 16, 13, 6, 128, 115, 0.93, 4, 0.28),
       funcs=[MKT(150)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(present=False),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="no audit report at all -> audit_reports missing, art6_1_financial_health no_evidence"),
    A_(key="C02", id="石嘴山-宁夏大武口工业设计服务有限公司", city="石嘴山市", county="大武口区",
       addr="石嘴山市大武口区工业园区创业路5号", nature="enterprise",
       platform="大武口工业设计中小企业服务平台", est="2017-12-12", reg_cap=W(200),
       v=V(188.0, 172.0, 130.0, 104.0, 560, 15, 12, 5, 84, 77, 0.91, 3, 0.26),
       funcs=[TECH(7)],
       rep=dict(fmt="pdf", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="corrupt", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="房屋租赁合同.pdf is a truncated, corrupt PDF -> premises_proof unreadable, art6_3_premises no_evidence"),
    A_(key="C03", id="中卫-中卫市创新创业服务中心有限公司", city="中卫市", county="沙坡头区",
       addr="中卫市沙坡头区创业大街9号", nature="enterprise",
       platform="中卫市创新创业中小企业服务平台", est="2016-03-03", reg_cap=W(100),
       v=V(205.0, 188.0, 150.0, 120.0, 1300, 14, 11, 5, 92, 81, 0.92, 5, 0.40),
       funcs=[ENTRE(6), INFO(66, 5)],
       rep=dict(fmt="docx", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="A", unit="wan", opinion="standard_unqualified", special="separate", service_unit="wan"),
       lists=dict(equip_fmt="missing"),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="empty", recommendation="docx", pack="folder",
       notes="no equipment list (resource_lists partial) and a 0-byte 真实性声明.pdf (unreadable): both in one notice"),
    A_(key="C04", id="固原-隆德县六盘山文旅企业服务有限公司", city="固原市", county="隆德县",
       addr="固原市隆德县城关镇六盘山路33号", nature="enterprise",
       platform="隆德县文旅中小企业市场服务平台", est="2018-08-08", reg_cap=W(100),
       v=V(126.0, 118.0, 90.0, 76.0, 340, 11, 9, 3, 68, 60, 0.90, 2, 0.30),
       funcs=[MKT(68)],
       rep=dict(fmt="docx", layout="2col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="none"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice"], quals=["icp"],
       declaration="pdf", recommendation="docx", pack="folder",
       notes="annual audit without any service income/expenditure section and no special audit -> audit_reports partial"),
    A_(key="C05", id="吴忠-青铜峡市鑫源企业服务有限公司", city="吴忠市", county="青铜峡市",
       addr="吴忠市青铜峡市裕民街道古峡西街88号", nature="enterprise",
       platform="鑫源中小企业综合服务平台", est="2015-10-10", reg_cap=W(200),
       v=V(176.0, 160.0, 121.0, 99.0, 480, 13, 10, 4, 70, 63, 0.91, 3, 0.30),
       funcs=[CONS(5), INFO(70, 6)],
       rep=dict(fmt="bundle", layout="4col", money="wan", ratio="pct", claim="checkbox", ind="three"),
       lic=dict(out="photo"),
       audit=dict(layout="D", unit="yuan", opinion="standard_unqualified", special="separate", service_unit="yuan"),
       lists=dict(),
       premises="lease_pdf", evidence=["notice", "photo"], quals=["icp"],
       declaration="pdf", recommendation="missing", pack="bundle", bundle_name="申报材料合订本.pdf",
       notes="one text PDF bundle without a 目录; the city bureau's 推荐表 is not in the package -> recommendation_form missing"),
]


# ---------------------------------------------------------------------------
# scenario set-up: derived identity data, licence data, audit numbers
# ---------------------------------------------------------------------------
NATURE_PREFIX = {"enterprise": "91", "public_institution": "12", "social_organization": "51",
                 "private_non_enterprise": "52"}
SCOPES = {"information": "信息技术咨询服务；政策信息咨询；企业管理咨询",
          "technology": "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；检验检测服务",
          "entrepreneurship": "创业空间服务；企业孵化服务；商务代理代办服务",
          "training": "职业技能培训（不含需取得许可的培训）；企业管理培训",
          "financing": "融资咨询服务；为中小企业提供融资担保服务",
          "consulting": "企业管理咨询；财务咨询；税务服务；认证咨询",
          "market": "会议及展览服务；市场营销策划；互联网销售；供应链管理服务"}


def setup_app(spec, idx, seed):
    a = copy.deepcopy(spec)
    rng = random.Random(seed * 100003 + idx * 7919 + 17)
    a["rng"] = rng
    a["name"] = a["id"].split("-", 1)[1] if "-" in a["id"] else a["id"]
    a["funcs"] = dict(a["funcs"])
    a["extra_ind"] = dict(a.get("extra_ind", []))
    a.setdefault("recommender", REC[a["city"]])
    a["legal_rep"] = person_name(rng)
    a["contact"] = person_name(rng)
    a["contact_phone"] = phone(rng)
    a["uscc"] = make_uscc(rng, NATURE_PREFIX[a["nature"]], REGION[a["county"]])
    if a["rep"].get("bad_uscc"):
        a["rep"]["uscc"] = bad_check_variant(a["uscc"])
    a["domain"] = "".join(rng.choice("abcdefghjkmnpqrstwxyz") for _ in range(rng.randint(5, 9))) + rng.choice([".com", ".cn", ".com.cn"])
    a["premises_addr"] = a["addr"]
    v = a["v"]
    for k in ("total_assets", "revenue", "service_income", "service_expense"):
        if v.get(k) is not None:
            v[k] = round(v[k] * (1 + rng.uniform(-0.003, 0.003)) + rng.randint(0, 99) / 100.0, 2)
    a["prev"] = {"total_assets": v["total_assets"] * rng.uniform(0.85, 0.95),
                 "revenue": v["revenue"] * rng.uniform(0.82, 0.93),
                 "service_income": (v["service_income"] or 0) * rng.uniform(0.8, 0.92),
                 "service_expense": (v["service_expense"] or 0) * rng.uniform(0.8, 0.92),
                 "satisfaction": max(0.5, v["satisfaction"] - 0.01),
                 "smes_2023": int(v["smes_prior"] * rng.uniform(0.82, 0.95))}
    scope = "；".join(SCOPES[f] for f in a["funcs"]) + "。（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
    est = dt.date.fromisoformat(a["est"])
    lic = {"name": a["name"], "uscc": a["uscc"], "person": a["legal_rep"], "addr": a["addr"], "scope": scope,
           "est": a["est"], "out": a["lic"].get("out", "photo")}
    lic.update(a["lic"])
    if a["nature"] == "enterprise":
        issue = dt.date(rng.randint(max(est.year, 2019), 2025), rng.randint(1, 12), rng.randint(1, 28))
        if issue < est:
            issue = est
        lic["issue"] = issue.isoformat()
        lic["number"] = REGION[a["county"]] + "00" + issue.strftime("%Y%m%d") + "%04d" % rng.randint(1, 9999)
        lic["type"] = pick(rng, CAT["licence"]["business_2019"]["types"])
        lic["authority"] = pick(rng, CAT["licence"]["authorities"][a["city"]])
        if rng.random() < 0.4:
            lic["term_to"] = (dt.date(est.year + 30, est.month, est.day) - dt.timedelta(days=1)).isoformat()
        cs = a["lic"].get("cap_style")
        if a.get("reg_cap"):
            lic["cap_value"] = float(a["reg_cap"])
            if cs == "yuan_circle":
                lic["cap_text"] = daxie_wan(a["reg_cap"]).replace("元", "圆")
            elif cs == "daxie_circle":
                lic["cap_text"] = daxie_wan(a["reg_cap"]).replace("元", "圆")
            else:
                lic["cap_text"] = rng.choice(["人民币%s万元", "%s万元整", "%s万元"]) % fmt_num(a["reg_cap"] / 1e4)
        if a.get("branch"):
            lic["branch"] = True
    else:
        lic["issue"] = a["lic"]["valid_from"] if a["lic"].get("valid_from") else "2023-01-01"
        lic.setdefault("valid_from", lic["issue"])
        lic.setdefault("valid_until", "2028-01-01")
        lic["cap_value"] = float(a["reg_cap"])
        if a["nature"] == "public_institution":
            lic["cap_text"] = "￥%s万元" % fmt_num(a["reg_cap"] / 1e4)
            lic["funding"] = "财政补助"
            lic["sponsor"] = "%s工业和信息化局" % a["city"]
            lic["authority"] = "%s事业单位登记管理局" % a["city"]
            lic["scope"] = "为中小企业提供政策咨询、信息、培训、融资对接等公共服务。"
        elif a["nature"] == "social_organization":
            lic["cap_text"] = daxie_wan(a["reg_cap"])[:-1]
            lic["sponsor"] = "宁夏回族自治区工业和信息化厅"
            lic["authority"] = "宁夏回族自治区民政厅"
            lic["area"] = "宁夏回族自治区"
            lic["scope"] = "开展中小企业数字化转型研究、咨询、培训、交流、展览展示，承接政府委托事项。"
        else:
            lic["cap_text"] = "%s万元" % fmt_num(a["reg_cap"] / 1e4)
            lic["sponsor"] = "%s人力资源和社会保障局" % a["city"] if "培训" in a["name"] else "%s民政局" % a["city"]
            lic["authority"] = "%s民政局" % a["city"]
            lic["scope"] = ("职业技能培训（电子商务、财务管理、企业管理等）。" if "培训" in a["name"]
                            else "为中小企业提供公益咨询、社会工作服务、政策宣传。")
    a["lic"] = lic
    au = a["audit"]
    if au.get("present", True):
        fi = idx % len(CAT["audit"]["firms"])
        au["firm"] = CAT["audit"]["firms"][fi]
        au["number"] = CAT["audit"]["report_numbers"][idx % len(CAT["audit"]["report_numbers"])].format(n=rng.randint(11, 389))
        au["special_number"] = CAT["audit"]["special_numbers"][idx % 3].format(n=rng.randint(11, 199))
    # sanity: 附件2 qualified ratio never ambiguous between "or" and "and" readings
    q_lo = max(v["college"], v["mid"]) / v["staff"]
    q_hi = min(1.0, (v["college"] + v["mid"]) / v["staff"])
    assert (q_lo >= 0.6) or (q_hi < 0.6), a["key"]
    return a


# ---------------------------------------------------------------------------
# file naming
# ---------------------------------------------------------------------------
CERT_NAME = {"enterprise": "营业执照副本", "public_institution": "事业单位法人证书",
             "social_organization": "社会团体法人登记证书", "private_non_enterprise": "民办非企业单位登记证书"}
SCHEMES = CAT["file_names"]["schemes"]
QUAL_NAME = CAT["file_names"]["qualification_names"]
MEANINGLESS = CAT["file_names"]["meaningless_map"]   # P09: names that say nothing about the content
DEEP_DIRS = ["资料"] + ["新建文件夹"] * 38 + ["最终版"]


def file_name(a, key, ext, n=1, q=None):
    if a.get("names_style") == "meaningless":
        if key == "report":
            return "/".join(DEEP_DIRS[:a.get("deep", 40)]) + "/申请报告" + ext
        if key == "photo":
            return ("IMG_%d" % (4470 + n)) + (".JPG" if ext == ".jpg" else ext)
        base = MEANINGLESS.get(key)
        if base:
            return base + ext
    sch = SCHEMES[a["scheme"]]
    if key == "licence":
        base = sch.get("licence", "{c}").format(c=CERT_NAME[a["nature"]])
    elif key == "qual":
        base = sch["qual"].format(q=QUAL_NAME[q])
    else:
        base = sch[key].format(u=a["name"], n=n)
    return base + ext


# ---------------------------------------------------------------------------
# building one application
# ---------------------------------------------------------------------------
MATERIAL_IDS = ["application_report", "legal_entity_certificate", "audit_reports", "premises_proof",
                "resource_lists", "service_evidence", "qualifications", "authenticity_declaration",
                "recommendation_form"]


class Pkg:
    def __init__(self):
        self.files = {}                 # relpath -> bytes
        self.mat = {m: [] for m in MATERIAL_IDS}
        self.status = {}
        self.parts = {"equipment_list": "missing", "staff_list": "missing", "client_list": "missing"}
        self.stated = {}
        self.images = 0
        self.scanned_pages = 0

    def add(self, material, path, data):
        self.files[path] = data
        if material:
            self.mat[material].append(path)


def qual_image(a, rng, q):
    if q == "school_licence":
        return simple_certificate(a, rng, CAT["materials"]["school_licence_title"],
                                  ["学校名称：%s" % a["name"], "举办者：%s" % a["legal_rep"], "办学内容：职业技能培训",
                                   "编号：教民%015d号" % rng.randint(1, 10 ** 15 - 1), "有效期：2022年3月至2027年3月"],
                                  "%s人力资源和社会保障局" % a["city"])
    if q == "guarantee_licence":
        return simple_certificate(a, rng, CAT["materials"]["guarantee_licence_title"],
                                  ["机构名称：%s" % a["name"], "法定代表人：%s" % a["legal_rep"],
                                   "业务范围：借款类担保业务、发行债券担保业务、其他融资担保业务",
                                   "编号：宁%05d" % rng.randint(1, 99999)], "宁夏回族自治区地方金融监督管理局")
    if q == "cma":
        return simple_certificate(a, rng, CAT["materials"]["cma_title"],
                                  ["机构名称：%s" % a["name"], "证书编号：%d%08d" % (rng.randint(19, 23), rng.randint(1, 10 ** 8 - 1)),
                                   "检验检测能力范围：化工产品、水质、环境空气（详见附表）"], "宁夏回族自治区市场监督管理厅")
    if q == "training_cert_img":
        return simple_certificate(a, rng, "中小企业培训机构备案证明",
                                  ["%s：" % a["name"], "经审核，你单位具备开展中小企业经营管理培训的条件，准予备案。",
                                   "备案编号：WZPX-2024-%03d" % rng.randint(1, 99)], "吴忠市工业和信息化局", landscape=False)
    raise ValueError(q)


def build_app(a):
    rng = a["rng"]
    R = a["rep"]
    pk = Pkg()
    bundle = a["pack"].startswith("bundle")
    sec = {}          # material -> list of blocks (bundles)
    fmt = R["fmt"]
    rootp = a.get("zip_root", "")

    def put(material, key, ext, data, n=1, q=None):
        pk.add(material, rootp + file_name(a, key, ext, n=n, q=q), data)

    # --- 推荐表 (附件1) ---
    rec = a["recommendation"]
    if rec != "missing":
        bl = recommendation_blocks(a, rng)
        if bundle and a["pack"] != "bundle_scan":
            sec["recommendation_form"] = bl
        elif rec == "docx":
            pk.files[file_name(a, "recommendation", ".docx")] = render_docx(bl)
            pk.mat["recommendation_form"].append(file_name(a, "recommendation", ".docx"))
        else:
            data, n = scanned_pdf(render_pdf(bl), rng)
            pk.scanned_pages += n
            nm = file_name(a, "recommendation", "（盖章）.pdf")
            pk.files[nm] = data
            pk.mat["recommendation_form"].append(nm)
        pk.status["recommendation_form"] = "present"
    else:
        pk.status["recommendation_form"] = "missing"

    # --- 申请报告 (附件2) ---
    rb, rst = report_blocks(a, rng, "docx" if fmt == "docx" else "pdf")
    pk.stated.update(rst)
    if bundle:
        sec["application_report"] = rb
    elif fmt == "docx":
        put("application_report", "report", ".docx", render_docx(rb, font_name=pick(rng, ["宋体", "仿宋_GB2312", "仿宋"])))
    elif fmt == "pdf":
        put("application_report", "report", ".pdf", render_pdf(rb, footer="dash"))
    elif fmt == "scan":
        data, n = scanned_pdf(render_pdf(rb, footer="dash"), rng, dpi=120)
        pk.scanned_pages += n
        put("application_report", "report", ".pdf", data)
    pk.status["application_report"] = "present"

    # --- licence / certificate ---
    data, ext, lst, im = licence_output(a, rng)
    pk.stated.update(lst)
    if bundle:
        sec["legal_entity_certificate"] = [B_img(im, 170 if im.width > im.height else 130)]
    else:
        put("legal_entity_certificate", "licence", ext, data)
    pk.images += 1
    pk.status["legal_entity_certificate"] = "present"

    # --- audit ---
    au = a["audit"]
    if au.get("present", True):
        f = make_fin(a, rng)
        ab, ast = audit_blocks(a, rng, f)
        pk.stated.update(ast)
        blocks = list(ab)
        files = [("audit", ab)]
        if au.get("special") == "separate":
            sb, sst = special_audit_blocks(a, rng, f)
            pk.stated.update(sst)
            files.append(("special", sb))
        if bundle:
            sec["audit_reports"] = sum(([B_break()] + b if i else b for i, (_, b) in enumerate(files)), [])
        else:
            for key, b in files:
                put("audit_reports", key, ".pdf", render_pdf(b, footer=pick(rng, ["page", "dash", None])))
        pk.status["audit_reports"] = "partial" if au.get("special") == "none" else "present"
    else:
        pk.status["audit_reports"] = "missing"

    # --- premises ---
    pr = a["premises"]
    if pr in ("lease_pdf", "lease_scan"):
        lb = lease_blocks(a, rng)
        if bundle:
            sec["premises_proof"] = lb
        elif pr == "lease_pdf":
            put("premises_proof", "lease", ".pdf", render_pdf(lb))
        else:
            data, n = scanned_pdf(render_pdf(lb), rng, dpi=110, dark=True, noise=8)
            pk.scanned_pages += n
            put("premises_proof", "lease", ".pdf", data)
        pk.status["premises_proof"] = "present"
    elif pr == "property_photo":
        im = property_photo(a, rng)
        pk.images += 1
        if bundle:
            sec["premises_proof"] = [B_img(im, 130)]
        else:
            put("premises_proof", "property", ".jpg", jpeg_bytes(im, 80))
        pk.status["premises_proof"] = "present"
    elif pr == "corrupt":
        put("premises_proof", "lease", ".pdf", corrupt_pdf(rng))
        pk.status["premises_proof"] = "unreadable"

    # --- resource lists ---
    L = a["lists"]
    v = a["v"]
    sn = L.get("staff_n", (v["staff"], v["college"], v["mid"]))
    people = make_staff(a, rng, *sn)
    rl_blocks = []
    ef = L.get("equip_fmt", "xlsx")
    if ef != "missing":
        if bundle:
            rl_blocks += equipment_output(a, rng, "blocks") + [B_break()]
        else:
            put("resource_lists", "equipment", "." + ef, equipment_output(a, rng, ef))
        pk.parts["equipment_list"] = "present"
    sf = L.get("staff_fmt", "xlsx")
    if bundle:
        b, sst = staff_output(a, rng, people, "blocks")
        rl_blocks += b + [B_break()]
    else:
        data, sst = staff_output(a, rng, people, sf)
        put("resource_lists", "staff", "." + sf, data)
    pk.stated.update(sst)
    pk.parts["staff_list"] = "present"
    clients = make_clients(a, rng, L.get("client_count", v["smes_last"]))
    cf = L.get("client_fmt", "xlsx")
    if bundle:
        b, cst = client_output(a, rng, clients, "blocks")
        rl_blocks += b
    else:
        data, cst = client_output(a, rng, clients, cf)
        put("resource_lists", "clients", "." + cf, data)
    pk.stated.update(cst)
    pk.parts["client_list"] = "present"
    if L.get("staff_certs") and not bundle:
        data, n = staff_cert_scan(a, rng, [p for p in people if p["title"] in CAT["lists"]["titles_mid_plus"]], 2)
        pk.scanned_pages += n
        put("resource_lists", "staff_certs", ".pdf", data)
    if bundle:
        sec["resource_lists"] = rl_blocks
    np_ = sum(1 for x in pk.parts.values() if x == "present")
    pk.status["resource_lists"] = "present" if np_ == 3 else ("missing" if np_ == 0 else "partial")

    # --- service evidence ---
    ev = []
    topics = list(CAT["materials"]["notice_topics"])
    rng.shuffle(topics)
    nphoto = 0
    for k, item in enumerate(a["evidence"]):
        if item in ("notice", "notice2"):
            nb = notice_blocks(a, rng, topics[k])
            if bundle:
                ev += nb + [B_break()]
            else:
                put("service_evidence", item, ".pdf", render_pdf(nb))
        elif item == "summary":
            sb = summary_blocks(a, rng)
            if bundle:
                ev += sb + [B_break()]
            else:
                put("service_evidence", "summary", ".docx", render_docx(sb))
        elif item == "photo":
            nphoto += 1
            im = event_photo(a, rng, topics[k])
            pk.images += 1
            if bundle:
                ev += [B_img(im, 150), B_p(pick(rng, CAT["materials"]["photo_captions"]).format(
                    m=rng.randint(3, 11), topic=topics[k]), align="center", indent=False), B_break()]
            else:
                put("service_evidence", "photo", ".jpg", jpeg_bytes(im, 78), n=nphoto)
    if bundle:
        while ev and ev[-1]["t"] == "pagebreak":
            ev.pop()
        sec["service_evidence"] = ev
    pk.status["service_evidence"] = "present"

    # --- qualifications ---
    qb = []
    for q in a["quals"]:
        if q == "icp":
            im = icp_screenshot(a, rng)
            pk.images += 1
            if bundle:
                qb += [B_img(im, 165)]
            else:
                put("qualifications", "icp", ".png", png_bytes(im))
        elif q == "training_cert":
            issuer = "%s工业和信息化局" % a["city"] if a["nature"] != "public_institution" else "宁夏回族自治区工业和信息化厅"
            tb = training_cert_blocks(a, rng, issuer)
            if bundle:
                qb += tb
            else:
                put("qualifications", "qual", ".pdf", render_pdf(tb), q=q)
        else:
            im = qual_image(a, rng, q)
            pk.images += 1
            if bundle:
                qb += [B_img(im, 160)]
            elif q == "cma":
                sc = scan_effect(im, rng, gray=True).resize((1500, int(1500 * im.height / im.width)))
                put("qualifications", "qual", ".pdf", images_to_pdf([sc], 150), q=q)
            else:
                put("qualifications", "qual", ".jpg", jpeg_bytes(photo_effect(im, rng, out_w=1400), 80), q=q)
        if bundle and qb and qb[-1]["t"] != "pagebreak":
            qb.append(B_break())
    if bundle:
        while qb and qb[-1]["t"] == "pagebreak":
            qb.pop()
        sec["qualifications"] = qb
    pk.status["qualifications"] = "present"

    # --- declaration ---
    de = a["declaration"]
    db = declaration_blocks(a, rng)
    if bundle:
        sec["authenticity_declaration"] = db
        pk.status["authenticity_declaration"] = "present"
    elif de == "pdf":
        put("authenticity_declaration", "declaration", ".pdf", render_pdf(db))
        pk.status["authenticity_declaration"] = "present"
    elif de == "jpg":
        page = rasterize_pdf(render_pdf(db), dpi=110)[0]
        im = photo_effect(page, rng, out_w=1300)
        pk.images += 1
        put("authenticity_declaration", "declaration", ".jpg", jpeg_bytes(im, 78))
        pk.status["authenticity_declaration"] = "present"
    elif de == "empty":
        put("authenticity_declaration", "declaration", ".pdf", b"")
        pk.status["authenticity_declaration"] = "unreadable"
    elif de == "docx":
        put("authenticity_declaration", "declaration", ".docx", render_docx(db))
        pk.status["authenticity_declaration"] = "present"

    if bundle:
        make_bundle(a, rng, pk, sec)
    # junk files that are not materials
    if a.get("names_style") == "meaningless":
        pk.files["Thumbs.db"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        rp = [p for p in pk.mat["application_report"]][0]
        pk.files[rp.rsplit("/", 1)[0] + "/~$申请报告.docx"] = b"\x05" + "张".encode("utf-16-le") + bytes(150)
    return pk


def make_bundle(a, rng, pk, sec):
    """Bind everything into one PDF in Article 11 order (推荐表 first when inside)."""
    order = ["recommendation_form", "application_report", "legal_entity_certificate", "audit_reports",
             "premises_proof", "resource_lists", "service_evidence", "qualifications", "authenticity_declaration"]
    present = [m for m in order if m in sec and sec[m]]
    toc = a["pack"] == "bundle_toc"
    name = a.get("bundle_name", "申报材料合订本.pdf")

    def blocks_with(toc_pages):
        bl = []
        if toc:
            cover = pick(random.Random(1), CAT["materials"]["bundle_cover"]).format(unit=a["name"])
            bl += [B_space(60), B_title(cover, 26), B_space(40),
                   B_p("推荐单位：%s" % a["recommender"], align="center", indent=False, size=14),
                   B_p("%d年3月" % AS_OF.year, align="center", indent=False, size=14), B_break()]
            bl.append(B_title(CAT["materials"]["bundle_toc_title"], 18))
            rows = []
            for m in present:
                rows.append([CAT["materials"]["bundle_toc_items"][m], "……………………", str(toc_pages.get(m, 0))])
            bl.append(B_table(rows, widths=[5, 3, 0.8], size=12))
            bl.append(B_break())
        for i, m in enumerate(present):
            if i:
                bl.append(B_break())
            bl.append(B_mark(m))
            bl.extend(sec[m])
        return bl
    offset = 2 if toc else 0
    footer = (lambda n: ("— %d —" % (n - offset)) if n > offset else None) if toc else "page"
    marks = {}
    data = render_pdf(blocks_with({}), footer=footer, markers=marks)
    if toc:
        printed = {m: marks[m] - offset for m in present}
        marks = {}
        data = render_pdf(blocks_with(printed), footer=footer, markers=marks)
    total = pdf_page_count(data)
    if a["pack"] == "bundle_scan":
        data, n = scanned_pdf(data, rng, dpi=110, noise=7)
        pk.scanned_pages += n
        pk.images -= sum(1 for m in present for b in sec[m] if b["t"] == "image")  # counted as scanned pages
    starts = [(marks[m], m) for m in present]
    starts.sort()
    for i, (p0, m) in enumerate(starts):
        p1 = (starts[i + 1][0] - 1) if i + 1 < len(starts) else total
        ref = "%s#p%d" % (name, p0) if p0 == p1 else "%s#p%d-%d" % (name, p0, p1)
        pk.mat[m].append(ref)
    pk.files[name] = data
    a["_bundle_pages"] = total
    a["_bundle_starts"] = {m: marks[m] for m in present}


# ---------------------------------------------------------------------------
# ground truth: rule outcomes under shared/spec/domain.md
# ---------------------------------------------------------------------------
def uscc_valid(code):
    if not code or len(code) != 18 or any(c not in USCC_ALPHA for c in code) or not code[:8].isdigit():
        return False
    return uscc_check(code[:17]) == code[17]


def threshold(values, t):
    vals = [x for x in values if x is not None]
    if not vals:
        return "no_evidence"
    sides = {x >= t for x in vals}
    if len(sides) > 1:
        return "needs_review"
    return "pass" if sides.pop() else "fail"


def is_mountain(a):
    return a["city"] == "固原市" or a["county"] in ("海原县", "同心县", "红寺堡区")


def evaluate(a, pk):
    s = pk.stated
    ms = pk.status
    nat = a["nature"]
    mountain = is_mountain(a)
    r61 = nat in ("public_institution", "social_organization") or mountain
    r625 = mountain
    out = {}

    def relax(o, ok):
        return "relaxed" if (o == "fail" and ok) else o
    # 6(1) legal entity
    if ms["legal_entity_certificate"] != "present":
        o = "no_evidence"
    elif s.get("licence.is_branch"):
        o = "fail"
    else:
        codes = [c for c in (s.get("uscc"), s.get("licence.uscc")) if c]
        if not all(uscc_valid(c) for c in codes) or len(set(codes)) > 1:
            o = "needs_review"
        else:
            o = "pass"
    out["art6_1_legal_entity"] = relax(o, r61)
    limit = dt.date(AS_OF.year - 2, AS_OF.month, AS_OF.day)
    dates = [s.get("established_date"), s.get("licence.established_date")]
    ok = [(dt.date.fromisoformat(d) <= limit) for d in dates if d]
    o = "no_evidence" if not ok else ("needs_review" if len(set(ok)) > 1 else ("pass" if ok[0] else "fail"))
    out["art6_1_operating_years"] = relax(o, r61)
    audit_ok = ms.get("audit_reports") in ("present", "partial")
    o = threshold([s.get("total_assets"), s.get("audit.total_assets") if audit_ok else None], 1e6)
    out["art6_1_total_assets"] = relax(o, r61)
    if not audit_ok:
        o = "no_evidence"
    elif s.get("audit.opinion") in ("qualified", "adverse", "disclaimer") or s.get("audit.net_assets", 1) <= 0:
        o = "fail"
    else:
        o = "pass"
    out["art6_1_financial_health"] = relax(o, r61)
    o = threshold([s.get("smes_served_last_year"), s.get("client_list.count")], 50)
    out["art6_2_smes_served"] = relax(o, r625)
    o = threshold([s.get("satisfaction_rate")], 0.8)
    out["art6_2_satisfaction"] = relax(o, r625)
    if s.get("smes_served_last_year") is None or s.get("smes_served_prior_year") is None:
        o = "no_evidence"
    else:
        o = "pass" if s["smes_served_last_year"] >= s["smes_served_prior_year"] else "fail"
    out["art6_2_growth"] = relax(o, r625)
    out["art6_3_premises"] = "pass" if ms["premises_proof"] == "present" else "no_evidence"
    out["art6_3_aggregated_agencies"] = threshold([s.get("aggregated_agencies")], 2)
    out["art6_4_public_benefit_share"] = threshold([s.get("public_benefit_share")], 0.2)
    o = threshold([s.get("service_staff"), s.get("staff_list.count")], 10)
    out["art6_5_service_staff"] = relax(o, r625)
    ratios = []
    if s.get("service_staff") and s.get("staff_college_or_above") is not None:
        ratios.append(max(s["staff_college_or_above"], s.get("staff_mid_title_or_above", 0)) / s["service_staff"])
    if s.get("staff_list.count"):
        ratios.append(s["staff_list.qualified_count"] / s["staff_list.count"])
    out["art6_5_qualified_ratio"] = relax(threshold(ratios, 0.6), r625)
    # Article 7
    got = []
    for f in FUNC_IDS:
        if f not in s.get("functions_claimed", []):
            continue
        g = lambda k: s.get(k)
        if f == "information":
            o = "no_evidence" if g("info_offline_smes") is None or g("info_activities") is None else \
                ("pass" if g("info_offline_smes") >= 50 and g("info_activities") >= 4 else "fail")
        elif f == "technology":
            o = threshold([g("tech_activities")], 3)
        elif f == "entrepreneurship":
            o = threshold([g("entrepreneurship_activities")], 4)
        elif f == "training":
            if g("training_person_times") is None or g("training_qualification") is None:
                o = "no_evidence"
            else:
                o = "pass" if g("training_person_times") >= 500 and g("training_qualification") else "fail"
        elif f == "financing":
            r1 = (g("financing_activities") or 0) >= 3 and (g("financing_amount") or 0) >= 2e8
            r2 = (g("guarantee_new_amount") or 0) >= 5e8
            o = "pass" if (r1 or r2) else "fail"
        elif f == "consulting":
            o = threshold([g("consulting_activities")], 3)
        else:
            o = threshold([g("market_enterprise_times")], 50)
        out["art7_%d_%s" % (FUNC_IDS.index(f) + 1, f)] = o
        got.append(o)
    out["art7_any"] = "pass" if "pass" in got else ("fail" if got and all(x == "fail" for x in got) else "needs_review")
    return out


PAIRS = [("total_assets", "audit.total_assets"), ("revenue", "audit.revenue"),
         ("service_income", "audit.service_income"), ("service_expense", "audit.service_expense"),
         ("service_staff", "staff_list.count"), ("smes_served_last_year", "client_list.count"),
         ("staff_college_or_above", "staff_list.qualified_count"),
         ("registered_capital", "licence.registered_capital")]
STR_PAIRS = [("uscc", "licence.uscc"), ("unit_name", "licence.name"), ("established_date", "licence.established_date")]


def inconsistencies(a, pk):
    s = pk.stated
    found = []
    for x, y in PAIRS:
        if s.get(x) is not None and s.get(y) is not None:
            p, q = float(s[x]), float(s[y])
            if abs(p - q) > 0.05 * max(abs(p), abs(q)):
                found.append([x, y])
    for x, y in STR_PAIRS:
        if s.get(x) is not None and s.get(y) is not None and s[x] != s[y]:
            found.append([x, y])
    planted = a.get("planted", [])
    extra = [p for p in found if p not in planted]
    missing = [p for p in planted if p not in found]
    assert not extra and not missing, (a["key"], extra, missing)
    return planted


def decide(pk, rules, inc):
    if any(pk.status[m] in ("missing", "unreadable", "partial") for m in MATERIAL_IDS):
        return "incomplete"
    if any(o == "fail" for o in rules.values()):
        return "ineligible"
    if any(o in ("relaxed", "needs_review", "no_evidence") for o in rules.values()) or inc:
        return "needs_review"
    return "passed"


def truth_record(a, pk):
    rules = evaluate(a, pk)
    inc = inconsistencies(a, pk)
    mats = {}
    for m in MATERIAL_IDS:
        d = {"status": pk.status[m], "files": sorted(set(pk.mat[m]), key=pk.mat[m].index)}
        if m == "resource_lists":
            d["parts"] = dict(pk.parts)
        mats[m] = d
    fields = {}
    for k, val in pk.stated.items():
        if isinstance(val, float) and val.is_integer() and k not in ("satisfaction_rate", "public_benefit_share"):
            val = float(val)
        fields[k] = val
    return {"applicant_id": a["id"], "as_of": AS_OF.isoformat(), "decision": decide(pk, rules, inc),
            "materials": mats, "fields": dict(sorted(fields.items())), "rules": rules,
            "inconsistencies": inc, "notes": a["notes"]}


# ---------------------------------------------------------------------------
# packaging: folder, zip (UTF-8 flag), zip with GBK names (no flag)
# ---------------------------------------------------------------------------
class GBKZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path, files, gbk=False, macosx=False, date=(2026, 3, 26, 10, 30, 0)):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        dirs = set()
        for p in files:
            parts = p.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/".join(parts[:i]) + "/")
        for d in sorted(dirs):
            zi = (GBKZipInfo if gbk else zipfile.ZipInfo)(d, date_time=date)
            zi.external_attr = 0o40775 << 16 | 0x10
            z.writestr(zi, b"")
        for p, data in files.items():
            zi = (GBKZipInfo if gbk else zipfile.ZipInfo)(p, date_time=date)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
            if macosx:
                d, _, b = p.rpartition("/")
                mz = zipfile.ZipInfo("__MACOSX/" + (d + "/" if d else "") + "._" + b, date_time=date)
                z.writestr(mz, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(60))


def emit(a, pk, batch):
    pack = a["pack"]
    if pack in ("zip", "gbkzip"):
        write_zip(os.path.join(batch, a["id"] + ".zip"), pk.files, gbk=(pack == "gbkzip"), macosx=a.get("macosx"))
        return
    root = os.path.join(batch, a["id"])
    for p, data in pk.files.items():
        fp = os.path.join(root, *p.split("/"))
        os.makedirs(os.path.dirname(fp), exist_ok=True)
        with open(fp, "wb") as fh:
            fh.write(data)


def _one(job):
    idx, seed, batch = job
    a = setup_app(APPS[idx], idx, seed)
    a["scheme"] = "ABC"[idx % 3]
    pk = build_app(a)
    emit(a, pk, batch)
    return idx, truth_record(a, pk), pk.images, pk.scanned_pages


def main(argv=None):
    ap = argparse.ArgumentParser(description="write the SEEN application corpus")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--only", default="", help="comma-separated scenario keys (debugging)")
    args = ap.parse_args(argv)
    t0 = time.time()
    batch = os.path.join(args.outdir, "batch")
    if os.path.isdir(batch):
        shutil.rmtree(batch)
    os.makedirs(batch)
    only = set(filter(None, args.only.split(",")))
    jobs = [(i, args.seed, batch) for i, sp in enumerate(APPS) if not only or sp["key"] in only]
    # heaviest scenarios first so two workers finish together
    heavy = {"bundle_scan": 0, "bundle_toc": 1, "bundle": 2}
    jobs.sort(key=lambda j: (heavy.get(APPS[j[0]]["pack"], 5), j[0]))
    if args.jobs > 1 and len(jobs) > 1:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(args.jobs) as pool:
            res = pool.map(_one, jobs, chunksize=1)
    else:
        res = [_one(j) for j in jobs]
    res.sort(key=lambda r: r[0])
    with open(os.path.join(args.outdir, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for _, r, _, _ in res:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    dec = {}
    for _, r, _, _ in res:
        dec[r["decision"]] = dec.get(r["decision"], 0) + 1
    print("wrote %d applications to %s in %.1fs; decisions %s; images %d + scanned pages %d"
          % (len(res), args.outdir, time.time() - t0, dec, sum(r[2] for r in res), sum(r[3] for r in res)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
