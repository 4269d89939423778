"""Licences and legal-person certificates (text layer)."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import MaterialType
from tests.test_extract_support import VALID_USCC, classified, docx_file, pdf_file, valid_uscc


def _fields(doc):
    return extract_application([doc], [classified(doc, MaterialType.legal_entity_certificate)]).fields


def test_enterprise_licence_with_spaced_labels(tmp_path):
    doc = pdf_file(tmp_path / "营业执照.pdf", [[
        "营 业 执 照", "(副 本)", f"统一社会信用代码 {VALID_USCC}", "名 称 宁夏某某科技有限公司",
        "类 型 有限责任公司(自然人投资或控股)", "法定代表人 王五", "注册资本 伍佰万元整", "成立日期 2019年03月15日",
        "营业期限 2019年03月15日 至 长期", "住 所 宁夏银川市金凤区北京中路168号",
        "经营范围 信息技术咨询服务；企业管理咨询。", "登记机关 银川市市场监督管理局",
    ]])
    f = _fields(doc)
    assert f["licence.name"].value == "宁夏某某科技有限公司"
    assert f["licence.uscc"].value == VALID_USCC and f["licence.uscc"].review == []
    assert f["licence.type"].value == "有限责任公司（自然人投资或控股）"  # Chinese brackets restored
    assert f["licence.legal_representative"].value == "王五"
    assert f["licence.established_date"].value == "2019-03-15"
    assert f["licence.address"].value == "宁夏银川市金凤区北京中路168号"
    assert (f["licence.city"].value, f["licence.county"].value) == ("银川市", "金凤区")
    assert f["licence.is_branch"].value is False
    assert f["licence.uscc"].source.page == 1


def test_two_labels_per_line_and_colons(tmp_path):
    doc = pdf_file(tmp_path / "执照.pdf", [[
        "营业执照", f"统一社会信用代码：{VALID_USCC}  名称：宁夏某某信息技术有限公司",
        "类型：有限责任公司  法定代表人：李四", "注册资本：壹佰万元整  成立日期：2021年7月1日",
        "住所：宁夏中卫市沙坡头区鼓楼东街9号",
    ]])
    f = _fields(doc)
    assert f["licence.name"].value == "宁夏某某信息技术有限公司"
    assert f["licence.legal_representative"].value == "李四"
    assert f["licence.established_date"].value == "2021-07-01"
    assert (f["licence.city"].value, f["licence.county"].value) == ("中卫市", "沙坡头区")


@pytest.mark.parametrize(
    ("lines", "word"),
    [
        (["名 称 宁夏某某科技有限公司西吉分公司", "类 型 有限责任公司分公司", "负责人 赵六",
          "营业场所 宁夏固原市西吉县吉强镇新华街1号"], "分公司"),
        (["名 称 宁夏某某服务站", "类 型 其他", "负责人 赵六", "营业场所 宁夏固原市西吉县吉强镇新华街1号"], "负责人"),
    ],
)
def test_branch(tmp_path, lines, word):
    page = ["营业执照", f"统一社会信用代码 {VALID_USCC}", *lines, "成立日期 2020年5月6日"]
    doc = pdf_file(tmp_path / "执照.pdf", [page])
    f = _fields(doc)
    assert f["licence.is_branch"].value is True
    assert word in f["licence.is_branch"].matched
    assert f["licence.legal_representative"].value == "赵六"
    assert f["licence.county"].value == "西吉县"


def test_invalid_code_goes_to_review(tmp_path):
    bad = VALID_USCC[:-1] + "X"
    f = _fields(pdf_file(tmp_path / "执照.pdf", [["营业执照", f"统一社会信用代码 {bad}", "名 称 宁夏某某公司"]]))
    assert f["licence.uscc"].value == bad
    assert "校验位" in f["licence.uscc"].review[0]


def test_public_institution_certificate_in_a_word_table(tmp_path):
    code = valid_uscc("12640000455000001")
    doc = docx_file(tmp_path / "事业单位法人证书.docx", [
        "事业单位法人证书",
        [["统一社会信用代码", code], ["名称", "宁夏某某技术服务中心"], ["宗旨和业务范围", "为中小企业提供技术服务。"],
         ["住所", "宁夏石嘴山市大武口区朝阳西街2号"], ["法定代表人", "周七"], ["开办资金", "￥200万元"],
         ["举办单位", "宁夏回族自治区工业和信息化厅"], ["有效期", "自2012年8月20日至2028年12月31日"]],
    ])
    f = _fields(doc)
    assert f["licence.uscc"].value == code
    assert f["licence.name"].value == "宁夏某某技术服务中心"
    assert f["licence.type"].value == "事业单位法人证书"
    assert (f["licence.city"].value, f["licence.county"].value) == ("石嘴山市", "大武口区")
    assert f["licence.is_branch"].value is False
    assert f["licence.sponsor"].value == "宁夏回族自治区工业和信息化厅"
    assert f["licence.valid_from"].value == "2012-08-20" and f["licence.valid_until"].value == "2028-12-31"
    assert "licence.established_date" not in f  # the certificate's validity is no founding date


@pytest.mark.parametrize(
    ("lines", "start", "end"),
    [
        (["有效期至 2030年5月31日"], None, "2030-05-31"),
        (["有效期限 自2015年6月1日", "至2030年5月31日"], "2015-06-01", "2030-05-31"),
        (["有效期 2015.06.01-2030.05.31"], "2015-06-01", "2030-05-31"),
        (["有效期", "自2016年09月20日至2031年09月19日"], "2016-09-20", "2031-09-19"),
    ],
)
def test_certificate_validity_in_its_written_forms(tmp_path, lines, start, end):
    doc = pdf_file(tmp_path / "证书.pdf", [["事业单位法人证书", f"统一社会信用代码 {VALID_USCC}",
                                          "名 称 宁夏某某服务中心", *lines]])
    f = _fields(doc)
    assert (f["licence.valid_from"].value if "licence.valid_from" in f else None) == start
    assert f["licence.valid_until"].value == end


@pytest.mark.parametrize(
    ("lines", "valid_from", "valid_until"),
    [
        (["名·称 宁夏某某科技有限公司", "营业期限 2019年03月15日至2039年03月14日"], "2019-03-15", "2039-03-14"),
        (["营业期限", "2019年03月15日", "至 2039年03月14日"], "2019-03-15", "2039-03-14"),  # OCR: three boxes
        (["有效期截止日期 2025年12月31日"], None, "2025-12-31"),  # the end only, never the start
    ],
)
def test_validity_as_ocr_and_other_forms_give_it(tmp_path, lines, valid_from, valid_until):
    page = ["营业执照", f"统一社会信用代码 {VALID_USCC}", "成立日期 2019年03月15日", *lines, "住所 宁夏银川市金凤区北京中路168号"]
    f = _fields(pdf_file(tmp_path / "执照.pdf", [page]))
    assert f["licence.valid_until"].value == valid_until
    assert (f["licence.valid_from"].value if "licence.valid_from" in f else None) == valid_from
    if "名·称" in lines[0]:
        assert f["licence.name"].value == "宁夏某某科技有限公司"
