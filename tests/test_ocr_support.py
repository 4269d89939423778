"""Scan-like test images made on the fly: certificates and an audit page drawn with a CJK
font, then degraded like real scans and phone photos (rotation, skew, blur, noise, JPEG
artefacts, a red seal, low resolution, EXIF orientation). No test here; helpers only."""

from __future__ import annotations

import io
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import uscc

FONT_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]


@cache
def cjk_font_spec() -> tuple[str, int] | None:
    """(path, index) of a font face that draws Simplified Chinese, preferring the SC variant."""
    for path in FONT_FILES:
        if not Path(path).exists():
            continue
        for index in range(10):
            try:
                face = ImageFont.truetype(path, 20, index=index)
            except OSError:
                break
            if "SC" in " ".join(face.getname()):
                return path, index
        return path, 0
    return None


def font(size: int) -> ImageFont.FreeTypeFont:
    spec = cjk_font_spec()
    if spec is None:
        raise RuntimeError("no CJK font installed (fonts-noto-cjk)")
    return ImageFont.truetype(spec[0], size, index=spec[1])


def code(body17: str) -> str:
    return body17 + uscc.calc_check_digit(body17)


CERTIFICATES: dict[str, dict] = {
    "enterprise": {
        "title": "营业执照",
        "uscc": code("91640106MA76C8PX4"),
        "rows": [
            [("名称", "宁夏星河科技有限公司"), ("注册资本", "伍佰万元整")],
            [("类型", "有限责任公司(自然人投资或控股)"), ("成立日期", "2019年03月15日")],
            [("法定代表人", "王建国"), ("营业期限", "2019年03月15日至长期")],
            [("经营范围", "信息技术咨询服务"), ("住所", "宁夏银川市金凤区北京中路168号")],
        ],
        "expect": {
            "licence.name": "宁夏星河科技有限公司",
            "licence.legal_representative": "王建国",
            "licence.established_date": "2019-03-15",
            "licence.city": "银川市",
            "licence.county": "金凤区",
        },
    },
    "public_institution": {
        "title": "事业单位法人证书",
        "uscc": code("12640400MB1234567"),
        "rows": [
            [("名称", "固原市中小企业服务中心")],
            [("宗旨和业务范围", "为中小企业提供公共服务")],
            [("住所", "宁夏固原市原州区文化路2号")],
            [("法定代表人", "马晓东")],
            [("开办资金", "贰佰万元")],
            [("有效期", "自2015年06月01日至2030年05月31日")],
        ],
        "expect": {
            "licence.name": "固原市中小企业服务中心",
            "licence.legal_representative": "马晓东",
            "licence.valid_from": "2015-06-01",  # the certificate's validity, not the founding date
            "licence.city": "固原市",
            "licence.county": "原州区",
        },
    },
    "social_organization": {
        "title": "社会团体法人登记证书",
        "uscc": code("51640000MJ7654321"),
        "rows": [
            [("名称", "宁夏中小企业发展促进会")],
            [("住所", "宁夏吴忠市利通区裕民街8号")],
            [("法定代表人", "李明")],
            [("业务范围", "行业服务 咨询培训")],
            [("注册资金", "叁拾万元")],
            [("有效期", "2016年09月20日至2031年09月19日")],
        ],
        "expect": {
            "licence.name": "宁夏中小企业发展促进会",
            "licence.legal_representative": "李明",
            "licence.valid_from": "2016-09-20",  # the certificate's validity, not the founding date
            "licence.city": "吴忠市",
            "licence.county": "利通区",
        },
    },
    "private_non_enterprise": {
        "title": "民办非企业单位登记证书",
        "uscc": code("52640500MJ1122334"),
        "rows": [
            [("名称", "中卫市创业服务中心")],
            [("住所", "宁夏中卫市沙坡头区鼓楼东街9号")],
            [("法定代表人", "张华")],
            [("业务范围", "创业辅导 项目推介")],
            [("开办资金", "拾万元")],
            [("有效期", "2018年04月10日至2028年04月09日")],
        ],
        "expect": {
            "licence.name": "中卫市创业服务中心",
            "licence.legal_representative": "张华",
            "licence.valid_from": "2018-04-10",  # the certificate's validity, not the founding date
            "licence.city": "中卫市",
            "licence.county": "沙坡头区",
        },
    },
}


def certificate_page(kind: str, width: int = 1200) -> Image.Image:
    """A clean certificate: title, credit code, then label/value rows (one or two columns)."""
    spec = CERTIFICATES[kind]
    height = int(width * 0.72)
    img = Image.new("RGB", (width, height), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    s = width / 1200
    title = font(int(64 * s))
    text = font(int(28 * s))
    draw.text((width // 2, int(70 * s)), spec["title"], font=title, fill=(20, 20, 20), anchor="mm")
    draw.text((int(80 * s), int(150 * s)), f"统一社会信用代码 {spec['uscc']}", font=text, fill=(20, 20, 20))
    y = int(220 * s)
    for row in spec["rows"]:
        for col, (label, value) in enumerate(row):
            x = int((80 + col * 560) * s)
            draw.text((x, y), f"{label}  {value}", font=text, fill=(20, 20, 20))
        y += int(62 * s)
    return img


AUDIT_ROWS = [
    ("资产总计", "3,456,789.00", "2,987,654.00"),
    ("负债合计", "1,234,567.00", "1,100,000.00"),
    ("所有者权益合计", "2,222,222.00", "1,887,654.00"),
]
AUDIT_EXPECT = {"audit.total_assets": 3456789.0, "audit.total_liabilities": 1234567.0, "audit.net_assets": 2222222.0}


def audit_page(width: int = 1100) -> Image.Image:
    """A scanned balance-sheet page: title, unit line, a ruled table with two amount columns."""
    s = width / 1100
    img = Image.new("RGB", (width, int(width * 0.75)), "white")
    draw = ImageDraw.Draw(img)
    big, text = font(int(40 * s)), font(int(26 * s))
    draw.text((width // 2, int(60 * s)), "资产负债表", font=big, fill="black", anchor="mm")
    draw.text(
        (int(60 * s), int(120 * s)), "编制单位：宁夏星河科技有限公司  2025年12月31日  单位：元", font=text, fill="black"
    )
    cols = [int(60 * s), int(480 * s), int(780 * s), int(1040 * s)]
    rows = [("项目", "期末余额", "年初余额"), *AUDIT_ROWS]
    y = int(180 * s)
    step = int(64 * s)
    for n, row in enumerate(rows):
        for c, cell in enumerate(row):
            draw.text((cols[c] + int(16 * s), y + int(16 * s)), cell, font=text, fill="black")
        draw.line([(cols[0], y), (cols[-1], y)], fill="black", width=2)
        if n == len(rows) - 1:
            draw.line([(cols[0], y + step), (cols[-1], y + step)], fill="black", width=2)
        y += step
    for x in cols:
        draw.line([(x, int(180 * s)), (x, y)], fill="black", width=2)
    return img


def red_seal(img: Image.Image, center: tuple[int, int], radius: int) -> Image.Image:
    """A translucent red circular seal with a star and text, stamped over the page."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = center
    red = (210, 30, 30, 170)
    for w in range(max(3, radius // 18)):
        draw.ellipse([cx - radius + w, cy - radius + w, cx + radius - w, cy + radius - w], outline=red)
    draw.text((cx, cy), "★", font=font(radius // 2), fill=red, anchor="mm")
    draw.text((cx, cy + radius // 2), "专用章", font=font(radius // 4), fill=red, anchor="mm")
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def degrade(
    img: Image.Image,
    *,
    angle: float = 0.0,
    blur: float = 0.0,
    noise: int = 0,
    jpeg: int | None = None,
    scale: float = 1.0,
    seed: int = 7,
) -> Image.Image:
    """Rotate (any angle, white fill), scale, blur, add noise; JPEG round trip at `jpeg` quality."""
    if scale != 1.0:
        img = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
    if angle:
        img = img.rotate(angle, expand=True, fillcolor=(255, 255, 255), resample=Image.BICUBIC)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(seed)
        px = img.load()
        for _ in range(img.width * img.height // 40):
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            v = rng.randint(-noise, noise)
            r, g, b = px[x, y]
            px[x, y] = (max(0, min(255, r + v)), max(0, min(255, g + v)), max(0, min(255, b + v)))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def save_with_exif_rotation(img: Image.Image, path: Path) -> Path:
    """Store the page turned 90° with EXIF Orientation=6, as phones do; viewers show it upright."""
    stored = img.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise; orientation 6 turns it back
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, "JPEG", quality=85, exif=exif)
    return path
