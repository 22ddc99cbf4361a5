"""Live desk screens in production shape: the PMS on PostgreSQL with events over Redis pub/sub.

The PMS runs like `gj run` with DATABASE_URL/CONTROL_DATABASE_URL on the real Postgres server and
REDIS_URL set (the relay publishes each committed event to Redis; the app's feed follows Redis).
A booking made by another process shows in two signed-in browsers, and a check-in in one shows in
the other, without reloading.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from .conftest import _E2E_UNSET, Apps, spare_ports
from .desk_helpers import book_stay, make_desk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]

PG_SERVER = os.environ.get("GJ_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("GJ_TEST_REDIS_URL_E2E", "redis://127.0.0.1:6379/14")


@contextlib.contextmanager
def _configured(env: dict[str, str]) -> Iterator[None]:
    from core.config import reset_settings
    from core.db.engines import reset_engines

    with pytest.MonkeyPatch.context() as mp:
        for var in _E2E_UNSET:
            mp.delenv(var, raising=False)
        for key in ("GJ_ENV", "GJ_DATA_DIR", "CONTROL_DATABASE_URL", "DATABASE_URL",
                    "REDIS_URL"):
            mp.setenv(key, env[key])
        reset_settings()
        reset_engines()
        try:
            yield
        finally:
            reset_engines()
            reset_settings()


@dataclass
class PgApps(Apps):
    def in_process(self):
        return _configured(self.env)


@pytest.fixture(scope="module")
def pg_apps(tmp_path_factory) -> Iterator[PgApps]:
    from sqlalchemy.engine import make_url

    from core.db import migrate
    from core.db.engines import make_admin_engine
    from core.tenancy.provisioning import create_chain, drop_database, provision_property
    from core.tenancy.registry import list_properties, property_database_url
    from gj_cli.apps import AppTarget
    from gj_cli.run import serve

    try:
        admin = make_admin_engine(PG_SERVER)
        control = f"gj_e2e_ctl_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{control}"')
        admin.dispose()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"PostgreSQL at {PG_SERVER} is needed: {exc}", pytrace=False)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    root = tmp_path_factory.mktemp("e2e-pg")
    env = {k: v for k, v in os.environ.items() if k not in _E2E_UNSET}
    env.update(GJ_ENV="test", GJ_DATA_DIR=str(root / "data"), DATABASE_URL=PG_SERVER,
               CONTROL_DATABASE_URL=make_url(PG_SERVER).set(database=control)
               .render_as_string(False), REDIS_URL=REDIS_URL)
    (port,) = spare_ports(1)
    try:
        with _configured(env):
            migrate.migrate_control()
            chain = create_chain("Atlantic Coast Hotels", f"atlantic-{uuid.uuid4().hex[:6]}")
            prop = provision_property(chain_id=chain.id, name="Harbour View Hotel",
                                      slug="harbour-view", timezone="Europe/Lisbon",
                                      currency="EUR")
        target = AppTarget("pms_app", port, "e2epg", root / "builds")
        with serve([target], base_env=env, log_dir=root / "logs", echo=False, migrate=False):
            yield PgApps(pms=target.url, booking="", admin="", data_dir=root / "data",
                         log_dir=root / "logs", chain_id=chain.id, property_id=prop.id,
                         property_slug=prop.slug, property_name=prop.name, env=env)
    finally:
        with _configured(env):
            urls = [property_database_url(p.id) for p in list_properties()]
        for url in urls:
            drop_database(url)
        drop_database(env["CONTROL_DATABASE_URL"])
        redis.Redis.from_url(REDIS_URL).flushdb()


def test_two_browsers_stay_in_step_over_postgres_and_redis(pg_apps, browser):
    desk = make_desk(pg_apps)
    contexts = [browser.new_context(), browser.new_context()]
    try:
        first, second = (c.new_page() for c in contexts)
        for p in (first, second):
            p.set_default_timeout(20_000)
            sign_in(p, pg_apps, desk.desk_email)

        rid = book_stay(pg_apps, desk, "Redisfollower")  # another process: relay → Redis → feed
        for p in (first, second):
            expect(p.locator("#row-" + rid)).to_be_visible(timeout=5_000)
        first.locator("#check-in-" + rid).click()

        expect(second.locator("#row-" + rid)).to_contain_text("In house", timeout=5_000)
    finally:
        for c in contexts:
            c.close()
