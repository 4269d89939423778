"""The 补正材料通知 / 审查情况告知 is a 公文 (GB/T 9704-2012), read from the rendered .docx and .pdf:
its elements present and in order, the right kind, no placeholder, settings checked at start."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from pipeline.cli import main
from pipeline.models import Inconsistency
from pipeline.render import render_application
from pipeline.render.common.config import SettingsError, check_settings, settings, use_settings_file
from pipeline.render.common.pdf import convert_to_pdf, fandol_dir, pdf_available
from pipeline.runner import _notice_numbers
from tests.test_render_samples import AS_OF, incomplete_result, passed_result

NUMBER = re.compile(r"^宁工信中小函〔\d{4}〕\d+号$")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
PLACEHOLDERS = ("0000000", "请替换", "请在正式发文前", "＿", "XXX", "TODO")


def _explained():
    """Nothing missing, but a material inconsistency to explain: still a 审查情况告知."""
    result = passed_result()
    result.inconsistencies = [
        Inconsistency(fields=["total_assets", "audit.total_assets"], note="相差12%，超过5%", material=True)
    ]
    return result


@pytest.fixture(scope="module")
def notices(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("gbt9704")
    out = {}
    for name, make in (("supplement", incomplete_result), ("status", passed_result), ("explain", _explained)):
        render_application(make(), root / name)
        out[name] = root / name / "checklist.docx"
    return out


def _text(paragraph) -> str:
    return paragraph.text.replace("\u2060", "").strip()


def _borders(paragraph) -> dict[str, str]:
    """side → colour of the paragraph's rules."""
    ppr = paragraph._p.pPr
    bdr = None if ppr is None else ppr.find(qn("w:pBdr"))
    return {} if bdr is None else {el.tag.split("}")[1]: el.get(qn("w:color")) for el in bdr}


def _elements(path: Path) -> dict[str, int]:
    """Where each GB/T 9704 element stands (index among the non-empty paragraphs)."""
    document = docx.Document(str(path))
    paragraphs = [p for p in document.paragraphs if _text(p)]
    cfg = settings()
    found: dict[str, int] = {}
    for i, p in enumerate(paragraphs):
        text = _text(p)
        if i == 0 and text == cfg.issuer_mark:
            run = p.runs[0]
            assert str(run.font.color.rgb) == "FF0000", "发文机关标志 is red"
            assert p.alignment == 1, "发文机关标志 is centred"
            found["发文机关标志"] = i
        elif NUMBER.match(text):
            assert _borders(p).get("bottom") == "FF0000", "the red separator under the 文号"
            found["文号"] = i
        elif p.style.name == "Title":
            found["标题"] = i
        elif text.endswith("：") and "标题" in found and "主送" not in found:
            found["主送"] = i
        elif "主送" in found and "正文" not in found and p.paragraph_format.first_line_indent:
            found["正文"] = i
        elif text == cfg.department and "正文" in found:
            found["署名"] = i
        elif DATE.match(text) and "署名" in found:
            found["成文日期"] = i
        elif text.startswith("抄送："):
            assert set(_borders(p)) == {"top", "bottom"}, "抄送 between the first and the middle rule"
            found["抄送"] = i
        elif text.startswith(cfg.printing_office) and text.endswith("印发"):
            assert "bottom" in _borders(p), "the 版记's closing rule"
            assert DATE.match(text.split("\t")[-1].removesuffix("印发")), "印发日期"
            found["印发机关"] = found["印发日期"] = i
    return found


ORDER = ["发文机关标志", "文号", "标题", "主送", "正文", "署名", "成文日期", "抄送", "印发机关", "印发日期"]


@pytest.mark.parametrize("kind", ["supplement", "status", "explain"])
def test_every_element_present_and_in_order(notices: dict[str, Path], kind: str) -> None:
    found = _elements(notices[kind])
    assert list(found) == ORDER or [k for k in ORDER if k in found] == ORDER, found
    assert set(ORDER) <= set(found), set(ORDER) - set(found)
    positions = [found[k] for k in ORDER]
    assert positions == sorted(positions), found


def test_the_signature_keeps_with_the_last_body_line(notices: dict[str, Path]) -> None:
    """No lone signature page: from 特此通知 to the 附注 every paragraph keeps with the next (so
    the 版记 is never alone either), and two blank lines above the 署名 leave room for the seal."""
    paragraphs = docx.Document(str(notices["supplement"])).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if _text(p) == "特此通知。")
    end = next(i for i, p in enumerate(paragraphs) if i > start and DATE.match(_text(p)))
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[start:end])
    blanks = [p for p in paragraphs[start + 1 : end] if not _text(p)]
    assert len(blanks) >= 2
    note = paragraphs[end + 1]
    assert _text(note).startswith("（联系人") and note.paragraph_format.keep_with_next  # the 版记 comes along


def test_the_two_kinds(notices: dict[str, Path]) -> None:
    texts = {k: "\n".join(_text(p) for p in docx.Document(str(v)).paragraphs) for k, v in notices.items()}
    assert "关于补正" in texts["supplement"] and "逾期未补正的，视为放弃申报" in texts["supplement"]
    for kind in ("status", "explain"):
        assert "审查情况的告知" in texts[kind] and "特此告知。" in texts[kind]
        assert "逾期" not in texts[kind] and "放弃" not in texts[kind]
    assert "补正期限" not in texts["status"] and "工作日" not in texts["status"]
    assert "书面说明" in texts["explain"]  # a time to explain, never a forfeiture


def test_no_placeholder_and_no_licence_law(notices: dict[str, Path]) -> None:
    for path in notices.values():
        text = "\n".join(_text(p) for p in docx.Document(str(path)).paragraphs)
        assert not any(p in text for p in PLACEHOLDERS), text
        assert "行政许可法" not in text and "第三十二条" not in text
        assert "0951-6038381" in text  # the 企业服务处's published office line


def test_the_recommendation_form_is_asked_of_the_city_bureau() -> None:
    from pipeline.models import MaterialStatus, MaterialType
    from pipeline.render.notice.checklist import checklist_context

    result = passed_result()
    result.materials[MaterialType.recommendation_form].status = MaterialStatus.missing
    result.materials[MaterialType.recommendation_form].files = []
    context = checklist_context(result)
    lines = next(i for i in context["deficient"] if i["code"] == "recommendation_form")["lines"]
    assert not any(line.startswith("应补正") for line in lines)
    assert any("由所在市工业和信息化局" in line and "无需你单位填写" in line for line in lines)


def test_dates_and_phone_numbers_do_not_break(notices: dict[str, Path]) -> None:
    """Word joiners (U+2060) inside the dates and the phone number: neither Word nor LibreOffice
    breaks a line there ("2015-10-2 / 8", "09/51-" no more)."""
    xml = docx.Document(str(notices["supplement"])).element.xml
    assert "2\u20600\u20602\u20606\u2060年\u20605\u2060月\u20601\u20608\u2060日前" in xml
    assert "0\u20609\u20605\u20601\u2060-\u20606" in xml


def test_numbers_per_batch_are_stable_and_follow_the_batch_order() -> None:
    ids = ["银川-乙", "石嘴山-甲", "固原-丙"]
    numbers = _notice_numbers(ids, AS_OF)
    assert numbers == _notice_numbers(list(reversed(ids)), AS_OF)  # same batch, same numbers
    assert sorted(numbers.values(), key=lambda n: int(n.split("〕")[1][:-1])) == [
        numbers[i] for i in sorted(ids)
    ]
    assert set(numbers.values()) == {f"宁工信中小函〔2026〕{n}号" for n in (1, 2, 3)}


@pytest.fixture
def settings_file(tmp_path: Path):
    """A settings file of the department's own; the shipped settings come back after the test."""
    path = tmp_path / "本厅设置.yaml"
    yield path
    use_settings_file(None)


def test_shipped_settings_are_complete() -> None:
    check_settings()


def test_an_override_file_is_merged(settings_file: Path) -> None:
    settings_file.write_text("contact_phone: 0951-5555555\nnotice_number_start: 41\n", encoding="utf-8")
    use_settings_file(settings_file)
    check_settings()
    assert settings().contact_phone == "0951-5555555" and settings().department == "宁夏回族自治区工业和信息化厅"
    assert _notice_numbers(["a"], AS_OF) == {"a": "宁工信中小函〔2026〕41号"}


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("contact_phone: ''", "contact_phone（联系电话）未设置"),
        ("contact_phone: 0951-0000000（请在正式发文前替换）", "contact_phone（联系电话）仍是占位内容"),
        ("issuer_mark: ''", "issuer_mark（发文机关标志）"),
        ("notice_number_pattern: ''", "notice_number_pattern（文号格式）"),
        ("notice_number_pattern: '宁工信函〔{yr}〕{n}号'", "notice_number_pattern（文号格式）有误"),
    ],
)
def test_a_missing_setting_stops_the_run_at_start(settings_file: Path, tmp_path: Path, capsys, line, named) -> None:
    settings_file.write_text(line + "\n", encoding="utf-8")
    use_settings_file(settings_file)
    with pytest.raises(SettingsError, match=re.escape(named)):
        check_settings()
    use_settings_file(None)
    out = tmp_path / "out"
    code = main(["run", "sample_submissions", "--out", str(out), "--settings", str(settings_file), "--no-pdf"])
    assert code == 1
    message = capsys.readouterr().err
    assert named in message and "--settings" in message
    assert not (out / "results.jsonl").exists()  # stopped before any work


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice（soffice）未安装，无法生成 PDF")
def test_pdf_uses_fangsong_and_heading_faces(notices: dict[str, Path], tmp_path: Path) -> None:
    """Read the PDF's font names: the body in a FangSong face, headings in HeiTi and KaiTi, the
    title and the 发文机关标志 in the bold Song (小标宋 has no free face: pdf.py gives FandolSong-Bold
    the 小标宋 family name), not all in one Song face as before."""
    assert fandol_dir() is not None, "Fandol 字体未安装：请运行 scripts/install.sh（texlive-lang-chinese）"
    copy = tmp_path / "checklist.docx"
    shutil.copyfile(notices["supplement"], copy)
    assert convert_to_pdf([copy]) == []
    with pdfplumber.open(str(copy.with_suffix(".pdf"))) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    font_of = {}
    for c in chars:
        font_of.setdefault(c["text"], set()).add(c["fontname"].split("+")[-1])
    fonts = {c["fontname"].split("+")[-1] for c in chars}
    assert "FandolFang-Regular" in fonts and "FandolHei-Regular" in fonts and "FandolKai-Regular" in fonts, fonts

    def line_font(text: str) -> set[str]:
        joined = "".join(c["text"] for c in chars)
        start = joined.index(text)
        return {chars[i]["fontname"].split("+")[-1] for i in range(start, start + len(text))}

    assert line_font("关于补正") == {"FandolSong-Bold"}  # 标题 in the bold Song, as 小标宋
    assert line_font("宁夏回族自治区工业和信息化厅") == {"FandolSong-Bold"}  # 发文机关标志 too
    assert line_font("特此通知") == {"FandolFang-Regular"}  # 正文 in 仿宋
    assert line_font("补正期限及要求") == {"FandolHei-Regular"}  # 一级标题 in 黑体


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice（soffice）未安装，无法生成 PDF")
def test_the_imprint_stands_at_the_foot_of_the_last_page(notices: dict[str, Path], tmp_path: Path) -> None:
    """GB/T 9704 7.4: the 版记 (抄送, 印发机关 and 印发日期 between rules) ends on the 版心's last
    line of the last page, in the PDF copy; the page count is what the first conversion gave."""
    from pipeline.render.notice.imprint import SAFETY_PT, _bottom_margin_pt, _pages, _room_pt, pin_imprints

    for kind in ("supplement", "status"):
        copy = tmp_path / kind / "checklist.docx"
        copy.parent.mkdir()
        shutil.copyfile(notices[kind], copy)
        assert convert_to_pdf([copy]) == []
        pages, margin = _pages(copy.with_suffix(".pdf")), _bottom_margin_pt(copy)
        assert _room_pt(copy.with_suffix(".pdf"), margin) > 2 * SAFETY_PT  # the 版记 followed the 附注
        assert pin_imprints([copy]) == [copy]
        pdf = copy.with_suffix(".pdf")
        assert _pages(pdf) == pages and _room_pt(pdf, margin) <= 2 * SAFETY_PT
        with pdfplumber.open(str(pdf)) as doc:
            last = doc.pages[-1]
            lines = (last.extract_text() or "").splitlines()
        printed = next(n for n, line in enumerate(lines) if line.rstrip().endswith("印发"))
        assert all(re.fullmatch(r"[—\-\s\d]*", line) for line in lines[printed + 1:])  # only the page number below
