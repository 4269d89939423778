"""Facets: what a classified document also shows that completeness needs to know (a
special audit, a service income/expenditure section; data in material_concepts.yaml)."""

from __future__ import annotations

from functools import cache

from .concepts import concept_catalog
from .keywords import compact
from .views import DocView


@cache
def _compact_facets() -> dict[str, tuple[frozenset[str], list[str], list[list[str]]]]:
    return {
        fid: (
            frozenset(f.concepts),
            [compact(p) for p in f.title_any],
            [[compact(p) for p in group] for group in f.text_any],
        )
        for fid, f in concept_catalog().facets.items()
    }


def facets_of(concept_id: str | None, view: DocView) -> list[str]:
    """The concept itself, the concept's own facet, and every facet its text shows."""
    if concept_id is None:
        return []
    out = [concept_id]
    own = concept_catalog().concepts[concept_id].facet
    if own:
        out.append(own)
    title = view.title.text if view.title is not None else ""
    for fid, (concepts, title_any, text_any) in _compact_facets().items():
        if concept_id not in concepts:
            continue
        if any(p in title for p in title_any) or any(all(p in view.text for p in group) for group in text_any):
            out.append(fid)
    return out
