"""Score every concept of material_concepts.yaml for one document (or one page of a bundle).

A concept's score adds up what its own text says (a title in the title zone, strong and
weak phrases, minus negative phrases), what its file and folder names say, what its
table columns hold (lists) and, for a photo with little text, the concept's photo
prior. Each part is kept apart so the decision can say which evidence placed a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..models import ListPart, MaterialType
from .columns import ListEvidence
from .concepts import concept_catalog
from .keywords import compact
from .names import PathEvidence
from .settings import classify_settings
from .views import DocView

Key = tuple[MaterialType, ListPart | None]


@dataclass
class ConceptScore:
    concept: str
    material: MaterialType
    part: ListPart | None
    content: float = 0.0
    title: float = 0.0  # the title part of `content`
    mentioned: bool = False  # that title was only mentioned in the body (not the document's own title)
    name: float = 0.0
    folder: float = 0.0
    columns: float = 0.0
    photo: float = 0.0
    hits: list[str] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return self.material, self.part

    @property
    def total(self) -> float:
        return round(self.content + self.name + self.folder + self.columns + self.photo, 2)

    @property
    def own(self) -> float:
        """The score without a title merely mentioned in the text (a declaration naming the
        licence is no licence page)."""
        return self.total - (self.title if self.mentioned else 0.0)

    @property
    def without_content(self) -> float:
        """What the names alone say (to know whether OCR text was needed to place the file)."""
        return self.name + self.folder


@dataclass(frozen=True)
class _Compact:
    """A concept's phrases, compacted once."""

    titles: tuple[tuple[str, str, float], ...]  # (phrase, compact key, weight)
    subjects: tuple[str, ...]  # title_words: a title line with a subject, then a document word
    documents: tuple[str, ...]
    strong: tuple[tuple[str, str], ...]
    weak: tuple[str, ...]
    negative: tuple[tuple[str, str], ...]


@cache
def _compacted(concept_id: str) -> _Compact:
    c = concept_catalog().concepts[concept_id]
    return _Compact(
        titles=tuple((p, compact(p), w) for p, w in c.titles.items()),
        subjects=tuple(compact(w) for w in (c.title_words[0] if c.title_words else [])),
        documents=tuple(compact(w) for w in (c.title_words[1] if c.title_words else [])),
        strong=tuple((p, compact(p)) for p in c.strong),
        weak=tuple(compact(p) for p in c.weak),
        negative=tuple((p, compact(p)) for p in c.negative),
    )


def _composed_title(phrases: _Compact, lines: list[str]) -> tuple[float, str] | None:
    """A title line composed of a subject word and, after it, a document word (租用…协议):
    the nearer the two, the more it counts; a line whose document word comes first is none."""
    s = classify_settings()
    best: tuple[float, str] | None = None
    for line in lines:
        for doc_word in phrases.documents:
            end = line.rfind(doc_word)
            if end == -1:
                continue
            for subject in phrases.subjects:
                at = line.rfind(subject, 0, end)
                if at == -1:
                    continue
                gap = end - (at + len(subject))
                if gap < 0:
                    continue
                if gap <= s.title_words_gap:
                    weight = s.title_words_weight * (1.0 - 0.05 * gap)
                elif _official_title(line, at, end + len(doc_word), s.official_title_prefix):
                    weight = s.title_words_weight * s.official_title_share
                else:
                    continue
                if best is None or weight > best[0]:
                    best = (weight, line[at : end + len(doc_word)])
    return best


def _official_title(line: str, subject_at: int, doc_end: int, prefix: str) -> bool:
    """'关于认定某某公司为某某机构的通知': the subject right after 关于 at the line's start, the
    document word at its end (a 公文's title names what it does first, its kind last)."""
    return line.startswith(prefix) and subject_at == len(prefix) and line[doc_end:].strip() == ""


def composed_titles(lines: list[str]) -> dict[MaterialType, float]:
    """The best composed-title weight per material on these title lines (a cheap look used to
    decide whether a PDF's pages are worth scoring one by one)."""
    out: dict[MaterialType, float] = {}
    for cid, concept in concept_catalog().concepts.items():
        found = _composed_title(_compacted(cid), lines) if concept.title_words else None
        if found is not None and found[0] > out.get(concept.material, 0.0):
            out[concept.material] = found[0]
    return out


def _content(concept_id: str, view: DocView, out: ConceptScore) -> None:
    s = classify_settings()
    phrases = _compacted(concept_id)
    title, body = view.title, view.body
    in_title = title.count_compact if title is not None else (lambda key: 0)
    in_body = body.count_compact if body is not None else (lambda key: 0)
    best, best_phrase, where = 0.0, "", ""
    for phrase, key, weight in phrases.titles:
        if weight > best and in_title(key):
            best, best_phrase, where = weight, phrase, "标题"
    if best < s.title_words_weight and phrases.subjects:
        composed = _composed_title(phrases, view.title_lines)
        if composed is not None and composed[0] > best:
            best, best_phrase, where = composed[0], composed[1], "标题"
    if best == 0.0:
        for phrase, key, weight in phrases.titles:
            if weight * s.body_title_share > best and in_body(key):
                best, best_phrase, where = weight * s.body_title_share, phrase, "正文"
    if best_phrase:
        out.hits.append(f"{where}为/含“{best_phrase}”")
    strong = 0.0
    for phrase, key in phrases.strong:
        n = in_body(key)
        if n:
            strong += s.strong_weight + s.strong_repeat * min(n - 1, s.max_repeats)
            out.hits.append(f"含“{phrase}”" + (f"×{n}" if n > 1 else ""))
    weak = s.weak_weight * sum(1 for key in phrases.weak if in_body(key))
    negatives = [phrase for phrase, key in phrases.negative if in_body(key)]
    if negatives:
        out.hits.append("但含“" + "”“".join(negatives) + "”")
    negative = min(s.negative_cap, s.negative_weight * len(negatives))
    out.title = best
    out.mentioned = where == "正文"
    out.content = best + min(s.strong_cap, strong) + min(s.weak_cap, weak) - negative


def score_concepts(view: DocView, path: PathEvidence, lists: list[ListEvidence]) -> list[ConceptScore]:
    """Every concept's score for this document, best first."""
    s = classify_settings()
    best_list: dict[ListPart, ListEvidence] = {}
    for evidence in lists:
        if evidence.part not in best_list or evidence.score > best_list[evidence.part].score:
            best_list[evidence.part] = evidence
    out: list[ConceptScore] = []
    for cid, concept in concept_catalog().concepts.items():
        sc = ConceptScore(cid, concept.material, concept.part)
        if view.has_text:
            _content(cid, view, sc)
        name = path.name.get(cid)
        if name is not None:
            sc.name = name.weight
            sc.hits.append("文件名含“" + "”“".join(name.hits) + "”")
        folder = path.folder.get(cid)
        if folder is not None:
            sc.folder = folder.weight
            sc.hits.append(f"文件夹“{folder.where}”名含“" + "”“".join(folder.hits) + "”")
        if concept.part is not None and cid == concept.part.value and concept.part in best_list:
            evidence = best_list[concept.part]
            sc.columns = evidence.score * s.columns_weight
            sc.hits.append(evidence.detail)
        if view.photo and concept.photo:
            sc.photo = concept.photo
            sc.hits.append("照片（文字很少）")
        out.append(sc)
    out.sort(key=lambda c: -c.total)
    return out


def best_by_key(scores: list[ConceptScore]) -> list[ConceptScore]:
    """The best concept of each material (and type-5 part), best first."""
    seen: dict[Key, ConceptScore] = {}
    for sc in scores:
        if sc.key not in seen or sc.total > seen[sc.key].total:
            seen[sc.key] = sc
    return sorted(seen.values(), key=lambda c: -c.total)
