"""The context pass: files their own evidence does not place are placed by their folder,
their neighbours, their number in a package numbered in Article 11 order, as photos, by
completion and by elimination — and say so; what is left stays unplaced, with what it
resembles."""

from __future__ import annotations

from pipeline.check import assess_materials
from pipeline.classify import classify_documents
from pipeline.models import Basis, FileKind, ListPart, MaterialStatus, MaterialType
from tests.test_classify import LEASE, LICENCE, NOTICE, doc

M = MaterialType


def by_file(items):
    return {c.ref: c for c in items}


def test_a_photo_takes_the_material_of_its_folder_mates():
    items = by_file(classify_documents([
        doc("04场地/租赁合同.pdf", LEASE),
        doc("04场地/IMG_0001.jpg", kind=FileKind.image, ocr=True),
        doc("现场/DSC_0002.jpg", kind=FileKind.image, ocr=True),
        doc("现场/活动通知.pdf", NOTICE),
    ]))
    assert items["04场地/IMG_0001.jpg"].material == M.premises_proof
    assert items["04场地/IMG_0001.jpg"].basis in (Basis.neighbours, Basis.folder)
    photo = items["现场/DSC_0002.jpg"]
    assert photo.material == M.service_evidence and "同一文件夹" in photo.reason


def test_a_lone_photo_is_service_evidence():
    [photo] = classify_documents([doc("IMG_4471.JPG", kind=FileKind.image, ocr=True)])
    assert photo.material == M.service_evidence and photo.basis == Basis.photo and not photo.confirm


def test_numbering_in_article_11_order_places_an_unreadable_generic_file():
    files = [
        doc("01申请报告.docx", "自治区中小企业公共服务示范平台申请报告\n基本情况表 功能指标"),
        doc("02营业执照.pdf", LICENCE),
        doc("03审计报告.pdf", "审计报告\n审计意见 会计师事务所 注册会计师 资产负债表 服务收支"),
        doc("04扫描件.pdf", readable=False, problem="PDF 文件已损坏或格式不正确，无法打开，请重新导出后提交"),
        doc("06活动通知.pdf", NOTICE),
    ]
    item = by_file(classify_documents(files))["04扫描件.pdf"]
    assert item.material == M.premises_proof and item.basis == Basis.position
    entry = assess_materials(classify_documents(files))[M.premises_proof]
    assert entry.status == MaterialStatus.unreadable and entry.files == ["04扫描件.pdf"]
    assert any("无法读取" in note and "损坏" in note for note in entry.notes)


def test_a_weak_file_goes_where_it_resembles_for_a_human_to_confirm():
    files = [doc("营业执照.pdf", LICENCE), doc("附件.pdf", "本公司办公场所位于某大厦，面积300平方米，房屋使用情况说明。")]
    items = classify_documents(files)
    item = by_file(items)["附件.pdf"]
    assert item.material == M.premises_proof and item.confirm and "依据较弱" in item.reason
    entry = assess_materials(items)[M.premises_proof]
    assert entry.status == MaterialStatus.present and entry.confirm == ["附件.pdf"]
    assert any("需人工确认" in note for note in entry.notes)


def test_an_unreadable_file_nothing_places_is_the_one_material_missing():
    present = [
        doc("申请报告.docx", "自治区中小企业公共服务示范平台申请报告\n基本情况表"),
        doc("营业执照.pdf", LICENCE),
        doc("审计报告.pdf", "审计报告\n审计意见 会计师事务所 服务收支"),
        doc("人员名单.xlsx", "人员名单\n姓名 学历 职称"),
        doc("设备清单.xlsx", "设备清单\n设备名称 规格型号"),
        doc("服务企业名单.xlsx", "服务企业名单\n企业名称 满意度"),
        doc("活动通知.pdf", NOTICE),
        doc("ICP备案.png", "ICP备案\n备案号"),
        doc("真实性声明.pdf", "真实性声明\n郑重声明"),
        doc("扫描件_005.pdf", readable=False, problem="PDF 文件已加密（需要密码才能打开），请提交未加密的版本"),
    ]
    item = by_file(classify_documents(present))["扫描件_005.pdf"]
    assert item.material == M.premises_proof and item.basis == Basis.completion and item.confirm


def test_what_nothing_places_stays_unplaced_and_is_named():
    from pipeline.check.completeness import unplaced_notes

    items = classify_documents([doc("营业执照.pdf", LICENCE), doc("IMG_2034.pdf", readable=False, problem="损坏"),
                                doc("说明.pdf", readable=False, problem="损坏")])
    unplaced = [c for c in items if c.material is None]
    assert len(unplaced) == 2 and all(c.reason for c in unplaced)
    assert len(unplaced_notes(items)) == 2


def test_list_parts_follow_their_folder():
    items = by_file(classify_documents([
        doc("05清单/人员名单.xlsx", "人员名单\n姓名 学历 职称 身份证号"),
        doc("05清单/设备清单.xlsx", "设备清单\n设备名称 规格型号 购置日期"),
        doc("05清单/扫描件01.jpg", "序号 姓名 职务", kind=FileKind.image, ocr=True),
    ]))
    weak = items["05清单/扫描件01.jpg"]
    assert weak.material == M.resource_lists and weak.part == ListPart.staff_list


def test_an_event_photo_with_a_banner_is_service_evidence():
    [photo] = classify_documents([doc("IMG_5521.jpg", "宁夏中小企业数字化转型诊断服务活动启动仪式暨银企对接会", kind=FileKind.image,
                                      ocr=True)])
    assert photo.material == M.service_evidence and not photo.confirm
