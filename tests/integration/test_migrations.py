"""Both Alembic environments: no drift between models and migrations, and a clean round trip."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import inspect

from core.config import get_settings
from core.db import migrate
from core.db.engines import make_engine
from core.db.tables import control_metadata, property_metadata
from core.tenancy.registry import get_property


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_models_and_migrations_do_not_drift(tenant):
    pid = tenant.make_property()
    migrate.check("control", get_settings().control_url)
    migrate.check("property", get_property(pid).database_url)


@pytest.mark.parametrize("env", ["control", "property"])
def test_upgrade_downgrade_upgrade_round_trips(tenant, env):
    url = (get_settings().control_url if env == "control"
           else get_property(tenant.make_property()).database_url)
    metadata = control_metadata() if env == "control" else property_metadata()
    expected = set(metadata.tables)

    assert _tables(url) >= expected
    assert migrate.current_revision(env, url) == migrate.head_revision(env)

    if env == "control":
        # The control plane holds the registry we are using; round trip a scratch copy instead.
        scratch = f"scratch_control_{uuid.uuid4().hex[:8]}"
        url = url.rsplit("/", 1)[0] + "/" + scratch if "postgresql" in url else \
            url.replace("control.db", f"{scratch}.db")
        if "postgresql" in url:
            from core.db.engines import make_admin_engine
            from core.tenancy.provisioning import drop_database

            admin = make_admin_engine(url)
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{scratch}"')
            admin.dispose()
            try:
                _round_trip(env, url, expected)
            finally:
                drop_database(url)
            return
    _round_trip(env, url, expected)


def _round_trip(env: str, url: str, expected: set[str]) -> None:
    migrate.upgrade(env, url)
    assert _tables(url) >= expected
    migrate.downgrade(env, url, "base")
    assert _tables(url) == set()
    assert migrate.current_revision(env, url) is None
    migrate.upgrade(env, url)
    assert _tables(url) >= expected
    migrate.check(env, url)


def test_migrate_all_reports_progress_for_every_property(tenant):
    names = [tenant.make_property(f"Hotel {i}") for i in range(2)]
    seen: list[tuple[int, int]] = []
    count = migrate.migrate_all(lambda done, total, name: seen.append((done, total)))
    assert count == len(names)
    assert seen == [(1, 2), (2, 2)]
