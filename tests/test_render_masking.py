"""mask_personal hides personal data but leaves amounts, dates and credit codes alone."""

from __future__ import annotations

import pytest

from pipeline.render import mask_personal


@pytest.mark.parametrize(
    ("text", "hidden", "shown"),
    [
        ("身份证号640104199001011234", "640104199001011234", "640104********1234"),
        ("身份证号64010419900101123X。", "64010419900101123X", "640104********123X"),
        ("旧证640104900101123", "640104900101123", "640104*****1123"),
        ("手机13912345678", "13912345678", "139****5678"),
        ("手机 139-1234-5678", "139-1234-5678", "139****5678"),
        ("电话 +86 139 1234 5678", "1234 5678", "****5678"),
        ("电话：0951-6038381", "6038381", "0951-603****"),
        ("（0951）6038381", "6038381", "（0951）603****"),
        ("电话：6038381", "6038381", "电话：603****"),
        ("邮箱 zhang.san@example.com", "zhang.san@", "z***@example.com"),
    ],
)
def test_personal_data_is_masked(text: str, hidden: str, shown: str) -> None:
    masked = mask_personal(text)
    assert hidden not in masked
    assert shown in masked


@pytest.mark.parametrize(
    "text",
    [
        "资产总计 1,523,400.50",
        "资产总计 15000000.00 元",
        "统一社会信用代码 91640100MA76123456",
        "统一社会信用代码 916401007101234567",
        "成立日期 20180510",
        "2026年4月30日",
        "用户满意度 85%",
    ],
)
def test_non_personal_text_is_kept(text: str) -> None:
    assert mask_personal(text) == text


def test_empty_text() -> None:
    assert mask_personal("") == ""
