"""Throwaway control planes and property databases for tests, on SQLite and real Postgres.

Kept out of conftest.py so test support modules can import it by a name no other file shares
(`from tenant_fixtures import _tenant_on`); every folder's conftest is called "conftest".
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import db_templates
import pytest

PG_SERVER = os.environ.get("GJ_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_TEST_URL = os.environ.get("GJ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# In CI (and whenever `gj test` asks for it) an unreachable Postgres or Redis fails the run.
IN_CI = (os.environ.get("CI", "").lower() in ("1", "true", "yes")
         or os.environ.get("GJ_TEST_REQUIRE_SERVICES") == "1")

os.environ.setdefault("GJ_ENV", "test")


def _unreachable(what: str, err: Exception) -> None:
    msg = f"{what} is unreachable ({err.__class__.__name__}: {err})"
    if IN_CI:
        pytest.fail(f"{msg}: CI must run these tests, not skip them", pytrace=False)
    pytest.skip(msg)


_pg_ok: bool | None = None


def require_postgres() -> None:
    global _pg_ok
    if _pg_ok:
        return
    import psycopg

    try:
        dsn = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        _pg_ok = True
    except Exception as exc:  # noqa: BLE001
        _unreachable("PostgreSQL at 127.0.0.1:5432", exc)


def require_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        _unreachable("Redis at 127.0.0.1:6379", exc)


@dataclass
class Tenant:
    """A throwaway control plane with one chain; `make_property` provisions properties in it."""

    backend: str
    chain_id: uuid.UUID
    property_ids: list[uuid.UUID] = field(default_factory=list)

    def make_property(self, name: str | None = None, **kwargs) -> uuid.UUID:
        from core.tenancy.provisioning import provision_property

        suffix = uuid.uuid4().hex[:8]
        prop = provision_property(
            chain_id=self.chain_id,
            name=name or f"Test Hotel {suffix}",
            slug=kwargs.pop("slug", f"test-{suffix}"),
            timezone=kwargs.pop("timezone", "Europe/Lisbon"),
            currency=kwargs.pop("currency", "EUR"),
            **kwargs,
        )
        self.property_ids.append(prop.id)
        return prop.id


def _provision_from_template(monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    """New property databases start as copies of a migrated template (provisioning still runs
    its migration step, which then finds the database at head)."""
    from core.tenancy import provisioning

    template = db_templates.template_url(backend, "property", PG_SERVER)

    def create_from_template(url: str) -> bool:
        db_templates.clone(template, url)
        return True

    monkeypatch.setattr(provisioning, "_create_database", create_from_template)
    if backend == "postgres":
        real_drop = provisioning.drop_database
        monkeypatch.setattr(provisioning, "drop_database",
                            lambda url: db_templates.defer_drop(url) if "postgresql" in url
                            else real_drop(url))


def _configure(monkeypatch: pytest.MonkeyPatch, tmp_path, backend: str) -> Callable[[], None]:
    """Point settings at a fresh control plane for `backend`; returns a cleanup function."""
    from sqlalchemy.engine import make_url

    from core.config import reset_settings
    from core.db.engines import reset_engines

    monkeypatch.setenv("GJ_ENV", "test")
    monkeypatch.setenv("GJ_DATA_DIR", str(tmp_path / "data"))
    def cleanup() -> None:
        return None

    if backend == "postgres":
        require_postgres()
        name = f"gj_test_ctl_{uuid.uuid4().hex[:10]}"
        control_url = make_url(PG_SERVER).set(database=name).render_as_string(False)
        db_templates.clone(db_templates.template_url("postgres", "control", PG_SERVER),
                           control_url)
        monkeypatch.setenv("CONTROL_DATABASE_URL", control_url)
        monkeypatch.setenv("DATABASE_URL", PG_SERVER)
        # Demo properties have fixed ids, so their database names would repeat between test
        # modules (and concurrent runs) while the old ones wait for their deferred drop.
        monkeypatch.setenv("GJ_PROPERTY_DB_PREFIX", f"gj_test_{uuid.uuid4().hex[:10]}_")

        def cleanup() -> None:
            db_templates.defer_drop(control_url)
    else:
        monkeypatch.delenv("CONTROL_DATABASE_URL", raising=False)
        monkeypatch.delenv("DATABASE_URL", raising=False)
        db_templates.clone(db_templates.template_url("sqlite", "control", PG_SERVER),
                           f"sqlite:///{tmp_path / 'data' / 'control.db'}")
    _provision_from_template(monkeypatch, backend)
    monkeypatch.delenv("REDIS_URL", raising=False)
    reset_settings()
    reset_engines()
    return cleanup


def _tenant_on(backend: str, monkeypatch, tmp_path) -> Iterator[Tenant]:
    from core.db import migrate
    from core.db.engines import reset_engines
    from core.tenancy.provisioning import create_chain, deprovision_property

    cleanup = _configure(monkeypatch, tmp_path, backend)
    migrate.migrate_control()
    chain = create_chain("Test Chain", f"chain-{uuid.uuid4().hex[:6]}")
    t = Tenant(backend=backend, chain_id=chain.id)
    try:
        yield t
    finally:
        for pid in t.property_ids:
            try:
                deprovision_property(pid)
            except Exception:  # noqa: BLE001
                pass
        reset_engines()
        cleanup()
        from core.config import reset_settings

        reset_settings()
