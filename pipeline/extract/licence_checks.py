"""Checks of the licence's credit code against the rest of the application, run once all
documents are extracted (so the order of files does not matter): the registering
authority (first character) against the certificate kind and the 附件2 unit nature, the
division (characters 3–8) against Ningxia, and city/county from the code when the
licence's 住所 named none."""

from __future__ import annotations

from ..models import Candidate, FieldValue, Source, UnitNature
from . import matching as mt
from .config import labels
from .licence_code import code_place, nature_conflict, outside_region


def check_licence_fields(fields: dict[str, FieldValue]) -> None:
    _nature_from_certificate(fields)
    code_fv = fields.get("licence.uscc")
    if code_fv is None or not isinstance(code_fv.value, str) or len(code_fv.value) != 18:
        return
    code = code_fv.value.upper()
    reasons = []
    kind = licence_nature(fields)
    if kind is not None:
        reasons.append(nature_conflict(code, kind, f"证照类型（{fields['licence.type'].value}）"))
    nature = fields.get("unit_nature")
    if nature is not None and nature.value:
        reasons.append(nature_conflict(code, str(nature.value), "申请报告填写的单位性质"))
    reasons.append(outside_region(code))
    for reason in reasons:
        if reason and reason not in code_fv.review:
            code_fv.review.append(reason)
    _place_from_code(fields, code, code_fv.source)


def licence_nature(fields: dict[str, FieldValue]) -> UnitNature | None:
    """The unit nature the licence's kind or 类型 names: certificate titles first, then the
    unit-nature vocabulary (longest synonym wins: 民办非企业单位 before 企业)."""
    kind = fields.get("licence.type")
    if kind is None or not isinstance(kind.value, str):
        return None
    vocab = labels()
    for nature, words in vocab.licence.kinds.items():
        if mt.first_with(words, kind.value):
            return UnitNature(nature)
    best: tuple[int, str] | None = None
    for nature, words in vocab.unit_nature.items():
        word = mt.first_with(words, kind.value)
        if word and (best is None or len(word) > best[0]):
            best = (len(word), nature)
    return UnitNature(best[1]) if best else None


def _place_from_code(fields: dict[str, FieldValue], code: str, source: Source | None) -> None:
    if "licence.city" in fields and fields["licence.city"].value:
        return
    place = code_place(code)
    if place is None or place.city is None or source is None:
        return
    note = f"证照住所未写明市县，按统一社会信用代码第3–8位行政区划码 {place.division}{'（旧代码）' if place.old else ''}推断"
    for field_id, value in (("licence.city", place.city), ("licence.county", place.county)):
        if value:
            candidate = Candidate(value=value, source=source, matched="信用代码区划码", confidence=0.7, note=note)
            fields[field_id] = FieldValue(
                value=value, source=source, matched=candidate.matched, confidence=0.7, candidates=[candidate]
            )


def _nature_from_certificate(fields: dict[str, FieldValue]) -> None:
    """When 附件2 states no unit nature, the certificate's kind does (a 事业单位法人证书 is held by a
    事业单位): read at lower confidence, with a note, so the relaxation of Article 6 can apply."""
    stated = fields.get("unit_nature")
    if stated is not None and stated.value:
        return
    nature = licence_nature(fields)
    kind = fields.get("licence.type")
    if nature is None or kind is None or kind.source is None:
        return
    note = f"申请报告未写明单位性质，按证照类型“{kind.value}”确定"
    candidate = Candidate(value=nature.value, source=kind.source, matched="证照类型", confidence=0.85, note=note)
    fields["unit_nature"] = FieldValue(value=nature.value, source=kind.source, matched="证照类型", confidence=0.85,
                                       candidates=[*(stated.candidates if stated else []), candidate])
