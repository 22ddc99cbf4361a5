"""State of the PMS landing page: which properties a staff member can sign in to."""

from __future__ import annotations

import reflex as rx

from core.tenancy.models import PropertyStatus
from core.tenancy.registry import list_properties


class HomeState(rx.State):
    properties: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""

    @rx.event
    def load(self):
        try:
            props = list_properties(active_only=True)
        except Exception:  # noqa: BLE001 - the page must say so rather than show an empty list
            self.error = "The property registry cannot be reached. Try again in a moment."
            self.loaded = True
            return
        self.error = ""
        self.properties = [
            {"id": str(p.id), "name": p.name, "slug": p.slug, "timezone": p.timezone,
             "address": p.address or ""}
            for p in props if p.status == PropertyStatus.active
        ]
        self.loaded = True
