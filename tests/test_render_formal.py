"""The 补正材料通知 looks like an official document (GB/T 9704) in Word and WPS."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pipeline.models import Inconsistency
from pipeline.render import render_application
from pipeline.render.notice.checklist import checklist_context, deadline_text
from tests.test_render_samples import AS_OF, incomplete_result, passed_result


def east_asia_font(style) -> str | None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> docx.document.Document:
    folder = tmp_path_factory.mktemp("formal")
    render_application(incomplete_result(), folder)
    return docx.Document(str(folder / "checklist.docx"))


def test_page_and_fonts(notice) -> None:
    section = notice.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert abs(section.top_margin - Mm(37)) < Mm(1) and abs(section.left_margin - Mm(28)) < Mm(1)
    styles = notice.styles
    assert east_asia_font(styles["Normal"]) == "仿宋" and styles["Normal"].font.size == Pt(16)
    assert east_asia_font(styles["Heading 1"]) == "黑体"
    assert east_asia_font(styles["Heading 2"]) == "楷体"
    assert east_asia_font(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)
    assert not styles["Title"].font.bold  # 小标宋 is a heavy face of its own
    for name in ("Normal", "Title", "Heading 1"):  # a theme font would override the named one in Word
        rfonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsiaTheme")) is None and rfonts.get(qn("w:asciiTheme")) is None
    footer = notice.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and 'w:instr="PAGE"' in footer._p.xml


def test_title_addressee_signature_and_date(notice) -> None:
    paragraphs = [p for p in notice.paragraphs if p.text.strip()]
    title, addressee = paragraphs[2], paragraphs[3]
    assert title.style.name == "Title" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert addressee.text == "石嘴山市某某服务中心：" and addressee.paragraph_format.first_line_indent is None
    closing, department, day = paragraphs[-6], paragraphs[-5], paragraphs[-4]
    assert closing.text == "特此通知。" and closing.paragraph_format.keep_with_next
    assert department.text == "宁夏回族自治区工业和信息化厅"
    assert day.text.replace("\u2060", "") == "2026年4月30日"  # Arabic numerals, the run's reference date
    assert department.alignment == day.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs[-2].text == "抄送：石嘴山市工业和信息化局。"
    headings = [p.text for p in notice.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、申报材料核对情况",
        "二、需要补正的材料",
        "三、需要说明的情况",
        "四、其他问题",
        "五、补正期限及要求",
    ]
    items = [p.text for p in notice.paragraphs if p.style.name == "Heading 2"]
    assert [t[:3] for t in items] == ["（一）", "（二）", "（三）"]


def test_deadline_counts_statutory_working_days() -> None:
    assert "2026年5月18日前" in deadline_text(AS_OF)  # 劳动节 5月1日–5日 skipped
    outside = deadline_text(AS_OF.replace(year=2030))
    # beyond the holiday calendar: the period alone, no guessed date and no blank to fill in
    assert "10个工作日内" in outside and "年" not in outside and "＿" not in outside


def test_only_material_inconsistencies_are_asked_about() -> None:
    result = passed_result()
    result.inconsistencies = [
        Inconsistency(
            fields=["satisfaction_rate", "client_list.satisfaction_rate"], note="相差0.7%，未超过5%", material=False
        )
    ]
    context = checklist_context(result)
    assert context["inconsistencies"] == [] and context["deadline"] == ""
    assert context["title"].endswith("审查情况的告知")


def test_every_deficiency_at_once(notice) -> None:
    text = "\n".join(p.text for p in notice.paragraphs).replace("\u2060", "")
    for phrase in (
        "法人证书或营业执照副本",
        "审计报告",
        "无法读取",
        "原因：文件已加密",
        "签订服务协议的中小企业名单",
        "扫描件003.pdf",
    ):
        assert phrase in text, phrase
    assert text.count("应补正：") == 3
