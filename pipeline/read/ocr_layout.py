"""From a page image to OCR text lines in reading order.

Pre-processing that real scans and photos need: EXIF orientation, enlargement of small
images, the red channel for pages with a red seal (the seal turns light, black text
stays dark), and page orientation: a page turned 90° shows tall text boxes, one turned
180° is voted upside down by the engine's direction classifier on its longest lines
(the verdicts of the page's one engine call: no second pass over the image).
Small skew is measured from the boxes and undone when pieces are grouped into lines.
Check boxes the engine dropped or misread are read from the image (ocr_marks.py).
"""

from __future__ import annotations

import math
from statistics import median

import numpy as np
from PIL import Image, ImageOps

from ..models import OcrLine, OcrPage, OcrPiece
from . import ocr_engine as oe
from .normalize import normalize_text
from .ocr_marks import restore_marks


def engine_input(img: Image.Image) -> tuple[np.ndarray, bool]:
    """What the engine reads (BGR, upright, a workable size; the red channel in all three
    channels when a seal is stamped) and whether a seal was found."""
    img, seal = _upright_rgb(img)
    if seal:
        gray = np.asarray(_seal_channel(img))
        return np.repeat(gray[:, :, None], 3, axis=2), True  # channels alike: no BGR turn needed
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1]), False


def _upright_rgb(img: Image.Image) -> tuple[Image.Image, bool]:
    """Upright per EXIF, RGB, a workable size; whether a red seal is stamped on it."""
    s = oe.ocr_settings()
    img = ImageOps.exif_transpose(img)
    if img.mode != "RGB":
        img = img.convert("RGB")
    long_side = max(img.size)
    if long_side < s.min_long_side:
        factor = min(s.max_upscale, s.min_long_side / long_side)
        img = img.resize((round(img.width * factor), round(img.height * factor)), Image.LANCZOS)
    elif long_side > s.max_long_side:
        factor = s.max_long_side / long_side
        img = img.resize((round(img.width * factor), round(img.height * factor)), Image.LANCZOS)
    arr = np.asarray(img)
    red = arr[:, :, 0]
    # strongly red, in uint8: where R > seal_red_min, R - seal_red_margin cannot wrap (margin <= min)
    strong = (red > s.seal_red_min) & (np.maximum(arr[:, :, 1], arr[:, :, 2]) < red - np.uint8(s.seal_red_margin))
    return img, bool(strong.mean() > s.seal_red_share)


def _seal_channel(img: Image.Image) -> Image.Image:
    """The red channel, contrast stretched: the seal turns light, black text stays dark."""
    return ImageOps.autocontrast(img.getchannel("R"), cutoff=1)


def ocr_image(img: Image.Image, kind: oe.InputKind) -> OcrPage:
    """One engine call per page: the orientation votes come from that same call."""
    bgr, seal = engine_input(img)
    pieces, votes = oe.read_page(bgr, oe.ocr_settings().direction_vote_lines, kind)
    pieces = restore_marks(bgr, pieces)  # check boxes OCR dropped or misread, from the image
    height, width = bgr.shape[:2]
    rotation = _rotation(pieces, votes)
    if rotation:
        pieces = [_turn(piece, rotation, width, height) for piece in pieces]
        if rotation in (90, 270):
            width, height = height, width
    skew = _skew(pieces)
    return OcrPage(
        lines=_lines(pieces, skew), rotation=rotation, skew=round(skew, 2), width=width, height=height, seal=seal
    )


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _rotation(pieces: list[oe.Piece], votes: oe.Votes) -> int:
    """Degrees (counter-clockwise) that make the page upright: 0, 90, 180 or 270. A page whose
    text is mostly in tall boxes is turned 90°; the direction classifier's votes on the longest
    lines (tall ones turned 90° counter-clockwise, as the engine crops them) say whether it is
    upside down on top of that."""
    texty = [pc for pc in pieces if len(pc.text) >= 2]
    if not texty:
        return 0
    tall = sum(len(pc.text) for pc in texty if _is_tall(pc))
    base = 90 if tall > sum(len(pc.text) for pc in texty) / 2 else 0
    return (base + 180) % 360 if votes.flipped > votes.upright else base


def _is_tall(pc: oe.Piece) -> bool:
    x0, y0, x1, y1 = _extent(pc.points)
    return (y1 - y0) > 1.3 * (x1 - x0)


def _turn(pc: oe.Piece, rotation: int, width: int, height: int) -> oe.Piece:
    """The piece's points after turning the page `rotation` degrees counter-clockwise."""
    if rotation == 90:
        points = [(y, width - x) for x, y in pc.points]
    elif rotation == 180:
        points = [(width - x, height - y) for x, y in pc.points]
    elif rotation == 270:
        points = [(height - y, x) for x, y in pc.points]
    else:
        points = list(pc.points)
    return oe.Piece(points, pc.text, pc.score)


def _skew(pieces: list[oe.Piece]) -> float:
    """Median angle (degrees) of the long edges of the longer pieces; 0 when unclear."""
    angles = []
    for pc in pieces:
        if len(pc.text) < 4 or len(pc.points) < 3:
            continue
        (ax, ay), (bx, by), (cx, cy) = pc.points[:3]
        edges = [(bx - ax, by - ay), (cx - bx, cy - by)]
        dx, dy = max(edges, key=lambda e: math.hypot(*e))
        if dx < 0:
            dx, dy = -dx, -dy
        angle = math.degrees(math.atan2(dy, dx))
        if abs(angle) < 30:
            angles.append(angle)
    return median(angles) if angles else 0.0


def _lines(pieces: list[oe.Piece], skew: float) -> list[OcrLine]:
    """Group pieces into lines along the measured skew, left to right, top to bottom."""
    a = math.radians(skew)
    placed = []
    for pc in pieces:
        if not normalize_text(pc.text):
            continue
        cx = sum(p[0] for p in pc.points) / len(pc.points)
        cy = sum(p[1] for p in pc.points) / len(pc.points)
        along = cx * math.cos(a) + cy * math.sin(a)
        across = -cx * math.sin(a) + cy * math.cos(a)
        x0, y0, x1, y1 = _extent(pc.points)
        height = max(1.0, (y1 - y0) - abs(math.tan(a)) * (x1 - x0))
        placed.append((across, along, height, pc))
    placed.sort(key=lambda t: t[0])
    overlap = oe.ocr_settings().line_overlap
    groups: list[list[tuple[float, float, float, oe.Piece]]] = []
    for item in placed:
        if groups:
            last = groups[-1]
            centre = sum(t[0] for t in last) / len(last)
            h = min(item[2], min(t[2] for t in last))
            if abs(item[0] - centre) <= (1 - overlap) * h + abs(item[2] - last[0][2]) / 2:
                last.append(item)
                continue
        groups.append([item])
    lines = []
    for group in groups:
        group.sort(key=lambda t: t[1])
        boxes = [_extent(t[3].points) for t in group]
        lines.append(
            OcrLine(
                text=normalize_text(" ".join(t[3].text for t in group)),
                bbox=[
                    round(min(b[0] for b in boxes)),
                    round(min(b[1] for b in boxes)),
                    round(max(b[2] for b in boxes)),
                    round(max(b[3] for b in boxes)),
                ],
                confidence=round(min(t[3].score for t in group), 3),
                pieces=[
                    OcrPiece(text=normalize_text(t[3].text), bbox=[round(v) for v in box])
                    for t, box in zip(group, boxes, strict=True)
                ]
                if len(group) > 1
                else [],
            )
        )
    return lines
