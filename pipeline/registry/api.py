"""The registry's library API: rounds, certifications, revocations, assessments, statuses.

    reg = Registry.open(path_or_url)                 # migrates to the newest schema
    reg.record_round(out, 2026)                      # a run's results.jsonl as the 2026 round
    reg.certify(2026, ["银川-…"], date(2026, 10, 20))
    reg.revoke("91640…", date(2027, 3, 1), "…")
    reg.assess(2026, [Grade(target="91640…", grade="优秀")])
    reg.platforms(date.today())                      # every title with its status
    reg.view(as_of)                                  # what `run --registry` checks against

The CLI (pipeline/cli_registry.py) is a thin shell over these methods.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

from pydantic import Field
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..check import load_ruleset
from ..check.ruleset import RuleSet
from ..models import ApplicationResult
from ..models.common import Model
from ..models.result import read_results_file
from ..render.common.dirnames import unique_dirnames
from ..render.common.sources import MANIFEST
from .checks import Certified, RegistryView, Reported, code_of
from .db import (
    RegistryError,
    applications,
    assessments,
    certifications,
    inspections,
    migrate,
    open_engine,
    revocations,
    rounds,
    scores,
)
from .rules import CheckKind, Lifecycle, valid_until
from .wording import wording


class RoundSummary(Model):
    year: int
    as_of: date
    applications: int


class Title(Model):
    """One certification with what became of it."""

    id: int
    round: int
    applicant_id: str
    unit_name: str
    uscc: str | None
    platform_name: str
    city: str
    county: str
    functions: list[str]
    certified_on: date
    valid_until: date
    revoked_on: date | None = None
    reason: str = ""
    article: str = ""
    grades: dict[int, str] = Field(default_factory=dict)  # year → grade
    notes: dict[int, str] = Field(default_factory=dict)

    def status(self, on: date, lifecycle: Lifecycle, reapply: bool) -> str:
        """valid / expiring / expired / revoked on a day (keys of registry.yaml `status`)."""
        if self.revoked_on is not None and self.revoked_on <= on:
            return "revoked"
        if on > self.valid_until:
            return "expired"
        if reapply and on.year == self.valid_until.year:
            return "expiring"
        return "valid"

    def consequence(self, lifecycle: Lifecycle) -> str:
        """What the latest assessment leads to (Art. 19), in Chinese; "" when nothing."""
        if not self.grades:
            return ""
        grade = self.grades[max(self.grades)]
        spec = lifecycle.grades[grade]
        if spec.consequence == "revoke_proposed" and self.revoked_on is not None:
            return ""
        return wording().consequence[spec.consequence].format(article=spec.article)


class Grade(Model):
    target: str  # applicant id, credit code or unit name
    grade: str
    note: str = ""


class ScoreRecord(Model):
    applicant_id: str
    expert: str
    conflict: bool
    total: float | None
    items: dict[str, float]


class InspectionRecord(Model):
    applicant_id: str
    passed: bool
    inspected_on: date | None = None
    note: str = ""


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


class Registry:
    def __init__(self, engine: Engine, ruleset: RuleSet):
        if ruleset.lifecycle is None:
            raise RegistryError(f"规则文件 {ruleset.id} 没有认定管理（lifecycle）部分，无法使用认定库")
        self.engine = engine
        self.ruleset = ruleset
        self.lifecycle: Lifecycle = ruleset.lifecycle

    @classmethod
    def open(cls, location: str | Path | None = None, ruleset: RuleSet | None = None) -> Registry:
        engine = open_engine(location)
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            raise RegistryError(f"无法打开认定库 {engine.url.render_as_string(hide_password=True)}：{exc.orig or exc}") from exc
        return cls(engine, ruleset or load_ruleset())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _param(self, name: str, on: date):
        return self.ruleset.param(name, on).value

    # -- rounds ---------------------------------------------------------------------------

    def record_round(self, out: Path, year: int, replace: bool = False) -> RoundSummary:
        """Store the results of a run (its output folder or results.jsonl) as the round of `year`."""
        path = out / "results.jsonl" if out.is_dir() else out
        results = _read_results(path)
        if not results:
            raise RegistryError(f"{path} 中没有预审结果")
        dates = {r.as_of for r in results}
        if len(dates) > 1 or next(iter(dates)).year != year:
            shown = "、".join(sorted(d.isoformat() for d in dates))
            raise RegistryError(f"预审结果的基准日期为 {shown}，与申报年度 {year} 不符（请用该年度的 --as-of 运行预审）")
        folder = path.parent
        dirnames = unique_dirnames([r.applicant_id for r in results])
        lines = path.read_text(encoding="utf-8").splitlines()
        with self.engine.begin() as conn:
            existing = conn.execute(select(rounds.c.id).where(rounds.c.year == year)).scalar()
            if existing is not None:
                if not replace:
                    raise RegistryError(f"{year} 年度已登记；如需用新的预审结果替换，请加 --replace")
                if self._round_certified(conn, existing):
                    raise RegistryError(f"{year} 年度已有认定记录，不能替换该年度的预审结果")
                conn.execute(delete(rounds).where(rounds.c.id == existing))
            round_id = conn.execute(insert(rounds).values(
                year=year, as_of=next(iter(dates)), ruleset=results[0].ruleset, source=str(folder.resolve()),
                recorded_at=datetime.now().replace(microsecond=0),
            )).inserted_primary_key[0]
            rows = []
            for result, line in zip(results, (ln for ln in lines if ln.strip()), strict=True):
                rows.append(self._application_row(round_id, result, line, folder / "applicants" / dirnames[result.applicant_id]))
            conn.execute(insert(applications), rows)
        return RoundSummary(year=year, as_of=next(iter(dates)), applications=len(results))

    def _round_certified(self, conn: Connection, round_id: int) -> bool:
        query = select(certifications.c.id).join(applications).where(applications.c.round_id == round_id)
        return conn.execute(query.limit(1)).first() is not None

    def _application_row(self, round_id: int, result: ApplicationResult, line: str, app_dir: Path) -> dict:
        def text(fid: str) -> str | None:
            value = result.value(fid)
            return str(value) if value is not None else None

        figures = {f: _jsonable(result.value(f)) for f in self.lifecycle.key_figures if result.value(f) is not None}
        return {
            "round_id": round_id,
            "applicant_id": result.applicant_id,
            "unit_name": text("unit_name") or text("licence.name"),
            "uscc": code_of(result),
            "platform_name": text("platform_name"),
            "city": text("city") or text("licence.city"),
            "county": text("county") or text("licence.county"),
            "functions": [str(f) for f in (result.value("functions_claimed") or [])],
            "decision": result.decision.value,
            "figures": figures,
            "result_digest": hashlib.sha256(line.encode()).hexdigest(),
            "file_digests": _file_digests(app_dir / "files"),
        }

    def rounds(self) -> list[RoundSummary]:
        query = select(rounds.c.year, rounds.c.as_of, applications.c.id).join(applications, isouter=True)
        with self.engine.connect() as conn:
            found: dict[int, RoundSummary] = {}
            for year, as_of, app in conn.execute(query):
                summary = found.setdefault(year, RoundSummary(year=year, as_of=as_of, applications=0))
                summary.applications += app is not None
        return [found[y] for y in sorted(found)]

    def _application(self, conn: Connection, year: int, applicant_id: str):
        query = (
            select(applications)
            .join(rounds)
            .where(rounds.c.year == year, applications.c.applicant_id == applicant_id)
        )
        row = conn.execute(query).mappings().first()
        if row is None:
            if conn.execute(select(rounds.c.id).where(rounds.c.year == year)).scalar() is None:
                raise RegistryError(f"认定库中没有 {year} 年度（请先用 registry record 登记该年度的预审结果）")
            raise RegistryError(f"{year} 年度没有申报编号为“{applicant_id}”的申报")
        return row

    # -- scores and inspections (Art. 12) ---------------------------------------------------

    def record_review(self, year: int, records: list[ScoreRecord], visits: list[InspectionRecord]) -> None:
        """Expert scores and site inspections of a round (replacing earlier ones of the same application)."""
        with self.engine.begin() as conn:
            ids = {}
            for applicant_id in {r.applicant_id for r in records} | {v.applicant_id for v in visits}:
                ids[applicant_id] = self._application(conn, year, applicant_id)["id"]
            for app_id in ids.values():
                conn.execute(delete(scores).where(scores.c.application_id == app_id))
            for app_id in {ids[v.applicant_id] for v in visits}:
                conn.execute(delete(inspections).where(inspections.c.application_id == app_id))
            if records:
                conn.execute(insert(scores), [
                    {"application_id": ids[r.applicant_id], "expert": r.expert, "conflict": int(r.conflict),
                     "total": r.total, "items": r.items}
                    for r in records
                ])
            if visits:
                conn.execute(insert(inspections), [
                    {"application_id": ids[v.applicant_id], "passed": int(v.passed), "inspected_on": v.inspected_on,
                     "note": v.note}
                    for v in visits
                ])

    # -- titles (Art. 13, 17, 19) -----------------------------------------------------------

    def certify(self, year: int, ids: list[str], on: date) -> list[Title]:
        """Certify applications of the round of `year` on `on` (Art. 13); validity from the ruleset (Art. 17)."""
        years = int(self._param(self.lifecycle.validity_years, on))
        with self.engine.begin() as conn:
            for applicant_id in ids:
                app = self._application(conn, year, applicant_id)
                if conn.execute(select(certifications.c.id).where(certifications.c.application_id == app["id"])).first():
                    raise RegistryError(f"“{applicant_id}”（{year} 年度）已经认定，不能重复认定")
                conn.execute(insert(certifications).values(
                    application_id=app["id"], certified_on=on, valid_until=valid_until(on, years)
                ))
        titles = {t.applicant_id: t for t in self.titles() if t.round == year}
        return [titles[i] for i in ids]

    def _title(self, target: str, on: date | None = None) -> Title:
        """The latest title of an applicant id, credit code or unit name (not revoked before `on`)."""
        key = target.strip()
        matches = [
            t for t in self.titles()
            if key in (t.applicant_id, (t.uscc or "").upper(), t.unit_name) or key.upper() == (t.uscc or "")
        ]
        if on is not None:
            matches = [t for t in matches if t.certified_on <= on]
        if not matches:
            raise RegistryError(f"认定库中没有“{target}”的认定记录")
        return max(matches, key=lambda t: t.certified_on)

    def revoke(self, target: str, on: date, reason: str, article: str | None = None) -> Title:
        """Record the revocation of a title (Art. 17; Art. 19 after a failed assessment)."""
        title = self._title(target, on)
        if title.revoked_on is not None:
            raise RegistryError(f"“{title.platform_name or title.unit_name}”的称号已于 {title.revoked_on} 撤销")
        if on > title.valid_until:
            raise RegistryError(f"“{title.platform_name or title.unit_name}”的称号已于 {title.valid_until} 到期，无需撤销")
        if not reason.strip():
            raise RegistryError("请用 --reason 写明撤销原因")
        with self.engine.begin() as conn:
            conn.execute(insert(revocations).values(
                certification_id=title.id, revoked_on=on, reason=reason.strip(),
                article=article or self.lifecycle.revocation_article,
            ))
        return self._title(title.applicant_id)

    def assess(self, year: int, grades: list[Grade]) -> list[tuple[Title, str]]:
        """Record the assessment of `year` (Art. 19); returns each title with what the grade leads to."""
        known = list(self.lifecycle.grades)
        chosen = []
        for g in grades:
            if g.grade not in self.lifecycle.grades:
                raise RegistryError(f"考核等级“{g.grade}”无效，应为：{'、'.join(known)}")
            title = self._title(g.target, date(year, 12, 31))
            if title.certified_on.year > year or title.valid_until.year < year:
                raise RegistryError(f"“{g.target}”的称号有效期（{title.certified_on}至{title.valid_until}）不含 {year} 年")
            chosen.append((title, g))
        with self.engine.begin() as conn:
            for title, g in chosen:
                conn.execute(delete(assessments).where(
                    assessments.c.certification_id == title.id, assessments.c.year == year
                ))
                conn.execute(insert(assessments).values(certification_id=title.id, year=year, grade=g.grade, note=g.note))
        out = []
        for title, _ in chosen:
            fresh = self._title(title.applicant_id)
            out.append((fresh, fresh.consequence(self.lifecycle)))
        return out

    def titles(self) -> list[Title]:
        """Every certification, oldest first."""
        query = (
            select(
                certifications.c.id, rounds.c.year, applications, certifications.c.certified_on,
                certifications.c.valid_until, revocations.c.revoked_on, revocations.c.reason, revocations.c.article,
            )
            .select_from(certifications.join(applications).join(rounds).join(revocations, isouter=True))
            .order_by(certifications.c.certified_on, applications.c.applicant_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            grade_rows = conn.execute(select(assessments)).mappings().all()
        grades: dict[int, dict[int, str]] = {}
        notes: dict[int, dict[int, str]] = {}
        for g in grade_rows:
            grades.setdefault(g["certification_id"], {})[g["year"]] = g["grade"]
            notes.setdefault(g["certification_id"], {})[g["year"]] = g["note"]
        return [
            Title(
                id=r["id"], round=r["year"], applicant_id=r["applicant_id"], unit_name=r["unit_name"] or "",
                uscc=r["uscc"], platform_name=r["platform_name"] or "", city=r["city"] or "", county=r["county"] or "",
                functions=list(r["functions"] or []), certified_on=r["certified_on"], valid_until=r["valid_until"],
                revoked_on=r["revoked_on"], reason=r["reason"] or "", article=r["article"] or "",
                grades=grades.get(r["id"], {}), notes=notes.get(r["id"], {}),
            )
            for r in rows
        ]

    def status_of(self, title: Title, on: date) -> str:
        reapply = bool(self._param(self.lifecycle.reapply_in_expiry_year, on))
        return title.status(on, self.lifecycle, reapply)

    def history(self, target: str) -> list[dict]:
        """Every application of the unit (by applicant id, credit code or unit name), with scores."""
        key = target.strip()
        query = select(applications, rounds.c.year).join(rounds).order_by(rounds.c.year)
        with self.engine.connect() as conn:
            rows = [r for r in conn.execute(query).mappings() if key in (
                r["applicant_id"], r["unit_name"], r["uscc"]) or key.upper() == (r["uscc"] or "")]
            out = []
            for r in rows:
                marks = conn.execute(select(scores).where(scores.c.application_id == r["id"])).mappings().all()
                visit = conn.execute(select(inspections).where(inspections.c.application_id == r["id"])).mappings().first()
                out.append({**dict(r), "scores": [dict(m) for m in marks], "inspection": dict(visit) if visit else None})
        if not out:
            raise RegistryError(f"认定库中没有“{target}”的申报记录")
        return out

    # -- what a run checks against ----------------------------------------------------------

    def view(self, as_of: date) -> RegistryView:
        """The titles and earlier rounds' figures known before `as_of`, by credit code."""
        certified: dict[str, list[Certified]] = {}
        for t in self.titles():
            if t.uscc and t.certified_on <= as_of:
                revoked = t.revoked_on if t.revoked_on and t.revoked_on <= as_of else None
                certified.setdefault(t.uscc, []).append(Certified(
                    round=t.round, applicant_id=t.applicant_id, certified_on=t.certified_on, valid_until=t.valid_until,
                    revoked_on=revoked, reason=t.reason if revoked else "", article=t.article if revoked else "",
                ))
        reported: dict[str, list[Reported]] = {}
        query = select(applications.c.uscc, applications.c.applicant_id, applications.c.figures, rounds.c.year,
                       rounds.c.as_of).join(rounds).where(rounds.c.as_of < as_of)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                if row["uscc"]:
                    reported.setdefault(row["uscc"], []).append(Reported(
                        round=row["year"], as_of=row["as_of"], applicant_id=row["applicant_id"],
                        figures=dict(row["figures"] or {}),
                    ))
        return RegistryView(certified=certified, reported=reported)


def _read_results(path: Path) -> list[ApplicationResult]:
    try:
        return read_results_file(path)
    except ValueError as exc:
        raise RegistryError(str(exc)) from exc


def _file_digests(files: Path) -> dict[str, str]:
    """file → sha256 of the file the applicant submitted (the copies' manifest names it)."""
    try:
        manifest = json.loads((files / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: str(stamp).split(":", 1)[0] for name, stamp in manifest.items()} if isinstance(manifest, dict) else {}


__all__ = ["CheckKind", "Grade", "InspectionRecord", "Registry", "RegistryError", "RoundSummary", "ScoreRecord", "Title"]
