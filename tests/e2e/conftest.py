"""Fixtures for browser tests: the three apps running for real, and Chromium driven by Playwright.

`apps` starts the apps once for this package's tests the way `gj run` does (gj_cli.run.serve:
`reflex run --env prod` per app on its own port, plus the background processes), on spare ports,
embedded SQLite in a temporary data folder and build folders in a temporary directory (so a
running `gj up` is never disturbed). It provisions one chain with one property first so pages
have something to show; `apps.in_process()` lets a test call core on the same databases.
"""

from __future__ import annotations

import contextlib
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Assertions wait as long as actions do (20 s, the pages' default below): Playwright's own 5 s
# made live-update checks flaky on a loaded 2-core machine; a real failure still fails.
EXPECT_TIMEOUT_MS = 20_000


def pytest_configure(config) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Apps:
    pms: str
    booking: str
    admin: str
    data_dir: Path
    log_dir: Path
    chain_id: uuid.UUID
    property_id: uuid.UUID
    property_slug: str
    property_name: str
    env: dict[str, str] = field(default_factory=dict)

    def url(self, app: str) -> str:
        return {"pms_app": self.pms, "booking_site": self.booking, "tenant_admin": self.admin}[app]

    def in_process(self) -> contextlib.AbstractContextManager[None]:
        """`with apps.in_process():` call core services on the running apps' databases."""
        return _configured(self.env)


_E2E_UNSET = ("DATABASE_URL", "CONTROL_DATABASE_URL", "REDIS_URL", "REFLEX_REDIS_URL")


@contextlib.contextmanager
def _configured(env: dict[str, str]) -> Iterator[None]:
    """Point this process's settings at the e2e databases, and back again afterwards."""
    from core.config import reset_settings
    from core.db.engines import reset_engines

    with pytest.MonkeyPatch.context() as mp:
        for var in _E2E_UNSET:
            mp.delenv(var, raising=False)
        for key in ("GJ_ENV", "GJ_DATA_DIR"):
            mp.setenv(key, env[key])
        reset_settings()
        reset_engines()
        try:
            yield
        finally:
            reset_engines()
            reset_settings()


def spare_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(name="spare_ports")
def spare_ports_fixture():
    """spare_ports(n): n TCP ports free right now on this machine."""
    return spare_ports


@dataclass
class Mailbox:
    """What the apps' SMTP server received (the apps are pointed at it through SMTP_HOST/PORT)."""

    port: int
    messages: list = field(default_factory=list)

    def wait_for(self, to: str, timeout: float = 20.0):
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg in self.messages:
                if to in (msg["To"] or ""):
                    return msg
            time.sleep(0.1)
        raise AssertionError(f"no email to {to} within {timeout} s")


@pytest.fixture(scope="package")
def mailbox() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    box = Mailbox(port=spare_ports(1)[0])

    class Keep(Message):
        def handle_message(self, message):
            box.messages.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture(scope="package")
def localstripe() -> Iterator[str]:
    """A local Stripe stand-in the apps' card payments talk to (it also serves Stripe.js)."""
    import subprocess
    import sys
    import time

    import httpx

    port = spare_ports(1)[0]
    # --from-scratch: every localstripe on the machine shares /tmp/localstripe.pickle.
    proc = subprocess.Popen([str(Path(sys.executable).parent / "localstripe"), "--port", str(port),
                             "--from-scratch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url + "/v1/customers", auth=("sk_test_e2e", ""), timeout=1)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("localstripe did not start", pytrace=False)
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="package")
def apps(tmp_path_factory, mailbox, localstripe) -> Iterator[Apps]:
    """The three apps (and worker) running for the tests of this package, stopped after them."""
    from core.db import migrate
    from core.tenancy.provisioning import create_chain, provision_property
    from gj_cli.apps import AppTarget
    from gj_cli.run import serve

    root = tmp_path_factory.mktemp("e2e")
    data_dir, log_dir, build_dir = root / "data", root / "logs", root / "builds"
    pms_port, booking_port, admin_port = spare_ports(3)
    env = {k: v for k, v in os.environ.items() if k not in _E2E_UNSET}
    env.update(GJ_ENV="test", GJ_DATA_DIR=str(data_dir), SMTP_HOST="127.0.0.1",
               SMTP_PORT=str(mailbox.port), STRIPE_SECRET_KEY="sk_test_e2e",
               STRIPE_PUBLISHABLE_KEY="pk_test_e2e", STRIPE_API_BASE=localstripe)
    with _configured(env):
        migrate.migrate_control()
        chain = create_chain("Atlantic Coast Hotels", "atlantic-coast")
        prop = provision_property(chain_id=chain.id, name="Harbour View Hotel",
                                  slug="harbour-view", timezone="Europe/Lisbon",
                                  currency="EUR", address="Rua do Porto 12, Lisbon")
    targets = [AppTarget("pms_app", pms_port, "e2e", build_dir),
               AppTarget("booking_site", booking_port, "e2e", build_dir),
               AppTarget("tenant_admin", admin_port, "e2e", build_dir)]
    # The apps migrate on start themselves; migrate=False keeps this process's settings untouched.
    with serve(targets, base_env=env, log_dir=log_dir, echo=False, migrate=False):
        yield Apps(
            pms=targets[0].url, booking=targets[1].url, admin=targets[2].url,
            data_dir=data_dir, log_dir=log_dir, chain_id=chain.id, property_id=prop.id,
            property_slug=prop.slug, property_name=prop.name, env=env,
        )


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run ./gj setup (it installs Debian's chromium)",
                    pytrace=False)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies or storage shared between tests) and page."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()
