"""Redacted copies of photos and scans: the OCR lines that carry personal data blacked out.

The boxes are the OCR's (privacy/regions.py): in the upright, resized page image OCR read,
so the image is turned the same way, the boxes scaled to it and painted, and the image
turned back. The copy is written anew from the pixels (same format), so no EXIF or text
chunk of the original (camera, place, comments) goes with it; the EXIF orientation is
applied to the pixels instead.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, ImageSequence, UnidentifiedImageError

from .regions import OcrBoxes, Redaction


class NotRedactable(Exception):
    """No copy without personal data could be made; the message says why, in Chinese."""


# A little margin around a line box (share of the box height): OCR boxes hug the glyphs.
_MARGIN = 0.15
_TURN = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
_BACK = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
# Formats written as they came; any other (BMP, GIF, WebP…) as PNG.
_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "MPO": "JPEG"}


def paint_ocr_boxes(img: Image.Image, page: OcrBoxes) -> Image.Image:
    """`img` (the page as it is stored, EXIF orientation applied) with the page's boxes painted black."""
    if page.rotation in _TURN:
        img = img.transpose(_TURN[page.rotation])
    width, height = page.size
    sx, sy = img.width / width, img.height / height
    draw = ImageDraw.Draw(img)
    for x0, y0, x1, y1 in page.boxes:
        pad = _MARGIN * (y1 - y0)
        draw.rectangle(
            [
                max(0, (x0 - pad) * sx),
                max(0, (y0 - pad) * sy),
                min(img.width - 1, (x1 + pad) * sx),
                min(img.height - 1, (y1 + pad) * sy),
            ],
            fill="black",
        )
    if page.rotation in _BACK:
        img = img.transpose(_BACK[page.rotation])
    return img


def redacted_image_format(source: Path) -> str:
    """The format the copy of `source` is written in (PIL name)."""
    try:
        with Image.open(source) as img:
            return _FORMATS.get(img.format or "", "PNG")
    except (UnidentifiedImageError, OSError):
        return "PNG"


def redact_image(source: Path, target: Path, plan: Redaction) -> None:
    """Write `target`: the image `source` with the boxes of `plan` blacked out, every frame."""
    if plan.unknown_pages:
        raise NotRedactable("部分页面未经文字识别，无法确认其中是否含个人信息")
    if not plan.ocr:
        raise NotRedactable("未能确定个人信息在图片中的位置")
    by_frame = {page.page: page for page in plan.ocr}
    try:
        with Image.open(source) as img:
            fmt = _FORMATS.get(img.format or "", "PNG")
            frames = []
            for number, frame in enumerate(ImageSequence.Iterator(img), 1):
                page = ImageOps.exif_transpose(frame.copy())
                page = page.convert("RGB") if page.mode not in ("RGB", "L") else page
                if number in by_frame:
                    page = paint_ocr_boxes(page.convert("RGB"), by_frame[number])
                frames.append(page)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise NotRedactable("图片无法打开") from exc
    if set(by_frame) - set(range(1, len(frames) + 1)):
        raise NotRedactable("文字识别结果与图片页数不符")
    options = {"quality": 90} if fmt == "JPEG" else {}
    if len(frames) > 1 and fmt == "TIFF":
        options = {"save_all": True, "append_images": frames[1:], "compression": "tiff_deflate"}
    elif len(frames) > 1:
        raise NotRedactable("多页图片只能以 TIFF 格式提供")
    frames[0].save(target, fmt, **options)
