"""The review store: one SQLite file in the output folder (复核记录.sqlite), append-only.

Every conclusion a person reaches is a new row of `entries`; nothing is ever updated or
deleted (triggers refuse it), so a correction never overwrites an earlier one silently and
the history of an item is its rows in order. The current resolution of an item is its
latest row, unless that row withdraws the conclusion (the item is open again).

The schema is versioned with SQLite's `user_version`; `MIGRATIONS[n]` takes a store from
version n to n + 1, each in one transaction. A store written by a newer program is refused
with a message rather than read half-understood.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from ..models import Conclusion, ItemKind, Resolution
from .wording import wording

log = logging.getLogger(__name__)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the entries, append-only
    (
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            applicant TEXT NOT NULL,
            kind TEXT NOT NULL,
            item TEXT NOT NULL,
            conclusion TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT 'null',
            note TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            digests TEXT NOT NULL DEFAULT '{}',
            original TEXT NOT NULL DEFAULT 'null',
            reasons TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX entries_item ON entries (applicant, kind, item, id)",
        "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'append-only'); END",
        "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'append-only'); END",
    ),
    # 2: which way an entry came in (sheet, web), and each imported review sheet
    (
        """CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file TEXT NOT NULL,
            digest TEXT NOT NULL,
            at TEXT NOT NULL,
            rows INTEGER NOT NULL
        )""",
        "ALTER TABLE entries ADD COLUMN via TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE entries ADD COLUMN import_id INTEGER REFERENCES imports(id)",
    ),
)
VERSION = len(MIGRATIONS)
_COLUMNS = "id, applicant, kind, item, conclusion, value, note, who, at, digests, original, reasons, via"


class StoreError(Exception):
    """The store cannot be opened or written; the message is Chinese."""


def store_path(out: Path) -> Path:
    return Path(out) / wording().store_file


class ReviewStore:
    """The review store of one output folder; use as a context manager."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(wording().message("store_unreadable", path=self.path, error=exc)) from exc

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        found = self.version()
        if found > VERSION:
            raise StoreError(wording().message("store_newer", path=self.path, found=found, known=VERSION))
        while found < VERSION:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                found = self.version()  # another process may have migrated meanwhile
                if found < VERSION:
                    for statement in MIGRATIONS[found]:
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {found + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            found = self.version()

    # --- writing -------------------------------------------------------------------------

    def record(self, resolutions: Iterable[Resolution], via: str, sheet: tuple[str, str] | None = None) -> list[int]:
        """Append the resolutions in one transaction (all or none); returns their ids.

        `sheet` (file name, sha256) records the review sheet they were imported from."""
        rows = list(resolutions)
        ids: list[int] = []
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                import_id = None
                if sheet is not None:
                    now = datetime.now().astimezone().isoformat(timespec="seconds")
                    cursor = self.db.execute(
                        "INSERT INTO imports (file, digest, at, rows) VALUES (?, ?, ?, ?)", (*sheet, now, len(rows))
                    )
                    import_id = cursor.lastrowid
                for r in rows:
                    cursor = self.db.execute(
                        "INSERT INTO entries (applicant, kind, item, conclusion, value, note, who, at, digests,"
                        " original, reasons, via, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            r.applicant_id,
                            r.kind.value,
                            r.item,
                            r.conclusion.value,
                            _json(r.value),
                            r.note,
                            r.who,
                            r.at.isoformat(timespec="seconds"),
                            _json(r.digests),
                            _json(r.original),
                            _json(r.reasons),
                            via,
                            import_id,
                        ),
                    )
                    ids.append(cursor.lastrowid)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(wording().message("store_unreadable", path=self.path, error=exc)) from exc
        return ids

    # --- reading -------------------------------------------------------------------------

    def entries(self, applicant: str | None = None) -> list[Resolution]:
        """Every entry (of one applicant), oldest first; an entry that cannot be read is
        left out with a warning (it stays in the file)."""
        query = f"SELECT {_COLUMNS} FROM entries"
        args: tuple = ()
        if applicant is not None:
            query += " WHERE applicant = ?"
            args = (applicant,)
        out = []
        for row in self.db.execute(query + " ORDER BY id", args):
            entry = _entry(row)
            if entry is None:
                log.warning(wording().message("store_entry_unreadable", path=self.path, id=row[0]))
            else:
                out.append(entry)
        return out

    def history(self, applicant: str, kind: ItemKind, item: str) -> list[Resolution]:
        return [e for e in self.entries(applicant) if e.kind == kind and e.item == item]

    def current(self, applicant: str | None = None) -> dict[str, list[Resolution]]:
        """Applicant id → the current resolution of each item (latest entry, withdrawn ones left out)."""
        latest: dict[tuple[str, ItemKind, str], Resolution] = {}
        for entry in self.entries(applicant):
            latest[(entry.applicant_id, entry.kind, entry.item)] = entry
        out: dict[str, list[Resolution]] = {}
        for entry in latest.values():
            if entry.conclusion != Conclusion.withdrawn:
                out.setdefault(entry.applicant_id, []).append(entry)
        return out


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _entry(row: tuple) -> Resolution | None:
    id_, applicant, kind, item, conclusion, value, note, who, at, digests, original, reasons, via = row
    try:
        return Resolution(
            id=id_,
            applicant_id=applicant,
            kind=ItemKind(kind),
            item=item,
            conclusion=Conclusion(conclusion),
            value=json.loads(value),
            note=note,
            who=who,
            at=datetime.fromisoformat(at),
            digests=json.loads(digests),
            original=json.loads(original),
            reasons=json.loads(reasons),
            via=via,
        )
    except (ValueError, TypeError, ValidationError):
        return None


def current_resolutions(out: Path) -> dict[str, list[Resolution]]:
    """The current resolutions of the output folder's store; none when it has no store yet."""
    path = store_path(out)
    if not path.is_file():
        return {}
    with ReviewStore(path) as store:
        return store.current()


def open_store(out: Path) -> ReviewStore:
    """The output folder's store, created on first use."""
    return ReviewStore(store_path(out))
