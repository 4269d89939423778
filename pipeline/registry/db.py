"""The registry's tables (SQLAlchemy Core) and how a database is opened and migrated.

One schema serves SQLite (the default, a file under the user's data folder) and
PostgreSQL (a department server, by URL). The schema is changed only through the
Alembic scripts in migrations/, which ship with the package, so an installed wheel can
migrate a registry made by an older version.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
metadata = MetaData()

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False, unique=True),
    Column("as_of", Date, nullable=False),
    Column("ruleset", String(200), nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("recorded_at", DateTime, nullable=False),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("applicant_id", String(400), nullable=False),
    Column("unit_name", String(400)),
    Column("uscc", String(18), index=True),
    Column("platform_name", String(400)),
    Column("city", String(40)),
    Column("county", String(40)),
    Column("functions", JSON, nullable=False),  # function ids claimed
    Column("decision", String(20), nullable=False),
    Column("figures", JSON, nullable=False),  # field id → value, the key figures of the result
    Column("result_digest", String(64), nullable=False),  # sha256 of the results.jsonl line
    Column("file_digests", JSON, nullable=False),  # file → sha256 of the submitted file
    UniqueConstraint("round_id", "applicant_id", name="uq_application_round"),
)

scores = Table(
    "scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("expert", String(100), nullable=False),
    Column("conflict", Integer, nullable=False, default=0),  # 1: declared a conflict, excluded
    Column("total", Float),  # weighted total; None when excluded
    Column("items", JSON, nullable=False),  # criterion item → score
    UniqueConstraint("application_id", "expert", name="uq_score_expert"),
)

inspections = Table(
    "inspections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("passed", Integer, nullable=False),  # 1 通过, 0 不通过
    Column("inspected_on", Date),
    Column("note", Text, nullable=False, default=""),
)

certifications = Table(
    "certifications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="RESTRICT"), nullable=False, unique=True),
    Column("certified_on", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
)

revocations = Table(
    "revocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "certification_id", Integer, ForeignKey("certifications.id", ondelete="CASCADE"), nullable=False, unique=True
    ),
    Column("revoked_on", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("article", String(100), nullable=False),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("certification_id", Integer, ForeignKey("certifications.id", ondelete="CASCADE"), nullable=False),
    Column("year", Integer, nullable=False),  # the year assessed (Art. 19: the previous year)
    Column("grade", String(20), nullable=False),
    Column("note", Text, nullable=False, default=""),
    UniqueConstraint("certification_id", "year", name="uq_assessment_year"),
)


class RegistryError(Exception):
    """The registry cannot do what was asked; the message is Chinese."""


def default_location() -> Path:
    """$XDG_DATA_HOME/nx-prescreen/registry.sqlite (~/.local/share/… when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nx-prescreen" / "registry.sqlite"


def database_url(location: str | Path | None) -> str:
    """A path (SQLite file) or an SQLAlchemy URL such as postgresql+psycopg://user@host/db."""
    if location is None:
        location = default_location()
    text = str(location)
    if "://" in text:
        try:
            make_url(text).get_dialect()
        except (ArgumentError, NoSuchModuleError) as exc:
            raise RegistryError(f"无法识别的数据库地址：{text}") from exc
        return text
    path = Path(text).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RegistryError(f"无法创建认定库所在的文件夹：{path.parent}（{exc.strerror or exc}）") from exc
    return f"sqlite:///{path.resolve()}"


def open_engine(location: str | Path | None) -> Engine:
    url = database_url(location)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite enforces foreign keys only when asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creates it when empty)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
