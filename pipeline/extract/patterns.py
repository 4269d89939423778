"""Every regular expression of the extract stage, and the matchers built from labels.yaml.

Other extract modules call the helpers here; they compile no pattern of their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .config import labels

# Characters ignored when comparing labels: whitespace and punctuation of both widths.
_NOISE = re.compile(r"[\s:：;；,，、.。．·•\-—_*＊#\"'“”‘’《》<>【】\[\]{}|/\\?？!！~～]+")
_BRACKET = re.compile(r"[(（]([^()（）]*)[)）]")
_NUMBER_TEXT = r"[-−]?\d[\d,，]*(?:\.\d+)?"
NUMBER = re.compile(_NUMBER_TEXT)
_AMOUNT = re.compile(r"(?P<num>" + _NUMBER_TEXT + r")\s*(?P<unit>百万元|千元|万元|亿元|万|亿|元)?")
_CN_DIGITS = "零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟两点"
CN_NUMBER = re.compile(f"[{_CN_DIGITS}]+")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年./\-]\s*(?P<m>\d{1,2})\s*(?:[月./\-]\s*(?P<d>\d{1,2})\s*日?|月|(?![\d]))"
)
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?:(?P<d>[一二三四五六七八九十]{1,3})日)?"
)
_YEAR_ONLY = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年?度?$")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年")
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*%")
_SCORE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*分(?:.*?满分\s*(?P<full>\d+))?")
_FULL_SCORE = re.compile(r"满分\s*(\d+)")
_USCC = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?![\dXx])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}[-－]?)(\d{3,4})(\d{4})(?!\d)")
_HEADING_NUMBER = [
    ("chapter", re.compile(r"^第[一二三四五六七八九十]+[章部分节篇条]\s*")),
    ("cn", re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*")),
    ("paren", re.compile(r"^[(（][一二三四五六七八九十]+[)）]\s*")),
    ("arabic", re.compile(r"^\d{1,2}\s*[、.．](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^[(（]\d{1,2}[)）]\s*")),
]
_ROW_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十\d]+[)）]"
    r"|加[:：]|减[:：]|其中[:：]|\s)+"
)
_DASH_VALUE = re.compile(r"^[-−—–]+$")
_PAREN_NEGATIVE = re.compile(r"^[(（](" + _NUMBER_TEXT + r")[)）]$")


def norm(text: str) -> str:
    """Comparison key: NFKC, no whitespace or punctuation (brackets kept)."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or ""))


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff）(（)])\s+(?=[\u4e00-\u9fff（(）)])")


def join_cjk(text: str) -> str:
    """'张 三' → '张三': spaces between Chinese characters are layout, not content."""
    return _CJK_GAP.sub("", text)


def cjk_brackets(text: str) -> str:
    """Chinese names use full-width brackets; NFKC made them half-width."""
    return text.replace("(", "（").replace(")", "）") if has_cjk(text) else text


def compact(text: str) -> str:
    """Text with all whitespace removed (labels that wrapped across lines rejoin)."""
    return re.sub(r"\s+", "", text or "")


def split_label(text: str) -> tuple[str, str | None]:
    """Label key without bracketed parts, and a unit found inside brackets (万元, %, ㎡...)."""
    text = unicodedata.normalize("NFKC", text or "")
    unit = None
    while True:  # innermost brackets first: "所在地（市、县（区））"
        inner = _BRACKET.findall(text)
        if not inner:
            break
        for part in inner:
            unit = find_unit(part) or unit
        text = _BRACKET.sub("", text)
    return norm(text), unit


def unbracket(text: str) -> str:
    """Label key with bracket marks dropped but their words kept: "公益性（低收费）服务比例" → 公益性低收费服务比例."""
    text = unicodedata.normalize("NFKC", text or "")
    while _BRACKET.search(text):
        text = _BRACKET.sub(r"\1", text)
    return norm(text)


@cache
def _unit_words() -> list[str]:
    u = labels().units
    words = list(u.money) + u.ratio + u.count + u.area
    return sorted({norm(w) for w in words}, key=len, reverse=True)


@cache
def suffix_units() -> tuple[str, ...]:
    """Units that may end a label without brackets ("资产总额万元", "满意度%"): money, ratio, area.
    A count unit there is a word of the label ("年培训人次")."""
    u = labels().units
    return tuple(sorted({norm(w) for w in [*u.money, *u.ratio, *u.area]}, key=len, reverse=True))


def find_unit(text: str) -> str | None:
    key = norm(text).removeprefix("单位").removeprefix("金额单位")
    for word in _unit_words():
        if key == word or (key.startswith(word) and len(key) <= len(word) + 2):
            return word
    return None


def spaced(word: str) -> re.Pattern[str]:
    """A label that may have spaces between its characters ("名 称"), or the dot OCR reads
    into the wide gap a printed licence leaves there ("名·称")."""
    chars = [re.escape(c) for c in norm(word)]
    return re.compile(r"[\s·•・.．]*".join(chars))


# ----------------------------------------------------------------- numbers and dates
def amounts(text: str) -> list[tuple[float, str | None, str]]:
    """Arabic numbers with an optional money unit: (number, unit, matched text)."""
    out = []
    for m in _AMOUNT.finditer(unicodedata.normalize("NFKC", text)):
        num = m.group("num").replace(",", "").replace("，", "").replace("−", "-")
        try:
            out.append((float(num), m.group("unit"), m.group(0)))
        except ValueError:
            continue
    return out


def stated_count(text: str, words: list[str], units: list[str]) -> int | None:
    """"共52家" / "合计：35人" / "总计 12 台" → the number; None when the text states no count."""
    flat = compact(unicodedata.normalize("NFKC", text))
    word_alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    unit_alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    m = re.search(rf"(?:{word_alt})[:：]?(?:[\u4e00-\u9fff]{{0,6}}?)(\d+)(?:{unit_alt})", flat)
    return int(m.group(1)) if m else None


def starts_with_number(text: str) -> bool:
    """A value such as "800人次" rather than a label (a year such as "2025年服务…" is a label)."""
    return bool(NUMBER.match(text)) and not _YEAR_IN.match(text)


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def to_float(token: str) -> float | None:
    token = token.strip()
    if _DASH_VALUE.match(token):
        return 0.0
    negative = _PAREN_NEGATIVE.match(token)
    if negative:
        token = "-" + negative.group(1)
    try:
        return float(token.replace(",", "").replace("，", "").replace("−", "-"))
    except ValueError:
        return None


def chinese_number(text: str) -> str | None:
    found = CN_NUMBER.findall(text)
    return max(found, key=len) if found else None


def strip_words(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "")
    return text


def dates(text: str) -> list[tuple[int, int, int | None, str]]:
    """(year, month, day or None, matched text) for every date in the text."""
    text = unicodedata.normalize("NFKC", text)
    out = [
        (int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None, m.group(0).strip()) for m in _DATE.finditer(text)
    ]
    for m in _CN_DATE.finditer(text):
        out.append((_cn_int(m["y"], digits=True), _cn_int(m["m"]), _cn_int(m["d"]) if m["d"] else None, m.group(0)))
    return out


def _cn_int(text: str, digits: bool = False) -> int:
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    if digits:
        return int("".join(str(values[c]) for c in text))
    if "十" not in text:
        return values[text]
    tens, _, ones = text.partition("十")
    return (values[tens] if tens else 1) * 10 + (values[ones] if ones else 0)


def year_marker(text: str) -> int | None:
    m = _YEAR_ONLY.match(norm(text))
    return int(m["y"]) if m else None


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR_IN.findall(unicodedata.normalize("NFKC", text))]


def percent(text: str) -> float | None:
    """85% / 85.5％ / 百分之八十五(点五) → the number of percent."""
    text = unicodedata.normalize("NFKC", text)
    m = _PERCENT.search(text)
    if m:
        return float(m["num"])
    cn = _CN_PERCENT.search(text)
    return cn_percent(cn.group(1)) if cn else None


_CN_PERCENT = re.compile(r"百分之([零〇一二三四五六七八九十百点]+)")


def cn_percent(digits: str) -> float | None:
    """'八十五点五' → 85.5 (the numeral after 百分之)."""
    whole, _, frac = digits.partition("点")
    try:
        value = float(_cn_whole(whole)) if whole else 0.0
    except KeyError:
        return None
    if frac:
        values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
        if any(c not in values for c in frac):
            return None
        value += float("0." + "".join(str(values[c]) for c in frac))
    return value


def _cn_whole(text: str) -> int:
    if text == "一百" or text == "百":
        return 100
    return _cn_int(text)


def score(text: str) -> tuple[float, float | None] | None:
    """A score such as "85分" or "4.5分（满分5分）": (score, full marks or None)."""
    text = unicodedata.normalize("NFKC", text)
    m = _SCORE.search(text)
    if not m:
        return None
    full = _FULL_SCORE.search(text)
    return float(m["num"]), float(full.group(1)) if full else None


def uscc_candidates(text: str) -> list[str]:
    return _USCC.findall(compact(unicodedata.normalize("NFKC", text)).upper())


# ----------------------------------------------------------------- text structure
def heading_kind(text: str) -> tuple[str | None, str]:
    """The numbering kind of a heading line ("cn" for 一、) and the text without it."""
    for kind, pattern in _HEADING_NUMBER:
        m = pattern.match(text)
        if m:
            return kind, text[m.end() :]
    return None, text


def strip_row_prefix(text: str) -> str:
    return _ROW_PREFIX.sub("", text)


_ITEM_SEPARATORS = re.compile(r"[\s、，,;；/]+")


def checkbox_options(text: str) -> list[tuple[bool, str]]:
    """Options of a check-box text as (checked, option text); mark before or after the option."""
    box = labels().checkbox
    marks = "".join(re.escape(c) for c in box.checked + box.unchecked + box.unclear)
    text = unicodedata.normalize("NFKC", text)
    parts = re.split(f"([{marks}])", text)
    if len(parts) < 3:
        return []
    options: list[tuple[bool, str]] = []
    # mark before the option: ["", "☑", "企业 ", "□", "事业单位"]; also when the first option's mark
    # was lost ("信息服务□技术服务…☑咨询服务□市场服务": an option after the last mark)
    lost_first = bool(norm(parts[0]) and norm(parts[-1])) and not re.search(r"[()（）]", text)
    if norm(parts[0]) == "" or lost_first:
        for i in range(1, len(parts) - 1, 2):
            options.append((parts[i] in box.checked, parts[i + 1].strip()))
        return [(checked, opt) for checked, opt in options if norm(opt)]
    items = [item for item in _ITEM_SEPARATORS.split(text) if norm(re.sub(f"[{marks}()（）]", "", item))]
    if len(items) > 1:  # one option per item, its own mark inside: "信息服务（√） 技术服务（ ）"
        for item in items:
            option = re.sub(f"[{marks}()（）]", "", item).strip()
            options.append((any(c in item for c in box.checked), option))
    else:  # mark right after each option: ["企业", "√", "事业单位", "□", ""]
        for i in range(1, len(parts), 2):
            options.append((parts[i] in box.checked, parts[i - 1].strip(" ()（）")))
    return [(checked, opt) for checked, opt in options if norm(opt)]


def unmarked_options(text: str) -> list[str]:
    """Items with no mark of their own in a mark-before check-box text: "□企业 事业单位 □社会团体"
    → ["事业单位"]. A checked mark in a font without that glyph is lost in extraction."""
    box = labels().checkbox
    marks = "".join(re.escape(c) for c in box.checked + box.unchecked)
    parts = re.split(f"([{marks}])", unicodedata.normalize("NFKC", text))
    if len(parts) < 3 or not all(seg[:1].strip() for seg in parts[2::2]):
        return []  # not the mark-before layout ("□企业", never "企业□")
    out = [item for item in _ITEM_SEPARATORS.split(parts[0].strip()) if norm(item)]
    for segment in parts[2::2]:
        out += [item for item in _ITEM_SEPARATORS.split(segment.strip())[1:] if norm(item)]
    return out


# ----------------------------------------------------------------- personal data
def mask_personal(text: str) -> str:
    """Mask ID numbers (640104********1234) and phone numbers (139****5678)."""
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:], text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    return _LANDLINE.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


# ----------------------------------------------------------------- audit reports
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_END = re.compile(r"((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")
_FISCAL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_FIRM = re.compile(
    r"([\u4e00-\u9fff()]{2,40}?会计师事务所(?:\((?:特殊)?普通合伙\)|有限(?:责任)?公司|\([^)]{0,12}\))?"
    r"(?:[\u4e00-\u9fff]{1,10}分所)?)"
)
_NOTE_REF = re.compile(r"^(?:附注)?[一二三四五六七八九十]+[、.]\d+(?:[.(（]\d+[)）]?)?$|^注\d+$|^\(\d+\)$")
_STATEMENT_UNIT = re.compile(r"(?:金额)?单位\s*[:：]?\s*(?:人民币)?\s*(百万元|千元|万元|元)")
_PROSE_AMOUNT_GAP = 14  # characters allowed between a label and its amount in prose


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_note_ref(token: str) -> bool:
    """A reference to a note of the statements ("五、20", "注3") between a row label and its amounts."""
    return bool(_NOTE_REF.match(token))


def year_end_years(text: str) -> list[int]:
    return [int(y) for y in _YEAR_END.findall(compact(text))]


def fiscal_years(text: str) -> list[int]:
    return [int(y) for y in _FISCAL_YEAR.findall(compact(text))]


def firm_names(line: str, noise: list[str]) -> list[str]:
    out = []
    for m in _FIRM.finditer(compact(unicodedata.normalize("NFKC", line))):
        name = m.group(1)
        for word in sorted(noise, key=len, reverse=True):
            if word in name:
                name = name[name.rindex(word) + len(word) :]
        if len(name) > len("会计师事务所") + 1:
            out.append(name)
    return out


def statement_unit(text: str) -> str | None:
    m = _STATEMENT_UNIT.search(unicodedata.normalize("NFKC", text))
    return m.group(1) if m else None


def prose_amount(text: str, label: str, joiners: list[str]) -> tuple[float, str | None, str] | None:
    """The amount written just after `label` in running text ("服务收入为1,234,567.00元")."""
    flat = compact(unicodedata.normalize("NFKC", text))
    start = flat.find(label)
    while start >= 0:
        rest = flat[start + len(label) : start + len(label) + _PROSE_AMOUNT_GAP + 20]
        m = _AMOUNT.search(rest)
        if m and m.start() <= _PROSE_AMOUNT_GAP and not has_cjk(strip_words(rest[: m.start()], joiners)):
            num = to_float(m.group("num"))
            if num is not None and (m.group("unit") or "." in m.group("num")):
                return num, m.group("unit"), label + rest[: m.end()]
        start = flat.find(label, start + 1)
    return None


# ----------------------------------------------------------------- figures in prose
@cache
def _prose_value() -> re.Pattern[str]:
    u = labels().units
    units = sorted(
        {unicodedata.normalize("NFKC", w) for w in list(u.money) + u.ratio + u.count + u.area}, key=len, reverse=True
    )
    unit_alt = "|".join(re.escape(w) for w in units)
    return re.compile(r"(?:百分之[零〇一二三四五六七八九十百点]+|" + _NUMBER_TEXT + r"(?:" + unit_alt + r"))")


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_CLAUSE_END = re.compile(r"[，,：:]")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?(?:底|末)?")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)) if norm(s)]


def clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE_END.split(sentence) if norm(c)]


def strip_years(text: str) -> str:
    return _YEAR_WORD.sub("", text)


def figure_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every figure with its unit in a clause ("62家", "1,860万元", "百分之九十")."""
    return [(m.start(), m.end()) for m in _prose_value().finditer(text)
            if not _YEAR_IN.fullmatch(m.group(0))]


def prose_value(text: str, label: str, joiners: list[str], max_gap: int) -> tuple[str, str] | None:
    """The value (number with its unit, or 百分之…) written just after `label` in running text:
    ("资产总额", "截至2025年底平台资产总额达1,860万元") → ("1,860万元", "资产总额达1,860万元").
    Only joiner words (达, 为, 共计 …) may stand between the label and the value."""
    flat = compact(unicodedata.normalize("NFKC", text))
    start = flat.find(label)
    while start >= 0:
        rest = flat[start + len(label) : start + len(label) + max_gap + 24]
        m = _prose_value().search(rest)
        if m and m.start() <= max_gap and not has_cjk(strip_words(rest[: m.start()], joiners)):
            return m.group(0), label + rest[: m.end()]
        start = flat.find(label, start + 1)
    return None
