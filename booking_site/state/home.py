"""State of the booking site landing page: the chain's hotels open for booking."""

from __future__ import annotations

import reflex as rx

from core.errors import DomainError
from core.tenancy.registry import list_properties


class HotelsState(rx.State):
    hotels: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""

    @rx.event
    def load(self):
        # A hotel's own domain (mapped in the registry) opens that hotel's site directly.
        host = self.router.headers.host
        if host:
            from core.site.resolve import resolve_site

            try:
                return rx.redirect(f"/p/{resolve_site(host=host).slug}")
            except DomainError:
                pass
        try:
            # Guests only ever see hotels that are open (active), never ones being set up.
            props = list_properties(active_only=True)
        except Exception:  # noqa: BLE001 - say so instead of pretending there are no hotels
            self.error = "Our hotel list is unavailable right now. Please try again shortly."
            self.loaded = True
            return
        self.error = ""
        self.hotels = [
            {"name": p.name, "slug": p.slug, "address": p.address or "",
             "country": p.country or ""}
            for p in props
        ]
        self.loaded = True
