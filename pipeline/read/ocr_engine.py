"""The OCR engine: rapidocr 3.x on onnxruntime, models from inside the wheel.

The engine is a module-level lazy singleton, so each worker process loads the models
once (about 0.7 s) and every page after that reuses them. `available()` says whether
the engine can be imported at all; `reason()` explains in Chinese when it cannot.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import threading
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml

log = logging.getLogger(__name__)

UNAVAILABLE = (
    "图片或扫描页需要文字识别（OCR），但本机未安装 OCR 引擎（rapidocr、onnxruntime），"
    "内容未自动核验；请按 README 执行 scripts/install.sh 安装后重新运行"
)


class OcrSettings(Model):
    version: int
    pdf_dpi: int
    min_long_side: int
    max_upscale: float
    max_long_side: int
    seal_red_share: float
    min_text_score: float
    value_min_confidence: float
    line_overlap: float
    max_ocr_pages: int
    ocr_seconds_per_file: float
    cache_env: str


@cache
def ocr_settings() -> OcrSettings:
    return OcrSettings.model_validate(load_yaml(DATA_DIR / "ocr.yaml"))


@dataclass(frozen=True)
class Piece:
    """One text piece as the engine found it: four corner points, text, score."""

    points: list[tuple[float, float]]
    text: str
    score: float


@cache
def available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


def reason() -> str:
    return UNAVAILABLE


@cache
def signature() -> str:
    """Names the engine and its version; part of the cache key and of every OCR provenance."""
    try:
        version = importlib.metadata.version("rapidocr")
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return f"rapidocr-{version}/PP-OCRv6"


_engine = None
_lock = threading.Lock()


def engine():
    """The process's engine, loaded on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from rapidocr import RapidOCR  # heavy import: only when a scan is met

                loaded = RapidOCR(
                    params={"Global.log_level": "error", "Global.text_score": ocr_settings().min_text_score}
                )
                # "no text detected" is a normal answer for a photo, not a warning for the secretariat
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
                _engine = loaded
    return _engine


def recognise(image: np.ndarray) -> list[Piece]:
    """Detect, classify and recognise text in a BGR image. Every flag is passed on each call:
    rapidocr keeps call flags as instance state."""
    out = engine()(image, use_det=True, use_cls=True, use_rec=True)
    if out is None or getattr(out, "boxes", None) is None or not out.txts:
        return []
    return [
        Piece([(float(x), float(y)) for x, y in box], str(text), float(score))
        for box, text, score in zip(out.boxes, out.txts, out.scores, strict=True)
    ]


def upside_down_votes(crops: list[np.ndarray]) -> tuple[int, int]:
    """How many of the crops (text lines, horizontal) the direction classifier reads as
    turned 180° versus upright."""
    flipped = upright = 0
    for crop in crops:
        if crop.size == 0 or min(crop.shape[:2]) < 4:
            continue
        res = engine()(crop, use_det=False, use_cls=True, use_rec=False)
        for label, _score in getattr(res, "cls_res", None) or []:
            if str(label) == "180":
                flipped += 1
            else:
                upright += 1
    return flipped, upright
