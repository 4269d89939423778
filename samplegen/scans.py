"""Scans and photos made from the generated documents, as applicants really submit them:
a text PDF printed and scanned (an image-only PDF, slightly turned, noisy, JPEG), a
certificate photographed with a phone, an event photo with a banner or no text at all.

Everything is deterministic for a given seed (numpy's generator, fixed JPEG quality).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


@cache
def _font_spec() -> tuple[str, int]:
    for path in _FONT_FILES:
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
    raise RuntimeError("no CJK font installed (fonts-noto-cjk, see scripts/install.sh)")


def font(size: int) -> ImageFont.FreeTypeFont:
    path, index = _font_spec()
    return ImageFont.truetype(path, size, index=index)


def rasterise(pdf: bytes, dpi: int = 110) -> list[Image.Image]:
    """Each page of a PDF as an RGB image, as a scanner would see the printed page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def degrade(img: Image.Image, seed: int, angle: float = 0.6, noise: int = 12, blur: float = 0.3) -> Image.Image:
    """A scanner's or phone's copy: a slight turn, grey paper, noise, a little blur."""
    rng = np.random.default_rng(seed)
    out = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(236, 234, 228))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(out, dtype=np.int16)
    pixels = pixels + rng.integers(-noise, noise + 1, size=pixels.shape, dtype=np.int16)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def page_number(img: Image.Image, number: int) -> Image.Image:
    """A printed page number at the foot of a page ("- 3 -")."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    size = max(14, img.width // 45)
    draw.text((img.width // 2, img.height - 3 * size), f"- {number} -", font=font(size), fill=(30, 30, 30), anchor="mm")
    return out


def jpeg(img: Image.Image, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def images_pdf(images: list[Image.Image], dpi: int = 110) -> bytes:
    """An image-only PDF (no text layer), one JPEG page per image, as scanner apps write."""
    buf = io.BytesIO()
    first, *rest = [im.convert("RGB") for im in images]
    first.save(buf, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return buf.getvalue()


def scan_pdf(pdf: bytes, seed: int, dpi: int = 110, numbers_from: int | None = None) -> bytes:
    """A text PDF printed and scanned back to an image-only PDF (optionally page-numbered)."""
    pages = rasterise(pdf, dpi)
    if numbers_from is not None:
        pages = [page_number(p, numbers_from + i) for i, p in enumerate(pages)]
    return images_pdf([degrade(p, seed + i) for i, p in enumerate(pages)], dpi)


def photo_of(img: Image.Image, seed: int) -> bytes:
    """A phone photo of a document lying on a desk: a wider dark border, a turn, JPEG."""
    desk = Image.new("RGB", (int(img.width * 1.12), int(img.height * 1.12)), (92, 74, 58))
    desk.paste(img, ((desk.width - img.width) // 2, (desk.height - img.height) // 2))
    return jpeg(degrade(desk, seed, angle=2.0, noise=16, blur=0.6), quality=78)


def certificate(title: str, rows: list[tuple[str, str]], width: int = 1100, subtitle: str = "") -> Image.Image:
    """A certificate page: a large title, then label/value rows."""
    s = width / 1100
    img = Image.new("RGB", (width, int(width * 1.3)), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    draw.rectangle([int(30 * s), int(30 * s), width - int(30 * s), img.height - int(30 * s)], outline=(150, 40, 40),
                   width=max(2, int(6 * s)))
    draw.text((width // 2, int(130 * s)), title, font=font(int(70 * s)), fill=(25, 25, 25), anchor="mm")
    if subtitle:
        draw.text((width // 2, int(215 * s)), subtitle, font=font(int(30 * s)), fill=(25, 25, 25), anchor="mm")
    y = int(300 * s)
    text = font(int(32 * s))
    for label, value in rows:
        draw.text((int(110 * s), y), f"{label}　{value}", font=text, fill=(25, 25, 25))
        y += int(78 * s)
    return img


def event_photo(seed: int, caption: str | None = None, width: int = 1000) -> Image.Image:
    """An event photo: a room, rows of people as shapes, a banner with the caption (or none)."""
    rng = np.random.default_rng(seed)
    height = int(width * 0.66)
    img = Image.new("RGB", (width, height), tuple(int(v) for v in rng.integers(150, 210, 3)))
    draw = ImageDraw.Draw(img)
    if caption:
        draw.rectangle([int(width * 0.08), int(height * 0.05), int(width * 0.92), int(height * 0.2)], fill=(170, 20, 30))
        draw.text((width // 2, int(height * 0.125)), caption, font=font(int(width / (len(caption) + 4))),
                  fill=(255, 236, 150), anchor="mm")
    for row in range(3):
        y = int(height * (0.5 + 0.15 * row))
        for col in range(9):
            x = int(width * (0.06 + 0.11 * col + rng.uniform(-0.02, 0.02)))
            r = int(width * 0.025)
            colour = tuple(int(v) for v in rng.integers(20, 120, 3))
            draw.ellipse([x - r, y - 2 * r, x + r, y], fill=(230, 190, 160))
            draw.rectangle([x - int(1.5 * r), y, x + int(1.5 * r), y + 3 * r], fill=colour)
    return img.filter(ImageFilter.GaussianBlur(0.8))
