"""Classify: each document by what it is (material_concepts.yaml), with its reason, runner-up and
what an unplaced file resembles; names that say nothing; lists by what their columns hold."""

from __future__ import annotations

import pytest

from pipeline.classify import classify_document, classify_documents
from pipeline.classify.concepts import concept_catalog
from pipeline.classify.names import path_evidence, says_nothing
from pipeline.models import (
    Basis,
    Cell,
    FileKind,
    ListPart,
    Location,
    MaterialType,
    OcrLine,
    ReadDocument,
    Table,
    TextBlock,
)

M = MaterialType


def doc(name: str, text: str = "", kind: FileKind = FileKind.pdf, readable: bool = True, ocr: bool = False,
        tables: list[Table] | None = None, problem: str | None = None) -> ReadDocument:
    blocks = []
    if text:
        lines = [
            OcrLine(text=line, bbox=[0, 40 * i, 600, 40 * i + (70 if i == 0 else 30)], confidence=0.95)
            for i, line in enumerate(text.splitlines())
        ] if ocr else []
        blocks = [TextBlock(text=text, loc=Location(page=1), origin="ocr" if ocr else "text", ocr_lines=lines)]
    return ReadDocument(file=name, kind=kind, blocks=blocks, readable=readable, tables=tables or [], problem=problem)


def table(rows: list[list[str]], index: int = 1, sheet: str = "Sheet1") -> Table:
    return Table(index=index, sheet=sheet, rows=[[Cell(text=c, loc=Location()) for c in r] for r in rows])


LEASE = ("房屋租赁合同\n出租方（甲方）：宁夏宏泰物业管理有限公司\n承租方（乙方）：宁夏某某科技有限公司\n"
         "第一条 出租方将位于银川市金凤区的房屋出租给承租方使用，租赁面积620平方米\n"
         "第二条 租赁期限自2024年1月1日起至2027年1月1日止\n第三条 月租金为人民币18000元")
PROPERTY = ("不动产权证书\n权利人 宁夏宏泰物业管理有限公司\n共有情况 单独所有\n坐落 宁夏银川市金凤区北京中路168号\n"
            "不动产单元号 640106003012GB00021F00010023\n权利类型 国有建设用地使用权/房屋所有权\n用途 办公")
USE_CERT = "场地使用证明\n兹证明宁夏某某科技有限公司在我园区3号楼办公，使用面积300平方米，该场地由我单位无偿提供。\n特此证明。"
LICENCE = ("营业执照\n统一社会信用代码 91640100MA76ABCD5D\n名称 宁夏某某科技有限公司\n类型 有限责任公司\n"
           "法定代表人 王建国\n经营范围 信息技术咨询服务\n注册资本 伍佰万元整\n成立日期 2017年06月12日\n登记机关 银川市市场监督管理局")
DECLARATION = ("申报材料真实性声明\n我单位郑重声明：所提交的营业执照、审计报告、房屋租赁合同等申报材料真实、准确、完整，"
               "如有虚假，愿意承担相应的法律责任。\n法定代表人（签字）")
PLEDGE = "诚信承诺书\n本单位郑重承诺：所提交的申报材料真实、有效，如有虚假，愿意承担相应的法律责任。"
REPORT = ("自治区中小企业公共服务示范平台申请报告\n申报单位（盖章）：宁夏某某科技有限公司\n一、基本情况表\n"
          + "附审计报告、房屋租赁合同、营业执照、人员名单、设备清单。" * 3 + "\n二、功能指标\n三、特色和示范作用")
ICP = ("ICP/IP地址/域名信息备案管理系统\n主办单位名称 宁夏某某科技有限公司\n主办单位性质 企业\n"
       "网站备案号 宁ICP备2022000318号-1\n网站名称 某某平台\n审核日期 2022-05-16")
CREDENTIAL = ("专业技术资格证书\n姓名 王建国\n资格名称 工程师\n专业名称 计算机应用技术\n评审通过时间 2019年12月\n"
              "宁夏回族自治区人力资源和社会保障厅")
QUALIFICATION = "人力资源服务许可证\n单位名称 宁夏某某科技有限公司\n许可范围 职业中介\n有效期至 2028年5月\n发证机关 宁夏人力资源和社会保障厅"
AGREEMENT = ("服务协议书\n委托方（甲方）：宁夏华兴科技有限公司\n服务方（乙方）：宁夏某某科技有限公司\n"
             "一、服务内容：政策咨询和融资对接\n二、服务期限：一年\n三、服务费用：公益性服务不收费")
AUDIT_NOTES = ("审计报告\n宁正审字〔2026〕第0312号\n一、审计意见\n我们审计了宁夏某某科技有限公司财务报表……\n"
               "会计师事务所 注册会计师\n资产负债表 利润表\n十二、租赁\n本公司作为承租人的经营租赁，租赁期限三年，租金按季支付。")
NOTICE = ("关于举办2025年中小企业政策宣讲会的通知\n各有关企业：平台定于2025年4月18日在报告厅举办政策宣讲会，"
          "请各企业安排负责人参会，并于活动前3日报名。\n活动时间：4月18日 活动地点：平台一楼")


@pytest.mark.parametrize(
    ("name", "text", "kind", "material", "part"),
    [
        ("扫描全能王 2026-03-02 10.15.pdf", LEASE, FileKind.pdf, M.premises_proof, None),
        ("IMG_20260301_093012.jpg", PROPERTY, FileKind.image, M.premises_proof, None),
        ("附件4.pdf", USE_CERT, FileKind.pdf, M.premises_proof, None),
        ("微信图片_20250312153012.jpg", LICENCE, FileKind.image, M.legal_entity_certificate, None),
        ("扫描件_008.pdf", DECLARATION, FileKind.pdf, M.authenticity_declaration, None),  # mentions the licence
        ("声明.pdf", PLEDGE, FileKind.pdf, M.authenticity_declaration, None),
        ("附件2.docx", REPORT, FileKind.docx, M.application_report, None),  # mentions every other material
        ("Screenshot_2026.png", ICP, FileKind.image, M.qualifications, None),
        ("DSC_0012.jpg", CREDENTIAL, FileKind.image, M.resource_lists, ListPart.staff_list),  # a person's title
        ("mmexport1741766512345.jpg", QUALIFICATION, FileKind.image, M.qualifications, None),  # the unit's licence
        ("协议01.pdf", AGREEMENT, FileKind.pdf, M.resource_lists, ListPart.client_list),  # 甲方乙方期限, not a lease
        ("Scan_0007.pdf", AUDIT_NOTES, FileKind.pdf, M.audit_reports, None),  # its notes speak of 租赁
        ("Scan_0009.pdf", NOTICE, FileKind.pdf, M.service_evidence, None),
    ],
)
def test_documents_are_placed_by_what_they_are(name, text, kind, material, part):
    c = classify_document(doc(name, text, kind, ocr=kind == FileKind.image))
    assert (c.material, c.part) == (material, part), c.reason
    assert c.basis == Basis.content and "标题" in c.reason


@pytest.mark.parametrize(
    ("title", "material", "part"),
    [
        ("孵化器入驻合同", M.premises_proof, None),  # no listed title: 入驻 … 合同
        ("房屋无偿借用协议书", M.premises_proof, None),
        ("从事中小企业服务人员名单", M.resource_lists, ListPart.staff_list),  # 人员名单, not 企业…名单
        ("2025年度服务客户一览表", M.resource_lists, ListPart.client_list),
        ("软硬件资产统计表", M.resource_lists, ListPart.equipment_list),
        ("关于推荐某某平台的函", M.recommendation_form, None),
    ],
)
def test_unforeseen_titles_are_read_by_how_they_are_composed(title, material, part):
    c = classify_document(doc("扫描件_011.pdf", f"{title}\n第一条 甲乙双方约定如下"))
    assert (c.material, c.part) == (material, part), c.reason


def test_ocr_text_records_why_it_was_needed():
    scanned = classify_document(doc("扫描全能王 2026-03-02 10.15.jpg", LEASE, FileKind.image, ocr=True))
    named = classify_document(doc("营业执照.jpg", LICENCE, FileKind.image, ocr=True))
    assert scanned.ocr and scanned.text_needed_for == ["classification"]  # the name said nothing
    assert "classification" not in named.text_needed_for  # the name alone placed it
    assert "fields" in named.text_needed_for  # the licence's fields are read from its text


@pytest.mark.parametrize(
    ("name", "material"),
    [
        ("营业执照副本.jpg", M.legal_entity_certificate),
        ("中宁县创业就业培训学校营业执照.jpg", M.legal_entity_certificate),  # the unit's name says 培训
        ("04租赁合同.pdf", M.premises_proof),
        ("房产证.jpg", M.premises_proof),
        ("03-2服务收支专项审计.pdf", M.audit_reports),
        ("ICP备案截图.png", M.qualifications),
        ("承诺书.pdf", M.authenticity_declaration),
        ("附件1推荐表.docx", M.recommendation_form),
    ],
)
def test_unreadable_files_keep_what_their_name_says(name, material):
    c = classify_document(doc(name, readable=False, problem="文件已损坏"))
    assert c.material == material and not c.readable and c.basis == Basis.name, c.reason


def test_a_close_call_records_the_runner_up():
    c = classify_document(doc("附件.pdf", "营业执照\n统一社会信用代码 登记机关 经营范围\n郑重声明 承担相应的法律责任"))
    assert c.runner_up is not None and c.runner_up.material != c.material
    assert "接近" in c.reason


def test_nothing_fits_says_what_it_resembles():
    weak = classify_document(doc("说明.pdf", "本页说明：相关场地情况另附。"))
    assert weak.material is None and weak.resembles is not None
    assert "最接近" in weak.reason
    blank = classify_document(doc("IMG_2034.jpg", kind=FileKind.image, readable=False, problem="损坏"))
    assert blank.material is None and blank.resembles is None
    assert "自动生成的名称" in blank.reason


@pytest.mark.parametrize(
    "name",
    ["IMG_4471.JPG", "微信图片_20250312153012", "CamScanner 03-12-2025 10.21", "扫描件_003", "Scan_0007",
     "mmexport1741766512345", "新建 Microsoft Excel 工作表", "扫描全能王 2026-03-02 10.15", "附件5", "DSC_0012",
     "Screenshot_20260301-101500", "QQ图片20250101", "新建文件夹"],
)
def test_names_that_say_nothing(name):
    assert says_nothing(name)


@pytest.mark.parametrize("name", ["营业执照", "04租赁合同", "活动照片1", "附件2申请报告", "人员名单（2025）"])
def test_names_that_say_something(name):
    assert not says_nothing(name)


@pytest.mark.parametrize(
    ("path", "number", "folder_number"),
    [("04租赁合同.pdf", 4, None), ("3.审计报告/审计报告（2025年）.pdf", None, 3), ("（五）清单/设备.xlsx", None, 5),
     ("附件8真实性声明.pdf", 8, None), ("05-2人员名单.xlsx", 5, None), ("2025年度审计报告.pdf", None, None)],
)
def test_item_numbers_are_read_from_names_and_folders(path, number, folder_number):
    ev = path_evidence(path)
    assert (ev.number, ev.folder_number) == (number, folder_number)


def test_package_folders_say_nothing_but_material_folders_do():
    assert classify_document(doc("申报材料/电子版/附件.pdf")).material is None
    own = classify_document(doc("申报材料/04场所证明/附件.pdf"))
    assert own.material is None and own.resembles.material == M.premises_proof  # weak on its own
    [c] = classify_documents([doc("申报材料/04场所证明/附件.pdf")])
    assert c.material == M.premises_proof and c.basis == Basis.folder and "文件夹“04场所证明”" in c.reason


@pytest.mark.parametrize(
    ("rows", "part"),
    [
        ([["序", "名称", "规格", "台数"], ["1", "戴尔服务器", "R740", "2"], ["2", "联想台式电脑", "M720", "20"],
          ["3", "投影仪", "EB-X51", "3"], ["4", "激光打印机", "HP-M1005", "4"]], ListPart.equipment_list),
        ([["序号", "名字", "文化程度", "技术等级"], ["1", "王建国", "本科", "高级工程师"], ["2", "李娜", "硕士", "经济师"],
          ["3", "张伟", "大专", "会计师"], ["4", "马晓燕", "本科", "助理工程师"]], ListPart.staff_list),
        ([["序号", "单位", "联系人", "评价"], ["1", "宁夏华兴科技有限公司", "王磊", "很满意"],
          ["2", "银川市恒达商贸有限公司", "李强", "满意"], ["3", "宁夏绿源农业合作社", "马红", "满意"],
          ["4", "吴忠市鑫源机械厂", "张杰", "基本满意"]], ListPart.client_list),  # a column of people too
    ],
)
def test_lists_are_recognised_by_what_their_columns_hold(rows, part):
    c = classify_document(doc("新建 Microsoft Excel 工作表.xlsx", kind=FileKind.xlsx, tables=[table(rows)]))
    assert (c.material, c.part) == (M.resource_lists, part)
    assert c.basis == Basis.columns and "列" in c.reason


def test_a_workbook_with_two_lists_is_two_parts():
    staff = table([["姓名", "学历", "职称"], ["王建国", "本科", "工程师"], ["李娜", "硕士", "经济师"], ["张伟", "大专", "会计师"]],
                  1, "团队")
    clients = table([["企业", "满意度"], ["宁夏华兴科技有限公司", "满意"], ["银川市恒达商贸有限公司", "满意"],
                     ["宁夏绿源农业合作社", "非常满意"]], 2, "企业")
    items = classify_documents([doc("附件5.xlsx", kind=FileKind.xlsx, tables=[staff, clients])])
    assert {(c.file, c.part) for c in items} == {("附件5.xlsx", ListPart.staff_list), ("附件5.xlsx", ListPart.client_list)}


def test_concept_catalogue_covers_every_material_and_part():
    catalog = concept_catalog()
    assert {c.material for c in catalog.concepts.values()} == set(MaterialType)
    assert {c.part for c in catalog.concepts.values() if c.part} == set(ListPart)
    for cid, concept in catalog.concepts.items():
        assert concept.proves and concept.titles and concept.strong, cid


def test_a_report_ending_with_its_declaration_counts_for_both():
    blocks = [TextBlock(text=t, loc=Location(paragraph=n)) for n, t in enumerate([
        "自治区中小企业公共服务示范平台申请报告", "一、基本情况表", "二、功能指标", "三、特色和示范作用",
        "申报材料真实性声明", "我单位郑重声明：所提交的申报材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。",
        "特此声明。", "法定代表人（签字）"], 1)]
    report = ReadDocument(file="申请报告.docx", kind=FileKind.docx, blocks=blocks)
    items = classify_documents([report])
    assert {c.material for c in items} == {M.application_report, M.authenticity_declaration}
    assert all(c.file == "申请报告.docx" for c in items)


def test_a_report_naming_an_attachment_is_not_that_attachment():
    blocks = [TextBlock(text=t, loc=Location(paragraph=n)) for n, t in enumerate([
        "自治区中小企业公共服务示范平台申请报告", "一、基本情况表", "附件：营业执照副本", "二、功能指标",
        "平台建设和运营情况：本平台开展服务活动……"], 1)]
    items = classify_documents([ReadDocument(file="申请报告.docx", kind=FileKind.docx, blocks=blocks)])
    assert [c.material for c in items] == [M.application_report]


def test_a_departments_recognition_notice_is_a_qualification():
    """'关于认定……为……的通知': a 公文 title names what it does first and its kind last, however
    long the name between; a recognition is a qualification (第（七）项), not service evidence."""
    from pipeline.classify import classify_documents
    from pipeline.models import FileKind, Location, ReadDocument, TextBlock

    text = ("宁夏回族自治区科学技术厅\n关于认定宁夏某某科技有限公司为自治区级科技企业孵化器的通知\n宁科发〔2024〕12号\n"
            "各有关单位：\n根据有关规定，经专家评审和公示，现认定宁夏某某科技有限公司为自治区级科技企业孵化器。\n特此通知。")
    doc = ReadDocument(file="认定文件.pdf", kind=FileKind.pdf, page_count=1, blocks=[TextBlock(text=text, loc=Location(page=1))])
    [item] = classify_documents([doc])
    assert item.material == MaterialType.qualifications and not item.confirm
    training = text.replace("关于认定宁夏某某科技有限公司为自治区级科技企业孵化器的通知", "关于举办2025年中小企业融资对接培训班的通知")
    doc = doc.model_copy(update={"blocks": [TextBlock(text=training, loc=Location(page=1))]})
    assert classify_documents([doc])[0].material != MaterialType.qualifications
