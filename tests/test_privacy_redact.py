"""Redacted copies of PDFs and images with personal data (privacy/redact_pdf.py, redact_image.py):
generated files, read by the pipeline's own readers (real OCR for the image), copied as the
expert gets them, and the dossier's links to them."""

from __future__ import annotations

import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import openpyxl
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from pipeline.models import FileEntry, FileKind
from pipeline.privacy.mask import hidden_ranges, mask_personal
from pipeline.privacy.regions import redaction_of
from pipeline.read import ocr_engine, read_file
from pipeline.render.common.sources import REDACTED_MARK, WITHHELD_SUFFIX, copy_sources
from pipeline.runner import run_batch
from tests.conftest import REPO, make_pdf
from tests.test_ocr_support import cjk_font_spec, font

ID_NUMBER, PHONE, EMAIL = "640104199001011234", "13912345678", "zhang.san@example.com"
PLAIN = "本公司租用银川市金凤区创业大厦三层办公用房，面积 320 平方米，租期三年，用于开展企业服务。"
LEASE = [
    [PLAIN, "第一页没有个人信息，这一页的文字应当原样保留，可以选中和复制。"],
    ["房屋租赁合同", "出租方联系人：张三", f"身份证号：{ID_NUMBER}", f"手机：{PHONE}", f"电子邮箱：{EMAIL}", "其余条款见下页"],
    ["第三页同样没有个人信息：租金按季度支付，押金为一个月租金。", PLAIN],
]


def _entry(path: Path, kind: FileKind) -> FileEntry:
    return FileEntry(rel_path=path.name, disk_path=path, kind=kind, size=path.stat().st_size)


def _copy(path: Path, kind: FileKind, dest: Path) -> None:
    entry = _entry(path, kind)
    doc = read_file(entry)
    plan = redaction_of(doc)
    copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 26, {entry.rel_path: plan})


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch in "@.")


def test_hidden_ranges_are_what_mask_personal_hides():
    text = f"身份证号{ID_NUMBER}，手机 139 1234 5678，邮箱{EMAIL}，金额 12345678.00 元"
    hidden = [text[a:b] for a, b in hidden_ranges(text)]
    assert hidden == ["19900101", " 1234 ", "hang.san"]
    kept = "".join(ch for n, ch in enumerate(text) if not any(a <= n < b for a, b in hidden_ranges(text)))
    assert kept == mask_personal(text).replace("*", "")


def test_a_text_pdf_gets_a_copy_without_its_personal_data(tmp_path: Path):
    pdf = make_pdf(tmp_path / "房屋租赁合同.pdf", LEASE)
    dest = tmp_path / "files"
    _copy(pdf, FileKind.pdf, dest)
    copy = dest / f"房屋租赁合同{REDACTED_MARK}.pdf"
    assert copy.is_file() and not (dest / pdf.name).exists() and not (dest / (pdf.name + WITHHELD_SUFFIX)).exists()
    document = pdfium.PdfDocument(str(copy))
    pages = [document[n].get_textpage().get_text_range() for n in range(len(document))]
    with pdfplumber.open(copy) as plumber:
        pages_too = [page.extract_text() or "" for page in plumber.pages]
    assert len(pages) == 3
    for text in (*pages, *pages_too):
        flat = _digits(text)
        assert ID_NUMBER[6:14] not in flat and "1234" not in flat.replace("1234567", "") and "hang.san" not in flat
    assert "原样保留" in pages[0].replace("\r\n", "") and "押金" in pages[2], "pages without personal data keep their text"
    assert not pages[1].strip(), "the page with personal data is an image"
    raw = copy.read_bytes()
    assert ID_NUMBER.encode() not in raw and b"zhang" not in raw and PHONE.encode() not in raw
    # the masked characters are black in the page image (640104 stays, as in masked documents)
    image = document[1].render(scale=2).to_pil().convert("L")
    textpage = pdfium.PdfDocument(str(pdf))[1].get_textpage()
    text = textpage.get_text_range()
    at = text.index(ID_NUMBER) + 8  # a digit of the birth date
    left, bottom, right, top = textpage.get_charbox(at)
    height = pdfium.PdfDocument(str(pdf))[1].get_height()
    box = image.crop((int(left * 2), int((height - top) * 2), int(right * 2), int((height - bottom) * 2)))
    assert int(np.asarray(box).max()) < 40, "the birth date of the ID number is blacked out"


def test_a_file_that_cannot_be_redacted_keeps_the_note_with_the_reason(tmp_path: Path):
    pdf = make_pdf(tmp_path / "名单.pdf", [[f"身份证号：{ID_NUMBER}"]])
    entry = _entry(pdf, FileKind.pdf)
    plan = redaction_of(read_file(entry)).model_copy(update={"unknown_pages": [2]})  # as if a page was not read
    dest = tmp_path / "files"
    copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 26, {entry.rel_path: plan})
    note = dest / (pdf.name + WITHHELD_SUFFIX)
    assert note.is_file() and "未经文字识别" in note.read_text("utf-8")
    assert not list(dest.glob(f"*{REDACTED_MARK}*"))


def _id_card(path: Path) -> tuple[int, int, int, int]:
    """A small photo of an ID-number line; the box (pixels) where the number is drawn."""
    img = Image.new("RGB", (900, 260), (250, 250, 246))
    draw = ImageDraw.Draw(img)
    text = font(34)
    draw.text((40, 40), "法定代表人身份证明", font=font(44), fill=(20, 20, 20))
    draw.text((40, 150), "公民身份号码", font=text, fill=(20, 20, 20))
    x = 40 + int(draw.textlength("公民身份号码  ", font=text))
    draw.text((x, 150), ID_NUMBER, font=text, fill=(20, 20, 20))
    box = draw.textbbox((x, 150), ID_NUMBER, font=text)
    img.save(path, "JPEG", quality=92)
    return box


def _package(tmp_path: Path, with_image: bool) -> tuple[Path, tuple[int, int, int, int] | None]:
    app = tmp_path / "batch" / "银川-宁夏中小企业发展促进会"
    shutil.copytree(REPO / "sample_submissions" / app.name, app)
    make_pdf(app / "房屋租赁合同.pdf", LEASE)
    box = _id_card(app / "法定代表人身份证明.jpg") if with_image else None
    return app.parent, box


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href" and v and v.startswith("files/")]


def _dossier_links(out: Path) -> tuple[Path, list[str]]:
    dossier = next((out / "applicants").rglob("dossier.html"))
    links = _Links()
    links.feed(dossier.read_text("utf-8"))
    return dossier.parent, [unquote(h) for h in links.hrefs]


OCR = ocr_engine.available() and cjk_font_spec() is not None


@pytest.mark.skipif(not OCR, reason="OCR engine or CJK font not installed")
def test_the_dossier_links_open_the_redacted_copies_of_a_pdf_and_a_photo(tmp_path: Path):
    batch, box = _package(tmp_path, with_image=True)
    out = tmp_path / "out"
    run_batch(batch, out, date(2026, 4, 30), cache_dir=tmp_path / "cache", pdf=False)
    app, hrefs = _dossier_links(out)
    pdf_copy, photo_copy = f"files/房屋租赁合同{REDACTED_MARK}.pdf", f"files/法定代表人身份证明{REDACTED_MARK}.jpg"
    assert any(h.split("#")[0] == pdf_copy for h in hrefs), hrefs
    assert any(h.split("#")[0] == photo_copy for h in hrefs), hrefs
    assert not [h for h in hrefs if h.split("#")[0] in ("files/房屋租赁合同.pdf", "files/法定代表人身份证明.jpg")]
    for href in hrefs:
        assert (app / href.split("#")[0]).is_file(), href
    with Image.open(app / photo_copy) as photo:
        assert photo.format == "JPEG" and photo.size == (900, 260)
        pixels = photo.convert("L").crop(box)
        assert int(np.asarray(pixels).max()) < 60, "the ID number's box is black"
        assert int(np.asarray(photo.convert("L").crop((40, 40, 400, 90))).min()) < 100, "the title is still there"
    text = "".join(pdfium.PdfDocument(str(app / pdf_copy))[n].get_textpage().get_text_range() for n in range(3))
    assert ID_NUMBER not in text and "原样保留" in text.replace("\r\n", "")


def test_the_redaction_reads_each_page_as_the_reader_does():
    """The characters are searched in the same text the reader found the personal data in
    (else a number could be found by one and missed by the other)."""
    from pipeline.privacy.redact_pdf import _page_text
    from pipeline.read.normalize import normalize_text

    pages = 0
    for path in sorted((REPO / "sample_submissions").rglob("*.pdf")):
        document = pdfium.PdfDocument(str(path))
        for n in range(len(document)):
            textpage = document[n].get_textpage()
            assert _page_text(textpage)[0] == normalize_text(textpage.get_text_range()), f"{path.name} p{n + 1}"
            pages += 1
    assert pages > 50


@pytest.mark.parametrize("rotation", [0, 90])
def test_ocr_boxes_are_blacked_where_ocr_saw_them_on_a_scanned_page(tmp_path: Path, rotation: int):
    """The boxes are in OCR's upright, resized page image: mapped back onto the page as rendered."""
    from pipeline.privacy.redact_pdf import DPI, redact_pdf
    from pipeline.privacy.regions import OcrBoxes, Redaction

    scan = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi, no text layer
    ImageDraw.Draw(scan).rectangle((300, 400, 900, 460), fill=(90, 90, 90))  # where the ID line is
    ImageDraw.Draw(scan).rectangle((300, 800, 900, 860), fill=(90, 90, 90))  # a line without one
    pdf = tmp_path / "扫描件.pdf"
    scan.save(pdf, "PDF", resolution=150)
    w, h = scan.size
    x0, y0, x1, y1 = (v * 2 for v in (300, 400, 900, 460))  # OCR read the page enlarged twice
    box = [x0, y0, x1, y1] if rotation == 0 else [y0, 2 * w - x1, y1, 2 * w - x0]
    size = [2 * w, 2 * h] if rotation == 0 else [2 * h, 2 * w]
    plan = Redaction(kind=FileKind.pdf, ocr=[OcrBoxes(page=1, size=size, rotation=rotation, boxes=[box])])
    redact_pdf(pdf, tmp_path / "copy.pdf", plan)
    page = pdfium.PdfDocument(str(tmp_path / "copy.pdf"))[0]
    image = np.asarray(page.render(scale=DPI / 72).to_pil().convert("L"))
    assert image[405:455, 305:895].max() < 30, "the ID line is black"
    assert 60 < image[805:855, 305:895].mean() < 120, "the other line is as it was"


def test_a_rerun_replaces_the_note_an_older_run_left_and_keeps_a_current_copy(tmp_path: Path):
    import json

    from pipeline.render.common.sources import MANIFEST

    pdf = make_pdf(tmp_path / "房屋租赁合同.pdf", LEASE)
    entry = _entry(pdf, FileKind.pdf)
    plan = {entry.rel_path: redaction_of(read_file(entry))}
    dest = tmp_path / "files"
    dest.mkdir()
    (dest / (pdf.name + WITHHELD_SUFFIX)).write_text("旧说明", encoding="utf-8")
    (dest / MANIFEST).write_text(json.dumps({entry.rel_path: "d:True:2"}), encoding="utf-8")  # withheld by version 2
    copies = copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 26, plan)
    copy = dest / f"房屋租赁合同{REDACTED_MARK}.pdf"
    assert copies.present == [copy.name] and not (dest / (pdf.name + WITHHELD_SUFFIX)).exists()
    made = copy.stat().st_mtime_ns
    again = copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 26, plan)
    assert copy.stat().st_mtime_ns == made and again.present == copies.present


def test_in_a_table_row_read_by_ocr_only_the_cells_with_personal_data_are_blacked():
    from pipeline.models import OcrLine, OcrPiece
    from pipeline.privacy.regions import _line_boxes

    cells = [("1", [10, 0, 30, 20]), ("张三", [60, 0, 120, 20]), (ID_NUMBER, [150, 0, 400, 20]),
             ("经理", [430, 0, 480, 20]), ("139", [500, 0, 540, 20]), ("1234 5678", [545, 0, 640, 20])]
    row = OcrLine(text=" ".join(t for t, _ in cells), bbox=[10, 0, 640, 20], confidence=0.9,
                  pieces=[OcrPiece(text=t, bbox=b) for t, b in cells])
    # "139" stays, as the masked text shows it (139****5678); the cell with the hidden digits goes
    assert _line_boxes(row) == [[150, 0, 400, 20], [545, 0, 640, 20]]
    assert _line_boxes(row.model_copy(update={"pieces": []})) == [[10, 0, 640, 20]], "no pieces kept: the line"
    odd = row.model_copy(update={"pieces": [*row.pieces[:2], OcrPiece(text="?", bbox=[150, 0, 400, 20])]})
    assert _line_boxes(odd) == [[10, 0, 640, 20]], "a piece not found in the text: the line"
    assert _line_boxes(OcrLine(text="张三 经理", bbox=[0, 0, 9, 9], confidence=0.9)) == []


def test_a_misread_number_in_a_scan_with_personal_data_is_blacked_too():
    """OCR read an O for a 0 in a second ID number: the patterns miss it, the copy must not show it."""
    from pipeline.models import Location as Loc
    from pipeline.models import OcrLine, OcrPiece, ReadDocument, TextBlock
    from pipeline.privacy.regions import redaction_of

    misread = ID_NUMBER[:8] + "O" + ID_NUMBER[9:]
    lines = [OcrLine(text=f"身份证号 {ID_NUMBER}", bbox=[0, 0, 400, 20], confidence=0.9),
             OcrLine(text=f"李四 {misread}", bbox=[0, 30, 400, 50], confidence=0.9,
                     pieces=[OcrPiece(text="李四", bbox=[0, 30, 40, 50]), OcrPiece(text=misread, bbox=[60, 30, 400, 50])]),
             OcrLine(text="注册资本 500万元 2024年3月", bbox=[0, 60, 400, 80], confidence=0.9)]
    block = TextBlock(text="\n".join(line.text for line in lines), loc=Loc(page=1), origin="ocr",
                      ocr_lines=lines, ocr_size=[400, 100])
    plan = redaction_of(ReadDocument(file="x.jpg", kind=FileKind.image, blocks=[block], page_count=1))
    assert plan.ocr[0].boxes == [[0, 0, 400, 20], [60, 30, 400, 50]]


def test_a_text_file_and_an_old_excel_file_get_masked_copies(tmp_path: Path):
    text = tmp_path / "联系人.txt"
    text.write_bytes(f"联系人张三\n电话：１３９１２３４５６７８\n身份证 {ID_NUMBER}\n".encode("gb18030"))  # full-width digits
    dest = tmp_path / "files"
    copy_sources([_entry(text, FileKind.text)], {text.name: "d"}, {text.name}, dest, 1 << 26)
    copy = (dest / f"联系人{REDACTED_MARK}.txt").read_text("utf-8")
    assert "联系人张三" in copy and "139****5678" in copy and "640104********1234" in copy
    legacy = next((REPO / "sample_submissions").rglob("人员名单.xls"))
    entry = FileEntry(rel_path=legacy.name, disk_path=legacy, kind=FileKind.ole2, size=legacy.stat().st_size)
    copy_sources([entry], {entry.rel_path: "d"}, {entry.rel_path}, dest, 1 << 26)
    values = [str(c) for row in openpyxl.load_workbook(dest / f"人员名单{REDACTED_MARK}.xlsx").active.iter_rows(
        values_only=True) for c in row if c is not None]
    assert any("********" in v for v in values) and not [v for v in values if mask_personal(v) != v]
