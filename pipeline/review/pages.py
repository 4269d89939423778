"""What the review pages show (templates/review_index.html.j2, review_app.html.j2): plain strings
in, the templates escape them. Links to source files point at the copies under OUT."""

from __future__ import annotations

import json
from urllib.parse import quote

from ..models import ApplicationResult
from ..privacy.mask import mask_personal as mask
from ..render.common.config import labels, settings
from ..render.common.formatting import location_text
from ..render.overview.batch import app_row
from .folder import Folder
from .history import history_lines
from .items import Item, ItemState, review_items, unused_texts
from .resolve import current_answer
from .store import ReviewStore
from .wording import kind_key, wording


def url_of(rel: str) -> str:
    return "/" + quote(rel, safe="/")


def review_url(dirname: str) -> str:
    return "/review/" + quote(dirname, safe="")


def overview_context(folder: Folder) -> dict:
    rows = []
    for result in folder.results:
        dirname = folder.dirnames[result.applicant_id]
        row = app_row(result, dirname)
        row["review_url"] = review_url(dirname)
        row["dossier_url"] = url_of(f"applicants/{dirname}/dossier.html")
        rows.append(row)
    return {
        "title": settings().index_title,
        "department": settings().department + settings().office,
        "apps": rows,
        "decisions": [{"code": k, "label": v} for k, v in labels().decision.items()],
        "states": wording().states,
    }


def _sources(folder: Folder, item: Item) -> list[dict]:
    out = []
    for source in item.sources:
        rel = folder.source_link(item.applicant_id, source.file)
        href = ""
        if rel:
            href = url_of(rel)
            if source.page is not None and source.file.lower().endswith(".pdf") and rel.endswith(source.file):
                href += f"#page={source.page}"
        out.append({
            "file": mask(source.file),
            "href": href,
            "location": location_text(source),
            "excerpt": mask(" ".join(source.excerpt.split())),
        })
    return out


def application_context(folder: Folder, result: ApplicationResult, store: ReviewStore | None, who: str,
                        token: str, message: str = "", error: str = "") -> dict:
    dirname = folder.dirnames[result.applicant_id]
    items = review_items(result)
    decision = result.decision.value
    shown = []
    for n, item in enumerate(items, 1):
        state = "stale" if item.stale else item.state.value
        shown.append({
            "n": n,
            "key": item.key,
            "category": item.category,
            "title": item.title,
            "value": item.value,
            "value_label": wording().value_labels[kind_key(item.kind, item.item)],
            "reasons": item.reasons,
            "sources": _sources(folder, item),
            "state": state,
            "state_label": wording().states[state],
            "mark": item.mark,
            "resolved": item.state == ItemState.resolved and item.record is not None,
            "choices": [{"label": c.label, "needs_value": c.needs_value} for c in item.choices],
            "current": current_answer(item).model_dump(),
            "digests": _digests_json(item),
            "history": history_lines(store, item),
        })
    return {
        "title": settings().index_title,
        "unit": mask(str(result.value("unit_name") or result.applicant_id)),
        "applicant_id": mask(result.applicant_id),
        "decision": labels().of("decision", decision),
        "decision_colour": settings().decision_colours.get(decision, "FFFFFF"),
        "dossier_url": url_of(f"applicants/{dirname}/dossier.html"),
        "post_url": review_url(dirname),
        "items": shown,
        "open_count": sum(1 for i in items if i.state == ItemState.open),
        "unused": unused_texts(result),
        "who": who,
        "token": token,
        "message": message,
        "error": error,
        "withdraw_label": wording().withdrawn,
    }


def _digests_json(item: Item) -> str:
    return json.dumps(item.digests, ensure_ascii=False, sort_keys=True)
