"""Resource lists (.xlsx): staff list, client list with satisfaction, equipment list."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from samplegen.det import repack
from samplegen.model import Facts

FIXED_DT = datetime(2026, 4, 20, 9, 0, 0)
STAFF_TITLE = "主要管理人员和专业技术人员名单"
STAFF_HEADER = ["序号", "姓名", "性别", "身份证号", "学历", "职称", "岗位"]
CLIENT_TITLE = "签订服务协议的中小企业名单及服务满意度评价"
CLIENT_HEADER = ["序号", "企业名称", "统一社会信用代码", "服务内容", "服务协议编号", "满意度评价"]
EQUIP_TITLE = "主要服务设施、软件及仪器设备清单"
EQUIP_HEADER = ["序号", "设备名称", "规格型号", "数量（台/套）", "购置时间", "用途"]


def _sheet_bytes(sheet_title: str, title: str, header: list[str], rows: list[list], unit: str) -> bytes:
    wb = Workbook()
    wb.properties.creator = unit
    wb.properties.created = wb.properties.modified = FIXED_DT
    ws = wb.active
    ws.title = sheet_title
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"填报单位：{unit}"])
    ws.append(header)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    for col, width in zip("ABCDEFG", [6, 34, 22, 20, 16, 14, 14], strict=False):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return repack(buf.getvalue())


def build_staff_list(f: Facts) -> bytes:
    rows = [[p.name, "女" if p.female else "男", p.id_number, p.education, p.title, p.post] for p in f.staff]
    return _sheet_bytes("人员名单", STAFF_TITLE, STAFF_HEADER, rows, f.unit_name)


def build_client_list(f: Facts) -> bytes:
    return _sheet_bytes("服务企业名单", CLIENT_TITLE, CLIENT_HEADER, [list(r) for r in f.clients], f.unit_name)


def build_equipment_list(f: Facts) -> bytes:
    return _sheet_bytes("设备清单", EQUIP_TITLE, EQUIP_HEADER, [list(r) for r in f.equipment], f.unit_name)
