"""Chinese display of field values, rule values, dates and source locations."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from ...models import Source
from ...reference import field_catalog
from .config import labels

MISSING = "未提取到"


def _number(value: float, decimals: int = 2) -> str:
    """1234567.5 -> "1,234,567.5"; trailing zeros dropped, thousands separated."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_money(value: object) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return fmt_generic(value)
    return f"{value / 10000:,.2f}万元（{value:,.2f}元）"


def fmt_ratio(value: object) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return fmt_generic(value)
    return f"{_number(value * 100)}%"


def fmt_date(value: object) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return fmt_generic(value)


def fmt_functions(value: object) -> str:
    if isinstance(value, list):
        return "、".join(labels().of("function", v) for v in value) or "无"
    return fmt_generic(value)


def fmt_generic(value: object) -> str:
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return labels().of("bool", str(value).lower())
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return "、".join(fmt_generic(v) for v in value)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def fmt_typed(value: object, kind: str | None, enum_table: str | None = None) -> str:
    """Format `value` as a field of type `kind` (the types of fields.yaml)."""
    if value is None:
        return MISSING
    if kind == "money":
        return fmt_money(value)
    if kind == "ratio":
        return fmt_ratio(value)
    if kind == "date":
        return fmt_date(value)
    if kind == "functions":
        return fmt_functions(value)
    if kind == "area" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{_number(value)}㎡"
    if kind == "years" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{_number(value, 1)}年"
    if kind == "enum" and enum_table:
        return labels().of(enum_table, value)
    return fmt_generic(value)


def fmt_field(field_id: str, value: object) -> str:
    if field_id in labels().year_fields and isinstance(value, int) and not isinstance(value, bool):
        return f"{value}年"
    spec = field_catalog().fields.get(field_id)
    kind = spec.type if spec else None
    return fmt_typed(value, kind, labels().enum_fields.get(field_id))


def fmt_rule_value(rule_id: str, value: object) -> str:
    kind = labels().rule_value_types.get(rule_id)
    if isinstance(value, str) and value in labels().audit_opinion:
        return labels().of("audit_opinion", value)
    return fmt_typed(value, kind)


def split_ref(ref: str) -> tuple[str, int | None, str]:
    """ "merged.pdf#p6-11" -> ("merged.pdf", 6, "第6-11页"); a plain path -> (path, None, "")."""
    path, sep, pages = ref.rpartition("#p")
    if not sep or not pages or not pages.replace("-", "").isdigit():
        return ref, None, ""
    first = int(pages.split("-")[0])
    return path, first, f"第{pages}页"


def file_href(path: str, page: int | None = None) -> str:
    """Relative link to the copy of a source file under the application folder."""
    href = "files/" + quote(path.replace("\\", "/"), safe="/")
    if page is not None and path.lower().endswith(".pdf"):
        href += f"#page={page}"
    return href


def location_text(source: Source) -> str:
    """第5页 / 表2第3行第2列 / 人员名单!B3; the page is added when `location` lacks it."""
    loc = source.location or ""
    if source.page is not None and f"第{source.page}页" not in loc:
        loc = f"第{source.page}页" + loc
    return loc


def fmt_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# U+2060 WORD JOINER: no line break inside what it joins (Word and LibreOffice honour it; it is
# drawn as nothing). Only where a line may break: inside a date ("2026年|5月|18日") and at the
# hyphen of a phone number or ISO date ("0951-|6038381", "2015-10-2|8"); a plain run of digits
# never breaks, and file names are left as they are (so they can be copied and searched).
WORD_JOINER = "\u2060"
_UNBREAKABLE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{2,4}-\d{2,8}(?:-\d{1,4})?")


def keep_together(text: str) -> str:
    """`text` with a word joiner between the characters of every date, phone number and figure."""
    return _UNBREAKABLE.sub(lambda m: WORD_JOINER.join(m.group()), text)
