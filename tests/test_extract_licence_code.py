"""The licence's credit code: check digit, one-character OCR repair, authority vs unit
nature, region code (old codes included); validity and registered capital."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.extract.licence_code import code_place, nature_conflict, outside_region, read_uscc
from pipeline.models import MaterialType, UnitNature
from tests.test_extract_support import classified, docx_file, pdf_file, valid_uscc

ENTERPRISE = valid_uscc("91640106MA76C8PX4")  # 91640106MA76C8PX4R


def _fields(doc):
    return extract_application([doc], [classified(doc, MaterialType.legal_entity_certificate)]).fields


@pytest.mark.parametrize(
    ("position", "wrong"),
    [(5, "O"), (2, "I"), (8, "Z")],  # 0 read as O, 1 as I, 2 as Z
)
def test_one_confusion_is_repaired_when_unique(position, wrong):
    code = valid_uscc("91640122MA76C8PX4")
    misread = code[: position - 1] + wrong + code[position:]
    parsed = read_uscc(misread)
    assert parsed.value == code
    assert f"第{position}位" in parsed.note and "修正" in parsed.note
    assert parsed.review == [] and parsed.confidence < 1


def test_ambiguous_or_double_errors_are_not_repaired():
    two_bad = "9O64O106MA76C8PX4R"
    parsed = read_uscc(two_bad)
    assert parsed.value == two_bad and parsed.review  # two invalid characters: left for a human
    bad_digit = ENTERPRISE[:-1] + ("A" if ENTERPRISE[-1] != "A" else "B")
    parsed = read_uscc(bad_digit)
    assert parsed.value in (bad_digit, ENTERPRISE)
    if parsed.value == bad_digit:
        assert "校验位" in parsed.review[0]


def test_valid_code_is_kept_as_is():
    assert read_uscc(f"统一社会信用代码 {ENTERPRISE}").value == ENTERPRISE
    assert read_uscc(ENTERPRISE).note is None


@pytest.mark.parametrize(
    ("code", "nature", "conflict"),
    [
        ("91640106MA76C8PX4R", UnitNature.enterprise, False),
        ("91640106MA76C8PX4R", UnitNature.public_institution, True),
        ("12640400MB1234567X", UnitNature.public_institution, False),
        ("51640000MJ7654321Q", UnitNature.social_organization, False),
        ("52640500MJ1122334X", UnitNature.private_non_enterprise, False),
        ("52640500MJ1122334X", UnitNature.enterprise, True),
    ],
)
def test_authority_against_nature(code, nature, conflict):
    assert (nature_conflict(code, nature, "单位性质") is not None) is conflict


def test_region_codes_current_and_old():
    assert code_place(valid_uscc("91640106MA76C8PX4")).county == "金凤区"
    old = code_place(valid_uscc("91640321MA76C8PX4"))  # 中卫县 before 2004
    assert (old.city, old.county, old.old) == ("中卫市", "沙坡头区", True)
    assert outside_region(valid_uscc("91110108MA76C8PX4"))  # Beijing
    assert outside_region(ENTERPRISE) is None


def test_licence_with_misread_code_capital_and_term(tmp_path):
    misread = ENTERPRISE.replace("0", "O", 1)
    doc = pdf_file(
        tmp_path / "执照.pdf",
        [
            [
                "营业执照",
                f"统一社会信用代码 {misread}",
                "名 称 宁夏星河科技有限公司",
                "类 型 有限责任公司",
                "法定代表人 王建国",
                "注册资本 人民币伍佰万元整",
                "成立日期 2019年03月15日",
                "营业期限 2019年03月15日至长期",
                "住 所 宁夏银川市金凤区北京中路168号",
            ]
        ],
    )
    f = _fields(doc)
    assert f["licence.uscc"].value == ENTERPRISE and "修正" in f["licence.uscc"].candidates[0].note
    assert f["licence.registered_capital"].value == 5_000_000
    assert f["licence.valid_from"].value == "2019-03-15" and f["licence.valid_until"].value == "长期"
    assert f["licence.established_date"].value == "2019-03-15" and f["licence.established_date"].confidence == 1


def test_certificate_kind_contradicting_code_goes_to_review(tmp_path):
    doc = docx_file(
        tmp_path / "事业单位法人证书.docx",
        [
            "事业单位法人证书",
            [
                ["统一社会信用代码", ENTERPRISE],
                ["名称", "宁夏某某中心"],
                ["住所", "宁夏银川市兴庆区文化街1号"],
                ["法定代表人", "周七"],
                ["开办资金", "200万元"],
                ["有效期", "自2012年8月20日至2028年12月31日"],
            ],
        ],
    )
    f = _fields(doc)
    assert any("首位" in r for r in f["licence.uscc"].review)
    assert f["licence.valid_until"].value == "2028-12-31"
    assert f["licence.registered_capital"].value == 2_000_000


def test_city_from_code_when_address_names_none(tmp_path):
    code = valid_uscc("12640402MB1234567")
    doc = pdf_file(
        tmp_path / "证书.pdf",
        [["事业单位法人证书", f"统一社会信用代码 {code}", "名 称 某某中心", "住 所 文化路2号", "法定代表人 马晓东"]],
    )
    f = _fields(doc)
    assert (f["licence.city"].value, f["licence.county"].value) == ("固原市", "原州区")
    assert "区划码" in f["licence.city"].candidates[0].note and f["licence.city"].review == []


@pytest.mark.parametrize(
    "lines",
    [
        # 2019 layout read in OCR order: both labels on one line, both values on the next
        ["营业执照", "统一社会信用代码 证照编号", f"16400000201904250071 {ENTERPRISE}", "名 称 宁夏某某科技有限公司"],
        # the 证照编号 printed first and right after the code's label
        ["营业执照", f"统一社会信用代码 证照编号：16400000201904250071 {ENTERPRISE}", "名 称 宁夏某某科技有限公司"],
        # code split by OCR into groups of four
        ["营业执照", "证照编号 16400000201904250071", "统一社会信用代码", " ".join(
            ENTERPRISE[i:i + 4] for i in range(0, 18, 4)), "名 称 宁夏某某科技有限公司"],
    ],
)
def test_the_code_is_the_value_of_its_shape_not_the_text_after_its_label(tmp_path, lines):
    f = _fields(pdf_file(tmp_path / "执照.pdf", [lines]))
    assert f["licence.uscc"].value == ENTERPRISE
    assert f["licence.uscc"].review == []


def test_an_eighteen_digit_licence_number_is_not_taken_for_the_code(tmp_path):
    number = valid_uscc("64010000000123456")  # a licence number that happens to be code-shaped and valid
    lines = ["营业执照", f"证照编号 {number}", f"统一社会信用代码 {ENTERPRISE}"]
    f = _fields(pdf_file(tmp_path / "执照.pdf", [lines]))
    assert f["licence.uscc"].value == ENTERPRISE


def test_no_code_of_the_right_shape_goes_to_review(tmp_path):
    lines = ["营业执照", "统一社会信用代码 9164010 0MA76", "名 称 宁夏某某科技有限公司"]
    f = _fields(pdf_file(tmp_path / "执照.pdf", [lines]))
    assert f["licence.uscc"].value is None and "未找到" in f["licence.uscc"].review[0]
