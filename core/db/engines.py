"""Engines: how a database URL becomes a SQLAlchemy engine, and the per-property engine cache."""

from __future__ import annotations

import threading
import time
import uuid
import warnings
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from core.config import get_settings

# SQLite stores NUMERIC with REAL affinity; our money columns are 2-place Numerics that round-trip
# exactly at hotel magnitudes, and PostgreSQL (production) stores them natively.
warnings.filterwarnings("ignore", message=".*does \\*not\\* support Decimal objects natively.*",
                        category=sa_exc.SAWarning)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _install_sqlite_transactions(engine: Engine) -> None:
    """Let us choose BEGIN IMMEDIATE for writers (pysqlite otherwise defers the lock to the first write).

    The lock is what makes SQLite writers take turns: a booking reads inventory and writes it
    under one lock, so two bookings can never both see the last unit free.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


# A pooled connection idle longer than this is pinged before it is handed out (see
# _ping_when_idle); one in steady use is not.
PING_AFTER_IDLE_S = 30.0
_IDLE_SINCE = "gj_idle_since"


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """Check a pooled connection with a round trip only when it sat idle for more than idle_s.

    SQLAlchemy's pool_pre_ping costs a round trip before every unit of work (a booking is ~10
    statements; the ping was one more). Connections die mostly while idle (server restart, a
    firewall or idle-session timeout, pg_terminate_backend), so a connection checked in less
    than idle_s ago is handed out as it is, and an older one is pinged; a dead one is replaced
    by the pool (DisconnectionError on checkout makes it reconnect) before the caller sees it.
    """
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record):
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn, record, _proxy):
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since <= idle_s:
            return  # just connected, or back in the pool moments ago
        try:
            dialect.do_ping(dbapi_conn)
        except dialect.loaded_dbapi.Error as err:
            raise sa_exc.DisconnectionError(
                f"pooled connection idle over {idle_s:g} s failed its ping: {err}") from err


def make_engine(url: str, *, pool_size: int | None = None,
                ping_after_idle_s: float = PING_AFTER_IDLE_S) -> Engine:
    settings = get_settings()
    url = normalise_url(url)
    if is_sqlite(url):
        db_path = make_url(url).database
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=settings.db_echo,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        _install_sqlite_transactions(engine)
        return engine
    size = pool_size or settings.db_pool_size
    engine = create_engine(
        url,
        echo=settings.db_echo,
        pool_size=size,
        max_overflow=size,
        pool_recycle=1800,
    )
    _ping_when_idle(engine, ping_after_idle_s)
    return engine


def make_admin_engine(server_url: str) -> Engine:
    """An autocommit engine on a server's maintenance database, for CREATE/DROP DATABASE."""
    url = make_url(normalise_url(server_url)).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


_control_engine: Engine | None = None
_control_lock = threading.Lock()


def control_engine() -> Engine:
    global _control_engine
    with _control_lock:
        if _control_engine is None:
            _control_engine = make_engine(get_settings().control_url)
        return _control_engine


class EngineRegistry:
    """Resolves a property id to its database engine, cached, through the control-plane registry."""

    def __init__(self) -> None:
        self._engines: dict[uuid.UUID, Engine] = {}
        self._lock = threading.Lock()

    def get(self, property_id: uuid.UUID) -> Engine:
        engine = self._engines.get(property_id)
        if engine is not None:
            return engine
        url = self._lookup_url(property_id)
        with self._lock:
            engine = self._engines.get(property_id)
            if engine is None:
                engine = make_engine(url)
                self._engines[property_id] = engine
            return engine

    def _lookup_url(self, property_id: uuid.UUID) -> str:
        from core.tenancy.registry import property_database_url

        return property_database_url(property_id)

    def forget(self, property_id: uuid.UUID) -> None:
        with self._lock:
            engine = self._engines.pop(property_id, None)
        if engine is not None:
            engine.dispose()

    def dispose_all(self) -> None:
        with self._lock:
            engines = list(self._engines.values())
            self._engines.clear()
        for engine in engines:
            engine.dispose()


engines = EngineRegistry()


def reset_engines() -> None:
    """Dispose every cached engine (tests and the CLI switch databases)."""
    global _control_engine
    engines.dispose_all()
    with _control_lock:
        if _control_engine is not None:
            _control_engine.dispose()
        _control_engine = None
