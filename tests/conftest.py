"""Shared fixtures: throwaway control planes and property databases on SQLite and real Postgres.

`backend` is parametrised over sqlite and postgres; a test that takes `tenant` (or `property_id`,
`make_property`) runs once per backend. Postgres and Redis tests fail loudly in CI when the servers
are unreachable and are skipped (with the reason) on a developer machine without them. The
machinery lives in tenant_fixtures.py.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import db_templates
import pytest
from tenant_fixtures import REDIS_TEST_URL, Tenant, _tenant_on, require_redis

os.environ.setdefault("GJ_ENV", "test")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def tenant(backend, monkeypatch, tmp_path) -> Iterator[Tenant]:
    """A fresh control plane (migrated) with one chain, on the parametrised backend."""
    yield from _tenant_on(backend, monkeypatch, tmp_path)


@pytest.fixture
def property_id(tenant: Tenant) -> uuid.UUID:
    """One provisioned property on the parametrised backend."""
    return tenant.make_property()


@pytest.fixture
def sqlite_tenant(monkeypatch, tmp_path) -> Iterator[Tenant]:
    """Like `tenant`, on SQLite only (for tests of embedded-mode behaviour)."""
    yield from _tenant_on("sqlite", monkeypatch, tmp_path)


@pytest.fixture
def pg_tenant(monkeypatch, tmp_path) -> Iterator[Tenant]:
    """Like `tenant`, on Postgres only (concurrency and exclusion-constraint tests)."""
    yield from _tenant_on("postgres", monkeypatch, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def module_tenant(request, tmp_path_factory) -> Iterator[Tenant]:
    """Like `tenant`, shared by a whole test module (for expensive set-ups such as the demo)."""
    with pytest.MonkeyPatch.context() as mp:
        yield from _tenant_on(request.param, mp, tmp_path_factory.mktemp(request.param))


@pytest.fixture
def redis_url(monkeypatch) -> Iterator[str]:
    """The real Redis (db 15, flushed before and after); also exported as REDIS_URL."""
    require_redis()
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.flushdb()
    monkeypatch.setenv("REDIS_URL", REDIS_TEST_URL)
    from core.config import reset_settings

    reset_settings()
    yield REDIS_TEST_URL
    client.flushdb()
    reset_settings()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "pg_tenant" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_sessionfinish(session, exitstatus):
    db_templates.drop_deferred()
