"""Second held-out corpus: about thirty applications written independently of the pipeline.

    python make.py OUTDIR [--seed N]   → OUTDIR/batch/… and OUTDIR/truth.jsonl

Every package is built from one profile (what the unit truly is and did) and a handful of
presentation choices (how its people typed, printed, scanned and bundled it). Expected
answers come from the profile and the regulation (shared/spec/domain.md), never from what
the pipeline happens to do. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pypdfium2 as pdfium
from docx import Document
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

AS_OF = "2026-04-30"
LAST, PRIOR = 2025, 2024
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SONG_TTF = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
pdfmetrics.registerFont(TTFont("song", SONG_TTF))
rl_config.invariant = 1  # no timestamps or random ids: the same seed gives the same bytes

# ---------------------------------------------------------------- identity helpers

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    vals = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    c = 11 - sum(v * w for v, w in zip(vals, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(c, str(c))


def uscc(rng: random.Random, head: str, region: str) -> str:
    body = head + region + org_code(rng)
    s = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(body, _USCC_W, strict=True))
    return body + _USCC_CHARS[(31 - s % 31) % 31]


def yuan(v: float) -> str:
    return f"{v:,.2f}"


def wan(v: float) -> str:
    return f"{v / 10000:,.2f}".rstrip("0").rstrip(".")


FIXED_TIME = datetime(2026, 3, 16, 9, 30, 0)


def fix_zip(path: Path) -> None:
    """Office files are zips stamped with the time of writing: restamp them so a seed gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i)) for i in z.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    items = [(n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, d) if n == "docProps/core.xml" else d)
             for n, d in items]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------- a document model
# blocks: ("h", text) title, ("p", text) paragraph, ("t", rows) table, ("br",) page break


def to_docx(blocks: list, path: Path) -> None:
    d = Document()
    for b in blocks:
        if b[0] == "h":
            d.add_heading(b[1], level=1)
        elif b[0] == "p":
            d.add_paragraph(b[1])
        elif b[0] == "br":
            d.add_page_break()
        elif b[0] == "t":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for i, r in enumerate(rows):
                for j in range(ncol):
                    t.cell(i, j).text = str(r[j]) if j < len(r) else ""
                if len(r) == 1 and ncol > 1:  # a row of one cell spans the table
                    t.cell(i, 0).merge(t.cell(i, ncol - 1))
            merges = b[2] if len(b) > 2 else []
            for (r0, r1, c) in merges:  # vertically merged first columns
                top = t.cell(r0, c)
                keep = top.text
                top.merge(t.cell(r1, c))
                top.text = keep
    path.parent.mkdir(parents=True, exist_ok=True)
    d.core_properties.created = d.core_properties.modified = FIXED_TIME
    d.save(path)
    fix_zip(path)


def to_pdf(blocks: list, path: Path) -> None:
    body = ParagraphStyle("b", fontName="song", fontSize=10.5, leading=16)
    head = ParagraphStyle("h", fontName="song", fontSize=15, leading=22, alignment=1, spaceAfter=8)
    cell = ParagraphStyle("c", fontName="song", fontSize=9, leading=12)
    flow = []
    for b in blocks:
        if b[0] == "h":
            flow.append(Paragraph(b[1], head))
        elif b[0] == "p":
            flow.append(Paragraph(b[1], body))
            flow.append(Spacer(1, 3))
        elif b[0] == "br":
            flow.append(PageBreak())
        elif b[0] == "t":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            data = [[Paragraph(str(x), cell) for x in r] + [""] * (ncol - len(r)) for r in rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for i, r in enumerate(rows):
                if len(r) == 1 and ncol > 1:
                    style.append(("SPAN", (0, i), (-1, i)))
            for (r0, r1, c) in (b[2] if len(b) > 2 else []):
                style.append(("SPAN", (c, r0), (c, r1)))
                for k in range(r0 + 1, r1 + 1):
                    data[k][c] = ""
            t = Table(data, colWidths=[460 / ncol] * ncol)
            t.setStyle(TableStyle(style))
            flow.append(t)
            flow.append(Spacer(1, 6))
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60,
                      bottomMargin=60).build(flow)


_FONTS: dict[int, ImageFont.FreeTypeFont] = {}


def font(size: int) -> ImageFont.FreeTypeFont:
    if size not in _FONTS:
        _FONTS[size] = ImageFont.truetype(SANS, size)
    return _FONTS[size]


def to_images(blocks: list, rng: random.Random, width: int = 1240) -> list[Image.Image]:
    """Print the document on A4 at ~150 dpi: a page is a list of drawn lines; tables get a grid."""
    pages, page, y = [], None, 0
    height = int(width * 1.414)

    def new():
        nonlocal page, y
        page = Image.new("L", (width, height), 250)
        pages.append(page)
        y = 110

    new()
    for b in blocks:
        d = ImageDraw.Draw(page)
        if b[0] == "br":
            new()
            continue
        if b[0] in ("h", "p"):
            size = 38 if b[0] == "h" else 26
            text = b[1]
            per = (width - 200) // size
            for k in range(0, max(len(text), 1), per):
                if y > height - 140:
                    new()
                    d = ImageDraw.Draw(page)
                chunk = text[k:k + per]
                x = (width - size * len(chunk)) // 2 if b[0] == "h" else 100
                d.text((x, y), chunk, fill=20, font=font(size))
                y += int(size * 1.6)
            y += 8
        elif b[0] == "t":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            cw = (width - 200) // ncol
            for r in rows:
                lines = max(1, max((len(str(x)) * 22) // (cw - 16) + 1 for x in r))
                rh = 40 * lines
                if y + rh > height - 120:
                    new()
                    d = ImageDraw.Draw(page)
                cells = [r[0]] + [""] * (ncol - 1) if len(r) == 1 else list(r) + [""] * (ncol - len(r))
                spans = [ncol] if len(r) == 1 else [1] * ncol
                x = 100
                for txt, sp in zip(cells[:len(spans)], spans, strict=False):
                    w = cw * sp
                    d.rectangle([x, y, x + w, y + rh], outline=40, width=2)
                    s, per = str(txt), max(1, (w - 16) // 22)
                    for k in range(0, len(s), per):
                        d.text((x + 8, y + 8 + 36 * (k // per)), s[k:k + per], fill=20, font=font(22))
                    x += w
                y += rh
            y += 20
    return [scanify(p, rng) for p in pages]


def scanify(img: Image.Image, rng: random.Random, angle: float | None = None) -> Image.Image:
    """A phone photo or a cheap scan: slight rotation, blur, noise, uneven light."""
    a = rng.uniform(-1.8, 1.8) if angle is None else angle
    img = img.convert("L").rotate(a, expand=True, fillcolor=235, resample=Image.BICUBIC)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    arr = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    arr = arr + nrng.normal(0, rng.uniform(4, 9), arr.shape)
    grad = np.linspace(rng.uniform(-18, 0), rng.uniform(0, 12), arr.shape[1])[None, :]
    arr = np.clip(arr + grad, 0, 255).astype(np.uint8)
    return Image.fromarray(arr).convert("RGB")


def save_jpg(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=78)


def images_to_pdf(imgs: list[Image.Image], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    imgs[0].save(path, "PDF", resolution=150, save_all=True, append_images=imgs[1:],
                 creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple())


def pdf_pages(path: Path) -> int:
    return len(pdfium.PdfDocument(str(path)))


def merge_pdfs(parts: list[Path], out: Path) -> list[tuple[int, int]]:
    dest = pdfium.PdfDocument.new()
    ranges = []
    for p in parts:
        src = pdfium.PdfDocument(str(p))
        start = len(dest) + 1
        dest.import_pages(src)
        ranges.append((start, len(dest)))
    out.parent.mkdir(parents=True, exist_ok=True)
    dest.save(str(out))
    # pdfium stamps a fresh file id: blank it in place (same length, so the xref stays right)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                  lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)[3:]).join([b"/ID", b""]), out.read_bytes())
    data = re.sub(rb"\(D:\d{14}", b"(D:20260316093000", data)  # and the creation date
    out.write_bytes(data)
    return ranges


# ---------------------------------------------------------------- profiles

NATURE_CN = {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体",
             "private_non_enterprise": "民办非企业单位"}
FUNC_CN = {"information": "信息服务", "technology": "技术服务", "entrepreneurship": "创业服务",
           "training": "培训服务", "financing": "融资服务", "consulting": "咨询服务", "market": "市场服务"}
REGION = {"银川": ("640100", "银川市", "金凤区"), "石嘴山": ("640200", "石嘴山市", "大武口区"),
          "吴忠": ("640300", "吴忠市", "利通区"), "固原": ("640400", "固原市", "原州区"),
          "中卫": ("640500", "中卫市", "沙坡头区")}
SURN = "王李张刘陈杨马赵黄周吴徐孙朱胡郭何高罗郑梁谢宋唐许韩冯邓曹彭曾田萧潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜"
GIVEN = "建国红军海燕晓东丽娟志强文博雪梅俊杰玉兰宏伟子涵思远佳怡明辉秀英立新国庆春华天宇婷婷浩然"
FIRMS = ["宁夏正信会计师事务所（普通合伙）", "宁夏瑞衡会计师事务所有限公司", "银川明达联合会计师事务所",
         "宁夏中和信会计师事务所（特殊普通合伙）"]


@dataclass
class P:
    key: str
    city: str
    name: str
    platform: str
    nature: str = "enterprise"
    county: str = ""
    est: str = "2017-06-18"
    capital: float = 5_000_000.0
    total_assets: float = 3_264_500.0
    liabilities: float = 1_402_300.0
    revenue: float = 2_186_400.0
    profit: float = 152_300.0
    service_income: float = 1_630_000.0
    service_expense: float = 1_212_000.0
    staff: int = 16
    college: int = 12
    mid: int = 6
    qualified: int = 13  # 大专+ or 中级+ (the union)
    smes_last: int = 68
    smes_prior: int = 61
    sat: float = 0.92
    agencies: int = 4
    pb: float = 0.35
    area: float = 420.0
    functions: dict = field(default_factory=lambda: {"information": {"info_offline_smes": 56, "info_activities": 6},
                                                     "consulting": {"consulting_activities": 4}})
    opinion: str = "standard_unqualified"
    branch: bool = False
    # presentation
    report_fmt: str = "docx"  # docx | pdf | scan
    table_cols: int = 2  # 2 | 4
    money: str = "yuan"  # yuan | wan_label | wan_value | mixed
    years: str = "words"  # words | calendar
    sat_style: str = "pct"  # pct | frac
    licence_style: str = "new"  # new | old | eprint
    licence_file: str = "营业执照副本.jpg"
    audit_unit: str = "元"
    audit_scan: bool = False
    layout: str = "flat"  # flat | nested | zip | bundle | bundle_scan
    client_total_row: bool = False
    special_audit: bool = False  # service income/expense in a separate special audit report
    lists_fmt: str = "xlsx"  # xlsx | xlsx_titled (a merged title row and a 单位 line above the header) | docx
    # deviations from the documents agreeing with the profile (planted inconsistencies)
    report_uscc_other: bool = False
    audit_total_assets: float | None = None
    list_staff: int | None = None
    list_clients: int | None = None
    omit: tuple = ()  # materials left out
    no_client_list: bool = False
    corrupt: str = ""  # material whose file is broken
    expect: dict = field(default_factory=dict)  # rule outcomes that differ from pass
    decision: str = "passed"
    inconsistencies: list = field(default_factory=list)
    notes: str = ""


def profiles() -> list[P]:
    out: list[P] = []

    def add(**kw):
        out.append(P(**kw))

    # ---- eligible (passed)
    add(key="e1", city="银川", name="宁夏云启企业服务有限公司", platform="云启中小企业综合服务平台",
        notes="plain Word report, 2-column table, yuan")
    add(key="e2", city="石嘴山", name="石嘴山市恒拓科技服务有限公司", platform="恒拓工业技术服务平台",
        table_cols=4, money="wan_label", years="calendar",
        functions={"technology": {"tech_activities": 5}, "market": {"market_enterprise_times": 72}},
        notes="4-column table, units in labels, years as calendar-year columns")
    add(key="e3", city="吴忠", name="吴忠市利民企业管理咨询有限公司", platform="利民企业诊断咨询服务平台",
        report_fmt="pdf", money="wan_value", sat_style="frac", licence_style="old", licence_file="IMG_2031.JPG",
        notes="report as text PDF, units inside values, old licence layout as phone photo")
    add(key="e4", city="中卫", name="中卫市沙湖创业孵化服务有限公司", platform="沙湖创业孵化服务平台",
        functions={"entrepreneurship": {"entrepreneurship_activities": 6}},
        layout="zip", audit_unit="万元", notes="zip, audit statements in 万元")
    add(key="e5", city="银川", name="宁夏西部数智信息服务有限公司", platform="西部数智信息服务平台",
        layout="bundle", table_cols=4, notes="everything bound in one text PDF")
    add(key="e6", city="吴忠", name="青铜峡市黄河企业服务有限公司", platform="黄河中小企业公共服务平台",
        layout="bundle_scan", years="calendar", notes="one scanned bundle PDF")
    add(key="e7", city="银川", name="宁夏科技发展服务中心", platform="宁夏科技成果转化服务平台",
        nature="public_institution", est="2009-03-02", capital=1_200_000.0, licence_style="inst",
        licence_file="事业单位法人证书.jpg", audit_unit="元",
        functions={"technology": {"tech_activities": 8}}, notes="事业单位 certificate and 收入费用表")
    add(key="e8", city="银川", name="宁夏中小企业商会", platform="商会会员企业服务平台",
        nature="social_organization", est="2012-11-20", capital=300_000.0, licence_style="soc",
        licence_file="微信图片_20250311094512.jpg", layout="nested",
        functions={"financing": {"financing_activities": 5, "financing_amount": 268_000_000.0}},
        notes="社会团体 certificate, 业务活动表, nested folders, financing by amount")
    add(key="e9", city="石嘴山", name="石嘴山市职业技能培训学校", platform="中小企业人才培训服务平台",
        nature="private_non_enterprise", est="2014-04-09", capital=500_000.0, licence_style="minfei",
        functions={"training": {"training_person_times": 1260, "training_qualification": True}},
        notes="民办非企业 certificate, training with filing")
    add(key="e10", city="银川", name="宁夏汇通电子商务服务有限公司", platform="汇通电商市场拓展服务平台",
        opinion="unqualified_with_emphasis", report_fmt="scan", client_total_row=True,
        licence_style="eprint", licence_file="扫描全能王 2025-03-01 10.22.jpg",
        functions={"market": {"market_enterprise_times": 95}},
        notes="scanned report, emphasis-of-matter opinion, client list with a total row, e-licence print")
    add(key="e11", city="中卫", name="中卫市创新工业设计服务有限公司", platform="创新工业设计服务平台",
        money="mixed", audit_scan=True, smes_last=61, smes_prior=61, sat=0.80, staff=10, college=6, mid=4,
        qualified=6, functions={"technology": {"tech_activities": 3}},
        notes="thresholds met exactly (growth equal, 80%, 10 staff, 60%), scanned audit")
    add(key="e12", city="吴忠", name="宁夏塞北信息技术服务有限公司", platform="塞北两化融合服务平台",
        table_cols=4, years="calendar", sat_style="frac", layout="zip", client_total_row=True,
        notes="zip, calendar years, fraction satisfaction")

    add(key="e13", city="银川", name="宁夏恒信企业管理咨询有限公司", platform="恒信中小企业诊断咨询平台",
        report_fmt="photo", special_audit=True, lists_fmt="docx", functions={"consulting": {"consulting_activities": 5}},
        notes="report photographed page by page, separate special audit in 万元, staff list in Word")
    add(key="e14", city="吴忠", name="吴忠市启航创业服务中心", platform="启航创业服务平台",
        nature="private_non_enterprise", est="2015-10-12", capital=300_000.0, licence_style="minfei",
        licence_file="扫描全能王 2026-02-27 15.41.jpg", table_cols=4, money="wan_label", special_audit=True,
        lists_fmt="xlsx_titled", client_total_row=True,
        functions={"entrepreneurship": {"entrepreneurship_activities": 7}, "training": {"training_person_times": 380,
                                                                                    "training_qualification": False}},
        expect={"art7_4_training": "fail"},
        notes="民非 with a titled list workbook and a total row; one of two claimed functions fails, the other passes")

    # ---- relaxed → needs_review
    add(key="r1", city="石嘴山", name="石嘴山市中小企业服务中心", platform="石嘴山市中小企业公共服务平台",
        nature="public_institution", est="2011-08-15", capital=200_000.0, total_assets=826_000.0,
        liabilities=210_000.0, licence_style="inst", licence_file="法人证书.jpg",
        expect={"art6_1_total_assets": "relaxed"}, decision="needs_review",
        notes="事业单位 under the asset threshold: relaxation")
    add(key="r2", city="固原", county="西吉县", name="西吉县众创企业服务有限公司", platform="西吉县小微企业服务平台",
        smes_last=44, smes_prior=39, expect={"art6_2_smes_served": "relaxed"}, decision="needs_review",
        functions={"entrepreneurship": {"entrepreneurship_activities": 5}},
        notes="mountain county under the SME count: relaxation")

    # ---- planted inconsistencies → needs_review
    add(key="i1", city="银川", name="宁夏银河知识产权服务有限公司", platform="银河知识产权服务平台",
        audit_total_assets=2_905_000.0, decision="needs_review", inconsistencies=[["total_assets", "audit.total_assets"]],
        functions={"technology": {"tech_activities": 6}}, notes="assets differ between report and audit, both above")
    add(key="i2", city="吴忠", name="吴忠市金穗融资服务有限公司", platform="金穗融资对接服务平台",
        report_uscc_other=True, decision="needs_review", inconsistencies=[["uscc", "licence.uscc"]],
        expect={"art6_1_legal_entity": "needs_review"}, table_cols=4,
        notes="report credit code differs from licence")
    add(key="i3", city="中卫", name="中卫市信达管理咨询有限公司", platform="信达管理咨询服务平台",
        staff=18, college=14, mid=7, qualified=15, list_staff=15, decision="needs_review",
        inconsistencies=[["service_staff", "staff_list.count"]], notes="report staff count above staff list")
    add(key="i4", city="银川", name="宁夏丝路会展服务有限公司", platform="丝路会展市场服务平台",
        smes_last=82, smes_prior=70, list_clients=66, decision="needs_review",
        inconsistencies=[["smes_served_last_year", "client_list.count"]],
        functions={"market": {"market_enterprise_times": 120}}, notes="report SME count above client list")
    add(key="i5", city="石嘴山", name="石嘴山市宏达企业服务有限公司", platform="宏达企业综合服务平台",
        total_assets=1_215_000.0, liabilities=480_000.0, audit_total_assets=955_000.0, decision="needs_review",
        money="wan_value", inconsistencies=[["total_assets", "audit.total_assets"]],
        expect={"art6_1_total_assets": "needs_review"}, notes="assets on both sides of the threshold")

    # ---- ineligible
    add(key="f1", city="银川", name="宁夏惠众社会服务中心", platform="惠众小微企业服务平台",
        nature="private_non_enterprise", est="2016-02-26", capital=100_000.0, total_assets=870_000.0,
        liabilities=120_000.0, licence_style="minfei", licence_file="IMG_4417.JPG",
        expect={"art6_1_total_assets": "fail"}, decision="ineligible",
        notes="民办非企业 under the asset threshold: no relaxation")
    add(key="f2", city="银川", name="宁夏德信科技服务有限公司银川分公司", platform="德信科技服务平台",
        branch=True, expect={"art6_1_legal_entity": "fail"}, decision="ineligible", notes="branch licence")
    add(key="f3", city="吴忠", name="吴忠市同盛企业服务有限公司", platform="同盛企业服务平台",
        opinion="qualified", expect={"art6_1_financial_health": "fail"}, decision="ineligible",
        notes="qualified audit opinion")
    add(key="f4", city="中卫", name="中卫市新程企业服务有限公司", platform="新程企业服务平台", est="2024-09-06",
        expect={"art6_1_operating_years": "fail"}, decision="ineligible", notes="established under two years")
    add(key="f5", city="石嘴山", name="石嘴山市星海科技服务有限公司", platform="星海科技服务平台",
        sat=0.78, sat_style="frac", expect={"art6_2_satisfaction": "fail"}, decision="ineligible",
        notes="satisfaction under 80%")
    add(key="f6", city="银川", name="宁夏远航企业服务有限公司", platform="远航企业服务平台",
        smes_last=57, smes_prior=64, years="calendar", expect={"art6_2_growth": "fail"}, decision="ineligible",
        notes="SME count fell")
    add(key="f7", city="吴忠", name="吴忠市博远培训服务有限公司", platform="博远职业培训服务平台",
        functions={"training": {"training_person_times": 420, "training_qualification": True}},
        expect={"art7_4_training": "fail", "art7_any": "fail"}, decision="ineligible",
        notes="only function claimed misses its count")
    add(key="f8", city="银川", name="宁夏卓越企业咨询有限公司", platform="卓越企业咨询服务平台",
        agencies=1, expect={"art6_3_aggregated_agencies": "fail"}, decision="ineligible", notes="one agency")
    add(key="f9", city="中卫", name="中卫市明远技术服务有限公司", platform="明远技术服务平台",
        staff=8, college=6, mid=3, qualified=6, expect={"art6_5_service_staff": "fail"}, decision="ineligible",
        functions={"technology": {"tech_activities": 4}}, notes="eight staff")

    add(key="f10", city="石嘴山", name="石嘴山市华源企业服务有限公司", platform="华源企业服务平台",
        total_assets=1_450_000.0, liabilities=1_532_000.0, profit=-96_000.0,
        expect={"art6_1_financial_health": "fail"}, decision="ineligible",
        notes="clean opinion but liabilities above assets (net assets negative)")

    # ---- incomplete
    add(key="m1", city="银川", name="宁夏鼎盛企业服务有限公司", platform="鼎盛企业服务平台",
        omit=("audit_reports",), decision="incomplete", expect={"art6_1_financial_health": "no_evidence"},
        notes="no audit report")
    add(key="m2", city="吴忠", name="吴忠市润丰企业服务有限公司", platform="润丰企业服务平台",
        omit=("premises_proof",), decision="incomplete", expect={"art6_3_premises": "no_evidence"},
        notes="no premises proof")
    add(key="m3", city="石嘴山", name="石嘴山市佳和企业管理有限公司", platform="佳和企业管理服务平台",
        no_client_list=True, decision="incomplete", notes="client list missing (partial type 5)")
    add(key="m4", city="中卫", name="中卫市广源信息服务有限公司", platform="广源信息服务平台",
        corrupt="authenticity_declaration", decision="incomplete", notes="declaration file broken")
    return out


# ---------------------------------------------------------------- documents


def person(rng: random.Random) -> str:
    return rng.choice(SURN) + "".join(rng.sample(GIVEN, 1 if rng.random() < 0.4 else 2))[:2]


def money_text(p: P, v: float) -> tuple[str, str]:
    """(label suffix, value) for an amount in the report, by the applicant's habit."""
    style = p.money
    if style == "mixed":
        style = random.Random(v).choice(["yuan", "wan_value"])
    if style == "wan_label":
        return "（万元）", wan(v)
    if style == "wan_value":
        return "", wan(v) + "万元"
    return "", yuan(v) + "元"


def sat_text(p: P) -> str:
    return f"{p.sat:.2f}" if p.sat_style == "frac" else f"{round(p.sat * 100)}%"


def report_blocks(p: P, code: str, rng: random.Random) -> list:
    ta_l, ta_v = money_text(p, p.total_assets)
    rc_l, rc_v = money_text(p, p.capital)
    rv_l, rv_v = money_text(p, p.revenue)
    si_l, si_v = money_text(p, p.service_income)
    y1 = f"{LAST}年" if p.years == "calendar" else "上年度"
    y0 = f"{PRIOR}年" if p.years == "calendar" else "前一年度"
    ticks = "  ".join(("☑" if f in p.functions else "□") + FUNC_CN[f] for f in FUNC_CN)
    head = [("h", "自治区中小企业公共服务示范平台申请报告"), ("p", f"平台名称：{p.platform}"),
            ("p", f"申报单位（盖章）：{p.name}"), ("p", f"推荐单位：{REGION[p.city][1]}工业和信息化局"),
            ("p", "填报日期：2026年3月"), ("br",), ("h", "一、申报单位基本情况")]
    info = [
        ("申报单位名称", p.name), ("统一社会信用代码", code), ("单位性质", NATURE_CN[p.nature]),
        ("成立时间", p.est.replace("-", "年", 1).replace("-", "月") + "日"),
        ("所在地", REGION[p.city][1] + (p.county or REGION[p.city][2])),
        ("注册资本" + rc_l if p.nature == "enterprise" else "开办资金" + rc_l, rc_v),
        ("资产总额" + ta_l, ta_v), (f"{y1}营业收入" + rv_l, rv_v), (f"{y1}服务收入" + si_l, si_v),
        ("服务场所面积", f"{p.area:g}平方米"), ("从事中小企业服务人员", f"{p.staff}人"),
        ("其中：大专及以上学历", f"{p.college}人"), ("中级及以上职称", f"{p.mid}人"),
        ("集聚服务机构数", f"{p.agencies}家"), ("用户满意度", sat_text(p)),
        ("公益性或低收费服务占比", f"{round(p.pb * 100)}%"),
    ]
    if p.years == "words":
        info += [("上年度服务中小企业数", f"{p.smes_last}家"), ("前一年度服务中小企业数", f"{p.smes_prior}家")]
    if p.table_cols == 4:
        rows = [[info[i][0], info[i][1], *(info[i + 1] if i + 1 < len(info) else ("", ""))]
                for i in range(0, len(info), 2)]
    else:
        rows = [list(r) for r in info]
    blocks = [*head, ("t", rows)]
    if p.years == "calendar":
        blocks += [("p", "近两年服务情况"),
                   ("t", [["指标", y0, y1], ["服务中小企业数量（家）", str(p.smes_prior), str(p.smes_last)],
                          ["服务满意度", "", sat_text(p)]])]
    blocks += [("h", "二、申报服务功能"), ("p", "申报功能：" + ticks)]
    ind = {"info_offline_smes": ("线下服务企业数量", "家"), "info_activities": ("组织信息服务活动", "次"),
           "tech_activities": ("技术服务活动", "次"), "entrepreneurship_activities": ("创业项目洽谈推介活动", "次"),
           "training_person_times": ("年培训人次", "人次"), "financing_activities": ("投融资对接活动", "次"),
           "financing_amount": ("帮助中小企业融资总额", ""), "consulting_activities": ("公益性诊断咨询活动", "次"),
           "market_enterprise_times": ("服务企业", "家次")}
    rows, merges = [["服务功能", "指标", f"{y1}完成情况"]], []
    for f, vals in p.functions.items():
        start = len(rows)
        for k, v in vals.items():
            if k == "training_qualification":
                rows.append([FUNC_CN[f], "培训资质或备案", "已在市工信局备案" if v else "无"])
            elif k == "financing_amount":
                rows.append([FUNC_CN[f], "帮助中小企业融资总额", f"{v / 1e8:g}亿元"])
            else:
                label, unit = ind[k]
                rows.append([FUNC_CN[f], label, f"{v}{unit}"])
        if len(rows) - start > 1:
            merges.append((start, len(rows) - 1, 0))
    blocks.append(("t", rows, merges))
    blocks += [
        ("h", "三、平台建设和运营情况"),
        ("p", f"{p.platform}由{p.name}建设运营，设有线上服务系统和线下服务大厅，服务场所面积{p.area:g}平方米。"
              "平台与多家专业机构签订合作协议，共同为区域内中小企业提供服务。"),
        ("h", "四、特色和示范作用"),
        ("p", "平台坚持需求导向，推行线上线下结合的服务模式，建立服务专员制度，对小微企业实行收费优惠。"),
        ("h", "五、发展规划和年度服务目标"),
        ("p", f"{LAST + 1}年计划服务中小企业{p.smes_last + 10}家以上，进一步完善服务质量保证措施。"),
    ]
    return blocks


def licence_image(p: P, code: str, rng: random.Random, legal: str) -> Image.Image:
    W, H = 1600, 1130
    img = Image.new("L", (W, H), 246)
    d = ImageDraw.Draw(img)
    d.rectangle([30, 30, W - 30, H - 30], outline=90, width=6)
    est_cn = f"{p.est[:4]}年{int(p.est[5:7])}月{int(p.est[8:])}日"
    addr = f"宁夏回族自治区{REGION[p.city][1]}{p.county or REGION[p.city][2]}创业街{rng.randint(8, 188)}号"
    cap = f"{p.capital / 10000:g}万元"
    if p.licence_style in ("new", "eprint", "old"):
        title = "营  业  执  照"
        kind = "有限责任公司（自然人投资或控股）" if not p.branch else "有限责任公司分公司"
        rows = [("名称", p.name), ("类型", kind)]
        rows += ([("负责人", legal), ("营业场所", addr)] if p.branch else
                 [("法定代表人", legal), ("注册资本", cap), ("住所", addr)])
        rows += [("成立日期", est_cn), ("营业期限", f"{est_cn}至长期" if rng.random() < 0.5 else "长期"),
                 ("经营范围", "企业管理咨询；信息技术咨询服务；会议及展览服务；(依法须经批准的项目，经相关部门批准后方可开展经营活动)")]
        if p.licence_style == "old":
            d.text((W // 2 - 230, 90), title, fill=10, font=font(72))
            d.text((W - 700, 200), f"统一社会信用代码：{code}", fill=20, font=font(28))
        else:
            d.text((W // 2 - 230, 150), title, fill=10, font=font(72))
            d.text((80, 90), "统一社会信用代码", fill=20, font=font(26))
            d.text((80, 125), code, fill=20, font=font(30))
            d.text((W - 520, 90), "证照编号：" + "".join(str(rng.randint(0, 9)) for _ in range(16)),
                   fill=20, font=font(24))
            for i in range(12):  # a QR-ish block
                for j in range(12):
                    if rng.random() < 0.5:
                        d.rectangle([W - 260 + 14 * i, 140 + 14 * j, W - 246 + 14 * i, 154 + 14 * j], fill=30)
            if p.licence_style == "eprint":
                d.text((W // 2 - 160, 250), "（电子营业执照打印件）", fill=60, font=font(26))
        y = 320
        for lab, val in rows:
            d.text((120, y), " ".join(lab) if len(lab) <= 3 else lab, fill=20, font=font(30))
            for k in range(0, len(val), 34):
                d.text((420, y), val[k:k + 34], fill=20, font=font(30))
                y += 44
            y += 14
        d.text((W - 560, H - 170), "登记机关", fill=30, font=font(30))
        d.text((W - 560, H - 120), "2023年5月16日", fill=30, font=font(30))
    else:
        title = {"inst": "事业单位法人证书", "soc": "社会团体法人登记证书", "minfei": "民办非企业单位登记证书"}[p.licence_style]
        fund = {"inst": "开办资金", "soc": "注册资金", "minfei": "开办资金"}[p.licence_style]
        scope = {"inst": "宗旨和业务范围", "soc": "业务范围", "minfei": "业务范围"}[p.licence_style]
        d.text((W // 2 - 36 * len(title) // 2 - 60, 90), title, fill=10, font=font(64))
        d.text((W - 720, 200), f"统一社会信用代码 {code}", fill=20, font=font(28))
        rows = [("名称", p.name), (scope, "为中小企业提供政策咨询、技术推广、人才培训等服务"), ("住所", addr),
                ("法定代表人", legal), (fund, cap)]
        if p.licence_style == "inst":
            rows += [("经费来源", "财政补助"), ("举办单位", f"{REGION[p.city][1]}工业和信息化局")]
        else:
            rows += [("业务主管单位", "宁夏回族自治区工业和信息化厅")]
        rows += [("有效期", "自2023年6月1日至2028年5月31日"),
                 ("登记管理机关", f"{REGION[p.city][1]}" + ("事业单位登记管理局" if p.licence_style == "inst" else "民政局"))]
        y = 300
        for lab, val in rows:
            d.text((120, y), lab, fill=20, font=font(30))
            for k in range(0, len(val), 32):
                d.text((470, y), val[k:k + 32], fill=20, font=font(30))
                y += 44
            y += 16
    return scanify(img, rng, angle=rng.uniform(-3, 3))


def audit_blocks(p: P, rng: random.Random, firm: str, assets: float) -> list:
    net = assets - p.liabilities
    op_text = {
        "standard_unqualified": "我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵单位"
                                f"{LAST}年12月31日的财务状况以及{LAST}年度的经营成果和现金流量。",
        "unqualified_with_emphasis": "我们认为，后附的财务报表在所有重大方面公允反映了贵单位的财务状况。"
                                     "强调事项：我们提醒财务报表使用者关注，贵单位部分应收款项账龄较长。本段内容不影响已发表的审计意见。",
        "qualified": "我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，后附的财务报表在所有重大方面公允反映了贵单位的财务状况。",
    }[p.opinion]
    basis = {"standard_unqualified": "一、审计意见", "unqualified_with_emphasis": "一、审计意见",
             "qualified": "一、保留意见"}[p.opinion]
    if p.nature == "enterprise":
        std, eq, inc_title = "企业会计准则", "所有者权益合计", "利润表"
        inc_rows = [["营业收入", fmt(p, p.revenue), fmt(p, p.revenue * 0.9)],
                    ["营业成本", fmt(p, p.revenue * 0.62), fmt(p, p.revenue * 0.58)],
                    ["净利润", fmt(p, p.profit), fmt(p, p.profit * 0.8)]]
    else:
        std = "政府会计准则" if p.nature == "public_institution" else "民间非营利组织会计制度"
        eq = "净资产合计"
        inc_title = "收入费用表" if p.nature == "public_institution" else "业务活动表"
        first = ["财政拨款收入", "事业收入"] if p.nature == "public_institution" else ["会费收入", "提供服务收入"]
        inc_rows = [[first[0], fmt(p, p.revenue * 0.4), fmt(p, p.revenue * 0.35)],
                    [first[1], fmt(p, p.revenue * 0.6), fmt(p, p.revenue * 0.55)],
                    ["收入合计", fmt(p, p.revenue), fmt(p, p.revenue * 0.9)],
                    ["费用合计", fmt(p, p.revenue - p.profit), fmt(p, p.revenue * 0.85)]]
    op_text = op_text.replace("企业会计准则", std)
    unit = f"单位：{p.audit_unit}"
    blocks = [("h", "审 计 报 告"), ("p", f"宁财审字〔2026〕第{rng.randint(100, 999)}号"), ("p", f"{p.name}："),
              ("p", basis), ("p", f"我们审计了{p.name}财务报表，包括{LAST}年12月31日的资产负债表、{LAST}年度的"
                                  f"{inc_title}以及相关财务报表附注。"),
              ("p", op_text), ("p", firm), ("p", "中国注册会计师：" + person(rng) + "  " + person(rng)),
              ("p", "2026年3月12日"), ("br",), ("h", "资产负债表"), ("p", f"编制单位：{p.name}    {LAST}年12月31日    {unit}"),
              ("t", [["项目", "期末余额", "年初余额"], ["货币资金", fmt(p, assets * 0.42), fmt(p, assets * 0.38)],
                     ["固定资产", fmt(p, assets * 0.31), fmt(p, assets * 0.33)],
                     ["资产总计", fmt(p, assets), fmt(p, assets * 0.93)],
                     ["负债合计", fmt(p, p.liabilities), fmt(p, p.liabilities * 0.97)],
                     [eq, fmt(p, net), fmt(p, assets * 0.93 - p.liabilities * 0.97)]]),
              ("h", inc_title), ("p", f"编制单位：{p.name}    {LAST}年度    {unit}"),
              ("t", [["项目", "本年金额", "上年金额"], *inc_rows]),
              ]
    if not p.special_audit:
        blocks += [("br",), ("h", f"{LAST}年度服务收支情况专项说明"),
                   ("p", f"{LAST}年度，{p.name}面向中小企业的服务收入{yuan(p.service_income)}元，"
                         f"服务支出{yuan(p.service_expense)}元。")]
    return blocks


def special_audit_blocks(p: P, rng: random.Random, firm: str) -> list:
    """A separate special audit of service income and expenditure, figures in a small table."""
    return [("h", "专项审计报告"), ("p", f"宁财专审字〔2026〕第{rng.randint(10, 99)}号"), ("p", f"{p.name}："),
            ("p", f"我们接受委托，对贵单位{LAST}年度面向中小企业的服务收入和服务支出情况进行了专项审计。"),
            ("p", "单位：万元"),
            ("t", [["项目", f"{LAST}年度"], ["服务收入", f"{p.service_income / 10000:.2f}"],
                   ["服务支出", f"{p.service_expense / 10000:.2f}"],
                   ["收支差额", f"{(p.service_income - p.service_expense) / 10000:.2f}"]]),
            ("p", "经审计，上述服务收支情况在所有重大方面真实反映了贵单位的服务开展情况。"), ("p", firm),
            ("p", "2026年3月12日")]


def fmt(p: P, v: float) -> str:
    return f"{v / 10000:,.2f}" if p.audit_unit == "万元" else yuan(v)


def simple_doc(title: str, paras: list[str]) -> list:
    return [("h", title)] + [("p", x) for x in paras]


# ---------------------------------------------------------------- one application


def build(p: P, root: Path, rng: random.Random) -> dict:
    region, city_full, county = REGION[p.city]
    head = {"enterprise": "91", "public_institution": "12", "social_organization": "51",
            "private_non_enterprise": "52"}[p.nature]
    code = uscc(rng, head, region)
    report_code = uscc(rng, head, region) if p.report_uscc_other else code
    legal = person(rng)
    firm = rng.choice(FIRMS)
    app_id = f"{p.city}-{p.name}"
    work = root / "_tmp" / p.key
    work.mkdir(parents=True, exist_ok=True)

    # every material as (material id, document name, blocks or special)
    docs: dict[str, list] = {}
    docs["application_report"] = report_blocks(p, report_code, rng)
    docs["audit_reports"] = audit_blocks(p, rng, firm, p.audit_total_assets or p.total_assets)
    docs["premises_proof"] = simple_doc("房屋租赁合同", [
        f"出租方（甲方）：{city_full}{rng.choice(['众恒', '聚源', '广厦'])}物业管理有限公司",
        f"承租方（乙方）：{p.name}",
        f"甲方将位于{city_full}{p.county or county}的房屋出租给乙方作为办公及服务场所使用，建筑面积{p.area:g}平方米。",
        "租赁期限自2024年1月1日起至2028年12月31日止，年租金按季度支付。", "甲方（盖章）      乙方（盖章）"])
    docs["service_evidence"] = simple_doc(f"{LAST}年度服务工作总结", [
        f"{LAST}年，{p.platform}围绕中小企业需求开展各类服务活动，现将主要情况总结如下。",
        f"一、全年服务中小企业{p.smes_last}家，组织政策宣讲、对接会、诊断咨询等活动。",
        "二、附活动通知及现场照片。", f"关于举办{LAST}年中小企业政策宣讲会的通知：各有关企业，定于5月20日举办宣讲会。"])
    docs["qualifications"] = simple_doc("ICP备案信息", [
        f"主办单位名称：{p.name}", "主办单位性质：" + NATURE_CN[p.nature],
        f"网站备案/许可证号：宁ICP备{rng.randint(10000000, 99999999)}号-1", f"网站名称：{p.platform}"])
    docs["authenticity_declaration"] = simple_doc("申报材料真实性声明", [
        "自治区工业和信息化厅：", "我单位申报自治区中小企业公共服务示范平台所提交的全部材料真实、准确、完整，"
        "如有虚假，愿承担相应责任。", f"申报单位（公章）：{p.name}", "2026年3月10日"])
    docs["recommendation_form"] = [("h", "自治区中小企业公共服务示范平台推荐表"),
                                   ("t", [["平台名称", p.platform], ["运营单位", p.name],
                                          ["推荐单位意见", "经审核，该平台运营规范，服务业绩突出，同意推荐。"],
                                          ["推荐单位（盖章）", f"{city_full}工业和信息化局  2026年3月18日"]])]

    # lists (xlsx), counts from the profile unless planted otherwise
    n_staff = p.list_staff or p.staff
    n_clients = p.list_clients or p.smes_last
    staff_rows = staff_table(p, n_staff, rng)
    client_rows = client_table(p, n_clients, rng)
    equip_rows = [["序号", "设备/软件名称", "规格型号", "数量", "用途"]] + [
        [i + 1, nm, md, q, use] for i, (nm, md, q, use) in enumerate([
            ("服务器", "PowerEdge R740", 2, "平台运行"), ("会议一体机", "MAXHUB 86寸", 1, "培训对接"),
            ("台式计算机", "ThinkCentre M720", 12, "日常服务"), ("企业服务管理系统", "V3.2", 1, "服务管理"),
            ("打印复印一体机", "Canon iR2625", 2, "办公")])]

    files: dict[str, list[str]] = {}
    parts = {"equipment_list": "present", "staff_list": "present",
             "client_list": "missing" if p.no_client_list else "present"}
    root_app = root / "batch" / app_id
    if p.layout == "zip":
        root_app = work / "ziproot"
    sub = {"nested": {"application_report": "一、申请报告/", "legal_entity_certificate": "二、法人证书/",
                      "audit_reports": "三、审计报告/", "premises_proof": "四、场所证明/", "resource_lists": "五、设备人员企业名单/",
                      "service_evidence": "六、服务证明材料/", "qualifications": "七、资质证明/",
                      "authenticity_declaration": "八、真实性声明/", "recommendation_form": ""}}.get(p.layout, {})

    def place(mid: str, rel: str) -> Path:
        rel = sub.get(mid, "") + rel
        files.setdefault(mid, []).append(rel)
        path = root_app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    lic_img = licence_image(p, code, rng, legal)
    order = ["application_report", "legal_entity_certificate", "audit_reports", "premises_proof", "resource_lists",
             "service_evidence", "qualifications", "authenticity_declaration"]
    if p.layout in ("bundle", "bundle_scan"):
        parts_pdf = []
        for mid in order:
            pdf = work / f"{mid}.pdf"
            if mid == "legal_entity_certificate":
                images_to_pdf([lic_img], pdf)
            elif mid == "resource_lists":
                blocks = [("h", "主要服务设施及仪器设备清单"), ("t", equip_rows), ("br",), ("h", "主要管理人员和专业技术人员名单"),
                          ("t", staff_rows), ("br",), ("h", "签订服务协议的中小企业名单及满意度评价"), ("t", client_rows)]
                (images_to_pdf(to_images(blocks, rng), pdf) if p.layout == "bundle_scan" else to_pdf(blocks, pdf))
            elif p.layout == "bundle_scan":
                images_to_pdf(to_images(docs[mid], rng), pdf)
            else:
                to_pdf(docs[mid], pdf)
            parts_pdf.append(pdf)
        name = "申报材料合订本.pdf" if p.layout == "bundle" else "扫描全能王 2026-03-15 16.08.pdf"
        ranges = merge_pdfs(parts_pdf, root_app / name)
        for mid, (a, b) in zip(order, ranges, strict=True):
            files[mid] = [f"{name}#p{a}" if a == b else f"{name}#p{a}-{b}"]
        to_docx(docs["recommendation_form"], place("recommendation_form", "推荐表.docx"))
    else:
        rep = docs["application_report"]
        if p.report_fmt == "docx":
            to_docx(rep, place("application_report", "附件2 申请报告.docx"))
        elif p.report_fmt == "pdf":
            to_pdf(rep, place("application_report", "申请报告（定稿）.pdf"))
        elif p.report_fmt == "photo":  # photographed page by page with a phone
            for k, img in enumerate(to_images(rep, rng)):
                save_jpg(img, place("application_report", f"IMG_{2101 + k}.JPG"))
        else:
            imgs = to_images(rep, rng)
            images_to_pdf(imgs, place("application_report", "申请报告扫描件.pdf"))
        save_jpg(lic_img, place("legal_entity_certificate", p.licence_file))
        if "audit_reports" not in p.omit:
            target = place("audit_reports", f"{LAST}年度审计报告.pdf")
            (images_to_pdf(to_images(docs["audit_reports"], rng), target) if p.audit_scan
             else to_pdf(docs["audit_reports"], target))
            if p.special_audit:
                to_pdf(special_audit_blocks(p, rng, firm), place("audit_reports", "服务收支专项审计报告.pdf"))
        if "premises_proof" not in p.omit:
            to_pdf(docs["premises_proof"], place("premises_proof", "租赁合同.pdf"))
        titled = p.lists_fmt == "xlsx_titled"
        xl(equip_rows, "设备清单", place("resource_lists", "主要服务设施设备清单.xlsx"),
           title="主要服务设施及仪器设备清单" if titled else "")
        if p.lists_fmt == "docx":
            to_docx([("h", "主要管理人员和专业技术人员名单"), ("p", f"填报单位：{p.name}"), ("t", staff_rows)],
                    place("resource_lists", "附件5-2 人员名单.docx"))
        else:
            xl(staff_rows, "人员名单", place("resource_lists", "人员名单.xlsx"),
               title=f"{p.name}服务人员花名册" if titled else "")
        if not p.no_client_list:
            xl(client_rows, "服务企业", place("resource_lists", f"{LAST}年服务企业名单及满意度.xlsx"),
               title=f"{LAST}年签订服务协议中小企业名单" if titled else "")
        to_docx(docs["service_evidence"], place("service_evidence", f"{LAST}年工作总结.docx"))
        photo = Image.new("RGB", (1280, 960), (rng.randint(120, 200), rng.randint(120, 180), rng.randint(100, 160)))
        ImageDraw.Draw(photo).rectangle([200, 80, 1080, 170], fill=(180, 20, 30))
        ImageDraw.Draw(photo).text((260, 95), f"{LAST}年中小企业政策宣讲会", fill=(255, 240, 200), font=font(56))
        save_jpg(scanify(photo, rng), place("service_evidence", f"微信图片_2025052014{rng.randint(1000, 9999)}.jpg"))
        to_pdf(docs["qualifications"], place("qualifications", "网站备案证明.pdf"))
        decl = place("authenticity_declaration", "真实性声明.pdf")
        to_pdf(docs["authenticity_declaration"], decl)
        if p.corrupt == "authenticity_declaration":
            decl.write_bytes(decl.read_bytes()[:700])  # a transfer cut short
        to_docx(docs["recommendation_form"], place("recommendation_form", "推荐表.docx"))

    if p.layout == "zip":
        zpath = root / "batch" / f"{app_id}.zip"
        zpath.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(root_app.rglob("*")):
                if f.is_file():
                    info = zipfile.ZipInfo(f.relative_to(root_app).as_posix(), date_time=(2026, 3, 16, 9, 30, 0))
                    info.flag_bits |= 0x800  # UTF-8 names, as 7-Zip writes them
                    z.writestr(info, f.read_bytes(), zipfile.ZIP_DEFLATED)

    materials = {}
    for mid in [*order, "recommendation_form"]:
        if mid in p.omit:
            materials[mid] = {"status": "missing", "files": []}
        elif mid == p.corrupt:
            materials[mid] = {"status": "unreadable", "files": files[mid]}
        elif mid == "resource_lists":
            materials[mid] = {"status": "partial" if p.no_client_list else "present", "files": files[mid],
                              "parts": parts}
        else:
            materials[mid] = {"status": "present", "files": files[mid]}

    return {"applicant_id": app_id, "as_of": AS_OF, "decision": p.decision, "materials": materials,
            "fields": truth_fields(p, code, report_code, n_staff, n_clients, legal),
            "rules": truth_rules(p), "inconsistencies": p.inconsistencies, "notes": p.notes}


def staff_list_counts(p: P, n: int) -> tuple[int, int, int]:
    """(大专+, 中级+, either) in a list of n people: a shorter list than the report drops unqualified people first."""
    if n >= p.staff:
        return p.college, p.mid, p.qualified
    drop = p.staff - n
    q = p.qualified - max(0, drop - (p.staff - p.qualified))
    return min(p.college, q), min(p.mid, q), q


def staff_table(p: P, n: int, rng: random.Random) -> list:
    rows = [["序号", "姓名", "性别", "学历", "职称", "岗位"]]
    college, mid, qualified = staff_list_counts(p, n)
    both = college + mid - qualified  # people with a degree and a title
    kinds = ([("both")] * both + ["college"] * (college - both) + ["mid"] * (mid - both)
             + ["none"] * (n - qualified))
    rng.shuffle(kinds)
    for i, kind in enumerate(kinds):
        edu = rng.choice(["大专", "本科", "硕士研究生"]) if kind in ("both", "college") else rng.choice(["高中", "中专"])
        title = (rng.choice(["中级经济师", "工程师", "高级工程师", "中级会计师"]) if kind in ("both", "mid")
                 else rng.choice(["无", "助理工程师", "初级会计师", ""]))
        rows.append([i + 1, person(rng), rng.choice("男女"), edu, title, rng.choice(["服务专员", "项目经理", "技术顾问", "培训师"])])
    return rows


def client_table(p: P, n: int, rng: random.Random) -> list:
    """The evaluations agree with the rate the report states: that share say 满意 or 非常满意, the others 一般/不满意."""
    rows = [["序号", "企业名称", "服务内容", "协议签订时间", "满意度评价"]]
    happy = round(p.sat * n)
    marks = ["满意"] * happy + ["一般"] * (n - happy)
    rng.shuffle(marks)
    for i in range(n):
        nm = f"宁夏{rng.choice('鑫泰华宏盛德源隆兴丰瑞')}{rng.choice('达安通远信和恒海川岳')}{rng.choice(['商贸', '建材', '农业', '食品', '机械', '科技'])}有限公司"
        mark = marks[i]
        if mark == "满意" and rng.random() < 0.4:
            mark = "非常满意"
        elif mark == "一般" and rng.random() < 0.3:
            mark = "不满意"
        rows.append([i + 1, nm, rng.choice(["政策咨询", "融资对接", "技术服务", "培训"]), f"{LAST}年{rng.randint(1, 12)}月", mark])
    if p.client_total_row:
        rows.append(["合计", f"{n}家", "", "", ""])
    return rows


def xl(rows: list, sheet: str, path: Path, title: str = "") -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:  # what people put above a list: a merged title row, then who filled it in
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        ws.append([f"填报时间：2026年3月{8 + len(title) % 9}日"])
    for r in rows:
        ws.append(r)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(path)
    fix_zip(path)


def truth_fields(p: P, code: str, report_code: str, n_staff: int, n_clients: int, legal: str) -> dict:
    f = {"unit_name": p.name, "platform_name": p.platform, "uscc": report_code, "unit_nature": p.nature,
         "established_date": p.est, "total_assets": p.total_assets, "service_staff": p.staff,
         "staff_college_or_above": p.college, "staff_mid_title_or_above": p.mid,
         "smes_served_last_year": p.smes_last, "smes_served_prior_year": p.smes_prior,
         "satisfaction_rate": p.sat, "aggregated_agencies": p.agencies, "public_benefit_share": p.pb,
         "revenue": p.revenue, "functions_claimed": sorted(p.functions), "licence.uscc": code,
         "licence.name": p.name, "staff_list.count": n_staff, "staff_list.qualified_count":
             staff_list_counts(p, n_staff)[2]}
    if not p.branch:
        f["licence.legal_representative"] = legal
    if p.licence_style in ("inst", "soc", "minfei"):  # the validity printed on the certificate
        f["licence.valid_from"], f["licence.valid_until"] = "2023-06-01", "2028-05-31"
    if p.nature == "enterprise":
        f["registered_capital"] = p.capital
        if not p.branch:  # a branch licence prints no registered capital
            f["licence.registered_capital"] = p.capital
        f["licence.established_date"] = p.est
        f["licence.is_branch"] = p.branch
    if not p.no_client_list:
        f["client_list.count"] = n_clients
    for vals in p.functions.values():
        f.update(vals)
    if "audit_reports" not in p.omit:
        assets = p.audit_total_assets or p.total_assets
        f.update({"audit.total_assets": assets, "audit.total_liabilities": p.liabilities,
                  "audit.net_assets": round(assets - p.liabilities, 2), "audit.revenue": p.revenue,
                  "audit.opinion": p.opinion, "audit.year": LAST,
                  "audit.service_income": p.service_income, "audit.service_expense": p.service_expense})
    return f


RULES6 = ["art6_1_legal_entity", "art6_1_operating_years", "art6_1_total_assets", "art6_1_financial_health",
          "art6_2_smes_served", "art6_2_satisfaction", "art6_2_growth", "art6_3_premises",
          "art6_3_aggregated_agencies", "art6_4_public_benefit_share", "art6_5_service_staff",
          "art6_5_qualified_ratio"]
RULE7 = {"information": "art7_1_information", "technology": "art7_2_technology",
         "entrepreneurship": "art7_3_entrepreneurship", "training": "art7_4_training",
         "financing": "art7_5_financing", "consulting": "art7_6_consulting", "market": "art7_7_market"}


def truth_rules(p: P) -> dict:
    rules = dict.fromkeys(RULES6, "pass")
    for fn in p.functions:
        rules[RULE7[fn]] = "pass"
    rules["art7_any"] = "pass"
    rules.update(p.expect)
    if p.omit or p.corrupt or p.no_client_list:
        # only the rules whose outcome the regulation fixes without the missing document
        keep = {"art6_1_operating_years", "art6_2_satisfaction", "art6_2_growth", "art6_3_aggregated_agencies",
                "art6_4_public_benefit_share", *p.expect}
        rules = {k: v for k, v in rules.items() if k in keep}
    return rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成第二个留出语料")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=20260430)
    a = ap.parse_args(argv)
    out = a.outdir
    shutil.rmtree(out / "batch", ignore_errors=True)
    (out / "batch").mkdir(parents=True, exist_ok=True)
    truths = []
    for i, p in enumerate(profiles()):
        rng = random.Random(a.seed * 1000 + i)
        truths.append(build(p, out, rng))
    shutil.rmtree(out / "_tmp", ignore_errors=True)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    assert date.fromisoformat(AS_OF).year - 1 == LAST
    raise SystemExit(main())
