"""The per-application result: one line of results.jsonl (see the output contract)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import Field

from .classification import Basis, Guess, MaterialEntry
from .common import Decision, ListPart, MaterialType, Model
from .fields import FieldValue, LabelValue, ListTable, Narrative
from .registry import RegistryFlag
from .review import ReviewRecord
from .rules import Inconsistency, RuleResult


class FileReport(Model):
    """How one file (or page range) of the application was read and classified: the
    decision, its evidence (`basis`, `reason`, `score`), the runner-up it beat, what an
    unplaced file resembles, and why its OCR text was needed (issue 17)."""

    file: str
    kind: str
    material: MaterialType | None = None
    part: ListPart | None = None
    concept: str | None = None
    reason: str = ""
    basis: Basis = Basis.none
    score: float = 0.0
    confirm: bool = False
    runner_up: Guess | None = None
    resembles: Guess | None = None
    readable: bool = True
    problem: str | None = None
    not_read: str | None = None
    ocr: bool = False
    text_needed_for: list[str] = Field(default_factory=list)


class ApplicationResult(Model):
    """Everything the pipeline concluded about one application.

    The keys named by the output contract come first; `files`, `narratives` and
    `lists` are this project's additions that the dossier renders; `digests` and
    `review` serve the clerk's review loop (pipeline/review/).
    """

    applicant_id: str
    as_of: date
    ruleset: str
    materials: dict[MaterialType, MaterialEntry]
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    rules: list[RuleResult] = Field(default_factory=list)
    inconsistencies: list[Inconsistency] = Field(default_factory=list)
    decision: Decision
    problems: list[str] = Field(default_factory=list)
    # What `run --registry` found against the registry and the rest of the batch (Art. 14, 17).
    registry_checks: list[RegistryFlag] = Field(default_factory=list)
    # Differences between documents that are no inconsistency: under the materiality line, or
    # involving a value whose reading is in doubt (shown to the experts as notes).
    differences: list[Inconsistency] = Field(default_factory=list)
    others: list[LabelValue] = Field(default_factory=list)  # 附件2 label/value pairs that named no field
    files: list[FileReport] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    lists: list[ListTable] = Field(default_factory=list)
    digests: dict[str, str] = Field(default_factory=dict)  # file (rel path) → sha256 of its content
    review: list[ReviewRecord] = Field(default_factory=list)  # the resolutions of the review store, applied or not
    # The 文号 of its 补正通知 (settings.notice_number_pattern), given by the batch in its order.
    notice_number: str | None = None

    def value(self, field_id: str):
        """The value of a field, or None when it was not found."""
        fv = self.fields.get(field_id)
        return fv.value if fv else None

    def to_json_line(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False)


def read_results_file(path: Path) -> list[ApplicationResult]:
    """Every result in a results.jsonl file; ValueError with a Chinese message naming the file and line."""
    if not path.is_file():
        raise ValueError(f"找不到预审结果文件：{path}（请先运行 nx-prescreen run）")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(ApplicationResult.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{path} 第{n}行不是有效的预审结果：{type(exc).__name__}") from exc
    return out
