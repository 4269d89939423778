"""Score one document (or page range) against every material's keywords."""

from __future__ import annotations

from pathlib import PurePosixPath

from pydantic import Field

from ..models import Classified, ListPart, MaterialType, ReadDocument
from ..models.common import Model
from ..reference import material_catalog
from .keywords import TokenizedText
from .settings import classify_settings


class _Score(Model):
    total: float = 0.0
    hits: list[str] = Field(default_factory=list)


def _score(
    keywords_name: dict[str, float],
    keywords_content: dict[str, float],
    file_name: TokenizedText,
    folders: TokenizedText,
    content: TokenizedText | None,
) -> _Score:
    s = classify_settings()
    score = _Score()
    for word, weight in keywords_name.items():
        if file_name.positions(word):
            score.total += weight * s.name_weight
            score.hits.append(f"文件名含“{word}”")
        elif folders.positions(word):
            score.total += weight * s.name_weight * s.folder_weight
            score.hits.append(f"文件夹名含“{word}”")
    if content is None:
        return score
    for word, weight in keywords_content.items():
        positions = content.positions(word)
        if not positions:
            continue
        hits = min(len(positions), s.max_hits)
        title = positions[0] < s.title_chars
        score.total += weight * (1 + 0.5 * (hits - 1)) + (weight if title else 0)
        where = "标题" if title else "正文"
        score.hits.append(f"{where}含“{word}”" + (f"×{len(positions)}" if len(positions) > 1 else ""))
    return score


def classify_document(doc: ReadDocument) -> Classified:
    s = classify_settings()
    catalog = material_catalog()
    path = PurePosixPath(doc.file)
    file_name = TokenizedText(path.stem)
    folders = TokenizedText(" ".join(path.parts[:-1]))
    text = doc.full_text()[: s.content_chars] if doc.readable else ""
    content = TokenizedText(text) if text.strip() else None

    scored: list[tuple[float, MaterialType, ListPart | None, list[str]]] = []
    for material, spec in catalog.materials.items():
        if spec.parts:
            for part, pspec in spec.parts.items():
                sc = _score(pspec.name_keywords, pspec.content_keywords, file_name, folders, content)
                scored.append((sc.total, material, part, sc.hits))
        else:
            sc = _score(spec.name_keywords, spec.content_keywords, file_name, folders, content)
            scored.append((sc.total, material, None, sc.hits))
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, material, part, hits = scored[0]
    result = Classified(file=doc.file, readable=doc.readable, problem=doc.problem, score=round(best_score, 2))
    if best_score < s.min_score:
        result.reason = (
            "文件名和内容均未匹配到任何申报材料类型的关键词"
            if best_score == 0
            else (f"匹配依据不足（{'；'.join(hits)}），未归类")
        )
        return result
    result.material, result.part = material, part
    label = catalog.part_name(part) if part else catalog.spec(material).name
    result.reason = f"归为“{label}”：{'；'.join(hits[:6])}"
    runner_up = next((item for item in scored[1:] if item[1:3] != (material, part)), None)
    if runner_up and runner_up[0] >= best_score * s.ambiguous_margin:
        other = catalog.part_name(runner_up[2]) if runner_up[2] else catalog.spec(runner_up[1]).name
        result.reason += f"（与“{other}”得分接近，建议人工确认）"
    return result
