"""The expert list (专家名单.xlsx): name, organisation and the applications each one reviews."""

from __future__ import annotations

import re
from pathlib import Path

from .models import Expert
from .sheets import ScoringError, header_rows

NAME_HEADERS = ("姓名", "专家姓名")
ORG_HEADERS = ("工作单位", "单位")
ASSIGNED_HEADERS = ("评审申报", "分配的申报", "评审的申报编号")
SEPARATORS = re.compile(r"[、,，;；\n]+")


def read_experts(path: Path) -> list[Expert]:
    """One expert per row under the header row; an empty 评审申报 cell means every scored application.

    Only names, organisations and assignments are read: phone numbers or ID numbers on the
    list stay in the secretariat's file."""
    header, rows = header_rows(path, NAME_HEADERS, "专家名单")
    name_col = _col(header, NAME_HEADERS)
    org_col = _col(header, ORG_HEADERS)
    assigned_col = _col(header, ASSIGNED_HEADERS)
    experts: list[Expert] = []
    seen: set[str] = set()
    for row in rows:
        name = _cell(row, name_col)
        if not name:
            continue
        if name in seen:
            raise ScoringError(f"专家名单 {path.name} 中“{name}”出现了两次，请区分同名专家（如加工作单位）")
        seen.add(name)
        assigned = [a.strip() for a in SEPARATORS.split(_cell(row, assigned_col)) if a.strip()]
        experts.append(Expert(name=name, organisation=_cell(row, org_col), assigned=assigned))
    if not experts:
        raise ScoringError(f"专家名单 {path.name} 中没有专家")
    return experts


def _col(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((header.index(h) for h in names if h in header), None)


def _cell(row: list[str], col: int | None) -> str:
    return row[col] if col is not None and col < len(row) else ""
