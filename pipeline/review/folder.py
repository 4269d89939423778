"""An output folder as the review loop reads it: the results, each application's folder and
the copies of its source files (the links a person follows to check an item)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..models import ApplicationResult, Decision
from ..render.common.dirnames import unique_dirnames
from ..render.common.sources import present_copy
from .wording import wording

RESULTS = "results.jsonl"


class FolderError(Exception):
    """The output folder cannot be read as a run's output; the message is Chinese."""


class Folder:
    """The results of the last run into `out`, with the folder name of each application."""

    def __init__(self, out: Path):
        self.out = Path(out)
        path = self.out / RESULTS
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            raise FolderError(wording().message("no_results", out=self.out)) from None
        self.results: list[ApplicationResult] = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                self.results.append(ApplicationResult.model_validate_json(line))
            except ValidationError as exc:
                raise FolderError(wording().message("bad_results", out=self.out, line=n, error=exc.error_count())) from exc
        # The runner names the folders from the ids in input order, which is results.jsonl's order.
        self.dirnames = unique_dirnames([r.applicant_id for r in self.results])
        self.by_id = {r.applicant_id: r for r in self.results}

    def decisions(self) -> dict[str, Decision]:
        return {r.applicant_id: r.decision for r in self.results}

    def app_dir(self, applicant_id: str) -> Path:
        return self.out / "applicants" / self.dirnames[applicant_id]

    def source_link(self, applicant_id: str, file: str) -> str | None:
        """The copy of a source file under OUT (or its redacted copy, or the note that stands in
        for a withheld one), relative to OUT with forward slashes; None when there is none."""
        files = f"applicants/{self.dirnames[applicant_id]}/files"
        present = present_copy(self.out / files, file)
        return None if present is None else f"{files}/{present}"


def decision_changes(before: dict[str, Decision], after: dict[str, Decision]) -> list[tuple[str, Decision, Decision]]:
    return [(i, before[i], d) for i, d in after.items() if i in before and before[i] != d]


def run_again(out: Path, jobs: int = 1) -> tuple[list[tuple[str, Decision, Decision]], str]:
    """Run the pre-screen into `out` again with its last run's parameters (in `jobs` processes);
    the decisions that changed, and the run's Chinese summary."""
    from ..render.common.config import labels
    from ..runner import rerun

    before = Folder(out).decisions()
    report = rerun(out, jobs)
    after = Folder(out).decisions()
    count = wording().texts["decision_count"]
    counts = "，".join(count.format(decision=labels().of("decision", k), count=v) for k, v in sorted(report.decisions.items()))
    return decision_changes(before, after), counts


_LOADED: dict[Path, tuple[tuple[int, int], Folder]] = {}


def current_folder(out: Path) -> Folder:
    """The folder's results, parsed again only when results.jsonl changed (the review page asks often)."""
    path = Path(out).resolve()
    try:
        info = (path / RESULTS).stat()
        state = (info.st_mtime_ns, info.st_size)
    except OSError:
        return Folder(path)
    kept = _LOADED.get(path)
    if kept is None or kept[0] != state:
        kept = (state, Folder(path))
        _LOADED[path] = kept
    return kept[1]
