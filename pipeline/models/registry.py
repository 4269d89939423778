"""What the registry check of a run found about one application (results.jsonl `registry_checks`)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from .common import Model


class RegistryFlag(Model):
    """One finding against the registry or the rest of the batch, with the article it rests on."""

    id: str  # CheckKind: repeat_application, revoked, duplicate_in_batch, cross_year
    article: str
    title: str  # Chinese short name, e.g. 重复申报
    note: str  # Chinese: what was found, with the registry's record
    round: int | None = None  # the round of the registry record
    certified_on: date | None = None
    valid_until: date | None = None
    revoked_on: date | None = None
    related: list[str] = Field(default_factory=list)  # other applicant ids of this batch (duplicates)
