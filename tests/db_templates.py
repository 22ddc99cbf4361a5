"""Pre-migrated template databases, so a test's throwaway database is a copy, not a migration.

Running every Alembic revision for each test's control plane and property costs seconds on
Postgres; `CREATE DATABASE ... TEMPLATE` (or copying a SQLite file) costs milliseconds. Templates
are built once per test session from the migrations on disk, so tests still exercise them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

_templates: dict[tuple[str, str], str] = {}
_to_drop: list[str] = []
_sqlite_dir = Path(tempfile.mkdtemp(prefix="gj-templates-"))
atexit.register(shutil.rmtree, _sqlite_dir, True)


def template_url(backend: str, env: str, pg_server: str) -> str:
    """The URL of a database migrated to head for `env` ("control" or "property")."""
    from core.db import migrate

    key = (backend, env)
    if key not in _templates:
        if backend == "postgres":
            name = f"gj_test_tpl_{env}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            _admin(pg_server, f'CREATE DATABASE "{name}"')
            url = make_url(pg_server).set(database=name).render_as_string(False)
            _to_drop.append(url)
        else:
            url = f"sqlite:///{_sqlite_dir / f'{env}.db'}"
        migrate.upgrade(env, url)
        if backend == "sqlite":
            _checkpoint(url)
        _templates[key] = url
    return _templates[key]


def clone(template: str, target: str) -> None:
    """Create the database at `target` as a copy of `template` (same server or both SQLite)."""
    if template.startswith("sqlite"):
        dest = Path(make_url(target).database)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(make_url(template).database, dest)
        return
    _admin(template, f'CREATE DATABASE "{make_url(target).database}" '
                     f'TEMPLATE "{make_url(template).database}"')


def _admin(server_url: str, sql: str) -> None:
    from core.db.engines import make_admin_engine

    engine = make_admin_engine(server_url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def _checkpoint(url: str) -> None:
    """Fold SQLite's write-ahead log into the file, so a plain copy has every table."""
    import sqlite3

    with sqlite3.connect(make_url(url).database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")


def defer_drop(url: str) -> None:
    """Drop a Postgres database at the end of the session instead of now.

    DROP DATABASE forces a checkpoint, which is slow while other tests write; at the end of the
    session there is little left to flush, so the drops are quick.
    """
    _to_drop.append(url)


def drop_deferred() -> None:
    for url in reversed(_to_drop):
        try:
            _admin(url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
        except Exception:  # noqa: BLE001 - a leftover test database must not fail the run
            pass
    _to_drop.clear()
