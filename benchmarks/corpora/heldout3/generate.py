"""heldout3: a small blind corpus written without reading the pipeline (see NOTES.md).

    python generate.py OUTDIR [--seed N]   → OUTDIR/batch/… and OUTDIR/truth.jsonl

Every document is built from one list of blocks (title / paragraph / table) and rendered as
Word, text PDF, image-only PDF or phone photos, so that the same content travels in
different shapes. Expected outcomes are computed from the regulation as domain.md reads it,
never from what any tool does.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from stdnum.cn import uscc as uscc_lib

rl_config.invariant = 1
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
AS_OF = "2026-04-30"
LAST, PRIOR = 2025, 2024
FUNC_CN = {"information": "信息服务", "technology": "技术服务", "entrepreneurship": "创业服务",
           "training": "培训服务", "financing": "融资服务", "consulting": "咨询服务", "market": "市场服务"}
MOUNTAIN = {"原州区", "西吉县", "隆德县", "泾源县", "彭阳县", "海原县", "同心县", "红寺堡区"}
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
NAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志强海燕晓东文博宇航欣怡"


# ---------------------------------------------------------------- rendering

def _font(size):
    return ImageFont.truetype(FONT_PATH, size, index=0)


def to_docx(blocks, path: Path):
    d = docx.Document()
    for b in blocks:
        if b[0] == "title":
            d.add_heading(b[1], level=1)
        elif b[0] == "para":
            d.add_paragraph(b[1])
        elif b[0] == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=ncol)
            t.style = "Table Grid"
            for i, r in enumerate(rows):
                for j, cell in enumerate(r):
                    t.cell(i, j).text = str(cell)
                if len(r) < ncol:  # a merged row (label spanning the table)
                    t.cell(i, len(r) - 1).merge(t.cell(i, ncol - 1))
        elif b[0] == "break":
            d.add_page_break()
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))


def _pdf_story(blocks):
    st_t = ParagraphStyle("t", fontName="STSong-Light", fontSize=16, leading=22, alignment=1, spaceAfter=8)
    st_p = ParagraphStyle("p", fontName="STSong-Light", fontSize=10.5, leading=16)
    story = []
    for b in blocks:
        if b[0] == "title":
            story.append(Paragraph(b[1], st_t))
        elif b[0] == "para":
            story.append(Paragraph(b[1], st_p))
            story.append(Spacer(1, 4))
        elif b[0] == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            data = [[Paragraph(str(c).replace("\n", "<br/>"), st_p) for c in r] + [""] * (ncol - len(r)) for r in rows]
            widths = b[3] if len(b) > 3 else [460 / ncol] * ncol
            t = Table(data, colWidths=widths, repeatRows=1 if b[2:] and b[2] else 0)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]
            for i, r in enumerate(rows):
                if len(r) < ncol:
                    style.append(("SPAN", (len(r) - 1, i), (ncol - 1, i)))
            t.setStyle(TableStyle(style))
            story.append(t)
            story.append(Spacer(1, 8))
        elif b[0] == "break":
            story.append(PageBreak())
    return story


def pdf_bytes(parts):
    """parts: list of block lists, each starting on a new page."""
    buf = io.BytesIO()
    story = []
    for i, blocks in enumerate(parts):
        if i:
            story.append(PageBreak())
        story += _pdf_story(blocks)
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60).build(story)
    return buf.getvalue()


def pdf_pages(data: bytes) -> int:
    return len(pypdfium2.PdfDocument(data))


def _wrap(text, font, width):
    lines, cur = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(cur)
            cur = ""
            continue
        if cur and font.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur] if cur or not lines else lines


def to_images(blocks, rng, photo=False):
    """Render blocks onto A4-ish pages at ~120 dpi as a scanner or a phone would give them."""
    W, H, M = 1000, 1414, 70
    pages, img, y = [], None, 0

    def new():
        nonlocal img, y
        img = Image.new("RGB", (W, H), (255, 255, 255))
        pages.append(img)
        y = M

    new()
    f_t, f_p = _font(34), _font(22)
    for b in blocks:
        d = ImageDraw.Draw(img)
        if b[0] == "break":
            new()
            continue
        if b[0] == "title":
            w = d.textlength(b[1], font=f_t)
            d.text(((W - w) / 2, y), b[1], fill=0, font=f_t)
            y += 60
        elif b[0] == "para":
            for line in _wrap(b[1], f_p, W - 2 * M):
                if y > H - M:
                    new()
                ImageDraw.Draw(img).text((M, y), line, fill=0, font=f_p)
                y += 34
            y += 6
        elif b[0] == "table":
            rows = b[1]
            ncol = max(len(r) for r in rows)
            widths = b[3] if len(b) > 3 else [1] * ncol
            xs = [M]
            for w in widths:
                xs.append(xs[-1] + (W - 2 * M) * w / sum(widths))
            for r in rows:
                wrapped = [_wrap(str(c), f_p, (xs[j + 1] if j < len(r) - 1 else W - M) - xs[j] - 16)
                           for j, c in enumerate(r)]
                rh = 34 * max(len(w) for w in wrapped) + 10
                if y + rh > H - M:
                    new()
                d = ImageDraw.Draw(img)
                for j, _c in enumerate(r):
                    x0 = xs[j]
                    x1 = xs[j + 1] if j < len(r) - 1 else W - M
                    d.rectangle([x0, y, x1, y + rh], outline=0, width=2)
                    for k, line in enumerate(wrapped[j]):
                        d.text((x0 + 8, y + 6 + 34 * k), line, fill=0, font=f_p)
                y += rh
            y += 20
    out = []
    for p in pages:
        p = p.filter(ImageFilter.GaussianBlur(0.6))
        if photo:
            bg = Image.new("RGB", (W + 160, H + 200), (150 + rng.randint(0, 30), 140, 120))
            bg.paste(p.rotate(rng.uniform(-2.5, 2.5), expand=False, fillcolor=(255, 255, 255)), (80, 100))
            p = bg
        else:
            p = p.rotate(rng.uniform(-0.8, 0.8), fillcolor=(255, 255, 255)).convert("L")
        out.append(p)
    return out


def images_pdf(images, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    rgb = [im.convert("RGB") for im in images]
    when = time.strptime("2026-03-22 09:41:00", "%Y-%m-%d %H:%M:%S")  # a fixed date so the bytes repeat for a seed
    rgb[0].save(str(path), "PDF", resolution=120, save_all=True, append_images=rgb[1:], creationDate=when, modDate=when)


# ---------------------------------------------------------------- content

def make_uscc(rng, prefix):
    # 2 characters of authority and type, 6 digits of region, then a 9-character organisation code
    body = prefix + "".join(rng.choice("0123456789") for _ in range(8 - len(prefix)))
    body += "".join(rng.choice(CODE_CHARS) for _ in range(9))
    return body + uscc_lib.calc_check_digit(body)


def person(rng):
    return rng.choice(NAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def cn_date(iso):
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def money_fmt(v, style):
    if style == "wan":
        return f"{v / 10000:g}"
    if style == "yuan_comma":
        return f"{v:,.2f}元"
    if style == "wan_unit":
        return f"{v / 10000:g}万元"
    return f"{v:.0f}"


def report_blocks(a, rng):
    """The 附件2 application report."""
    s = a["styles"]
    money = s.get("money", "wan")
    wan_in_label = money == "wan" and not s.get("unit_line")
    lab_money = (lambda lab: f"{lab}（万元）") if wan_in_label else (lambda lab: lab)
    rows = [
        ("申报单位名称" if s.get("lab") != "b" else "运营单位", a["unit_name"]),
        ("平台名称", a["platform_name"]),
        ("统一社会信用代码", a["report_uscc"]),
        ("单位性质", {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体",
                  "private_non_enterprise": "民办非企业单位"}[a["nature"]]),
        ("成立时间" if s.get("lab") != "b" else "注册时间", cn_date(a["established"])),
        ("所在地", f"宁夏回族自治区{a['city']}{a['county']}"),
        (lab_money("注册资本" if a["nature"] == "enterprise" else "开办资金"), money_fmt(a["capital"], money)),
        (lab_money("资产总额"), money_fmt(a["report_total_assets"], money)),
        (lab_money("上年度营业收入" if a["nature"] == "enterprise" else "上年度收入总额"), money_fmt(a["revenue"], money)),
        (lab_money("上年度服务收入"), money_fmt(a["service_income"], money)),
        ("服务场所面积（平方米）", str(a["area"])),
        ("从事中小企业服务人员数（人）", str(a["report_staff"])),
        ("其中：大专及以上学历（人）", str(a["report_college"])),
        ("中级及以上职称（人）", str(a["mid_title"])),
        ("用户满意度", f"{a['satisfaction']}%" if s.get("sat") != "frac" else f"{a['satisfaction'] / 100:g}"),
        ("集聚服务机构数（家）", str(a["agencies"])),
        ("公益性或低收费服务占比", f"{a['public_share']}%"),
    ]
    if s.get("years") != "cols":
        rows.insert(11, (f"{LAST}年服务中小企业数（家）", str(a["smes_last"])))
        rows.insert(11, (f"{PRIOR}年服务中小企业数（家）", str(a["smes_prior"])))
    shape = s.get("table", "2col")
    if shape == "2col":
        table = [["项目", "内容"]] + [list(r) for r in rows]
    elif shape == "4col":
        table = []
        for k in range(0, len(rows), 2):
            pair = list(rows[k]) + (list(rows[k + 1]) if k + 1 < len(rows) else ["", ""])
            table.append(pair)
    else:  # label row over value row, three at a time
        table = []
        for k in range(0, len(rows), 3):
            chunk = rows[k:k + 3]
            table.append([c[0] for c in chunk])
            table.append([c[1] for c in chunk])
    blocks = [("title", "自治区中小企业公共服务示范平台申请报告"),
              ("para", f"平台名称：{a['platform_name']}"), ("para", f"申报单位（盖章）：{a['unit_name']}"),
              ("para", f"推荐单位：{a['city']}工业和信息化局"), ("para", "日期：2026年3月"), ("break",),
              ("title", "一、申报单位基本情况")]
    if s.get("unit_line"):
        blocks.append(("para", "（金额单位：万元）"))
    blocks.append(("table", table, shape == "2col"))
    if s.get("years") == "cols":
        blocks.append(("para", "近两年服务中小企业情况："))
        blocks.append(("table", [["指标", f"{PRIOR - 1}年", f"{PRIOR}年", f"{LAST}年"],
                                 ["服务中小企业数量（家）", str(a["smes_prior"] - 7), str(a["smes_prior"]),
                                  str(a["smes_last"])]]))
    # functions claimed
    claimed = a["functions"]
    fs = s.get("funcs", "tick")
    if fs == "tick":
        blocks.append(("para", "申报功能：" + "  ".join(("☑" if f in claimed else "□") + FUNC_CN[f] for f in FUNC_CN)))
    elif fs == "list":
        blocks.append(("para", "申报服务功能：" + "、".join(FUNC_CN[f] for f in claimed)))
    else:
        blocks.append(("para", "本平台此次申报" + "和".join(FUNC_CN[f] for f in claimed) +
                       f"{'两' if len(claimed) == 2 else ''}项功能，具体指标见下表。"))
    blocks.append(("title", "二、功能指标完成情况"))
    ind = indicator_rows(a)
    shape = s.get("ind", "rows")
    if shape == "rows":
        blocks.append(("table", [["功能", "指标", f"{LAST}年完成"]] + [[FUNC_CN[f], lab, val] for f, lab, val in ind]))
    elif shape == "merged":
        tbl = [["功能", "指标", "数值"]]
        last = None
        for f, lab, val in ind:
            tbl.append([FUNC_CN[f] if f != last else "", lab, val])
            last = f
        blocks.append(("table", tbl))
    else:  # years as columns
        blocks.append(("table", [["指标", f"{PRIOR}年", f"{LAST}年"]] +
                       [[lab, prior_guess(val), val] for f, lab, val in ind]))
    blocks += narrative_blocks(a)
    return blocks


def prior_guess(val):
    try:
        return str(max(1, int(int(val) * 0.8)))
    except ValueError:
        return val


def indicator_rows(a):
    out = []
    v = a["ind"]
    for f in a["functions"]:
        if f == "information":
            out += [(f, "线下服务企业数量（家）", str(v["info_offline_smes"])),
                    (f, "组织开展服务活动（次）", str(v["info_activities"]))]
        elif f == "technology":
            out.append((f, "技术洽谈、检测诊断、推广等服务活动（次）", str(v["tech_activities"])))
        elif f == "entrepreneurship":
            out.append((f, "创业项目洽谈、推介活动（次）", str(v["entrepreneurship_activities"])))
        elif f == "training":
            out.append((f, "年培训人次", str(v["training_person_times"])))
            out.append((f, "是否具有培训资质或备案", "是" if v["training_qualification"] else "否"))
        elif f == "financing":
            out.append((f, "投融资对接等服务活动（次）", str(v["financing_activities"])))
            out.append((f, "帮助中小企业融资总额（万元）", f"{v['financing_amount'] / 10000:g}"))
        elif f == "consulting":
            out.append((f, "公益性诊断咨询活动（次）", str(v["consulting_activities"])))
        elif f == "market":
            out.append((f, "服务企业（家次）", str(v["market_enterprise_times"])))
    return out


def narrative_blocks(a):
    return [("title", "三、平台建设和运营情况"),
            ("para", f"{a['unit_name']}自成立以来，围绕区内中小企业需求建设服务平台，建有线上服务系统和线下服务大厅，"
                     "形成了需求受理、服务派单、回访评价的闭环流程。"),
            ("title", "四、服务能力"),
            ("para", "平台现有专职服务团队，配备必要的办公与服务设备，并与多家专业机构签订合作协议，共同为企业提供服务。"),
            ("title", "五、服务业绩"),
            ("para", f"上一年度平台服务中小企业{a['smes_last']}家，较前一年度有所增长，企业对服务总体满意。"),
            ("title", "六、特色和示范作用"),
            ("para", "平台坚持线上线下结合，建立企业需求库与专家库，推动服务与需求精准对接，在区域内形成一定示范效应。"),
            ("title", "七、发展规划和年度服务目标"),
            ("para", "今后三年，平台将进一步扩大服务覆盖面，提升服务质量，力争年服务企业数量稳步增长。"),
            ("title", "八、管理制度与收费标准"),
            ("para", "平台制定了服务管理、财务管理、服务质量保证等制度，对小微企业实行收费优惠，公益性服务占比符合要求。")]


def licence_blocks(a):
    kind = a["licence_kind"]
    name = a["licence_name"]
    lic = a["licence_uscc"]
    if kind == "current":
        return [("table", [[f"统一社会信用代码\n{lic}", "营 业 执 照", f"证照编号：{a['zzbh']}"]], False, [200, 90, 190]),
                ("title", "（副本）"),
                ("table", [["名称", name, "注册资本", f"{a['capital'] / 10000:g}万元"],
                           ["类型", "有限责任公司（自然人投资或控股）", "成立日期", cn_date(a["established"])],
                           ["法定代表人", a["legal_rep"], "营业期限", f"{cn_date(a['established'])}至长期"],
                           ["经营范围", "企业管理咨询；信息技术咨询服务；会议及展览服务；"
                                    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
                            "住所", f"宁夏{a['city']}{a['county']}某路{a['area'] % 97 + 1}号"]], False, [74, 190, 62, 154]),
                ("para", f"登记机关：{a['city']}市场监督管理局    2024年6月12日")]
    if kind == "older":
        return [("title", "营业执照"), ("para", "（副 本）"),
                ("para", f"统一社会信用代码：{lic}"), ("para", f"证照编号：{a['zzbh']}"),
                ("para", f"名　　称：{name}"), ("para", "类　　型：有限责任公司"),
                ("para", f"住　　所：宁夏{a['city']}{a['county']}"),
                ("para", f"法定代表人：{a['legal_rep']}"),
                ("para", f"注册资本：{a['capital_daxie']}"),
                ("para", f"成立日期：{cn_date(a['established'])}"),
                ("para", f"营业期限：{cn_date(a['established'])}至长期"),
                ("para", "经营范围：企业服务；咨询服务；培训服务（不含学历教育）。"),
                ("para", f"登记机关：{a['city']}工商行政管理局    二〇一七年三月一日")]
    if kind == "branch":
        return [("table", [[f"统一社会信用代码\n{lic}", "营 业 执 照", f"证照编号：{a['zzbh']}"]], False, [200, 90, 190]),
                ("table", [["名称", name], ["类型", "有限责任公司分公司"], ["负责人", a["legal_rep"]],
                           ["成立日期", cn_date(a["established"])], ["营业期限", "长期"],
                           ["营业场所", f"宁夏{a['city']}{a['county']}"], ["经营范围", "信息技术服务；企业管理咨询。"]]),
                ("para", f"登记机关：{a['city']}市场监督管理局")]
    vf, vu = a["cert_valid"]
    if kind == "shiye":
        return [("title", "事业单位法人证书"),
                ("table", [["统一社会信用代码", lic], ["名称", name],
                           ["宗旨和业务范围", "为中小企业提供政策咨询、信息、培训等公共服务。"],
                           ["住所", f"宁夏{a['city']}{a['county']}"], ["法定代表人", a["legal_rep"]],
                           ["经费来源", "财政补助"], ["开办资金", f"￥{a['capital'] / 10000:g}万元"],
                           ["举办单位", f"{a['city']}工业和信息化局"],
                           ["有效期", f"自{cn_date(vf)}至{cn_date(vu)}"]]),
                ("para", f"登记管理机关：{a['city']}事业单位登记管理局")]
    title = "社会团体法人登记证书" if kind == "shetuan" else "民办非企业单位登记证书"
    money_lab = "注册资金" if kind == "shetuan" else "开办资金"
    return [("title", title), ("para", f"统一社会信用代码：{lic}"),
            ("table", [["名称", name], ["业务范围", "会员服务、政策宣传、交流培训、咨询服务"],
                       ["住所", f"宁夏{a['city']}{a['county']}"], ["法定代表人", a["legal_rep"]],
                       [money_lab, f"{a['capital'] / 10000:g}万元"],
                       ["业务主管单位", f"{a['city']}工业和信息化局"],
                       ["有效期", f"{cn_date(vf)}至{cn_date(vu)}"]]),
            ("para", f"登记管理机关：{a['city']}民政局")]


def audit_blocks(a):
    nat = a["nature"]
    firm = a["firm"]
    opinion = a["opinion"]
    if opinion == "qualified":
        op = [("title", "一、保留意见"),
              ("para", f"我们审计了{a['unit_name']}财务报表，包括{LAST}年12月31日的资产负债表、{LAST}年度的利润表以及财务报表附注。"
                       "我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，后附的财务报表在所有重大方面按照企业会计准则的规定编制，"
                       f"公允反映了贵公司{LAST}年12月31日的财务状况以及{LAST}年度的经营成果。"),
              ("title", "二、形成保留意见的基础"),
              ("para", "贵公司应收账款中有部分款项我们无法实施函证程序，也无法实施满意的替代程序，无法确定是否有必要对这些金额进行调整。")]
    else:
        basis = {"enterprise": "企业会计准则", "public_institution": "政府会计准则制度",
                 "social_organization": "民间非营利组织会计制度", "private_non_enterprise": "民间非营利组织会计制度"}[nat]
        op = [("title", "一、审计意见"),
              ("para", f"我们审计了{a['unit_name']}财务报表，包括{LAST}年12月31日的资产负债表、{LAST}年度的"
                       f"{'利润表' if nat == 'enterprise' else '收入费用表' if nat == 'public_institution' else '业务活动表'}"
                       f"以及相关财务报表附注。我们认为，后附的财务报表在所有重大方面按照{basis}的规定编制，公允反映了"
                       f"{LAST}年12月31日的财务状况以及{LAST}年度的经营成果。"),
              ("title", "二、形成审计意见的基础"),
              ("para", "我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。")]
    ta, tl = a["audit_total_assets"], a["liabilities"]
    na = ta - tl
    wan = a["styles"].get("audit_unit") == "wan"

    def m(v):
        return f"{v / 10000:,.2f}" if wan else f"{v:,.2f}"

    unit = "单位：万元" if wan else "单位：元"
    bs_rows = [["项目", "期末余额", "年初余额"],
               ["货币资金", m(ta * 0.4), m(ta * 0.35)], ["应收账款", m(ta * 0.3), m(ta * 0.28)],
               ["固定资产", m(ta * 0.3), m(ta * 0.3)], ["资产总计", m(ta), m(ta * 0.93)],
               ["应付账款", m(tl * 0.6), m(tl * 0.5)], ["其他应付款", m(tl * 0.4), m(tl * 0.4)], ["负债合计", m(tl), m(tl * 0.9)]]
    bs_rows.append(["所有者权益合计" if nat == "enterprise" else "净资产合计", m(na), m(ta * 0.93 - tl * 0.9)])
    rev = a["revenue"]
    if nat == "enterprise":
        is_title = "利润表"
        is_rows = [["项目", "本期金额", "上期金额"], ["一、营业收入", m(rev), m(rev * 0.9)],
                   ["减：营业成本", m(rev * 0.6), m(rev * 0.55)], ["二、营业利润", m(rev * 0.12), m(rev * 0.1)],
                   ["四、净利润", m(rev * 0.09), m(rev * 0.08)]]
    elif nat == "public_institution":
        is_title = "收入费用表"
        is_rows = [["项目", "本年数", "上年数"], ["财政拨款收入", m(rev * 0.6), m(rev * 0.6)],
                   ["事业收入", m(rev * 0.35), m(rev * 0.3)], ["其他收入", m(rev * 0.05), m(rev * 0.04)],
                   ["本期收入合计", m(rev), m(rev * 0.94)], ["本期费用合计", m(rev * 0.95), m(rev * 0.9)]]
    else:
        is_title = "业务活动表"
        si = a["service_income"]
        is_rows = [["项目", "非限定性", "合计"], ["捐赠收入", m((rev - si) * 0.25), m((rev - si) * 0.25)],
                   ["会费收入", m((rev - si) * 0.75), m((rev - si) * 0.75)], ["提供服务收入", m(si), m(si)],
                   ["收入合计", m(rev), m(rev)], ["费用合计", m(rev * 0.93), m(rev * 0.93)]]
    blocks = [("title", "审计报告"), ("para", f"{firm}审字〔2026〕第{a['seq']:03d}号"),
              ("para", f"{a['unit_name']}全体{'股东' if nat == 'enterprise' else '成员'}："), *op,
              ("para", f"{firm}    中国注册会计师：{a['cpa']}    中国·银川    2026年3月10日"), ("break",),
              ("title", "资产负债表"), ("para", f"编制单位：{a['unit_name']}    {LAST}年12月31日    {unit}"),
              ("table", bs_rows), ("title", is_title), ("para", f"编制单位：{a['unit_name']}    {LAST}年度    {unit}"),
              ("table", is_rows)]
    if a["styles"].get("audit_incl_service"):
        blocks += [("title", "服务收支情况说明"),
                   ("para", f"{LAST}年度，本单位为中小企业提供服务取得服务收入{a['service_income']:,.2f}元，"
                            f"发生服务支出{a['service_expense']:,.2f}元。")]
    return blocks


def special_audit_blocks(a):
    wan = a["styles"].get("special_unit") == "wan"
    si, se = a["service_income"], a["service_expense"]
    f = (lambda v: f"{v / 10000:.2f}") if wan else (lambda v: f"{v:,.2f}")
    return [("title", "服务收支专项审计报告"), ("para", f"{a['firm']}专审字〔2026〕第{a['seq'] + 40:03d}号"),
            ("para", f"我们接受委托，对{a['unit_name']}{LAST}年度为中小企业服务的收入和支出情况进行了专项审计。"
                     "经审计，服务收支情况如下表所列，在所有重大方面公允反映了该单位的服务收支情况。"),
            ("para", "金额单位：万元" if wan else "金额单位：元"),
            ("table", [["项目", f"{LAST}年度"], ["服务收入", f(si)], ["其中：公益性服务收入", f(si * 0.25)],
                       ["服务支出", f(se)], ["收支结余", f(si - se)]]),
            ("para", f"{a['firm']}    2026年3月15日")]


def simple_doc(title, paras):
    return [("title", title)] + [("para", p) for p in paras]


def premises_blocks(a):
    return simple_doc("房屋租赁合同", ["出租方（甲方）：宁夏某某置业有限公司", f"承租方（乙方）：{a['unit_name']}",
                                  f"甲方将位于{a['city']}{a['county']}的房屋出租给乙方作为经营服务场所，建筑面积{a['area']}平方米。",
                                  "租赁期限自2024年1月1日起至2028年12月31日止，租金按年支付。", "甲方（盖章）      乙方（盖章）"])


def evidence_blocks(a):
    return simple_doc(f"{LAST}年度服务活动开展情况（通知、照片及总结）",
                      [f"关于举办{LAST}年中小企业政策宣讲会的通知：定于{LAST}年5月在平台服务大厅举办，欢迎企业报名参加。",
                       "活动照片：宣讲会现场、企业对接会现场（略）。",
                       f"{LAST}年度工作总结：全年组织各类服务活动若干场次，服务企业{a['smes_last']}家，取得良好效果。"])


def qual_blocks(a):
    if "training" in a["functions"]:
        return simple_doc("培训机构备案证明", [f"{a['unit_name']}已在{a['city']}工业和信息化局中小企业培训机构备案。",
                                        f"备案编号：NXPX{a['seq']:04d}", "特此证明。"])
    return simple_doc("ICP备案信息", [f"主办单位名称：{a['unit_name']}", "主办单位性质：单位",
                                    f"网站备案号：宁ICP备{20000000 + a['seq'] * 137}号-1", "审核通过日期：2023-05-18"])


def declaration_blocks(a):
    return simple_doc("申报材料真实性声明", ["本单位郑重声明：所提交的自治区中小企业公共服务示范平台申报材料全部真实、有效，"
                                     "如有虚假，愿承担相应责任。", f"申报单位（盖章）：{a['unit_name']}", "2026年3月20日"])


def recommendation_blocks(a):
    return [("title", "自治区中小企业公共服务示范平台推荐表"),
            ("table", [["平台名称", a["platform_name"]], ["运营单位", a["unit_name"]],
                       ["推荐单位测评意见", "经测评，该平台运营规范、服务业绩较好，同意推荐。"],
                       ["推荐单位（盖章）", f"{a['city']}工业和信息化局  2026年4月"]])]


# ---------------------------------------------------------------- lists

def staff(a, rng):
    n, q = a["list_staff"], a["list_qualified"]
    rows = []
    for i in range(n):
        qualified = i < q
        edu = rng.choice(["本科", "大专", "硕士研究生"]) if qualified else rng.choice(["高中", "中专"])
        title = (rng.choice(["中级经济师", "高级工程师"]) if i < a["mid_title"]
                 else ("助理工程师" if i % 3 == 0 else "无"))
        rows.append([i + 1, person(rng), rng.choice("男女"), edu, title, rng.choice(["服务专员", "咨询顾问", "项目经理", "培训讲师"])])
    order = list(range(n))
    rng.shuffle(order)
    return [rows[k] for k in order]


def write_lists(a, rng, root: Path, files: dict):
    """Equipment, staff and client lists in the formats the application asks for."""
    fmt = a["styles"].get("lists", "xlsx")
    st = staff(a, rng)
    for i, r in enumerate(st):
        r[0] = i + 1
    happy = round(a["clients"] * a["satisfaction"] / 100)
    clients = [[i + 1, f"宁夏{rng.choice('金银恒泰华兴盛达鑫')}{rng.choice('源丰诚信和宇辰')}{i:02d}号商贸有限公司",
                f"{LAST}年{rng.randint(1, 12)}月", rng.choice(["满意", "非常满意"]) if i < happy else "不满意"]
               for i in range(a["clients"])]
    rng.shuffle(clients)
    for i, r in enumerate(clients):
        r[0] = i + 1
    equip = [[i + 1, rng.choice(["服务器", "投影仪", "多功能一体机", "笔记本电脑", "会议系统", "服务管理软件"]), 1 + i % 3, "台/套"]
             for i in range(8)]
    specs = [("equipment_list", "主要服务设施及仪器设备清单", ["序号", "名称", "数量", "单位"], equip, "设备清单"),
             ("staff_list", "主要管理人员和专业技术人员名单", ["序号", "姓名", "性别", "学历", "职称", "岗位"], st, "人员名单"),
             ("client_list", "签订服务协议的中小企业名单及满意度评价", ["序号", "企业名称", "签约时间", "满意度评价"], clients, "服务企业名单")]
    for part, title, head, rows, fname in specs:
        if part in a.get("omit_parts", ()):
            continue
        if fmt == "xlsx":
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append([title])
            ws.append([])
            ws.append(head)
            for r in rows:
                ws.append(r)
                if part == "staff_list" and r[0] == len(rows) // 2:
                    ws.append([])  # a blank row someone left in the middle
            if part == "client_list":
                ws.append([f"共{len(rows)}家"])
            if part == "staff_list":
                ws.append(["合计", f"{len(rows)}人"])
            p = root / f"{fname}.xlsx"
            p.parent.mkdir(parents=True, exist_ok=True)
            wb.save(str(p))
        elif fmt == "docx":
            p = root / f"{fname}.docx"
            to_docx([("title", title), ("table", [head] + [[str(c) for c in r] for r in rows])], p)
        else:  # scanned
            p = root / f"{fname}.pdf"
            images_pdf(to_images([("title", title), ("table", [head] + [[str(c) for c in r] for r in rows]),
                                  ("para", f"共{len(rows)}{'人' if part == 'staff_list' else '家' if part == 'client_list' else '项'}")],
                                 rng), p)
        files[part] = p


# ---------------------------------------------------------------- applications

def base(rng, seq, **kw):
    nature = kw.get("nature", "enterprise")
    prefix = {"enterprise": "916401", "public_institution": "126402", "social_organization": "516400",
              "private_non_enterprise": "526405"}[nature]
    code = make_uscc(rng, prefix)
    a = dict(seq=seq, nature=nature, city="银川市", county="金凤区", established="2018-06-20",
             capital=5000000.0, report_total_assets=3256000.0, revenue=2860000.0, service_income=1980000.0,
             service_expense=1560000.0, area=680, report_staff=16, list_staff=16, report_college=13,
             list_qualified=13, mid_title=6, satisfaction=92, agencies=5, public_share=30, smes_last=68,
             smes_prior=61, clients=68, functions=["information", "consulting"], opinion="standard_unqualified",
             liabilities=1200000.0, licence_kind="current", firm="宁夏正信会计师事务所（普通合伙）",
             cpa=person(rng), legal_rep=person(rng), zzbh="".join(str(rng.randint(0, 9)) for _ in range(15)),
             report_uscc=code, licence_uscc=code, cert_valid=("2023-05-10", "2028-05-09"),
             ind=dict(info_offline_smes=60, info_activities=6, tech_activities=4, entrepreneurship_activities=5,
                      training_person_times=860, training_qualification=True, financing_activities=4,
                      financing_amount=260000000.0, consulting_activities=5, market_enterprise_times=75),
             styles={}, missing=(), unreadable=(), omit_parts=(), inconsistencies=[], expect_relaxed_6_1=False)
    a.update(kw)
    a.setdefault("audit_total_assets", a["report_total_assets"])
    a.setdefault("unit_name", "宁夏某服务有限公司")
    a.setdefault("licence_name", a["unit_name"])
    a.setdefault("platform_name", a["unit_name"].replace("有限公司", "").replace("分公司", "") + "中小企业服务平台")
    return a


def applications(rng):
    A = []
    s = lambda **k: k  # noqa: E731

    A.append(base(rng, 1, unit_name="宁夏朔方企业服务有限公司", styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 2, unit_name="吴忠市汇通培训服务有限公司", city="吴忠市", county="利通区", functions=["training"],
                  styles=s(table="4col", funcs="list", ind="years", years="cols", special_unit="wan", money="wan_unit")))
    A.append(base(rng, 3, unit_name="石嘴山市大武口区中小企业服务中心", nature="public_institution", city="石嘴山市",
                  county="大武口区", licence_kind="shiye", report_total_assets=1850000.0, revenue=1420000.0,
                  service_income=900000.0, service_expense=820000.0, functions=["information", "training"],
                  styles=s(report="pdf", table="labelrow", funcs="prose", ind="merged", licence="photo",
                           audit_incl_service=True)))
    A.append(base(rng, 4, unit_name="银川市中小企业协会", nature="social_organization", licence_kind="shetuan",
                  report_total_assets=820000.0, liabilities=180000.0, revenue=760000.0, service_income=520000.0,
                  service_expense=480000.0, capital=100000.0, functions=["consulting", "market"],
                  styles=s(table="2col", funcs="tick", ind="rows", audit_incl_service=True)))
    A.append(base(rng, 5, unit_name="中卫市沙坡头区创业培训学校", nature="private_non_enterprise", city="中卫市",
                  county="沙坡头区", licence_kind="minfei", report_total_assets=1320000.0, liabilities=300000.0,
                  revenue=1100000.0, service_income=980000.0, service_expense=870000.0, capital=300000.0,
                  functions=["training", "entrepreneurship"], smes_last=55, smes_prior=55, clients=55,
                  styles=s(table="4col", funcs="list", ind="merged", sat="frac", audit_incl_service=True, lists="docx")))
    A.append(base(rng, 6, unit_name="宁夏凤城科技服务有限公司", functions=["technology", "information"],
                  styles=s(bundle="toc", table="2col", funcs="tick", ind="rows", unit_line=True)))
    A.append(base(rng, 7, unit_name="宁夏贺兰众创空间管理有限公司", county="贺兰县", functions=["entrepreneurship"],
                  styles=s(bundle="scan", table="2col", funcs="list", ind="rows")))
    A.append(base(rng, 8, unit_name="宁夏塞北商务咨询有限公司", city="吴忠市", county="青铜峡市",
                  functions=["consulting", "market"], licence_kind="older", capital_daxie="人民币伍佰万元整",
                  styles=s(zip_gbk=True, table="labelrow", funcs="tick", ind="years", lists="scan")))
    A.append(base(rng, 9, unit_name="固原市六盘企业服务有限公司", city="固原市", county="原州区",
                  styles=s(report="scan", table="2col", funcs="list", ind="rows", audit_unit="wan")))
    A.append(base(rng, 10, unit_name="宁夏星海电子商务服务有限公司", city="石嘴山市", county="惠农区", functions=["market"],
                  styles=s(report="photo", table="2col", funcs="tick", ind="rows", licence="photo")))
    # fails one rule
    A.append(base(rng, 11, unit_name="宁夏宁安企业管理咨询有限公司", satisfaction=75,
                  styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 12, unit_name="银川新锐信息服务有限公司", established="2024-09-15",
                  styles=s(money="yuan_comma", table="4col", funcs="list", ind="rows")))
    A.append(base(rng, 13, unit_name="宁夏云帆信息技术有限公司银川分公司", licence_kind="branch",
                  styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 14, unit_name="宁夏金川财税服务有限公司", opinion="qualified",
                  styles=s(report="pdf", table="2col", funcs="list", ind="merged")))
    A.append(base(rng, 15, unit_name="中卫市金沙企业服务有限公司", city="中卫市", county="中宁县", public_share=15,
                  styles=s(table="2col", funcs="prose", ind="rows")))
    A.append(base(rng, 16, unit_name="宁夏博学职业技能培训有限公司", functions=["training"],
                  ind=dict(training_person_times=420, training_qualification=True),
                  styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 17, unit_name="西吉县兴农企业服务有限公司", city="固原市", county="西吉县", report_staff=8,
                  list_staff=8, report_college=6, list_qualified=6, mid_title=3,
                  styles=s(table="2col", funcs="tick", ind="rows")))
    # missing / unreadable / partial
    A.append(base(rng, 18, unit_name="宁夏正和企业服务有限公司", missing=("premises_proof",),
                  styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 19, unit_name="宁夏泰丰信息咨询有限公司", missing=("authenticity_declaration",),
                  omit_parts=("equipment_list",), styles=s(table="4col", funcs="list", ind="rows")))
    A.append(base(rng, 20, unit_name="宁夏汇智管理咨询有限公司", unreadable=("audit_reports",),
                  styles=s(table="2col", funcs="tick", ind="rows")))
    # planted inconsistencies
    A.append(base(rng, 21, unit_name="宁夏鼎盛企业服务有限公司", report_total_assets=3200000.0,
                  audit_total_assets=2900000.0, inconsistencies=[["total_assets", "audit.total_assets"]],
                  styles=s(table="2col", funcs="tick", ind="rows")))
    A.append(base(rng, 22, unit_name="宁夏立达科技服务有限公司", report_staff=15, list_staff=12, report_college=9,
                  list_qualified=9, mid_title=4, inconsistencies=[["service_staff", "staff_list.count"]],
                  styles=s(table="4col", funcs="list", ind="rows")))
    a = base(rng, 23, unit_name="宁夏同创企业服务有限公司", inconsistencies=[["uscc", "licence.uscc"]],
             styles=s(table="2col", funcs="tick", ind="rows"))
    a["report_uscc"] = make_uscc(rng, "916401")
    A.append(a)
    return A


# ---------------------------------------------------------------- truth

def expected(a):
    rules = {}
    mountain = a["county"] in MOUNTAIN
    nat = a["nature"]
    relax61 = nat in ("public_institution", "social_organization") or mountain

    def put(rid, ok, relaxable):
        rules[rid] = "pass" if ok else ("relaxed" if relaxable else "fail")

    if a["licence_kind"] == "branch":
        rules["art6_1_legal_entity"] = "fail"
    elif a["report_uscc"] != a["licence_uscc"]:
        rules["art6_1_legal_entity"] = "needs_review"
    else:
        rules["art6_1_legal_entity"] = "pass"
    y, m, d = map(int, a["established"].split("-"))
    put("art6_1_operating_years", (y + 2, m, d) <= (2026, 4, 30), relax61)
    put("art6_1_total_assets", min(a["report_total_assets"], a["audit_total_assets"]) >= 1e6, relax61)
    if "audit_reports" in a["unreadable"]:
        rules["art6_1_financial_health"] = "no_evidence"
    else:
        put("art6_1_financial_health", a["opinion"] != "qualified" and a["audit_total_assets"] > a["liabilities"], relax61)
    put("art6_2_smes_served", a["smes_last"] >= 50, mountain)
    put("art6_2_satisfaction", a["satisfaction"] >= 80, mountain)
    put("art6_2_growth", a["smes_last"] >= a["smes_prior"], mountain)
    rules["art6_3_premises"] = "no_evidence" if "premises_proof" in a["missing"] else "pass"
    put("art6_3_aggregated_agencies", a["agencies"] >= 2, False)
    put("art6_4_public_benefit_share", a["public_share"] >= 20, False)
    put("art6_5_service_staff", min(a["report_staff"], a["list_staff"]) >= 10, mountain)
    put("art6_5_qualified_ratio", a["list_qualified"] / a["list_staff"] >= 0.6 and
        a["report_college"] / a["report_staff"] >= 0.6, mountain)
    v = a["ind"]
    ok7 = {"information": v.get("info_offline_smes", 0) >= 50 and v.get("info_activities", 0) >= 4,
           "technology": v.get("tech_activities", 0) >= 3,
           "entrepreneurship": v.get("entrepreneurship_activities", 0) >= 4,
           "training": v.get("training_person_times", 0) >= 500 and v.get("training_qualification", False),
           "financing": v.get("financing_activities", 0) >= 3 and v.get("financing_amount", 0) >= 2e8,
           "consulting": v.get("consulting_activities", 0) >= 3,
           "market": v.get("market_enterprise_times", 0) >= 50}
    ids = {"information": "art7_1_information", "technology": "art7_2_technology",
           "entrepreneurship": "art7_3_entrepreneurship", "training": "art7_4_training",
           "financing": "art7_5_financing", "consulting": "art7_6_consulting", "market": "art7_7_market"}
    for f in a["functions"]:
        rules[ids[f]] = "pass" if ok7[f] else "fail"
    rules["art7_any"] = "pass" if any(ok7[f] for f in a["functions"]) else "fail"
    if a["missing"] or a["unreadable"] or a["omit_parts"]:
        decision = "incomplete"
    elif "fail" in rules.values():
        decision = "ineligible"
    elif any(o in ("relaxed", "needs_review", "no_evidence") for o in rules.values()) or a["inconsistencies"]:
        decision = "needs_review"
    else:
        decision = "passed"
    return rules, decision


def truth_fields(a):
    f = {"unit_name": a["unit_name"], "uscc": a["report_uscc"], "unit_nature": a["nature"],
         "established_date": a["established"], "total_assets": a["report_total_assets"],
         "service_staff": a["report_staff"], "staff_college_or_above": a["report_college"],
         "staff_mid_title_or_above": a["mid_title"], "smes_served_last_year": a["smes_last"],
         "smes_served_prior_year": a["smes_prior"], "satisfaction_rate": a["satisfaction"] / 100,
         "aggregated_agencies": a["agencies"], "public_benefit_share": a["public_share"] / 100,
         "premises_area": float(a["area"]), "revenue": a["revenue"], "service_income": a["service_income"],
         "functions_claimed": list(a["functions"]),
         "licence.uscc": a["licence_uscc"], "licence.name": a["licence_name"],
         "licence.legal_representative": a["legal_rep"], "staff_list.count": a["list_staff"],
         "staff_list.qualified_count": a["list_qualified"], "client_list.count": a["clients"]}
    if a["nature"] == "enterprise":
        f["registered_capital"] = a["capital"]
    if a["licence_kind"] in ("current", "older", "branch"):
        f["licence.established_date"] = a["established"]
        f["licence.is_branch"] = a["licence_kind"] == "branch"
        if a["licence_kind"] != "branch":
            f["licence.registered_capital"] = a["capital"]
    else:
        f["licence.valid_from"], f["licence.valid_until"] = a["cert_valid"]
    if "audit_reports" not in a["unreadable"]:
        f.update({"audit.year": LAST, "audit.opinion": a["opinion"], "audit.total_assets": a["audit_total_assets"],
                  "audit.total_liabilities": a["liabilities"], "audit.net_assets": a["audit_total_assets"] - a["liabilities"],
                  "audit.revenue": a["revenue"], "audit.service_income": a["service_income"],
                  "audit.service_expense": a["service_expense"]})
        if a["nature"] == "enterprise":
            f["audit.net_profit"] = round(a["revenue"] * 0.09, 2)
    v = a["ind"]
    keys = {"information": ["info_offline_smes", "info_activities"], "technology": ["tech_activities"],
            "entrepreneurship": ["entrepreneurship_activities"], "training": ["training_person_times", "training_qualification"],
            "financing": ["financing_activities", "financing_amount"], "consulting": ["consulting_activities"],
            "market": ["market_enterprise_times"]}
    for fn in a["functions"]:
        for k in keys[fn]:
            f[k] = v[k]
    return f


# ---------------------------------------------------------------- writing one application

class GbkInfo(zipfile.ZipInfo):
    """A member name as Chinese Windows' built-in zipper writes it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


MATERIAL_ORDER = ["application_report", "legal_entity_certificate", "audit_reports", "premises_proof",
                  "resource_lists", "service_evidence", "qualifications", "authenticity_declaration"]


def write_app(a, rng, batch: Path):
    app_id = f"{a['city'][:-1] if a['city'].endswith('市') else a['city']}-{a['unit_name']}"
    s = a["styles"]
    root = batch / app_id
    root.mkdir(parents=True)
    mats: dict[str, list[str]] = {m: [] for m in [*MATERIAL_ORDER, "recommendation_form"]}
    content = {"application_report": report_blocks(a, rng), "legal_entity_certificate": licence_blocks(a),
               "audit_reports": audit_blocks(a), "premises_proof": premises_blocks(a),
               "service_evidence": evidence_blocks(a), "qualifications": qual_blocks(a),
               "authenticity_declaration": declaration_blocks(a)}
    parts = {"equipment_list": "present", "staff_list": "present", "client_list": "present"}
    for p in a["omit_parts"]:
        parts[p] = "missing"

    rel = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    if s.get("bundle"):
        order = [m for m in MATERIAL_ORDER if m != "resource_lists"]
        sub = root / "申报材料"
        bundle_parts, pages = [], {}
        if s["bundle"] == "toc":
            toc = [("title", "目  录")] + [("para", f"{i + 1}. {t}") for i, t in enumerate(
                ["申请报告", "营业执照副本", "审计报告及专项审计报告", "经营场所证明", "服务证明材料", "资质证明", "真实性声明"])]
            bundle_parts.append(("toc", toc))
        for m in order:
            blocks = content[m]
            if m == "audit_reports":
                blocks = [*blocks, ("break",), *special_audit_blocks(a)]
            bundle_parts.append((m, blocks))
        start = 1
        if s["bundle"] == "toc":
            for m, blocks in bundle_parts:
                n = pdf_pages(pdf_bytes([blocks]))
                pages[m] = (start, start + n - 1)
                start += n
            path = sub / "扫描全能王 2026-03-21 10.15.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf_bytes([b for _, b in bundle_parts]))
        else:
            images = []
            for m, blocks in bundle_parts:
                ims = to_images(blocks, rng)
                pages[m] = (start, start + len(ims) - 1)
                start += len(ims)
                images += ims
            path = sub / "CamScanner 03-22-2026 09.41.pdf"
            images_pdf(images, path)
        for m, (p0, p1) in pages.items():
            if m in mats:
                mats[m].append(f"{rel(path)}#p{p0}" + (f"-{p1}" if p1 > p0 else ""))
    else:
        for m in MATERIAL_ORDER:
            if m == "resource_lists" or m in a["missing"]:
                continue
            blocks = content[m]
            if m == "application_report":
                kind = s.get("report", "docx")
                if kind == "docx":
                    p = root / "申请报告.docx"
                    to_docx(blocks, p)
                elif kind == "pdf":
                    p = root / "附件2 申请报告.pdf"
                    p.write_bytes(pdf_bytes([blocks]))
                elif kind == "scan":
                    p = root / "扫描件001.pdf"
                    images_pdf(to_images(blocks, rng), p)
                else:  # phone photos of every page
                    d = root / "申请报告照片"
                    d.mkdir()
                    for i, im in enumerate(to_images(blocks, rng, photo=True)):
                        p = d / f"IMG_20260318_1{i:02d}512.jpg"
                        im.save(str(p), "JPEG", quality=82)
                        mats[m].append(rel(p))
                    continue
                mats[m].append(rel(p))
            elif m == "legal_entity_certificate":
                name = {"shiye": "事业单位法人证书", "shetuan": "社团法人登记证书", "minfei": "民非登记证书"}.get(
                    a["licence_kind"], "营业执照副本")
                if s.get("licence") == "photo":
                    p = root / f"{name}.jpg"
                    to_images(blocks, rng, photo=True)[0].save(str(p), "JPEG", quality=85)
                else:
                    p = root / f"{name}.pdf"
                    p.write_bytes(pdf_bytes([blocks]))
                mats[m].append(rel(p))
            elif m == "audit_reports":
                p = root / f"{LAST}年度审计报告.pdf"
                if "audit_reports" in a["unreadable"]:
                    p.write_bytes(pdf_bytes([blocks])[:900])  # truncated in transfer
                else:
                    p.write_bytes(pdf_bytes([blocks]))
                mats[m].append(rel(p))
                if not s.get("audit_incl_service"):
                    p2 = root / "服务收支专项审计报告.pdf"
                    if "audit_reports" in a["unreadable"]:
                        p2.write_bytes(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(400)))
                    else:
                        p2.write_bytes(pdf_bytes([special_audit_blocks(a)]))
                    mats[m].append(rel(p2))
            else:
                names = {"premises_proof": "房屋租赁合同.pdf", "service_evidence": "附件6 服务证明材料.pdf",
                         "qualifications": "资质证明.pdf", "authenticity_declaration": "真实性声明.pdf"}
                p = root / names[m]
                p.write_bytes(pdf_bytes([blocks]))
                mats[m].append(rel(p))
    lists: dict = {}
    write_lists(a, rng, root / ("申报材料/清单" if s.get("bundle") else ""), lists)
    mats["resource_lists"] = [rel(p) for p in lists.values()]
    rec = root / "推荐表.docx"
    to_docx(recommendation_blocks(a), rec)
    mats["recommendation_form"] = [rel(rec)]

    materials = {}
    for m, files in mats.items():
        if m in a["missing"]:
            materials[m] = {"status": "missing", "files": []}
        elif m in a["unreadable"]:
            materials[m] = {"status": "unreadable", "files": files}
        else:
            materials[m] = {"status": "present", "files": files}
    materials["resource_lists"]["parts"] = parts
    if a["omit_parts"]:
        materials["resource_lists"]["status"] = "partial"

    if s.get("zip_gbk"):
        zpath = batch / f"{app_id}.zip"
        with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(root.rglob("*")):
                if p.is_file():
                    info = GbkInfo(rel(p), date_time=(2026, 3, 25, 9, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, p.read_bytes())
        shutil.rmtree(root)

    rules, decision = expected(a)
    fields = truth_fields(a)
    return {"applicant_id": app_id, "as_of": AS_OF, "decision": decision, "materials": materials,
            "fields": fields, "rules": rules, "inconsistencies": a["inconsistencies"],
            "notes": f"heldout3 #{a['seq']}"}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    batch = args.out / "batch"
    shutil.rmtree(batch, ignore_errors=True)
    batch.mkdir(parents=True)
    truths = [write_app(a, rng, batch) for a in applications(rng)]
    with open(args.out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"{len(truths)} applications → {batch}")


if __name__ == "__main__":
    main()
