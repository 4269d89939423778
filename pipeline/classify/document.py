"""Classify one document (or page range) by its own evidence: the best-scoring material,
taken only with a margin over the runner-up; every decision says why."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Basis, Classified, Guess, ReadDocument
from ..reference import material_catalog
from .columns import ListEvidence, line_evidence, table_evidence
from .concepts import concept_catalog
from .facets import facets_of
from .names import PathEvidence, path_evidence
from .score import ConceptScore, Key, best_by_key, score_concepts
from .settings import classify_settings
from .views import DocView, view_of


@dataclass
class Scored:
    """A classification with the evidence behind it, for the context pass."""

    item: Classified
    scores: list[ConceptScore]  # the best concept of each material/part, best first
    path: PathEvidence
    view: DocView
    close: bool = False  # placed, but the runner-up came close

    def score_for(self, key: Key) -> float:
        return next((sc.total for sc in self.scores if sc.key == key), 0.0)

    @property
    def weak(self) -> bool:
        return self.item.material is None


def key_name(key: Key) -> str:
    catalog = material_catalog()
    material, part = key
    return catalog.part_name(part) if part else catalog.spec(material).name


def guess(sc: ConceptScore) -> Guess:
    return Guess(material=sc.material, part=sc.part, concept=sc.concept, score=sc.total)


def basis_of(sc: ConceptScore) -> Basis:
    parts = {
        Basis.content: sc.content,
        Basis.name: sc.name,
        Basis.folder: sc.folder,
        Basis.columns: sc.columns,
        Basis.photo: sc.photo,
    }
    return max(parts, key=lambda b: parts[b])


def _lists(view: DocView) -> list[ListEvidence]:
    if not view.readable:
        return []
    return table_evidence(view.tables) or line_evidence(view.lines)


def _text_needed(item: Classified, best: ConceptScore, scores: list[ConceptScore]) -> list[str]:
    """Why this file's OCR text was needed: to classify it (the names alone did not place
    it where it went), for fields, for the personal-data check."""
    uses = classify_settings().text_uses
    out = []
    by_name = max(scores, key=lambda sc: sc.without_content, default=None)
    if item.material is None or by_name is None or by_name.key != best.key or (
        by_name.without_content < classify_settings().min_score
    ):
        out.append("classification")
    for use, materials in uses.items():
        if item.material in materials:
            out.append(use)
    return out


def score_document(doc: ReadDocument, path: PathEvidence | None = None) -> Scored:
    """Score one document on its own evidence; `path` replaces what its name says (a
    bundle's pages do not inherit the bundle's name)."""
    s = classify_settings()
    view = view_of(doc)
    path = path if path is not None else path_evidence(doc.file)
    scores = best_by_key(score_concepts(view, path, _lists(view)))
    best = scores[0]
    runner = next((sc for sc in scores[1:] if sc.key != best.key), None)
    item = Classified(
        file=doc.file,
        readable=doc.readable,
        problem=doc.problem,
        not_read=doc.not_read,
        unread_pages=list(doc.unread_pages),
        score=best.total,
        ocr=view.ocr,
    )
    scored = Scored(item, scores, path, view)
    if runner is not None and runner.total >= 1.0:
        item.runner_up = guess(runner)
    evidence = "；".join(best.hits[:6])
    if best.total < s.min_score:
        if best.total >= s.resemble_floor:
            item.resembles = guess(best)
            item.reason = f"依据不足（最接近“{key_name(best.key)}”，{best.total:.1f}分：{evidence}）"
        elif path.generic:
            item.reason = "文件名为拍照、扫描或聊天软件自动生成的名称，内容也不足以判断属于哪一项材料"
        else:
            item.reason = "文件名和内容均不足以判断属于哪一项材料"
        if view.ocr:
            item.text_needed_for = ["classification"]
        return scored
    item.material, item.part, item.concept = best.material, best.part, best.concept
    item.basis = basis_of(best)
    item.reason = f"归为“{key_name(best.key)}”（{best.total:.1f}分）：{evidence}"
    if runner is not None and not (
        best.total - runner.total >= s.margin_abs or best.total >= runner.total * s.margin_ratio
    ):
        scored.close = True
        item.reason += f"；与“{key_name(runner.key)}”（{runner.total:.1f}分）接近"
    item.facets = facets_of(best.concept, view)
    if view.ocr:
        item.text_needed_for = _text_needed(item, best, scores)
    return scored


def classify_document(doc: ReadDocument) -> Classified:
    """One document on its own evidence (no context from the other files)."""
    return score_document(doc).item


def concept_proves(concept_id: str | None) -> str:
    return concept_catalog().concepts[concept_id].proves if concept_id else ""
