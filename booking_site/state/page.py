"""State of a CMS page of a hotel's site (home, rooms, offers, ... and custom pages)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.content import page_view


class PageState(SiteState):
    page_slug: str = ""
    title: str = ""
    description: str = ""
    blocks: list[dict[str, Any]] = []
    room_types: list[dict[str, Any]] = []
    page_error: str = ""
    json_ld: str = ""
    loaded: bool = False

    @rx.var
    def page_title(self) -> str:
        """The browser title: this page's own CMS title (in the guest's language) and the hotel."""
        own = self.page_error or self.title
        if own and self.site_name and own != self.site_name:
            return f"{own} · {self.site_name}"
        return own or self.site_name

    @rx.event
    def load(self):
        self.loaded = False
        site = self._load_site()
        if site is None:
            self.loaded = True
            return
        self.page_slug = self.rx_router_page.params.get("page", "") or "home"
        try:
            with self._public_uow(site) as uow:
                view = page_view(uow, self.page_slug, self.lang)
        except DomainError:
            self.page_error, self.blocks, self.title = self.t["not_found"], [], ""
            self.loaded = True
            return
        self.page_error = ""
        self.title, self.description = view.page.title, view.page.description
        self.blocks, self.room_types = view.blocks, view.room_types
        from core.site.seo import hotel_json_ld

        self.json_ld = hotel_json_ld(site, view.room_types, self.canonical)
        self.loaded = True
