"""Bundles (合订本): page ranges from a 目录 (printed numbers turned into physical pages)
or from page titles, continuation pages kept with their document, every page assigned,
pages a limit left unread placed by the 目录's order and flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.check import assess_materials
from pipeline.classify import classify_documents
from pipeline.classify.toc import find_offset, parse_toc, printed_number
from pipeline.models import Basis, FileEntry, FileKind, Location, MaterialType, ReadDocument, TextBlock
from pipeline.read import read_file
from samplegen.material_variants import Bundle, File, MaterialVariant

M = MaterialType


def read_pdf(tmp_path: Path, name: str, data: bytes) -> ReadDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return read_file(FileEntry(rel_path=name, disk_path=path, size=len(data), kind=FileKind.pdf))


def covers_every_page_once(items, pages: int) -> bool:
    seen = [p for c in items for p in range(c.first_page, c.last_page + 1)]
    return sorted(seen) == list(range(1, pages + 1))


BUNDLES = {
    "目录与封面": Bundle(["licence", "report_pdf", "staff_pdf", "client_pdf", "equipment_pdf", "lease", "audit",
                      "special_audit", "icp", "evidence", "event_photo", "declaration"], toc=True, cover=True),
    "无目录": Bundle(["declaration", "icp", "evidence", "event_photo_plain", "equipment_pdf", "lease", "licence", "audit",
                   "special_audit", "staff_pdf", "credential", "client_pdf"]),
    "条例顺序": Bundle(["recommendation_pdf", "report_pdf", "licence", "audit", "special_audit", "lease", "equipment_pdf",
                    "staff_pdf", "client_pdf", "evidence", "icp", "declaration"]),
}


@pytest.mark.parametrize("tag", sorted(BUNDLES))
def test_bundle_ranges_are_exact_and_every_page_is_assigned(tmp_path: Path, tag: str):
    variant = MaterialVariant(f"合订-{tag}", tag, 7, [File("合订本.pdf", BUNDLES[tag])])
    data = variant.build()["合订本.pdf"]
    doc = read_pdf(tmp_path, "合订本.pdf", data)
    items = classify_documents([doc])
    assert covers_every_page_once(items, doc.page_count)
    materials = assess_materials(items)
    for material, truth in variant.truth().items():
        if truth["files"]:
            assert sorted(materials[material].files) == truth["files"], (material, [c.reason for c in items])
    lists = materials[M.resource_lists]
    assert {p.value: sorted(fs) for p, fs in lists.part_files.items()} == variant.truth()["resource_lists"]["part_files"]
    front = [c for c in items if c.basis == Basis.front_matter]
    assert len(front) == (1 if BUNDLES[tag].toc else 0)  # cover and 目录: one range of the bundle's own pages


def test_a_long_single_document_with_statement_titles_is_not_split(tmp_path: Path):
    variant = MaterialVariant("审计", "", 0, [File("审计报告.pdf", "audit")])
    doc = read_pdf(tmp_path, "审计报告.pdf", variant.build()["审计报告.pdf"])
    [item] = classify_documents([doc])
    assert item.first_page is None and item.material == M.audit_reports


def pages(texts: list[str], unread: list[int] | None = None) -> ReadDocument:
    blocks = [TextBlock(text=t, loc=Location(page=n)) for n, t in enumerate(texts, 1)]
    return ReadDocument(file="扫描件.pdf", kind=FileKind.pdf, page_count=len(texts), blocks=blocks,
                        unread_pages=unread or [], unread_reason="超过每个文件最多识别 60 页的上限，未识别")


TOC = "目　录\n1、营业执照副本……1\n2、房屋租赁合同……2\n3、真实性声明……3\n4、推荐表……4"
LICENCE_PAGE = "营业执照\n统一社会信用代码 91640100MA76ABCD5D\n名称 宁夏某某科技有限公司\n登记机关 银川市市场监督管理局\n- 1 -"
LEASE_PAGE = "房屋租赁合同\n出租方 宁夏宏泰物业\n承租方 宁夏某某科技有限公司\n租赁期限三年 租金按季支付\n- 2 -"


def test_pages_left_unread_are_placed_by_the_toc_and_flagged():
    doc = pages([TOC, LICENCE_PAGE, LEASE_PAGE, "", ""], unread=[4, 5])
    items = classify_documents([doc])
    refs = {c.ref: c for c in items}
    assert refs["扫描件.pdf#p4"].material == M.authenticity_declaration
    assert refs["扫描件.pdf#p5"].material == M.recommendation_form
    assert refs["扫描件.pdf#p5"].confirm and "按目录归为" in refs["扫描件.pdf#p5"].reason
    materials = assess_materials(items)
    assert materials[M.recommendation_form].status != "missing"
    assert any("未读取" in note for note in materials[M.recommendation_form].notes)


def test_toc_offset_comes_from_printed_page_numbers():
    entries = parse_toc(TOC)
    assert [e.start for e in entries] == [1, 2, 3, 4]
    assert printed_number(LICENCE_PAGE) == 1
    assert find_offset(entries, 5, {2: 1, 3: 2, 4: 3}, lambda n: None) == 1


def test_unread_pages_after_the_last_toc_number_follow_the_toc_order():
    toc = "目　录\n1、营业执照副本……1\n2、房屋租赁合同……2\n3、真实性声明\n4、推荐表"
    items = {c.ref: c for c in classify_documents([pages([toc, LICENCE_PAGE, LEASE_PAGE, "", ""], unread=[4, 5])])}
    assert items["扫描件.pdf#p4"].material == M.authenticity_declaration
    assert items["扫描件.pdf#p5"].material == M.recommendation_form
    assert "按目录顺序推定" in items["扫描件.pdf#p5"].reason


def test_toc_entries_whose_page_numbers_were_lost_keep_their_order():
    entries = parse_toc("目录\n1、营业执照副本......1\n2、房屋租赁合同...\n3、设备清单......\n4、推荐表……5")
    assert [(e.title, e.start) for e in entries] == [("营业执照副本", 1), ("房屋租赁合同", None), ("设备清单", None),
                                                     ("推荐表", 5)]


def test_a_heading_inside_a_document_does_not_split_what_the_toc_places():
    toc = "目　录\n1、申请报告……1\n2、营业执照副本……3\n3、房屋租赁合同……4"
    report = "自治区中小企业公共服务示范平台申请报告\n一、基本情况表\n功能指标\n- 1 -"
    table_page = "服务企业情况统计表\n序号 企业名称 服务内容 满意度\n1 宁夏华兴科技有限公司 咨询 满意\n- 2 -"
    doc = pages([toc, report, table_page, LICENCE_PAGE.replace("- 1 -", "- 3 -"), LEASE_PAGE.replace("- 2 -", "- 4 -")])
    refs = {c.ref: c.material for c in classify_documents([doc])}
    assert refs == {"扫描件.pdf#p1": None, "扫描件.pdf#p2-3": M.application_report,
                    "扫描件.pdf#p4": M.legal_entity_certificate, "扫描件.pdf#p5": M.premises_proof}


def test_a_page_that_only_mentions_the_running_document_starts_its_own():
    icp = "ICP备案信息\n主办单位名称 宁夏某某科技有限公司\n网站备案号 宁ICP备2022000318号-1\n网站名称 某某平台"
    pledge = ("本单位承诺如下\n所提交的营业执照、资质证书等申报材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。\n"
              "特此承诺。\n法定代表人（签字）")
    refs = {c.ref: c.material for c in classify_documents([pages([LICENCE_PAGE, icp, pledge])])}
    assert refs["扫描件.pdf#p3"] == M.authenticity_declaration and refs["扫描件.pdf#p2"] == M.qualifications


def test_footers_first_in_the_text_a_stray_number_and_a_page_number_on_its_own_line():
    """A bundle whose footers come first in the text layer, whose lease ends in a wrapped value
    (a lone '17' at the foot, not a page number), and whose 目录 puts a short title's page number
    on the next line: the declaration on the last page is still found."""
    toc = "目　录\n1、营业执照副本……1\n2、房屋租赁合同……2\n3、真实性声明\n4"
    lease_2 = "- 3 -\n租赁物业清单\n序号 房号 面积\n1 A座 1201 室（含附属用房共\n17"
    declaration = ("- 4 -\n申报材料真实性声明\n本单位郑重声明：所提交的全部申报材料真实、准确、完整，如有虚假，愿承担相应责任。\n"
                   "法定代表人（签字）：\n申报单位（盖章）\n2026年3月1日")
    licence = "- 1 -\n" + LICENCE_PAGE.replace("\n- 1 -", "")
    lease = "- 2 -\n" + LEASE_PAGE.replace("\n- 2 -", "")
    assert [(e.title, e.start) for e in parse_toc(toc)][-1] == ("真实性声明", 4)
    assert printed_number(licence) == 1 and printed_number(lease_2) == 17  # the stray number alone …
    assert find_offset(parse_toc(toc), 5, {4: 17}, lambda n: None) != -13  # … sets no offset
    refs = {c.ref: c.material for c in classify_documents([pages([toc, licence, lease, lease_2, declaration])])}
    assert refs["扫描件.pdf#p5"] == M.authenticity_declaration, refs
    assert refs["扫描件.pdf#p2"] == M.legal_entity_certificate and refs["扫描件.pdf#p3-4"] == M.premises_proof


def test_a_page_titled_as_another_material_outranks_the_toc_entry_placed_on_it():
    toc = "目　录\n1、营业执照副本……1\n2、房屋租赁合同……2\n3、真实性声明……3"
    declaration = ("申报材料真实性声明\n本单位郑重声明：所提交的全部申报材料真实、准确、完整，如有虚假，愿承担相应责任。\n"
                   "法定代表人（签字）：\n申报单位（盖章）\n- 2 -")
    items = classify_documents([pages([toc, LICENCE_PAGE, declaration, LEASE_PAGE.replace("- 2 -", "- 3 -")])])
    refs = {c.ref: c for c in items}
    assert refs["扫描件.pdf#p3"].material == M.authenticity_declaration
    assert "标题为另一项材料" in refs["扫描件.pdf#p3"].reason
