"""The concept catalogue (data/material_concepts.yaml): what each kind of document is, the
material it belongs to and the words that signal it, validated on load."""

from __future__ import annotations

from functools import cache

from pydantic import Field

from ..models import ListPart, MaterialType
from ..models.common import Model
from ..reference import DATA_DIR, ReferenceDataError, load_yaml


class Concept(Model):
    material: MaterialType
    part: ListPart | None = None
    facet: str | None = None  # a facet every document of this concept carries
    proves: str
    titles: dict[str, float] = Field(default_factory=dict)
    title_words: list[list[str]] = Field(default_factory=list)  # [subjects, document words]
    strong: list[str] = Field(default_factory=list)
    weak: list[str] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list)
    names: dict[str, float] = Field(default_factory=dict)
    photo: float = 0.0

    def phrases(self) -> set[str]:
        return {*self.titles, *self.strong, *self.weak, *self.negative, *self.names}


class Facet(Model):
    concepts: list[str]
    title_any: list[str] = Field(default_factory=list)
    text_any: list[list[str]] = Field(default_factory=list)


class ConceptCatalog(Model):
    version: int
    concepts: dict[str, Concept]
    facets: dict[str, Facet] = Field(default_factory=dict)

    def key(self, concept_id: str) -> tuple[MaterialType, ListPart | None]:
        concept = self.concepts[concept_id]
        return concept.material, concept.part


@cache
def concept_catalog() -> ConceptCatalog:
    catalog = ConceptCatalog.model_validate(load_yaml(DATA_DIR / "material_concepts.yaml"))
    covered = {c.material for c in catalog.concepts.values()}
    if covered != set(MaterialType):
        raise ReferenceDataError(f"material_concepts.yaml 缺少以下材料的概念：{sorted(set(MaterialType) - covered)}")
    parts = {c.part for c in catalog.concepts.values() if c.material == MaterialType.resource_lists}
    if parts != set(ListPart):
        raise ReferenceDataError("material_concepts.yaml 中第（五）项材料的概念必须覆盖三个组成部分，且每个都写明 part")
    for cid, concept in catalog.concepts.items():
        if concept.title_words and len(concept.title_words) != 2:
            raise ReferenceDataError(f"material_concepts.yaml 的 {cid}：title_words 须为两组词（主题词、文书词）")
        if (concept.part is not None) != (concept.material == MaterialType.resource_lists):
            raise ReferenceDataError(f"material_concepts.yaml 的 {cid}：只有第（五）项材料的概念写 part")
    for fid, facet in catalog.facets.items():
        unknown = set(facet.concepts) - set(catalog.concepts)
        if unknown:
            raise ReferenceDataError(f"material_concepts.yaml 的特征 {fid} 引用了不存在的概念：{sorted(unknown)}")
    return catalog
