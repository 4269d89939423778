"""Real databases for the registry tests: a SQLite file, and a throwaway PostgreSQL cluster.

The PostgreSQL server is the Debian package's (scripts/install.sh installs it): initdb and
pg_ctl start a cluster in a temporary folder that listens on a unix socket only, as the
`postgres` user when the tests run as root. NX_PRESCREEN_TEST_PG_URL names an existing
server instead (each test gets a database of its own there). Without a server the
PostgreSQL cases are skipped — except where NX_PRESCREEN_REQUIRE_PG=1 (.ci/run sets it),
where a missing server fails them.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_ENV_URL = "NX_PRESCREEN_TEST_PG_URL"
REQUIRE_PG = "NX_PRESCREEN_REQUIRE_PG"
PORT = 5439


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _missing(reason: str):
    if os.environ.get(REQUIRE_PG) == "1":
        pytest.fail(f"需要 PostgreSQL 服务器，但{reason}（{REQUIRE_PG}=1）")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server URL (the maintenance database), for the session."""
    if os.environ.get(PG_ENV_URL):
        yield os.environ[PG_ENV_URL]
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        _missing("未找到 initdb/pg_ctl（PostgreSQL 未安装）")
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="nx-pg-"))
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    data, log = base / "data", base / "server.log"
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-locale",
                        "-E", "UTF8"], check=True, capture_output=True, timeout=120)
        options = f"-k {base} -c listen_addresses='' -p {PORT} -c fsync=off"
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
                       check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(base, ignore_errors=True)
        _missing(f"无法启动临时 PostgreSQL 集群：{exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={base}&port={PORT}"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh, empty database on the server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"nx_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(postgres_server, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_location(request, tmp_path):
    """Where a test's registry lives: a SQLite file, then a PostgreSQL database (same tests)."""
    if request.param == "sqlite":
        return str(tmp_path / "registry.sqlite")
    return request.getfixturevalue("postgres_database")
