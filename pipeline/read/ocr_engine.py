"""The OCR engine: rapidocr 3.x on onnxruntime, models from inside the wheel.

The engine is a module-level lazy singleton, so each worker process loads the models
once (about 0.7 s) and every page after that reuses them. `available()` says whether
the engine can be imported at all; `reason()` explains in Chinese when it cannot.

onnxruntime uses every core by default. Worker processes that run side by side share the
cores (`share_cores`), each with its part of them: two workers with two threads each on two
cores spend their time spinning and swapping instead of recognising (about 1.5x the CPU per page).
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import threading
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ..models.common import Model
from ..reference import DATA_DIR, load_yaml
from .errors import OCR_UNAVAILABLE
from .tools import ocr_installed

if TYPE_CHECKING:  # numpy arrays come in from the caller; importing numpy costs a worker ~0.1 s
    import numpy as np

log = logging.getLogger(__name__)


InputKind = Literal["image", "pdf_page"]  # an image file as decoded, or a PDF page rendered at pdf_dpi


class Detection(Model):
    """How large the text detector sees its input: "max" reduces the long side to side_len,
    "min" enlarges a short side below side_len (and leaves larger inputs as they are)."""

    limit_type: Literal["min", "max"]
    side_len: int = Field(gt=0)


class PhotoProbe(Detection):
    """An image is first searched for text at this (smaller) size; with fewer than `max_boxes`
    text boxes it is a photo with little text and only those boxes are recognised; otherwise
    text is searched again at the full detection size."""

    max_boxes: int = Field(ge=0)


class OcrSettings(Model):
    version: int
    pdf_dpi: int
    min_long_side: int
    max_upscale: float
    max_long_side: int
    seal_red_share: float
    seal_red_min: int = Field(ge=0, le=254)
    seal_red_margin: int = Field(ge=0)
    direction_vote_lines: int = Field(gt=0)
    min_text_score: float
    value_min_confidence: float
    line_overlap: float
    max_ocr_pages: int
    engine_threads: int
    detection: dict[InputKind, Detection]
    photo_probe: PhotoProbe | None = None  # None: every image is read at the full detection size
    engine_mem_arena: bool
    keep_freed_memory: bool
    engine_guard_seconds: float = Field(gt=0)
    cache_env: str

    @model_validator(mode="after")
    def _margin_within_min(self) -> OcrSettings:
        if self.seal_red_margin > self.seal_red_min:
            raise ValueError("seal_red_margin must not exceed seal_red_min (the uint8 difference would wrap)")
        return self


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
    return ocr_installed()


def reason() -> str:
    return OCR_UNAVAILABLE


@cache
def signature() -> str:
    """Names the engine and its version; part of the cache key and of every OCR provenance."""
    try:
        version = importlib.metadata.version("rapidocr")
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return f"rapidocr-{version}/PP-OCRv6"


def reading_settings(kind: InputKind) -> str:
    """The engine settings that change what it reads from this kind of input (part of the
    OCR cache key); memory and thread settings only change how fast."""
    cfg = ocr_settings()
    det, probe = cfg.detection[kind], cfg.photo_probe if kind == "image" else None
    read_as = f"det={det.limit_type}:{det.side_len};turn=page"  # crops turned by the page's verdict
    return read_as + (f";probe={probe.limit_type}:{probe.side_len}:{probe.max_boxes}" if probe else "")


_engine = None
_lock = threading.Lock()
_workers = 1


def share_cores(workers: int) -> None:
    """This process is one of `workers` processes OCR'ing side by side (a worker of a batch run):
    its engine then gets only its share of the cores. Call before the engine loads."""
    global _workers
    _workers = max(1, workers)


def threads() -> int | None:
    """onnxruntime threads for this process's engine; None: onnxruntime's default (every core)."""
    configured = ocr_settings().engine_threads
    if configured > 0:
        return configured
    if _workers <= 1:
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores // _workers)


def engine_params() -> dict[str, object]:
    """rapidocr's settings for this process's engine, from ocr.yaml (each setting says there
    which measurement chose it)."""
    cfg = ocr_settings()
    params: dict[str, object] = {
        "Global.log_level": "error",
        "Global.text_score": cfg.min_text_score,
        "EngineConfig.onnxruntime.enable_cpu_mem_arena": cfg.engine_mem_arena,
    }
    if (count := threads()) is not None:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = count
    return params


def _keep_freed_memory() -> None:
    """Let glibc keep the large buffers an engine call frees for the next call instead of
    unmapping them (each call would fault them in again: the system time of issue 17), without
    the onnxruntime arena's extra reservation. Not on other C libraries: nothing happens there."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's mallopt parameter numbers
        libc.mallopt(m_mmap_threshold, 512 * 2**20)  # blocks up to 512 MiB come from the heap ...
        libc.mallopt(m_trim_threshold, 1024 * 2**20)  # ... and stay there when freed
    except (OSError, AttributeError):
        log.debug("mallopt not available; freed engine buffers go back to the system")


def engine():
    """The process's engine, loaded on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from rapidocr import RapidOCR  # heavy import: only when a scan is met

                if ocr_settings().keep_freed_memory:
                    _keep_freed_memory()

                loaded = RapidOCR(params=engine_params())
                # "no text detected" is a normal answer for a photo, not a warning for the secretariat
                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
                _engine = loaded
    return _engine


def _pieces(out) -> list[Piece]:
    if out is None or getattr(out, "boxes", None) is None or not out.txts:
        return []
    return [
        Piece([(float(x), float(y)) for x, y in box], str(text), float(score))
        for box, text, score in zip(out.boxes, out.txts, out.scores, strict=True)
    ]


def recognise(image: np.ndarray) -> list[Piece]:
    """Detect, classify and recognise text in a BGR image: the engine's plain call. Every flag
    is passed on each call: rapidocr keeps call flags as instance state."""
    return _pieces(engine()(image, use_det=True, use_cls=True, use_rec=True))


@dataclass(frozen=True)
class Votes:
    """The direction classifier's verdicts on the longest lines of a page: turned 180° or not."""

    flipped: int = 0
    upright: int = 0


def read_page(image: np.ndarray, vote_lines: int, kind: InputKind) -> tuple[list[Piece], Votes]:
    """Detect, classify and recognise text in a BGR image, and say how the direction classifier
    saw the page: its verdicts on the `vote_lines` widest text crops (tall crops are turned 90°
    counter-clockwise by the engine first).

    The page decides the direction of every crop: all are recognised turned 180° when most of
    the widest are upside down, none otherwise. rapidocr turns each crop by its own verdict, and
    on a short crop that verdict is unreliable: an upright "90%" read turned as "%06".

    An image is first searched for text at the photo probe's smaller size (ocr.yaml): with
    fewer than `max_boxes` text boxes it is a photo with little text (a banner, a caption) and
    those boxes are recognised; otherwise text is searched again at the full size."""
    cfg = ocr_settings()
    eng = engine()
    original = eng.load_img(image)
    img, record = eng.preprocess_img(original)
    probe = cfg.photo_probe if kind == "image" else None
    if probe is not None:
        _detect_at(eng, probe)
        probed = dict(record)  # the detection step notes its padding in the record
        det, crops = _detect(eng, img, probed)
        if det.boxes is None or len(det.boxes) < probe.max_boxes:
            return _recognised(eng, original, det, crops, probed, vote_lines)
    _detect_at(eng, cfg.detection[kind])
    det, crops = _detect(eng, img, record)
    return _recognised(eng, original, det, crops, record, vote_lines)


def _detect(eng, img, record: dict):
    eng.update_params(use_det=True, use_cls=False, use_rec=False)  # rapidocr keeps call flags as instance state
    try:
        det, _, _, crops = eng.run_ocr_steps(img, record)
    finally:
        eng.update_params(use_det=True, use_cls=True, use_rec=True)
    return det, crops


def _detect_at(eng, det: Detection) -> None:
    # rapidocr builds the detector's resize step on every call from these two attributes
    detector = eng._load_det_model()
    detector.limit_type, detector.limit_side_len = det.limit_type, det.side_len


def _recognised(eng, original, det, crops: list, record: dict, vote_lines: int) -> tuple[list[Piece], Votes]:
    from rapidocr.ch_ppocr_cls import TextClsOutput

    if det.boxes is None or not crops:
        return [], Votes()
    verdicts = eng._load_cls_model()(crops).cls_res  # (label, score) per crop; its turned copies unused
    votes = _votes(crops, verdicts, vote_lines)
    turned = [_rotate_180(c) for c in crops] if votes.flipped > votes.upright else crops
    rec = eng.recognize_txt(turned)
    out = eng.build_final_output(original, det, TextClsOutput(cls_res=verdicts), rec, crops, record)
    return _pieces(out), votes


def _votes(crops: list, verdicts: list, vote_lines: int) -> Votes:
    """The classifier's verdicts on the widest crops (two characters wide at least)."""
    widths = [(c.shape[1] / max(c.shape[0], 1), n) for n, c in enumerate(crops)]
    widest = [n for ratio, n in sorted(widths, reverse=True) if ratio >= 2][:vote_lines]
    flipped = sum("180" in str(verdicts[n][0]) for n in widest)
    return Votes(flipped, len(widest) - flipped)


def _rotate_180(crop):
    import cv2

    return cv2.rotate(crop, cv2.ROTATE_180)
