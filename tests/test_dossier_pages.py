"""The printed dossier is short and its lists read whole: read from the PDFs LibreOffice makes.

- the sample batch's dossiers run to a median of at most 8 pages (issue 18's target);
- in a wide list (staff and clients with ID, phone and credit-code columns), no person's or
  company's name, masked ID number, phone number or credit code is broken across two lines.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.cli import main
from pipeline.models import ListPart, ListTable
from pipeline.render import dossier_context, render_application
from pipeline.render.common.pdf import convert_to_pdf, pdf_available
from tests.test_render_samples import passed_result

pytestmark = pytest.mark.skipif(not pdf_available(), reason="LibreOffice（soffice）未安装，无法生成 PDF 计页")

ROOT = Path(__file__).resolve().parents[1]
DOSSIER_PAGES_MEDIAN_MAX = 8


def _lines(pdf_path: Path) -> list[str]:
    """The PDF's text line by line, as pdfium lays it out (one table row's cells share a line)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return [line.replace(" ", "") for line in text.replace("\r", "\n").split("\n")]


def test_the_median_sample_dossier_is_at_most_eight_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", str(ROOT / "sample_submissions"), "--out", str(out), "--as-of", "2026-04-30", "--pdf"]) == 0
    pages = {}
    for pdf_path in sorted(out.glob("applicants/*/dossier.pdf")):
        pdf = pdfium.PdfDocument(str(pdf_path))
        pages[pdf_path.parent.name] = len(pdf)
        pdf.close()
    assert len(pages) == len([p for p in (ROOT / "sample_submissions").iterdir() if not p.name.startswith(".")])
    assert statistics.median(pages.values()) <= DOSSIER_PAGES_MEDIAN_MAX, pages


STAFF_COLUMNS = ["序号", "姓名", "性别", "出生年月", "身份证号", "手机号码", "学历", "毕业院校", "专业", "职称", "岗位"]
STAFF = [
    [str(n), name, sex, f"198{n % 10}-0{n % 9 + 1}", f"64010{n % 6}********{1200 + 37 * n}", f"13{n}****{5600 + n}",
     "硕士研究生", "宁夏大学经济管理学院", "工商管理", "高级经济师", "平台运营部负责人"]
    for n, (name, sex) in enumerate(
        [("欧阳明辉", "男"), ("马晓燕", "女"), ("司马文博", "男"), ("纳兰雪", "女"), ("赵宏伟", "男"),
         ("丁玉兰", "女"), ("上官婉清", "女"), ("李春林", "男"), ("马学军", "男"), ("慕容海涛", "男")], start=1)
]  # fmt: skip
CLIENT_COLUMNS = ["序号", "企业名称", "统一社会信用代码", "联系人", "联系电话", "服务内容", "服务协议编号", "服务时间", "满意度评价"]
CLIENTS = [
    [str(n), name, code, person, phone, "知识产权代理与政策申报辅导", f"FW-2025-{n:03d}", "2025年3月", "非常满意"]
    for n, (name, code, person, phone) in enumerate(
        [("宁夏石嘴山市惠农区鑫源工贸有限公司", "91640205MA76X8QW3K", "王建国", "0952-301****"),
         ("青铜峡市宏达建材有限责任公司", "91640381MW7K2LPQ9X", "欧阳明", "0953-302****"),
         ("银川经济技术开发区智联信息科技有限公司", "91640100MABWM3T8QY", "李强", "0951-503****"),
         ("中卫市沙坡头区金沙农产品加工厂", "92640502MA77HWKQ1R", "马燕", "137****2266"),
         ("固原市原州区六盘山电子商务有限公司", "91640402MW9QMM5T7L", "纳兰", "0954-204****")], start=1)
]  # fmt: skip


def wide_lists_result():
    """A passed application whose staff and client lists are as wide as real ones get."""
    result = passed_result()
    result.lists = [
        ListTable(part=ListPart.staff_list, file="人员名单.xlsx", columns=STAFF_COLUMNS, rows=STAFF),
        ListTable(part=ListPart.client_list, file="服务企业名单.xlsx", columns=CLIENT_COLUMNS, rows=CLIENTS),
    ]
    return result


def _tokens(context: dict) -> list[str]:
    """Names (people and companies), masked ID numbers, phone numbers and credit codes, as printed."""
    wanted = {"姓名", "身份证号", "手机号码", "企业名称", "统一社会信用代码", "联系人", "联系电话"}
    tokens = []
    for table in context["lists"]:
        columns = [i for i, name in enumerate(table["columns"]) if name in wanted]
        tokens += [row[i] for row in table["rows"] for i in columns]
    return tokens


def test_no_name_id_phone_or_code_breaks_inside_a_list_cell(tmp_path: Path) -> None:
    result = wide_lists_result()
    app = tmp_path / "applicants" / "wide"
    render_application(result, app)
    assert convert_to_pdf([app / "dossier.docx"]) == []
    lines = _lines(app / "dossier.pdf")
    tokens = _tokens(dossier_context(result))
    assert len(tokens) == 10 * 3 + 5 * 4, tokens
    broken = [t for t in tokens if not any(t in line for line in lines)]
    assert not broken, f"这些内容在名单表格中被拆成两行：{broken}"
