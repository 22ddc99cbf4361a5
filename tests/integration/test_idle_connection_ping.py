"""Pooled Postgres connections: pinged only after sitting idle, and a dead one is replaced.

The pool no longer pings before every unit of work (a round trip per booking); it pings a
connection that sat idle longer than `ping_after_idle_s`. These tests kill the server side of a
pooled connection with pg_terminate_backend, as a restart or an idle timeout would.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from tenant_fixtures import PG_SERVER

from core.db.engines import make_admin_engine, make_engine
from core.db.uow import UnitOfWork
from core.tenancy.registry import get_property


def _backend_pid(engine) -> int:
    with UnitOfWork(engine, write=False) as uow:
        return uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _kill(pid: int) -> None:
    admin = make_admin_engine(PG_SERVER)
    try:
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            for _ in range(100):  # terminate only signals; wait until the backend is gone
                if not conn.execute(text("SELECT 1 FROM pg_stat_activity WHERE pid = :p"),
                                    {"p": pid}).first():
                    break
                time.sleep(0.02)
    finally:
        admin.dispose()


@pytest.fixture
def property_url(pg_tenant) -> str:
    return get_property(pg_tenant.make_property()).database_url


def _counting_pings(engine) -> list[int]:
    """Count the dialect's real pings (the ping itself still runs against Postgres)."""
    calls: list[int] = []
    real = engine.dialect.do_ping

    def do_ping(dbapi_conn):
        calls.append(1)
        return real(dbapi_conn)

    engine.dialect.do_ping = do_ping
    return calls


def test_a_connection_killed_while_idle_is_replaced_and_the_next_request_succeeds(property_url):
    engine = make_engine(property_url, pool_size=1, ping_after_idle_s=0.2)
    try:
        first = _backend_pid(engine)
        _kill(first)
        time.sleep(0.3)  # idle longer than the threshold: the next checkout pings

        second = _backend_pid(engine)  # no error reaches the caller

        assert second != first
        with UnitOfWork(engine) as uow:  # a write on the new connection commits
            uow.session.execute(text("CREATE TABLE ping_probe (n int)"))
            uow.commit()
        assert _backend_pid(engine) == second
    finally:
        engine.dispose()


def test_only_a_connection_idle_past_the_threshold_is_pinged(property_url):
    engine = make_engine(property_url, pool_size=1, ping_after_idle_s=1.0)
    pings = _counting_pings(engine)
    try:
        pids = {_backend_pid(engine) for _ in range(20)}
        assert len(pids) == 1 and pings == []  # reused in steady use: no extra round trip
        time.sleep(1.2)
        assert _backend_pid(engine) in pids
        assert pings == [1]
    finally:
        engine.dispose()


def test_a_connection_killed_during_steady_use_fails_one_request_then_the_pool_recovers(
        property_url):
    """What skipping the ping costs: a connection killed between two busy requests is found
    dead by the request that uses it (a clear disconnect error, nothing written), and the
    pool replaces it for the next one."""
    engine = make_engine(property_url, pool_size=1, ping_after_idle_s=30)
    try:
        first = _backend_pid(engine)
        _kill(first)
        with pytest.raises(sa_exc.OperationalError) as err:
            _backend_pid(engine)
        assert err.value.connection_invalidated
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
