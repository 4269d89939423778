"""A 附件2-like report page with the Article 7 function tick boxes, drawn as a scanner or a
phone camera sees it: the marks are drawn as shapes (a printed box, a tick inside it, a
filled box, a cross, a √ beside a name, a hand-drawn tick), not as font glyphs, because on
paper a Wingdings box is just a small square. Two layouts: the boxes in one line before the
names ("申报功能：□信息服务 ☑技术服务 …"), and one function per table row with a
是否申报 column. No test here; helpers only."""

from __future__ import annotations

from PIL import Image, ImageDraw

from samplegen.model import FUNCTION_NAMES
from tests.test_ocr_support import degrade, font

FUNCTIONS = FUNCTION_NAMES  # function id → the name the form prints
STYLES = ("box_tick", "box_fill", "box_cross", "tick", "hand_tick")
INK = (25, 25, 25)
PEN = (30, 40, 120)  # a ball-point pen's blue-black


def mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, style: str, checked: bool) -> int:
    """Draw one mark with its top-left at (x, y); returns its width. `style` says how a
    checked box looks; an unchecked one is an empty printed box (for "tick", a form whose
    applicant wrote √ before the claimed names: nothing before the others)."""
    line = max(2, size // 12)
    box = [x, y, x + size, y + size]
    if style == "tick":
        if checked:
            draw.line([(x + size * 0.1, y + size * 0.55), (x + size * 0.4, y + size * 0.9),
                       (x + size * 0.95, y + size * 0.1)], fill=INK, width=line + 1)
        return size
    if style == "box_fill" and checked:
        draw.rectangle(box, fill=INK)
        return size
    draw.rectangle(box, outline=INK, width=line)
    if not checked:
        return size
    if style == "box_tick":
        draw.line([(x + size * 0.2, y + size * 0.5), (x + size * 0.42, y + size * 0.78),
                   (x + size * 0.82, y + size * 0.2)], fill=INK, width=line + 1)
    elif style == "box_cross":
        draw.line([(x + size * 0.2, y + size * 0.2), (x + size * 0.8, y + size * 0.8)], fill=INK, width=line + 1)
        draw.line([(x + size * 0.8, y + size * 0.2), (x + size * 0.2, y + size * 0.8)], fill=INK, width=line + 1)
    elif style == "smudge":  # a dot of ink, not a tick: a scan cannot say whether it was meant
        r = size * 0.11
        draw.ellipse([x + size / 2 - r, y + size / 2 - r, x + size / 2 + r, y + size / 2 + r], fill=INK)
    elif style == "hand_tick":  # bolder, overshooting the box, in pen ink
        draw.line([(x - size * 0.1, y + size * 0.35), (x + size * 0.35, y + size * 0.95),
                   (x + size * 1.2, y - size * 0.35)], fill=PEN, width=line + 3)
    return size


def report_page(claimed: set[str], style: str = "box_tick", layout: str = "line", width: int = 1240,
                unit: str = "宁夏星河科技服务有限公司", smudged: frozenset[str] = frozenset(),
                wrap_inside: bool = False) -> Image.Image:
    """A report page: title, the applicant, the function marks (in one line or one per row of a
    table with a 是否申报 column), and a small indicator table below. The `smudged` functions'
    boxes carry a dot of ink instead of a tick. `wrap_inside`: the line wraps inside the fourth
    option's name (its box and first two characters end the line, the rest opens the next)."""
    s = width / 1240
    img = Image.new("RGB", (width, int(width * 1.3)), (252, 251, 247))
    draw = ImageDraw.Draw(img)
    title, text = font(int(40 * s)), font(int(28 * s))
    size = int(26 * s)
    draw.text((width // 2, int(90 * s)), "中小企业公共服务示范平台申请报告", font=title, fill=INK, anchor="mm")
    draw.text((int(90 * s), int(170 * s)), f"申报单位：{unit}", font=text, fill=INK)
    y = int(240 * s)
    if layout == "line":
        x = int(90 * s)
        draw.text((x, y), "申报功能：", font=text, fill=INK)
        x += int(text.getlength("申报功能：")) + int(8 * s)
        start = int(90 * s) + int(text.getlength("申报功能：")) + int(8 * s)
        for n, (key, name) in enumerate(FUNCTIONS.items()):
            if n == 4 and not wrap_inside:  # the form wraps after four options
                x, y = start, y + int(50 * s)
            box_style, ticked = ("smudge", True) if key in smudged else (style, key in claimed)
            x += mark(draw, x, y + int(4 * s), size, box_style, ticked) + int(6 * s)
            if n == 3 and wrap_inside:
                draw.text((x, y), name[:2], font=text, fill=INK)
                x, y, name = start, y + int(50 * s), name[2:]
            draw.text((x, y), name, font=text, fill=INK)
            x += int(text.getlength(name)) + int(36 * s)
        y += int(90 * s)
    else:
        y = _function_table(draw, claimed, style, s, y, text, size, smudged)
    draw.text((int(90 * s), y), "二、服务能力", font=text, fill=INK)
    y += int(60 * s)
    for label, value in (("服务人员数", "35人"), ("上年度服务企业数", "260家")):
        draw.text((int(110 * s), y), f"{label}：{value}", font=text, fill=INK)
        y += int(50 * s)
    return img


def _function_table(draw, claimed, style, s, y, text, size, smudged) -> int:
    """One function per row: 服务功能 | 是否申报 | 年服务企业数（家）."""
    cols = [int(90 * s), int(420 * s), int(700 * s), int(1150 * s)]
    row_h = int(56 * s)
    heads = ("服务功能", "是否申报", "年服务企业数（家）")
    rows = [heads] + [(name, key, "120" if key in claimed else "") for key, name in FUNCTIONS.items()]
    for r, row in enumerate(rows):
        top = y + r * row_h
        draw.rectangle([cols[0], top, cols[-1], top + row_h], outline=INK, width=2)
        for c in range(1, 3):
            draw.line([(cols[c], top), (cols[c], top + row_h)], fill=INK, width=2)
        pad = int(12 * s)
        if r == 0:
            for c, head in enumerate(row):
                draw.text((cols[c] + pad, top + pad), head, font=text, fill=INK)
            continue
        name, key, figure = row
        draw.text((cols[0] + pad, top + pad), name, font=text, fill=INK)
        mid = (cols[1] + cols[2]) // 2 - size // 2
        if key in smudged:
            mark(draw, mid, top + (row_h - size) // 2, size, "smudge", True)
        elif style != "tick" or key in claimed:  # "tick": an empty 是否申报 cell for what is not claimed
            mark(draw, mid, top + (row_h - size) // 2, size, style, key in claimed)
        if figure:
            draw.text((cols[2] + pad, top + pad), figure, font=text, fill=INK)
    return y + len(rows) * row_h + int(40 * s)


def scanned(img: Image.Image, seed: int = 3, photo: bool = False) -> Image.Image:
    """The page as a scan (a slight turn, noise, JPEG) or as a phone photo (more turn and blur)."""
    if photo:
        return degrade(img, angle=1.8, blur=0.9, noise=14, jpeg=70, seed=seed)
    return degrade(img, angle=0.5, blur=0.4, noise=8, jpeg=82, seed=seed)
