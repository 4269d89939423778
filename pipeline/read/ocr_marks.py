"""Check boxes read from the page image, where OCR lost them or their tick.

On a scanned 附件2 form rapidocr often drops a small printed box (☑ becomes nothing, so the
line reads "□信息服务 技术服务 □培训服务") or leaves an empty table cell where a box stood.
The image still shows it: a small square whose four sides are straight strokes. Its inside
tells the mark: empty, ticked/crossed/filled, or (in between) unclear — thresholds in
data/ocr_marks.yaml. A box OCR left out is added as a one-character piece at its place
(☑ / □ / ▨ for unclear) so the line reads as a text layer would. Only on a check-box form
(see restore_marks); a box symbol OCR did read is kept, letters and CJK characters are never
replaced (a 回 may be a word), and a square far from any text on its line is ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from statistics import median

import cv2
import numpy as np

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml
from . import ocr_engine as oe


class MarkSettings(Model):
    version: int
    box_min_side: float
    box_max_side: float
    squareness: float
    side_cover: float
    frame_kernel: float
    inset: float
    empty_max_fill: float
    checked_min_fill: float
    max_gap: float
    checked: str
    unchecked: str
    unclear: str
    box_symbols: list[str]
    frame_chars: str
    narrow_chars: str
    joined_ratio: float


@cache
def mark_settings() -> MarkSettings:
    return MarkSettings.model_validate(load_yaml(DATA_DIR / "ocr_marks.yaml"))


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int
    fill: float  # share of ink inside the border

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


def verdict(fill: float) -> str:
    """The mark a box's inside ink share stands for: checked, unchecked or unclear."""
    s = mark_settings()
    if fill <= s.empty_max_fill:
        return s.unchecked
    if fill >= s.checked_min_fill:
        return s.checked
    return s.unclear


def find_boxes(image: np.ndarray, line_height: float) -> list[Box]:
    """Small squares with four straight sides, sized like a box printed beside text."""
    s = mark_settings()
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    k = max(3, round(s.frame_kernel * line_height))
    frame = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, k), np.uint8)) | cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8)
    )
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    low, high = s.box_min_side * line_height, s.box_max_side * line_height
    boxes = []
    for x, y, w, h, _area in stats[1:count]:
        if not (low <= w <= 1.5 * high and low <= h <= 1.5 * high):
            continue
        x, y, w, h = _trimmed(frame[y : y + h, x : x + w] > 0, x, y)
        box = _box(frame, ink, x, y, w, h, low, high, s)
        if box is None and w > s.joined_ratio * h:  # a filled box joined to the character after it ("■信")
            box = _box(frame, ink, x, y, h, h, low, high, s)
        if box is not None:
            boxes.append(box)
    return boxes


def _box(frame: np.ndarray, ink: np.ndarray, x: int, y: int, w: int, h: int, low: float, high: float,
         s: MarkSettings) -> Box | None:
    """The square at (x, y, w, h) as a printed box, with its inside's ink share; None if it is none."""
    if not (low <= w <= high and low <= h <= high) or min(w, h) / max(w, h) < s.squareness:
        return None
    side = frame[y : y + h, x : x + w] > 0
    band = max(1, round(0.2 * min(w, h)))
    covers = (side[:band].any(axis=0).mean(), side[-band:].any(axis=0).mean(),
              side[:, :band].any(axis=1).mean(), side[:, -band:].any(axis=1).mean())
    if min(covers) < s.side_cover:
        return None
    dx, dy = max(1, round(s.inset * w)), max(1, round(s.inset * h))
    inside = ink[y + dy : y + h - dy, x + dx : x + w - dx]
    if inside.size == 0:
        return None
    return Box(int(x), int(y), int(x + w), int(y + h), round(float((inside > 0).mean()), 3))


def _trimmed(part: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    """The component's box without the thin rows and columns a pen tick adds when it runs past
    the printed square (a side of the square fills its row or column; the tick's end does not)."""
    rows, cols = part.mean(axis=1), part.mean(axis=0)
    top, bottom = 0, len(rows)
    while top < bottom - 1 and rows[top] < 0.3:
        top += 1
    while bottom > top + 1 and rows[bottom - 1] < 0.3:
        bottom -= 1
    left, right = 0, len(cols)
    while left < right - 1 and cols[left] < 0.3:
        left += 1
    while right > left + 1 and cols[right - 1] < 0.3:
        right -= 1
    return x + left, y + top, right - left, bottom - top


def _extent(piece: oe.Piece) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in piece.points], [p[1] for p in piece.points]
    return min(xs), min(ys), max(xs), max(ys)


def restore_marks(image: np.ndarray, pieces: list[oe.Piece]) -> list[oe.Piece]:
    """The pieces with the page's boxes written in, only where the page shows a check-box form:
    on a line whose OCR text already holds box symbols (two or more), or — for a box outside all
    text, such as a 是否申报 column — in a column of three or more boxes. A box inside no piece
    becomes a piece of its own (☑ / □ / ▨); a box inside a piece whose text left it out is
    written in at its place. Elsewhere nothing changes: on small print, characters blur into
    solid squares, and a QR code's corners are boxes too."""
    texty = [_extent(pc) for pc in pieces if len(pc.text.strip()) >= 2]
    if not texty:
        return pieces
    line_height = median(y1 - y0 for _, y0, _, y1 in texty)
    if line_height < 8:
        return pieces
    s = mark_settings()
    advance = _advance(pieces)
    boxes = find_boxes(image, line_height)
    out = list(pieces)
    inside: dict[int, list[Box]] = {}
    added: list[oe.Piece] = []
    for box in boxes:
        cx, cy = box.centre
        mark = verdict(box.fill)
        boxed_line = _symbols_on_line(pieces, cy, s) >= 2
        host = next((n for n, pc in enumerate(out) if _inside(cx, cy, _extent(pc))), None)
        if host is not None:
            if not boxed_line or _near(out[host], cx, s.box_symbols) is not None:
                continue  # no check-box line, or OCR read this box: its symbol stands
            fixed = _space_filled(out[host], cx, mark)
            if fixed is out[host]:
                fixed = _leading(out[host], box, mark, advance, s)
            if fixed is out[host]:
                inside.setdefault(host, []).append(box)
            out[host] = fixed
        elif (boxed_line or _in_column(box, boxes)) and _beside_text(box, texty, line_height * s.max_gap):
            points = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)]
            added.append(oe.Piece([(float(x), float(y)) for x, y in points], mark, 1.0))
    for host, found in inside.items():
        out[host] = _written_in(out[host], sorted(found, key=lambda b: b.x0), advance, s)
    return out + added


def _symbols_on_line(pieces: list[oe.Piece], y: float, s: MarkSettings) -> int:
    """How many box symbols OCR read on the text line through height `y`."""
    return sum(ch in s.box_symbols for pc in pieces if _extent(pc)[1] <= y <= _extent(pc)[3] for ch in pc.text)


def _in_column(box: Box, boxes: list[Box]) -> bool:
    """Three or more boxes one above another (a mark column), not a QR code's two corners."""
    side = box.x1 - box.x0
    cx = box.centre[0]
    rows = {round(b.centre[1] / max(1, side)) for b in boxes if abs(b.centre[0] - cx) <= 0.3 * side}
    return len(rows) >= 3


def _advance(pieces: list[oe.Piece]) -> float | None:
    """The page's width of one body-text character, from pieces of six or more wide characters
    (CJK and full-width punctuation: one advance each)."""
    widths = [(x1 - x0) / len(pc.text) for pc in pieces if len(pc.text) >= 6 and all(_wide(ch) for ch in pc.text)
              for x0, _, x1, _ in [_extent(pc)]]
    return median(widths) if widths else None


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _written_in(piece: oe.Piece, boxes: list[Box], advance: float | None, s: MarkSettings) -> oe.Piece:
    """The piece with boxes its text left out written in (OCR read "创业服务培训服务" across two
    boxes). Only when both readings of the piece's width agree: its characters plus the boxes
    fit the page's character width better than its characters alone, and no character where a
    box stands is one that looks like a box (国, 回, 日: then the "box" is that character).
    Narrow punctuation ("申报功能:信息服务") counts half a character."""
    text = piece.text
    if advance is None or len(text) < 3 or not all(_wide(ch) or ch in s.box_symbols or ch in s.narrow_chars
                                                   for ch in text):
        return piece
    units = [0.5 if ch in s.narrow_chars and not _wide(ch) else 1.0 for ch in text]
    total = sum(units)  # the text's width in characters
    x0, _, x1, _ = _extent(piece)
    width = x1 - x0
    boxed = sum(b.x1 - b.x0 for b in boxes)
    with_boxes, without = (width - boxed) / total, width / total
    room = width - total * advance  # what the characters leave unexplained at the page's width
    if not (abs(with_boxes - advance) < abs(without - advance) and room >= 0.5 * boxed):
        return piece
    if any(_frame_char_at(text, (b.centre[0] - x0) / width * total, s) for b in boxes):
        return piece
    step = (width - boxed) / total
    chars, passed = list(text), 0.0
    for inserted, box in enumerate(boxes):
        # floor: a form leaves a gap before each box, so the characters before it are fewer than the width says
        index = _chars_within(units, (box.x0 - x0 - passed) / step)
        chars.insert(index + inserted, verdict(box.fill))
        passed += box.x1 - box.x0
    return oe.Piece(piece.points, "".join(chars), piece.score)


def _chars_within(units: list[float], room: float) -> int:
    """How many characters (of these widths) fit whole into `room` character widths."""
    used = count = 0
    for unit in units:
        if used + unit > room + 1e-9:
            break
        used, count = used + unit, count + 1
    return count


def _frame_char_at(text: str, at: float, s: MarkSettings) -> bool:
    return any(text[i] in s.frame_chars for i in range(len(text)) if abs(i + 0.5 - at) <= 1.5)


def _near(piece: oe.Piece, cx: float, chars: list[str] | str) -> int | None:
    """The index of the character of `chars` nearest the box's place (within 1.5 characters)."""
    x0, _, x1, _ = _extent(piece)
    at = (cx - x0) / max(1.0, x1 - x0) * len(piece.text)
    spots = sorted((abs(i + 0.5 - at), i) for i, ch in enumerate(piece.text) if ch in chars)
    return spots[0][1] if spots and spots[0][0] <= 1.5 else None


def _leading(piece: oe.Piece, box: Box, mark: str, advance: float | None, s: MarkSettings) -> oe.Piece:
    """A box at the very start of a piece whose text does not begin with one: the piece's first
    box, which recognition dropped ("■信息服务□技术服务…" read "信息服务□技术服务…")."""
    x0 = _extent(piece)[0]
    if advance is None or not piece.text or piece.text[0] in s.box_symbols or box.x0 - x0 > 0.5 * advance:
        return piece
    return oe.Piece(piece.points, mark + piece.text, piece.score)


def _space_filled(piece: oe.Piece, cx: float, mark: str) -> oe.Piece:
    """A space where the box stands is the box OCR could not read ("□创业服务 培训服务")."""
    i = _near(piece, cx, " ")
    if i is None:
        return piece
    return oe.Piece(piece.points, piece.text[:i] + " " + mark + piece.text[i + 1 :], piece.score)


def _inside(x: float, y: float, extent: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = extent
    return x0 <= x <= x1 and y0 <= y <= y1


def _beside_text(box: Box, texty: list[tuple[float, float, float, float]], reach: float) -> bool:
    cx, cy = box.centre
    return any(y0 <= cy <= y1 and min(abs(cx - x0), abs(cx - x1)) <= reach for x0, y0, x1, y1 in texty)
