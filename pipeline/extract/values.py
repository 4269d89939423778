"""Parse a cell or line into a typed value: money, ratio, date, count, area, enum, bool."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from . import matching as mt
from . import patterns as p
from .config import labels


@dataclass
class Parsed:
    value: object
    confidence: float = 1.0
    note: str | None = None
    review: list[str] = field(default_factory=list)


def parse(kind: str, text: str, unit: str | None = None, label: str = "") -> Parsed | None:
    """Dispatch on the field type of fields.yaml; None when the text holds no such value (a
    figure written with a unit of another kind, "15%" for a count, is no such value)."""
    text = (text or "").strip()
    if not p.norm(text):
        return None
    family = unit_family(text)
    if kind in _FAMILIES and family is not None and family != kind:
        return None
    parser = _PARSERS.get(kind)
    return parser(text, unit, label) if parser else None


_FAMILIES = ("money", "ratio", "count", "area")


def unit_family(text: str) -> str | None:
    """The kind of unit written right after a value's number: money (元, 万元), ratio (%),
    count (人, 家, 次; "1.2万人次" too) or area (㎡); None when it carries none."""
    key = p.norm(text)
    if "%" in key or key.startswith("百分之"):
        return "ratio"
    nums = p.numbers(key)
    if not nums:
        return None
    rest = key[key.find(nums[0]) + len(nums[0]):]
    if not rest:
        return None
    units = labels().units
    counts = {p.norm(u) for u in units.count}
    if rest[:1] in ("万", "亿") and p.find_unit(rest[1:]) in counts:
        return "count"
    found = p.find_unit(rest)
    if found is None:
        return None
    for family, words in (("count", units.count), ("area", units.area), ("ratio", units.ratio),
                          ("money", list(units.money))):
        if found in {p.norm(w) for w in words}:
            return family
    return None


def _money(text: str, unit: str | None, label: str) -> Parsed | None:
    scale = labels().units.money
    found = p.amounts(text)
    if found:
        number, own_unit, _ = found[0]
        if own_unit:
            return _cross_check(Parsed(round(number * scale[own_unit], 2)), text)
        if unit and unit in scale:
            parsed = Parsed(round(number * scale[unit], 2))
            if scale[unit] >= 10000 and number >= 100000:
                parsed.review.append(f"标注单位为{unit}，但数值 {number:g} 疑似以元填写，请核对")
                parsed.confidence = 0.5
            return parsed
        parsed = Parsed(number, 0.8, "未注明金额单位，按元计")
        if 0 < abs(number) < 10000:
            parsed.review.append(f"金额 {number:g} 未注明单位，按元计数值偏小，可能以万元填写，请核对")
            parsed.confidence = 0.5
        return _cross_check(parsed, text)
    cleaned = p.strip_words(text, labels().money_noise)
    digits = p.chinese_number(cleaned)
    if not digits:
        return None
    try:
        number = float(_cn2an(digits))
    except (ValueError, KeyError):
        return Parsed(None, 0.0, review=[f"中文大写金额“{text}”无法解析，请人工核对"])
    if unit and unit in scale and "万" not in digits and "亿" not in digits:
        number *= scale[unit]
    return Parsed(number, 0.9, "由中文大写金额换算")


def _cn2an(digits: str) -> float:
    import cn2an  # its import compiles its patterns (~0.1 s): only when a Chinese numeral is met

    return cn2an.cn2an(digits, "smart")


def _cross_check(parsed: Parsed, text: str) -> Parsed:
    """Where 大写 and 小写 amounts are both written, they must agree."""
    digits = p.chinese_number(p.strip_words(text, labels().money_noise))
    if not digits or len(digits) < 3:
        return parsed
    try:
        written = float(_cn2an(digits))
    except (ValueError, KeyError):
        return parsed
    if isinstance(parsed.value, float) and abs(written - parsed.value) > 0.005 * max(abs(written), 1):
        parsed.review.append(f"大写金额（{digits}）与小写金额 {parsed.value:,.2f} 不一致，请核对")
        parsed.confidence = min(parsed.confidence, 0.5)
    return parsed


def _ratio(text: str, unit: str | None, label: str) -> Parsed | None:
    pct = p.percent(text)
    if pct is not None:
        return _checked_ratio(Parsed(pct / 100))
    is_score_label = mt.first_with(labels().score_labels, label) is not None
    if "分" in text:
        sc = p.score(text)
        if sc is None:
            return None
        if not is_score_label:
            return Parsed(None, 0.0, review=[f"“{text}”为分值，该项不是满意度，无法换算为比例"])
        value, full = sc
        return _checked_ratio(Parsed(value / (full or 100), 0.8, f"分值按满分{full or 100:g}分换算为比例"))
    nums = p.numbers(text)
    if not nums:
        return None
    number = p.to_float(nums[0])
    if number is None:
        return None
    if unit == "%":
        return _checked_ratio(Parsed(number / 100))
    if number <= 1:
        return Parsed(number, 0.9)
    # A bare "85" is most likely 85 %, but nothing says so: keep the reading, ask a human.
    return _checked_ratio(
        Parsed(
            number / 100,
            0.6,
            "未标注%，按百分数理解",
            review=[f"比例“{text}”未标注%或小数，已按 {number:g}% 理解，请核对"],
        )
    )


def _checked_ratio(parsed: Parsed) -> Parsed:
    if isinstance(parsed.value, float) and not 0 <= parsed.value <= 1:
        parsed.review.append(f"比例换算后为 {parsed.value:.4g}，超出 0–100% 范围，请核对")
        parsed.confidence = min(parsed.confidence, 0.3)
    return parsed


def _date(text: str, unit: str | None, label: str) -> Parsed | None:
    for year, month, day, _ in p.dates(text):
        try:
            value = dt.date(year, month, day or 1)
        except ValueError:
            return Parsed(None, 0.0, review=[f"日期“{text}”不是有效日期，请核对"])
        if day is None:
            return Parsed(value.isoformat(), 0.8, "仅有年月，按当月1日计")
        return Parsed(value.isoformat())
    return None


def _count(text: str, unit: str | None, label: str) -> Parsed | None:
    nums = p.numbers(text)
    if nums:
        number = p.to_float(nums[0])
        if number is None:
            return None
        rest = p.norm(text)[p.norm(text).find(nums[0]) + len(nums[0]):]
        number *= {"万": 10000, "亿": 100000000}.get(rest[:1], 1) if unit_family(text) == "count" else 1
        parsed = Parsed(round(number))
        if number != int(number):
            parsed.review.append(f"数量“{text}”不是整数，请核对")
            parsed.confidence = 0.6
        if len(nums) > 1:
            parsed.note = "单元格含多个数字，取第一个"
            parsed.confidence = min(parsed.confidence, 0.8)
        return parsed
    digits = p.chinese_number(text)
    if digits:
        try:
            return Parsed(int(_cn2an(digits)), 0.9, "由中文数字换算")
        except (ValueError, KeyError):
            return None
    return None


def _area(text: str, unit: str | None, label: str) -> Parsed | None:
    nums = p.numbers(text)
    if not nums:
        return None
    number = p.to_float(nums[0])
    return Parsed(number) if number is not None else None


def _text(text: str, unit: str | None, label: str) -> Parsed | None:
    text = p.strip_words(p.join_cjk(" ".join(text.split())), labels().stamp_words).strip()
    return Parsed(p.cjk_brackets(text)) if text else None


def _bool(text: str, unit: str | None, label: str) -> Parsed | None:
    vocab = labels()
    key = p.norm(text)
    if key and all(ch in vocab.checkbox.checked for ch in key):
        return Parsed(True)  # a tick alone in the answer cell ("√")
    if key and all(ch in vocab.checkbox.unchecked for ch in key):
        return Parsed(False)
    if mt.has_checkbox(text):
        chosen = [opt for checked, opt in p.checkbox_options(text) if checked]
        if not chosen:
            return Parsed(False, 0.8, "未勾选任何选项")
        text = chosen[0]
    yes = mt.starts_with_any(vocab.yes_words, text)
    no = mt.starts_with_any(vocab.no_words, text) or mt.first_with(vocab.no_words, p.norm(text)[:4])
    if no and (not yes or len(no) >= len(yes)):
        return Parsed(False)
    if yes:
        return Parsed(True)
    if mt.first_with(vocab.evidence_words, text):
        return Parsed(True, 0.85, f"按填写内容“{text[:20]}”视为具备")
    return Parsed(True, 0.5, review=[f"填写内容“{text[:20]}”未说明是否具备，已暂按具备理解，请核对"])


def _enum_options(text: str, synonyms: dict[str, list[str]]) -> list[tuple[str, bool]]:
    """(enum value, checked) per option of a check-box text, or the plain text's meaning."""
    matcher = _matcher(tuple((k, tuple(v)) for k, v in synonyms.items()))
    if mt.has_checkbox(text):
        out = []
        for checked, option in p.checkbox_options(text):
            m = matcher.match(option)
            if m:
                out.append((m.key, checked))
        return out
    m = matcher.match(text)
    return [(m.key, True)] if m else []


def _lost_marks(text: str, synonyms: dict[str, list[str]]) -> list[str]:
    """Options standing without any box among boxed ones: their ☑ was lost (a font without the
    glyph, or OCR that reads □ but not ☑). Found by position, so options run together
    ("□融资服务咨询服务") are told apart."""
    matcher = _matcher(tuple((k, tuple(v)) for k, v in synonyms.items()))
    box = labels().checkbox
    marks = set(box.checked + box.unchecked + box.unclear)
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    found = matcher.find_all(flat)
    boxed, unboxed = [], []
    for start, _end, key, _syn in found:
        (boxed if start > 0 and flat[start - 1] in marks else unboxed).append(key)
    if not boxed:
        return []
    return list(dict.fromkeys(k for k in unboxed if k not in boxed))


LOST_MARK_NOTE = "勾选符号未能识别，按唯一未带方框的选项理解"


def _restore_boxes(text: str, synonyms: dict[str, list[str]]) -> str:
    """A scanned form's boxes as OCR reads them ("口信息服务 回技术服务") turned back into □ / ☑,
    trusted only right before an option's name and when two or more options carry one; a tick
    read as a letter ("V技术服务") turned into ☑ right before an option's name in a list that
    names two or more options (an applicant writes √ only before what is claimed)."""
    box = labels().checkbox
    matcher = _matcher(tuple((k, tuple(v)) for k, v in synonyms.items()))
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    found = matcher.find_all(flat)
    chars = list(flat)
    boxes = ticks = 0
    real = mt.has_checkbox(text)
    for start, _end, _key, _syn in found:
        before = flat[start - 1] if start > 0 else ""
        if before and before in box.ocr_ticks and (start < 2 or not flat[start - 2].isascii()):
            chars[start - 1], ticks = "☑", ticks + 1  # "V" alone before the name, not the end of a word
        elif not real and before and before in box.ocr_checked:
            chars[start - 1], boxes = "☑", boxes + 1
        elif not real and before and before in box.ocr_unchecked:
            chars[start - 1], boxes = "□", boxes + 1
    if boxes >= 2 or (ticks and len(found) >= 2):
        return " ".join("".join(chars).replace("☑", " ☑").replace("□", " □").split())
    return text


OPTION_LISTS = ("functions", "unit_nature")  # the check-box answers of a report, by labels.yaml key


def options_in(text: str) -> dict[str, tuple[int, float]]:
    """Per check-box answer (functions, unit natures): how many of its options a line names and
    the share of the line's characters (marks and spaces aside) they cover; the share is 0 when
    the line opens with words that are no option ("申报功能 □信息服务": a label of its own)."""
    box = labels().checkbox
    marks = set(box.checked + box.unchecked + box.unclear + box.ocr_ticks)
    flat = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in marks)
    out: dict[str, tuple[int, float]] = {}
    if not flat:
        return out
    for name in OPTION_LISTS:
        synonyms = getattr(labels(), name)
        covered = [False] * len(flat)
        found = _matcher(tuple((k, tuple(v)) for k, v in synonyms.items())).find_all(flat)
        for start, end, _key, _syn in found:
            covered[start:end] = [True] * (end - start)
        out[name] = (len(found), sum(covered) / len(flat) if covered[0] else 0.0)
    return out


def unclear_options(text: str, synonyms: dict[str, list[str]]) -> list[str]:
    """Options right after a box the scan's image could not read as ticked or empty (▨)."""
    unclear = labels().checkbox.unclear
    matcher = _matcher(tuple((k, tuple(v)) for k, v in synonyms.items()))
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    return list(dict.fromkeys(key for start, _e, key, _s in matcher.find_all(flat)
                              if start > 0 and flat[start - 1] in unclear))


def unclear_reason(what: str, names: list[str]) -> str:
    return f"扫描件上{what}“{'、'.join(names)}”前的方框看不清是否勾选，未计入，请对照原件核对"


def _unit_nature(text: str, unit: str | None, label: str) -> Parsed | None:
    text = _restore_boxes(text, labels().unit_nature)
    options = _enum_options(text, labels().unit_nature)
    chosen = sorted({k for k, checked in options if checked})
    if not options:
        return None
    unclear = unclear_options(text, labels().unit_nature)
    if unclear:
        return Parsed(chosen[0] if len(chosen) == 1 else None, 0.3, review=[unclear_reason("单位性质", unclear)])
    lost = _lost_marks(text, labels().unit_nature) if not chosen else []
    if len(lost) == 1:
        return Parsed(lost[0], 0.6, LOST_MARK_NOTE)
    if not chosen:
        return Parsed(None, 0.0, review=["单位性质未勾选任何选项"])
    if len(chosen) > 1:
        return Parsed(chosen[0], 0.4, review=[f"单位性质勾选了多项：{'、'.join(chosen)}，请核对"])
    return Parsed(chosen[0])


def _functions(text: str, unit: str | None, label: str) -> Parsed | None:
    text = _restore_boxes(text, labels().functions)
    if mt.has_checkbox(text):
        options = _enum_options(text, labels().functions)
    else:  # plain list such as "信息服务、培训服务": every named function counts, unless 否 follows it
        matcher = _matcher(tuple((k, tuple(v)) for k, v in labels().functions.items()))
        flat = p.norm(text)
        found = matcher.find_all(flat)
        options = [(key, _answered(flat[end:found[n + 1][0] if n + 1 < len(found) else len(flat)]))
                   for n, (_, end, key, _) in enumerate(found)]
    if not options:
        return None
    order = list(labels().functions)
    chosen = sorted({k for k, checked in options if checked}, key=order.index)
    unclear = unclear_options(text, labels().functions)
    if unclear:
        names = [labels().functions[k][0] for k in sorted(unclear, key=order.index)]
        return Parsed(chosen, 0.3, review=[unclear_reason("申报功能", names)])
    lost = _lost_marks(text, labels().functions) if mt.has_checkbox(text) else []
    if lost and not chosen:
        return Parsed(sorted(lost, key=order.index), 0.6, "勾选符号未能识别，按未带方框的选项理解")
    if lost and any(b in text for b in labels().checkbox.unchecked):
        # "信息服务 ☑技术服务 □培训服务": a printed box lost, ticked or not (a form of ticks only,
        # "√技术服务 培训服务", has no box to lose: what carries no tick is not claimed)
        names = [labels().functions[k][0] for k in sorted(lost, key=order.index)]
        return Parsed(chosen, 0.4, review=[f"申报功能中“{'、'.join(names)}”前未识别出方框，不知是否勾选，未计入，请对照原件核对"])
    if not chosen:
        return Parsed([], 0.5, "未勾选任何功能")
    return Parsed(chosen)


def _answered(after: str) -> bool:
    """Whether a function named in a list is claimed, by a short 是/否 right after its name
    ("信息服务 是 技术服务 否"); a name with nothing after it counts as claimed."""
    vocab = labels()
    after = after.replace("(", "").replace(")", "")
    if not after or len(after) > 4:
        return True
    return not (mt.starts_with_any(vocab.no_words, after) and not mt.starts_with_any(vocab.yes_words, after))


def _matcher(frozen: tuple) -> mt.Matcher:
    return _MATCHERS.setdefault(frozen, mt.Matcher({k: list(v) for k, v in frozen}))


_MATCHERS: dict[tuple, mt.Matcher] = {}

_PARSERS = {
    "money": _money,
    "ratio": _ratio,
    "date": _date,
    "count": _count,
    "area": _area,
    "text": _text,
    "bool": _bool,
    "functions": _functions,
    "enum": _unit_nature,  # the only enum field of 附件2; audit.opinion is read by audit.py
}
