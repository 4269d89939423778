"""What a file's name and folders say: material signals, a leading item number, and
whether the name says nothing at all (a camera's, scanner app's or chat program's name).

Names are short and oddly tokenised ("租赁合同扫描件2025"), so signals are matched as
substrings of the cleaned name rather than on word boundaries. Organisation names are
cut out first: a unit called 某某创业培训学校 must not make its licence look like
training evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from .concepts import concept_catalog
from .settings import classify_settings

# An organisation name: two or more Han characters up to the first organisation suffix.
_ORGANISATION = re.compile(
    r"[\u4e00-\u9fff]{2,}?(?:股份有限公司|有限责任公司|有限公司|分公司|公司|促进会|协会|商会|联合会|研究院|研究所"
    r"|事务所|服务中心|中心|学校|集团|管委会|孵化器|合作社)"
)
# A leading item number: "04", "4.", "4、", "（四）", "第4项", "附件4", "4-1"
_LEADING_NUMBER = re.compile(
    r"^\s*(?:附件|材料|第)?\s*[(（\[【]?\s*(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*[)）\]】]?"
    r"(?:\s*[-－_]\s*[0-9]{1,2})?\s*(?:项|部分)?(?=[\s、.．_\-－—:：)）]|[\u4e00-\u9fff]|$)"
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NOISE = re.compile(r"[\s\d_\-－—.,，。、:：;；()（）\[\]【】《》<>\"'“”‘’+#&%@!！?？~·]+")
_DATE_WORDS = re.compile(r"[年月日时分秒]")


def _number(text: str) -> int | None:
    m = _LEADING_NUMBER.match(text)
    if not m:
        return None
    raw = m.group("n")
    if raw.isdigit():
        return int(raw)
    if raw == "十":
        return 10
    if len(raw) == 2 and raw[0] == "十":
        return 10 + _CN_DIGITS.get(raw[1], 0)
    return _CN_DIGITS.get(raw)


def clean(name: str) -> str:
    """The name with organisation names cut out, upper-cased (ICP, icp)."""
    return _ORGANISATION.sub(" ", name).upper()


@cache
def _generic_words() -> tuple[str, ...]:
    words = {w.upper() for w in classify_settings().generic_name_words}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _package_words() -> tuple[str, ...]:
    return tuple(sorted(classify_settings().package_folder_words, key=len, reverse=True))


def _strip_words(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, "")
    return text


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def says_nothing(name: str) -> bool:
    """True when the name holds only generic words, digits, dates and separators."""
    rest = _NOISE.sub("", clean(_EXTENSION.sub("", name)))
    rest = _DATE_WORDS.sub("", _strip_words(rest, _generic_words()))
    return not rest


def _is_package_folder(name: str) -> bool:
    rest = _NOISE.sub("", clean(name))
    return not _DATE_WORDS.sub("", _strip_words(_strip_words(rest, _package_words()), _generic_words()))


@dataclass
class NameSignal:
    weight: float
    hits: list[str] = field(default_factory=list)
    where: str = ""  # the folder the signal came from (empty: the file name)


@cache
def _signals() -> dict[str, list[tuple[str, float]]]:
    """concept → [(upper-cased phrase, weight)], longest first; titles count a share."""
    s = classify_settings()
    out: dict[str, list[tuple[str, float]]] = {}
    for cid, concept in concept_catalog().concepts.items():
        weights: dict[str, float] = {}
        for phrase, weight in concept.titles.items():
            weights[phrase.upper()] = max(weights.get(phrase.upper(), 0.0), weight * s.name_title_share)
        for phrase, weight in concept.names.items():
            weights[phrase.upper()] = max(weights.get(phrase.upper(), 0.0), weight)
        out[cid] = sorted(weights.items(), key=lambda item: (-len(item[0]), -item[1]))
    return out


def _score_text(text: str) -> dict[str, NameSignal]:
    """Signals found in one cleaned name: the strongest counts fully, the others a share,
    and a phrase inside a longer one already counted does not count again."""
    s = classify_settings()
    out: dict[str, NameSignal] = {}
    for cid, phrases in _signals().items():
        spans: list[tuple[int, int]] = []
        found: list[tuple[str, float]] = []
        for phrase, weight in phrases:
            start = text.find(phrase)
            while start != -1:
                end = start + len(phrase)
                if not any(a <= start and end <= b for a, b in spans):
                    spans.append((start, end))
                    found.append((phrase, weight))
                    break
                start = text.find(phrase, start + 1)
        if found:
            found.sort(key=lambda item: -item[1])
            total = found[0][1] + s.name_others_share * sum(w for _, w in found[1:])
            out[cid] = NameSignal(total * s.name_weight, [p for p, _ in found])
    return out


def score_name(text: str) -> dict[str, float]:
    """concept → what a cleaned name (or a 目录 entry) says for it."""
    return {cid: signal.weight for cid, signal in _score_text(text).items()}


@dataclass
class PathEvidence:
    """Per concept: the file-name score and hits, the best folder score and hits."""

    name: dict[str, NameSignal]
    folder: dict[str, NameSignal]
    generic: bool  # the file name says nothing
    number: int | None  # the file's leading item number
    folder_number: int | None  # the nearest numbered folder's number
    folders: list[str]


def path_evidence(rel_path: str) -> PathEvidence:
    s = classify_settings()
    path = PurePosixPath(rel_path)
    stem = path.stem if path.suffix and len(path.suffix) <= 6 else path.name
    folders = [p for p in path.parts[:-1]]
    name = _score_text(clean(stem))
    folder_scores: dict[str, NameSignal] = {}
    folder_number = None
    for distance, folder in enumerate(reversed(folders)):
        if folder_number is None:
            folder_number = _number(folder)
        if _is_package_folder(folder):
            continue
        for cid, signal in _score_text(clean(folder)).items():
            weighted = signal.weight * s.folder_weight(distance)
            if weighted > folder_scores.get(cid, NameSignal(0.0)).weight:
                folder_scores[cid] = NameSignal(weighted, signal.hits, folder)
    return PathEvidence(
        name=name,
        folder=folder_scores,
        generic=not name and says_nothing(stem),
        number=_number(stem),
        folder_number=folder_number,
        folders=folders,
    )
