"""Where things sit in an expert's workbook: written by workbook.py, read by readback.py."""

from __future__ import annotations

import hashlib
import json

from ..render.common.config import Scoring

FORMAT = "nx-prescreen-scores/1"
META_SHEET = "_meta"
INTRO_SHEET = "说明"
FIRST_ROW = 8  # first criterion row
SCORE_COL = 7  # G: 得分
WEIGHT_COL = 6  # F: 权重
ITEM_COL = 3  # C: 评审项目
HEADERS = ("序号", "条款", "评审项目", "评审要点", "满分", "权重", "得分", "评分说明")


def sheet_name(n: int) -> str:
    return f"申报{n:02d}"


def total_row(scoring: Scoring) -> int:
    return FIRST_ROW + len(scoring.criteria)


def declaration_row(scoring: Scoring) -> int:
    """The row of the conflict-of-interest answer (column B); its text is the row above."""
    return total_row(scoring) + 3


def criteria_digest(scoring: Scoring) -> str:
    items = [(c.item, c.max_score, c.weight) for c in scoring.criteria]
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()[:16]


def safe_file_part(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip() or "专家"
