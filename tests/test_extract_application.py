"""extract_application over a whole application: merged PDFs, page ranges, odd inputs."""

from __future__ import annotations

from pipeline.extract import extract_application
from pipeline.models import Classified, Extraction, FileKind, MaterialType, ReadDocument
from pipeline.reference import field_catalog
from tests.test_extract_support import VALID_USCC, classified, pdf_file


def test_merged_pdf_page_ranges(tmp_path):
    doc = pdf_file(tmp_path / "申报材料合订本.pdf", [
        ["自治区中小企业公共服务示范平台申请报告", "申报单位名称:宁夏某某科技有限公司", "资产总额(万元):150"],
        ["一、平台建设和运营情况", "平台运营良好。"],
        ["营业执照", f"统一社会信用代码 {VALID_USCC}", "名 称 宁夏某某科技有限公司", "法定代表人 王五",
         "成立日期 2019年03月15日", "住 所 宁夏吴忠市利通区开元大道1号"],
        ["审计报告", "我们审计了财务报表，包括2025年12月31日的资产负债表。",
         "我们认为，在所有重大方面按照企业会计准则的规定编制，公允反映了。",
         "宁夏正信会计师事务所(有限公司)"],
        ["资产负债表", "单位：元", "项目 期末余额 年初余额", "资产总计 1,480,000.00 1,200,000.00",
         "负债合计 480,000.00 400,000.00", "所有者权益合计 1,000,000.00 800,000.00"],
    ])
    items = [
        classified(doc, MaterialType.application_report, first=1, last=2),
        classified(doc, MaterialType.legal_entity_certificate, first=3, last=3),
        classified(doc, MaterialType.audit_reports, first=4, last=5),
    ]
    result = extract_application([doc], items)
    f = result.fields
    assert f["total_assets"].value == 1_500_000.0
    assert f["audit.total_assets"].value == 1_480_000.0 and f["audit.total_assets"].source.page == 5
    assert f["licence.uscc"].value == VALID_USCC and f["licence.uscc"].source.page == 3
    assert f["licence.county"].value == "利通区"
    assert "uscc" not in f  # the licence page is not read as 附件2
    assert [n.key for n in result.narratives] == ["operation"]
    assert set(f) <= set(field_catalog().fields)
    Extraction.model_validate(result.model_dump(mode="json"))  # serialisable round trip


def test_unreadable_unclassified_and_missing_documents_are_skipped():
    unreadable = ReadDocument(file="坏.pdf", kind=FileKind.pdf, readable=False, problem="损坏")
    items = [
        Classified(file="坏.pdf", material=MaterialType.audit_reports, readable=False),
        Classified(file="其他.pdf", material=None),
        Classified(file="不存在.pdf", material=MaterialType.application_report),
    ]
    result = extract_application([unreadable], items)
    assert result.fields == {} and result.problems == []


def test_every_value_has_a_source_and_candidates(tmp_path):
    lines = ["申报单位名称:宁夏某某科技有限公司", "用户满意度:92%", "注册地址:宁夏银川市兴庆区1号"]
    doc = pdf_file(tmp_path / "申请报告.pdf", [lines])
    result = extract_application([doc], [classified(doc, MaterialType.application_report)])
    assert result.fields
    for fv in result.fields.values():
        assert fv.source is not None and fv.source.extractor and fv.matched and fv.candidates
    assert result.fields["county"].value == "兴庆区"


def test_a_readable_document_that_yields_nothing_is_reported(tmp_path):
    doc = pdf_file(tmp_path / "附件5.pdf", [["这是一份与模板完全不同的说明文字。"]])
    result = extract_application([doc], [classified(doc, MaterialType.application_report)])
    assert result.fields == {}
    assert result.problems and result.problems[0].startswith("附件5.pdf：未能从申请报告中识别")
