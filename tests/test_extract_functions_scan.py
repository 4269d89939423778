"""Article 7 functions claimed on scanned and photographed 附件2 pages: boxes drawn as on paper
(ticked, crossed, filled, a √ beside the name, a pen tick over the box), in one wrapped line
or one function per table row, read → extract with the real OCR engine. A box the image cannot
tell is sent to review, never guessed; a page of ordinary text gains no box."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from pipeline.extract import extract_document
from pipeline.extract.collect import Collector
from pipeline.extract.report import extract_report
from pipeline.extract.values import parse
from pipeline.models import FileKind, Location, MaterialType, ReadDocument, TextBlock
from pipeline.read import ocr_engine
from pipeline.read.ocr_layout import engine_input
from pipeline.read.ocr_marks import find_boxes, mark_settings, restore_marks, verdict
from tests.checkbox_scans import FUNCTIONS, report_page, scanned
from tests.test_ocr_licence import read_image
from tests.test_ocr_support import cjk_font_spec, font

CLAIMED = {"technology", "entrepreneurship", "consulting"}
ORDERED = ["technology", "entrepreneurship", "consulting"]

needs_ocr = pytest.mark.skipif(not ocr_engine.available() or cjk_font_spec() is None,
                               reason="OCR engine or CJK font not installed")


@pytest.fixture(scope="module", autouse=True)
def ocr_cache(fresh_ocr_cache):
    return fresh_ocr_cache


def claimed(img: Image.Image, path):
    img.save(path, "JPEG", quality=85)
    doc = read_image(path)
    col = Collector()
    extract_document(doc, MaterialType.application_report, None, col, 2026)
    return col.build().get("functions_claimed"), doc


@needs_ocr
@pytest.mark.parametrize(
    ("style", "layout", "photo"),
    [
        ("box_tick", "line", False),
        ("box_tick", "table", True),
        ("box_fill", "line", True),
        ("box_fill", "table", False),
        ("box_cross", "line", False),
        ("box_cross", "table", True),
        ("tick", "line", True),
        ("tick", "table", False),
        ("hand_tick", "line", False),
        ("hand_tick", "table", True),
    ],
)
def test_each_mark_style_gives_the_claimed_functions(style, layout, photo, tmp_path):
    fv, doc = claimed(scanned(report_page(CLAIMED, style, layout), photo=photo), tmp_path / f"{style}.jpg")
    assert fv is not None, [line.text for line in doc.blocks[0].ocr_lines]
    assert fv.value == ORDERED, [line.text for line in doc.blocks[0].ocr_lines]
    assert not fv.review
    assert fv.source.file == f"{style}.jpg" and fv.source.page == 1  # provenance: the page of the scan


@needs_ocr
@pytest.mark.parametrize(("ticked", "photo"), [
    ({"training"}, False), ({"information", "training"}, True), ({"financing"}, False),
    ({"entrepreneurship", "training"}, True),
])
def test_a_box_line_wrapping_inside_an_option_name(ticked, photo, tmp_path):
    """The line breaks inside the fourth option's name ("☑培训" | "服务 □融资服务"): each tick stays
    with its own option, also the first option's box inside the piece that opens with the label
    (a class a blind corpus reported: the tick given to the neighbouring function)."""
    fv, doc = claimed(scanned(report_page(ticked, wrap_inside=True), photo=photo), tmp_path / "wrap.jpg")
    order = list(FUNCTIONS)
    assert fv is not None and fv.value == sorted(ticked, key=order.index), [line.text for line in doc.blocks[0].ocr_lines]
    assert not any("方框" in r for r in fv.review)


@needs_ocr
@pytest.mark.parametrize("layout", ["line", "table"])
def test_a_box_the_image_cannot_tell_goes_to_review(layout, tmp_path):
    page = report_page({"technology", "consulting"}, "box_tick", layout, smudged=frozenset({"training"}))
    fv, _ = claimed(scanned(page), tmp_path / "smudge.jpg")
    assert fv.value == ["technology", "consulting"]  # what is clear, nothing guessed for 培训服务
    assert any("培训服务" in r and "看不清是否勾选" in r for r in fv.review)
    assert fv.confidence < 0.5


@needs_ocr
def test_ordinary_text_gains_no_box():
    """Characters that hold a square (回 国 日 口 田) and a licence page are not taken for boxes."""
    img = Image.new("RGB", (1240, 760), (252, 251, 247))
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(["宁夏回族自治区银川市金凤区北京中路168号", "中国国际电子商务中心 四川 日期：2025年3月1日",
                              "人口 口岸 回访 团队 园区 固定资产 图书 目录 田园 申请 电话 画面",
                              "国家级中小企业公共服务示范平台 回 口 国 日 田"]):
        draw.text((90, 80 + 70 * i), text, font=font(28), fill=(25, 25, 25))
    draw.text((90, 380), "管理咨询 财税咨询 高宇航 营业执照 房屋租赁协议 非常满意", font=font(15), fill=(25, 25, 25))
    _qr_corners(draw, 900, 420, 12)  # a licence's QR code: its corner squares are boxes too
    draw.text((1000, 470), "扫描二维码登录", font=font(20), fill=(25, 25, 25))
    for page in (img, scanned(img), scanned(img, photo=True)):
        bgr, _ = engine_input(page)
        pieces, _ = ocr_engine.read_page(bgr, 5, "image")
        assert [pc.text for pc in restore_marks(bgr, pieces)] == [pc.text for pc in pieces]


def _qr_corners(draw: ImageDraw.ImageDraw, x: int, y: int, module: int) -> None:
    for cx, cy in ((x, y), (x + 14 * module, y), (x, y + 14 * module)):
        draw.rectangle([cx, cy, cx + 7 * module, cy + 7 * module], fill=(0, 0, 0))
        draw.rectangle([cx + module, cy + module, cx + 6 * module, cy + 6 * module], fill=(255, 255, 255))
        draw.rectangle([cx + 2 * module, cy + 2 * module, cx + 5 * module, cy + 5 * module], fill=(0, 0, 0))


def test_box_verdicts_follow_the_data_thresholds():
    s = mark_settings()
    assert verdict(0.0) == s.unchecked and verdict(0.4) == s.checked and verdict(0.95) == s.checked
    assert verdict((s.empty_max_fill + s.checked_min_fill) / 2) == s.unclear


def test_boxes_found_on_a_drawn_page():
    """Empty and ticked boxes told apart by their inside, without OCR."""
    page = report_page({"technology"}, "box_tick", "table")
    bgr, _ = engine_input(page)
    marks = sorted((b.y0, verdict(b.fill)) for b in find_boxes(bgr, 41.0))
    assert [m for _, m in marks][:7] == ["□", "☑", "□", "□", "□", "□", "□"]


def test_a_filled_box_touching_the_first_character_is_found_and_written_in():
    """At 150 dpi a filled box printed tight before a heavy character joins it into one blot
    ("■信"); the square at its left is the box, and a piece OCR began after it gets it back."""
    img = Image.new("RGB", (1200, 120), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle([40, 42, 66, 68], fill=(0, 0, 0))
    draw.text((68, 38), "信息服务", font=font(30), fill=(0, 0, 0))
    bgr, _ = engine_input(img)
    boxes = [b for b in find_boxes(bgr, 36.0) if b.x0 < 80]
    assert len(boxes) == 1 and verdict(boxes[0].fill) == mark_settings().checked
    piece = ocr_engine.Piece([(40.0, 36.0), (420.0, 36.0), (420.0, 74.0), (40.0, 74.0)], "信息服务□技术服务", 0.95)
    other = ocr_engine.Piece([(430.0, 36.0), (600.0, 36.0), (600.0, 74.0), (430.0, 74.0)], "□培训服务", 0.95)
    body = ocr_engine.Piece([(40.0, 90.0), (280.0, 90.0), (280.0, 118.0), (40.0, 118.0)], "中小企业服务平台", 0.99)
    restored = restore_marks(bgr, [piece, other, body])  # the body text gives the page's character width
    assert restored[0].text.startswith("☑信息服务")


# ------------------------------------------------------------ the OCR text, as scans give it
def report(*lines: str) -> list:
    doc = ReadDocument(file="附件2.jpg", kind=FileKind.image,
                       blocks=[TextBlock(text="\n".join(lines), loc=Location(page=1), origin="ocr")])
    col = Collector()
    extract_report(doc, col, 2026)
    return col.build().get("functions_claimed")


def test_wrapped_box_line_is_one_answer():
    fv = report("申报功能:□信息服务 ☑技术服务 ☑创业服务 □培训服务", "□融资服务 ☑咨询服务 □市场服务", "二、服务能力")
    assert fv.value == ORDERED and not fv.review


def test_function_rows_with_marks_as_ocr_lines():
    fv = report("服务功能 是否申报 年服务企业数(家)", "信息服务 □", "技术服务 ☑ 120", "创业服务 V 120", "培训服务 □",
                "融资服务 □", "咨询服务 √ 120", "市场服务 □")
    assert fv.value == ORDERED and not fv.review


def test_mark_in_the_function_cell():
    fv = report("服务功能 年服务企业数(家)", "□信息服务", "☑技术服务 120", "☑创业服务 120", "□培训服务",
                "□融资服务", "☑咨询服务 120", "□市场服务")
    assert fv.value == ORDERED


def test_a_row_with_figures_but_no_mark_read_goes_to_review():
    fv = report("服务功能 是否申报 年服务企业数(家)", "信息服务 □", "技术服务 ☑ 120", "创业服务 ☑ 120", "培训服务 □",
                "咨询服务 120", "市场服务 □")
    assert fv.value == ["technology", "entrepreneurship"]
    assert any("咨询服务" in r and "未识别出是否申报的勾选" in r for r in fv.review)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("□信息服务 V技术服务 □培训服务", ["technology"]),  # √ read as V, beside a name
        ("信息服务 V技术服务 培训服务 v咨询服务", ["technology", "consulting"]),  # √ only before the claimed
        ("口信息服务 回技术服务 口培训服务", ["technology"]),
        ("□信息服务 ⊠技术服务", ["technology"]),  # ☒ as OCR reads it
    ],
)
def test_ocr_mark_vocabulary_beside_names(text, expected):
    assert parse("functions", text).value == expected


def test_a_v_inside_a_word_is_no_tick():
    assert parse("functions", "TV技术服务、信息服务").value == ["information", "technology"]


def test_a_labelled_line_after_boxes_is_no_continuation():
    doc = ReadDocument(file="附件2.jpg", kind=FileKind.image, blocks=[TextBlock(
        text="单位性质：☑企业 □事业单位\n申报功能 □信息服务 ☑技术服务 □培训服务", loc=Location(page=1), origin="ocr")])
    col = Collector()
    extract_report(doc, col, 2026)
    fields = col.build()
    assert fields["unit_nature"].value == "enterprise"
    assert fields["functions_claimed"].value == ["technology"]
