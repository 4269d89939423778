"""Classify: materials by file name and by content keywords, with reasons."""

from __future__ import annotations

from pipeline.classify import classify_document
from pipeline.models import FileKind, ListPart, Location, MaterialType, ReadDocument, TextBlock


def doc(name: str, text: str = "", readable: bool = True) -> ReadDocument:
    blocks = [TextBlock(text=text, loc=Location(page=1))] if text else []
    return ReadDocument(file=name, kind=FileKind.pdf, blocks=blocks, readable=readable)


def test_by_name():
    c = classify_document(doc("营业执照副本.jpg"))
    assert c.material == MaterialType.legal_entity_certificate
    assert "文件名含“营业执照”" in c.reason


def test_by_content_when_the_name_says_nothing():
    c = classify_document(
        doc("扫描件_003.pdf", "房屋租赁合同\n出租方（甲方）：某某\n承租方（乙方）：某某\n租赁期限三年")
    )
    assert c.material == MaterialType.premises_proof
    assert "标题含“房屋租赁合同”" in c.reason


def test_folder_names_count():
    c = classify_document(doc("申报材料/04审计报告/附件.pdf"))
    assert c.material == MaterialType.audit_reports and "文件夹名" in c.reason


def test_resource_list_parts():
    staff = classify_document(doc("附件5.xlsx", "主要管理人员和专业技术人员名单 序号 姓名 性别 身份证号 学历 职称"))
    clients = classify_document(
        doc("附件6.xlsx", "服务企业名单 序号 企业名称 服务内容 服务协议编号 满意度评价 非常满意")
    )
    assert (staff.material, staff.part) == (MaterialType.resource_lists, ListPart.staff_list)
    assert clients.part == ListPart.client_list


def test_application_report_title_beats_mentions_of_other_materials():
    text = "自治区中小企业公共服务示范平台申请报告\n申报单位（盖章）\n" + "附审计报告、租赁合同、营业执照。" * 3
    c = classify_document(doc("附件2.docx", text))
    assert c.material == MaterialType.application_report


def test_unmatched_file_stays_unclassified_with_reason():
    c = classify_document(doc("IMG_2034.jpg"))
    assert c.material is None and c.reason


def test_keyword_inside_a_longer_word_does_not_fire():
    # 设备 is a keyword of the equipment list; inside 设备清单 only the longer word counts once
    c = classify_document(doc("x.pdf", "设备清单"))
    assert c.part == ListPart.equipment_list
    assert "“设备清单”" in c.reason


def test_dictionary_cache_loaded_from_bytes_segments_as_jieba_does(tmp_path):
    import jieba

    from pipeline.classify.keywords import _load_compiled_dictionary

    built = jieba.Tokenizer()
    built.tmp_dir = str(tmp_path)
    built.initialize()  # builds the dictionary and writes jieba.cache into tmp_path
    loaded = jieba.Tokenizer()
    _load_compiled_dictionary(loaded, tmp_path / "jieba.cache")
    assert loaded.initialized and loaded.total == built.total
    text = "宁夏中小企业公共服务示范平台年度审计报告及设备清单"
    assert list(loaded.tokenize(text)) == list(built.tokenize(text))


def test_corrupt_dictionary_cache_is_left_to_jieba(tmp_path):
    import jieba

    from pipeline.classify.keywords import _load_compiled_dictionary

    (tmp_path / "jieba.cache").write_bytes(b"\x00not a marshal dump")
    tokenizer = jieba.Tokenizer()
    _load_compiled_dictionary(tokenizer, tmp_path / "jieba.cache")
    assert not tokenizer.initialized and tokenizer.FREQ == {}
