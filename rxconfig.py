"""Reflex configuration for the three apps; GJ_APP picks which one this process builds or serves."""

from __future__ import annotations

import os
from pathlib import Path

import reflex as rx

from ui_kit.npm_packages import SHARED_FRONTEND_PACKAGES
from ui_kit.theme import THEME

ROOT = Path(__file__).resolve().parent
APPS = ("pms_app", "booking_site", "tenant_admin")

app_name = os.environ.get("GJ_APP", "pms_app")
if app_name not in APPS:
    raise SystemExit(f"GJ_APP={app_name!r} is not one of {', '.join(APPS)}")

# Each app compiles into its own folders so building one never overwrites another's output.
# `gj` sets these explicitly (it also keeps separate test builds); these defaults make a bare
# `GJ_APP=booking_site reflex run` behave the same way.
os.environ.setdefault("REFLEX_WEB_WORKDIR", str(ROOT / f".web-{app_name}"))
os.environ.setdefault("REFLEX_STATES_WORKDIR", str(ROOT / f".states-{app_name}"))

_DEFAULT_PORTS = {"pms_app": 3000, "booking_site": 3001, "tenant_admin": 3002}
_PORT_VARS = {"pms_app": "GJ_PMS_PORT", "booking_site": "GJ_BOOKING_PORT",
              "tenant_admin": "GJ_ADMIN_PORT"}
port = int(os.environ.get(_PORT_VARS[app_name], _DEFAULT_PORTS[app_name]))

config = rx.Config(
    app_name=app_name,
    # Production serves pages, websocket and API from one port per app.
    frontend_port=port,
    backend_port=port,
    # No telemetry: the suite runs offline and hotels should not phone home by default.
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    # Only REFLEX_REDIS_URL turns on Redis-backed state; REDIS_URL alone is for jobs and pub/sub.
    redis_url=os.environ.get("REFLEX_REDIS_URL") or None,
    # Without it, state lives in this process's memory, not in Reflex's default DISK manager,
    # which pickles every touched state to a file after each change and lists the whole folder
    # every 2 s: with 100 live Today tabs the backend's CPU per change fell from 164 to 102 ms
    # without it (benchmarks/RESULTS.md). Disk buys only surviving a restart, and a reconnecting
    # tab runs its page's on_load anyway, which rebuilds what it shows from the session cookie.
    # Without Redis there is one backend worker, so no other process needs to see these states.
    state_manager_mode=(rx.constants.StateManagerMode.REDIS if os.environ.get("REFLEX_REDIS_URL")
                        else rx.constants.StateManagerMode.MEMORY),
    plugins=[rx.plugins.RadixThemesPlugin(theme=THEME)],
    # The three apps share reflex.lock/: each installs the union, so no build rewrites it.
    frontend_packages=list(SHARED_FRONTEND_PACKAGES),
    # Sitemaps belong to the booking site's CMS pages (generated there), not to every app.
    disable_plugins=[rx.plugins.SitemapPlugin],
)
