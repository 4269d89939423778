"""Text normalisation applied to everything a reader returns.

NFKC folds full-width forms and the Kangxi radicals block (U+2F00–2FDF) that some
PDF printers emit; the CJK Radicals Supplement (U+2E80–2EFF) is not covered by NFKC
and needs the explicit map below.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement code points seen in real PDFs, mapped to the ideograph they stand for.
_RADICALS_SUPPLEMENT = str.maketrans(
    {
        "⺁": "厂",
        "⺇": "几",
        "⺈": "刀",
        "⺊": "卜",
        "⺌": "小",
        "⺍": "小",
        "⺎": "兀",
        "⺏": "尢",
        "⺐": "尢",
        "⺑": "尢",
        "⺒": "巳",
        "⺓": "幺",
        "⺔": "彐",
        "⺖": "心",
        "⺗": "心",
        "⺘": "手",
        "⺙": "攴",
        "⺛": "旡",
        "⺝": "月",
        "⺟": "母",
        "⺠": "民",
        "⺡": "水",
        "⺢": "水",
        "⺣": "火",
        "⺤": "爪",
        "⺥": "爪",
        "⺦": "丬",
        "⺧": "牛",
        "⺨": "犬",
        "⺩": "王",
        "⺪": "疋",
        "⺫": "目",
        "⺬": "示",
        "⺭": "示",
        "⺮": "竹",
        "⺯": "糸",
        "⺰": "糸",
        "⺱": "网",
        "⺲": "网",
        "⺳": "网",
        "⺴": "网",
        "⺵": "网",
        "⺶": "羊",
        "⺷": "羊",
        "⺸": "羊",
        "⺹": "老",
        "⺺": "聿",
        "⺻": "聿",
        "⺼": "肉",
        "⺽": "臼",
        "⺾": "艸",
        "⺿": "艸",
        "⻀": "艸",
        "⻁": "虎",
        "⻂": "衣",
        "⻃": "西",
        "⻄": "西",
        "⻅": "见",
        "⻆": "角",
        "⻇": "角",
        "⻈": "讠",
        "⻉": "贝",
        "⻋": "车",
        "⻌": "辶",
        "⻍": "辶",
        "⻎": "辶",
        "⻏": "阝",
        "⻐": "金",
        "⻑": "长",
        "⻒": "长",
        "⻓": "长",
        "⻔": "门",
        "⻕": "阜",
        "⻖": "阝",
        "⻗": "雨",
        "⻘": "青",
        "⻙": "韦",
        "⻚": "页",
        "⻛": "风",
        "⻜": "飞",
        "⻝": "食",
        "⻞": "食",
        "⻟": "食",
        "⻠": "饣",
        "⻡": "首",
        "⻢": "马",
        "⻣": "骨",
        "⻤": "鬼",
        "⻥": "鱼",
        "⻦": "鸟",
        "⻧": "卤",
        "⻨": "麦",
        "⻩": "黄",
        "⻪": "黾",
        "⻫": "齐",
        "⻬": "齐",
        "⻭": "齿",
        "⻮": "齿",
        "⻯": "龙",
        "⻰": "龙",
        "⻱": "龟",
        "⻲": "龟",
        "⻳": "龟",
    }
)

_CID = re.compile(r"\(cid:\d+\)")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def normalize_text(text: str) -> str:
    """NFKC, radical repair, unified whitespace; line breaks are kept."""
    text = unicodedata.normalize("NFKC", text.translate(_RADICALS_SUPPLEMENT))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def cid_junk_share(text: str) -> float:
    """Share of the text made of `(cid:N)` placeholders (fonts without a ToUnicode map)."""
    if not text:
        return 0.0
    junk = sum(len(m) for m in _CID.findall(text))
    return junk / len(text)


# A line that is only a printed page number ("- 3 -", "第3页", "第3页/共20页", "3/20", "3"): page
# furniture, read by the bundle splitter as a footer and skipped where a row runs across a page break.
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*(\d{1,3})\s*[-—–]|第\s*(\d{1,3})\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|(\d{1,3})\s*/\s*\d{1,3}|(\d{1,3}))\s*$")
