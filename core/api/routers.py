"""The one list of API routers: a feature adds a line here and every app it names serves it."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from fastapi import APIRouter

ALL_APPS = ("pms_app", "booking_site", "tenant_admin")


@dataclass(frozen=True)
class RouterSpec:
    """Where a router lives ("module:attribute") and which apps mount it (default: all)."""

    target: str
    apps: tuple[str, ...] = ALL_APPS
    prefix: str = ""

    def load(self) -> APIRouter:
        module_name, _, attr = self.target.partition(":")
        router = getattr(importlib.import_module(module_name), attr)
        if not isinstance(router, APIRouter):
            raise TypeError(f"{self.target} is not a fastapi.APIRouter")
        return router


# Imported lazily by create_api so that a feature's import cost is paid only by apps that
# mount it. Order matters only for overlapping paths (first match wins).
ROUTERS: list[RouterSpec] = [
    RouterSpec("core.api.ops:router"),
    RouterSpec("core.api.payments_webhook:router", apps=("pms_app", "booking_site")),
    RouterSpec("core.api.folio:router", apps=("pms_app",)),
    RouterSpec("core.api.payments:router", apps=("pms_app",)),
    RouterSpec("core.api.night_audit:router", apps=("pms_app",)),
    RouterSpec("core.api.housekeeping:router", apps=("pms_app",)),
    RouterSpec("core.api.maintenance:router", apps=("pms_app",)),
    RouterSpec("core.api.auth:router"),
    RouterSpec("core.api.auth_sso:router"),
    RouterSpec("core.api.audit:router", apps=("pms_app", "tenant_admin")),
    RouterSpec("core.api.streams:router"),
    # REST v1 (after streams: ".../{topic}/stream" must win over ".../reservations/{id}").
    RouterSpec("core.api.v1.properties:router"),
    RouterSpec("core.api.v1.reservations:router", apps=("pms_app",)),
    RouterSpec("core.api.v1.reservation_notes:router", apps=("pms_app",)),
    RouterSpec("core.api.v1.guests:router", apps=("pms_app",)),
    RouterSpec("core.api.v1.guest_requests:router", apps=("pms_app",)),
    RouterSpec("core.api.v1.chat:router", apps=("pms_app",)),
    RouterSpec("core.api.v1.uploads:router", apps=("pms_app",)),
    RouterSpec("core.api.webhooks:router", apps=("pms_app", "tenant_admin")),
    RouterSpec("core.api.site:router", apps=("booking_site",)),
    # The PMS shows the same images in the Website editor's library and preview.
    RouterSpec("core.api.site_media:router", apps=("booking_site", "pms_app")),
]


def routers_for(app_name: str) -> list[tuple[APIRouter, str]]:
    return [(spec.load(), spec.prefix) for spec in ROUTERS if app_name in spec.apps]
