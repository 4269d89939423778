"""Value parsing, places, masking and list vocabularies as tables."""

from __future__ import annotations

import pytest

from pipeline.extract import patterns
from pipeline.extract.concepts import interpret
from pipeline.extract.identity import parse_uscc
from pipeline.extract.lists import qualification, satisfaction
from pipeline.extract.regions import locate
from pipeline.extract.values import parse
from tests.test_extract_support import VALID_USCC


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("150万元", None, 1_500_000.0),
        ("1,500,000.00元", None, 1_500_000.0),
        ("1,500,000.00", None, 1_500_000.0),
        ("壹佰伍拾万元", None, 1_500_000.0),
        ("人民币壹佰伍拾万元整", None, 1_500_000.0),
        ("壹拾万零叁仟元", None, 103_000.0),
        ("150", "万元", 1_500_000.0),
        ("150.5", "万元", 1_505_000.0),
        ("1.2亿", None, 120_000_000.0),
        ("1.2亿元", None, 120_000_000.0),
        ("３００万元", None, 3_000_000.0),
        ("500千元", None, 500_000.0),
    ],
)
def test_money(text, unit, expected):
    parsed = parse("money", text, unit)
    assert parsed.value == pytest.approx(expected)
    assert parsed.review == []


@pytest.mark.parametrize(
    ("text", "unit", "review_word"),
    [
        ("1500000", "万元", "疑似以元填写"),
        ("150", None, "未注明单位"),
    ],
)
def test_implausible_money_goes_to_review(text, unit, review_word):
    parsed = parse("money", text, unit)
    assert any(review_word in r for r in parsed.review)


@pytest.mark.parametrize(
    ("text", "unit", "label", "expected"),
    [
        ("85%", None, "用户满意度", 0.85),
        ("85.5％", None, "用户满意度", 0.855),
        ("0.85", None, "用户满意度", 0.85),
        ("85", "%", "公益性服务占比", 0.85),
        ("85", None, "公益性服务占比", 0.85),
        ("92分", None, "用户满意度", 0.92),
        ("4.5分（满分5分）", None, "满意度", 0.9),
        ("100%", None, "用户满意度", 1.0),
    ],
)
def test_ratio(text, unit, label, expected):
    assert parse("ratio", text, unit, label).value == pytest.approx(expected)


def test_score_only_counts_for_satisfaction_and_overflow_is_flagged():
    assert parse("ratio", "92分", None, "公益性或低收费服务占比").value is None
    over = parse("ratio", "120%", None, "用户满意度")
    assert over.review and "超出" in over.review[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年3月15日", "2019-03-15"),
        ("2019年03月15日", "2019-03-15"),
        ("2019-03-15", "2019-03-15"),
        ("2019.3.15", "2019-03-15"),
        ("2019/3/15", "2019-03-15"),
        ("2019年3月", "2019-03-01"),
        ("二〇一九年三月十五日", "2019-03-15"),
        ("成立于2019 年 3 月 15 日", "2019-03-15"),
    ],
)
def test_dates(text, expected):
    assert parse("date", text).value == expected


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("count", "120家", 120),
        ("count", "1,200人次", 1200),
        ("count", "35 人", 35),
        ("count", "十二次", 12),
        ("area", "800㎡", 800.0),
        ("area", "800平方米", 800.0),
        ("area", "1,250.5 m²", 1250.5),
        ("bool", "☑有 □无", True),
        ("bool", "□有 ☑无", False),
        ("bool", "已备案", True),
        ("bool", "否", False),
        ("enum", "☑企业 □事业单位 □社会团体 □民办非企业单位", "enterprise"),
        ("enum", "□企业 ■事业单位 □社会团体", "public_institution"),
        ("enum", "企业□ 社会团体√", "social_organization"),
        ("enum", "民办非企业单位", "private_non_enterprise"),
        ("enum", "有限责任公司", "enterprise"),
        ("functions", "☑信息服务 □技术服务 ☑培训服务 √融资服务", ["information", "training", "financing"]),
        ("functions", "信息服务、培训服务", ["information", "training"]),
        ("functions", "信息服务✓ 技术服务□ 市场服务✔", ["information", "market"]),
        ("text", "宁夏某某科技有限公司（盖章）", "宁夏某某科技有限公司"),
        ("text", "宁夏某某会计师事务所(特殊普通合伙)", "宁夏某某会计师事务所（特殊普通合伙）"),
    ],
)
def test_other_types(kind, text, expected):
    assert parse(kind, text).value == expected


def test_two_checked_natures_go_to_review():
    parsed = parse("enum", "☑企业 ☑事业单位")
    assert parsed.review


@pytest.mark.parametrize(
    ("label", "field_id", "unit"),
    [
        ("资产总额（万元）", "total_assets", "万元"),
        ("资产总额(单位：万元)", "total_assets", "万元"),
        ("资 产 总 额：", "total_assets", None),
        ("申报单位（盖章）", "unit_name", None),
        ("服务场所面积（㎡）", "premises_area", "m2"),
        ("用户满意度（%）", "satisfaction_rate", "%"),
        ("上年度营业收入（元）", "revenue", "元"),
        ("其中：大专及以上学历人数", "staff_college_or_above", None),
    ],
)
def test_labels_are_matched_tolerantly(label, field_id, unit):
    reading = interpret(label)
    assert reading.target == field_id
    assert reading.label.unit == unit


@pytest.mark.parametrize(
    ("text", "city", "county"),
    [
        ("宁夏回族自治区银川市金凤区北京中路168号", "银川市", "金凤区"),
        ("宁夏固原市西吉县吉强镇", "固原市", "西吉县"),
        ("西吉县吉强镇", "固原市", "西吉县"),
        ("吴忠市红寺堡区", "吴忠市", "红寺堡区"),
        ("宁夏银川市同心路88号", "银川市", None),
        ("宁夏宁东能源化工基地企业总部大楼", "宁东能源化工基地", None),
        ("中卫市沙坡头区", "中卫市", "沙坡头区"),
        ("平罗县", "石嘴山市", "平罗县"),
    ],
)
def test_places(text, city, county):
    place = locate(text)
    assert (place.city, place.county) == (city, county)


def test_uscc_check_digit():
    assert parse_uscc(VALID_USCC).review == []
    bad = parse_uscc(VALID_USCC[:-1] + "X")
    assert bad.value == VALID_USCC[:-1] + "X" and "校验位" in bad.review[0]


def test_masks():
    assert patterns.mask_personal("640104198503151238") == "640104********1238"
    assert patterns.mask_personal("13912345678") == "139****5678"
    assert patterns.mask_personal("0951-6012345") == "0951-***2345"


@pytest.mark.parametrize(
    ("education", "title", "expected"),
    [
        ("本科", "高级工程师", (True, True)),
        ("大专", "助理工程师", (True, False)),
        ("高中", "中级经济师", (False, True)),
        ("中专", "无", (False, False)),
        ("硕士研究生", "", (True, False)),
        ("大专在读", "初级", (False, False)),
        ("大学本科", "讲师", (True, True)),
    ],
)
def test_qualification(education, title, expected):
    assert qualification(education, title) == expected


@pytest.mark.parametrize(
    ("text", "scale", "expected"),
    [
        ("非常满意", None, True),
        ("满意", None, True),
        ("基本满意", None, False),
        ("不满意", None, False),
        ("95", None, True),
        ("75", None, False),
        ("4", 5.0, True),
        ("3", 5.0, False),
        ("", None, None),
    ],
)
def test_satisfaction_words_and_scores(text, scale, expected):
    assert satisfaction(text, scale) is expected


# ---------------------------------------------------------------- unsure readings are flagged
@pytest.mark.parametrize(
    "text, expected",
    [("百分之八十五", 0.85), ("百分之九十二点五", 0.925), ("85.5％", 0.855), ("0.85", 0.85), ("85%", 0.85)],
)
def test_percent_notations(text, expected):
    parsed = parse("ratio", text, None, "用户满意度")
    assert parsed.value == pytest.approx(expected) and parsed.review == []


def test_bare_number_in_ratio_field_is_read_as_percent_but_flagged():
    parsed = parse("ratio", "85", None, "用户满意度")
    assert parsed.value == pytest.approx(0.85)
    assert parsed.confidence < 0.7 and any("未标注%" in r for r in parsed.review)


def test_implausible_ratio_and_money_magnitude_are_flagged():
    assert parse("ratio", "850%", None, "用户满意度").review
    assert parse("money", "1500000", "万元", "资产总额").review  # 万元 label, a value written in 元
    assert parse("money", "150", None, "资产总额").review  # no unit: 150 元 is implausible


def test_capital_and_small_amounts_cross_checked():
    ok = parse("money", "3,256,800.00元（大写：人民币叁佰贰拾伍万陆仟捌佰元整）", None, "资产总额")
    assert ok.value == 3256800.0 and ok.review == []
    bad = parse("money", "3,256,800.00元（大写：人民币叁佰贰拾万元整）", None, "资产总额")
    assert bad.review and bad.confidence <= 0.5
    assert parse("money", "人民币伍佰万元整", None, "注册资本").value == 5_000_000.0


@pytest.mark.parametrize(
    "text",
    ["□企业 事业单位 □社会团体 □民办非企业单位", "企业□ 事业单位☑ 社会团体□", "□企业 ☑事业单位 □社会团体", "事业单位"],
)
def test_unit_nature_with_and_without_a_readable_tick(text):
    assert parse("enum", text, None, "单位性质").value == "public_institution"


def test_functions_with_lost_ticks_and_line_breaks():
    parsed = parse("functions", "信息服务 技术服务 □创业服务 □融资服\n务 □市场服务", None, "申报功能")
    assert parsed.value == ["information", "technology"] and parsed.confidence < 1
    assert parse("functions", "□信息服务 □技术服务", None, "申报功能").value == []


def test_a_ticked_list_whose_first_option_lost_its_box_goes_to_review():
    """OCR dropped the box before the first option: ticked or not is unknown — never guessed."""
    parsed = parse("functions", "信息服务 ☑技术服务 ☑培训服务 □融资服务 □市场服务", None, "申报功能")
    assert parsed.value == ["technology", "training"]
    assert parsed.confidence < 0.8 and any("信息服务" in r and "方框" in r for r in parsed.review)
    assert not parse("functions", "☑信息服务 ☑技术服务 □融资服务", None, "申报功能").review


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2018-05-16", "2018-05-16"),
        ("2018.05.16", "2018-05-16"),
        ("2018/5/16", "2018-05-16"),
        ("2018年05月16日", "2018-05-16"),
        ("二〇一八年五月十六日", "2018-05-16"),
    ],
)
def test_date_notations(text, expected):
    assert parse("date", text, None, "成立时间").value == expected


@pytest.mark.parametrize("text, expected", [("35人", 35), ("86家", 86), ("820人次", 820), ("6次", 6), ("三十五", 35)])
def test_count_notations(text, expected):
    assert parse("count", text, None, "服务人员数").value == expected


@pytest.mark.parametrize(
    ("label", "field", "unit"),
    [
        ("公益性（低收费）服务比例", "public_benefit_share", None),
        ("服务场所建筑面积（㎡）", "premises_area", "m2"),
        ("企业（单位）名称", "unit_name", None),
        ("成立（注册）时间", "established_date", None),
        ("资 产 总 额（万元）", "total_assets", "万元"),
        ("上年末资产总额", "total_assets", None),
    ],
)
def test_labels_with_bracketed_words_and_units(label, field, unit):
    reading = interpret(label)
    assert reading.target == field and reading.label.unit == unit


def test_bracketed_value_is_not_a_label():
    assert interpret("是（已备案）") is None
