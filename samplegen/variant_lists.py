"""List files for the accuracy harness's varied applications: title rows, two-level
headers with synonym wording, scores instead of satisfaction words, blank and subtotal
rows, and a staff list as a .docx table."""

from __future__ import annotations

import io

from openpyxl import Workbook

from samplegen.det import repack
from samplegen.docx_util import centered, new_document, table, to_bytes
from samplegen.model import Facts


def _xlsx(title_rows: list[str], header: list[list[str]], rows: list[list], subtotal: str | None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for text in title_rows:
        ws.append([text])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(header[-1]))
    for line in header:
        ws.append(line)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
        if i % 7 == 0:
            ws.append([])  # blank separator rows, as people leave them
    if subtotal:
        ws.append(["", subtotal, f"共{len(rows)}项"])
    buf = io.BytesIO()
    wb.save(buf)
    return repack(buf.getvalue())


SCORES = {"非常满意": "96分", "满意": "88分", "基本满意": "72分", "不满意": "55分"}


def build_client_xlsx(f: Facts) -> bytes:
    """Two title rows, a two-level header with synonyms, scores for satisfaction, blank and 合计 rows."""
    header = [
        ["序号", "服务对象信息", "", "", "服务评价"],
        ["序号", "单位名称", "社会信用代码", "服务项目", "评价结果"],
    ]
    rows = [[r[0], r[1], r[2], SCORES.get(r[4], r[4])] for r in f.clients]
    return _xlsx(["服务中小企业名单", f"填报单位：{f.unit_name}（盖章）"], header, rows, "合计")


def build_staff_docx(f: Facts) -> bytes:
    doc = new_document("人员名单", f.unit_name)
    centered(doc, "管理人员和专业技术人员名单", 14, bold=True)
    rows = [["序号", "人员姓名", "公民身份号码", "最高学历", "专业技术职称", "岗位"]]
    rows += [[str(i), p.name, p.id_number, p.education, p.title, p.post] for i, p in enumerate(f.staff, start=1)]
    table(doc, rows)
    doc.add_paragraph(f"合计：{len(f.staff)}人")
    return to_bytes(doc)


def build_equipment_xlsx(f: Facts) -> bytes:
    header = [["序号", "设施设备名称", "型号", "台(套)数", "购置时间", "用途"]]
    return _xlsx(["主要仪器设备及软件清单"], header, [list(r) for r in f.equipment], "小计")
