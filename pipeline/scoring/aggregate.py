"""Expert totals → an application's score, and the ranking (method from scoring.yaml)."""

from __future__ import annotations

from ..models import ApplicationResult
from ..privacy.mask import mask_personal
from ..render.common.config import Aggregation, Scoring, scoring
from .models import Ranked, Review


def aggregate(totals: list[float], method: Aggregation) -> tuple[float | None, str]:
    """The score and the method's Chinese name: the mean, or with at least `trim_when_at_least`
    scores the mean after dropping the `trim_each_side` highest and lowest."""
    if not totals:
        return None, ""
    ordered = sorted(totals)
    k = method.trim_each_side
    if method.method == "trimmed_mean" and len(ordered) >= method.trim_when_at_least and len(ordered) > 2 * k:
        kept = ordered[k:len(ordered) - k]
        return round(sum(kept) / len(kept), 2), f"去掉{k}个最高分和{k}个最低分后的平均分"
    return round(sum(ordered) / len(ordered), 2), "平均分"


def rank(review: Review, results: list[ApplicationResult], cfg: Scoring | None = None) -> list[Ranked]:
    """One row per application that was sent to the experts, best score first."""
    cfg = cfg or scoring()
    by_id = {r.applicant_id: r for r in results}
    sent = list(dict.fromkeys([s.applicant_id for s in review.sheets] + [p.applicant_id for p in review.problems
                                                                          if p.applicant_id in by_id]))
    rows = []
    for applicant_id in sent:
        result = by_id[applicant_id]
        sheets = [s for s in review.sheets if s.applicant_id == applicant_id]
        totals = [s.total for s in sheets if s.valid and s.total is not None]
        score, method = aggregate(totals, cfg.aggregation)
        visit = review.inspections.get(applicant_id)
        inspection = "" if visit is None else cfg.inspection_choices[0 if visit.passed else 1]
        proposed = (
            score is not None
            and len(totals) >= cfg.min_valid_scores
            and score >= cfg.pass_score
            and (visit is None or visit.passed)
            and result.decision.value in cfg.scored_decisions
        )
        rows.append(Ranked(
            rank=None, applicant_id=applicant_id, unit=_text(result, "unit_name"), platform=_text(result, "platform_name"),
            city=_text(result, "city"), decision=result.decision.value, totals=totals,
            conflicts=[s.expert for s in sheets if s.conflict], method=method, score=score, inspection=inspection,
            inspection_note=visit.note if visit else "", proposed=proposed,
        ))
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.applicant_id))
    position = 0
    for n, row in enumerate(rows, 1):
        if row.score is None:
            break
        if n == 1 or row.score != rows[n - 2].score:  # equal scores share a rank
            position = n
        row.rank = position
    return rows


def _text(result: ApplicationResult, fid: str) -> str:
    value = result.value(fid)
    return mask_personal(str(value)) if value else ""

