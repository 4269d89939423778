"""The optional tools this machine has. What a file reads as depends on them (an image
without an OCR engine, a .doc without LibreOffice), so they are part of every cache key."""

from __future__ import annotations

import importlib.util
import shutil
from functools import cache


def ocr_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def tools_signature() -> str:
    return f"ocr={int(ocr_installed())};office={int(soffice_path() is not None)}"
