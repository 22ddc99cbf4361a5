"""State every property page inherits: which hotel (host or /p/{slug}), its menu and language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import reflex as rx

from booking_site.i18n import LANGUAGES, pick, strings
from core.actor import Actor
from core.cms.services import site_pages
from core.db.uow import property_uow
from core.errors import DomainError
from core.site.actors import public_booking_actor
from core.site.resolve import Site, resolve_site


class SiteState(rx.State):
    slug: str = ""
    site_name: str = ""
    site_address: str = ""
    brand_color: str = ""
    lang: str = "en"
    lang_cookie: str = rx.Cookie("", name="gj_lang", max_age=365 * 24 * 3600, same_site="lax")
    t: dict[str, str] = strings("en")
    menu: list[dict[str, str]] = []
    site_error: str = ""
    canonical: str = ""

    def _site(self) -> Site:
        slug = self.rx_router_page.params.get("slug", "") or self.slug
        return resolve_site(self.router.headers.host, slug)

    def _public_uow(self, site: Site, write: bool = False):
        actor = public_booking_actor(site.property_id, ip=self.router.session.client_ip or None,
                                     user_agent=self.router.headers.user_agent or None)
        return property_uow(site.property_id, actor, write=write)

    def _load_site(self) -> Site | None:
        """Resolve the hotel and its menu; on failure show the message and return None."""
        wanted = self.router.url.query_parameters.get("lang", "")
        self._set_if_changed("lang", pick(wanted or self.lang_cookie or self.lang))
        if wanted in LANGUAGES and self.lang_cookie != wanted:
            self.lang_cookie = wanted
        self._set_if_changed("t", strings(self.lang))
        try:
            site = self._site()
        except DomainError as err:
            self.site_error, self.site_name = err.message, ""
            return None
        self._set_if_changed("site_error", "")
        self._set_if_changed("slug", site.slug)
        self._set_if_changed("site_name", site.name)
        self._set_if_changed("site_address", site.address)
        self._set_if_changed("brand_color", site.brand_color)
        self._set_if_changed("canonical", f"{self.router.url.origin}{self.router.url.path}")
        with property_uow(site.property_id, Actor(kind="guest"), write=False) as uow:
            self._set_if_changed("menu", [
                {"href": self.page_href(p["slug"]), "title": p["title"]}
                for p in site_pages(uow, self.lang) if p["slug"] != "home"])
        return site

    def _set_if_changed(self, name: str, value: Any) -> None:
        # Every assignment goes to the browser and re-renders all that shows the var: the UI
        # strings and menu are the same on nearly every page load, so they are not resent.
        if getattr(self, name) != value:
            setattr(self, name, value)

    def page_href(self, page: str) -> str:
        return f"/p/{self.slug}" if page == "home" else f"/p/{self.slug}/page/{page}"

    @rx.event
    def set_lang(self, lang: str):
        self.lang = pick(lang)
        self.lang_cookie = self.lang
        self.t = strings(self.lang)
        # Reload so the page content and prices are formatted in the new language.
        query = {**self.router.url.query_parameters, "lang": self.lang}
        return rx.redirect(f"{self.router.url.path}?{urlencode(query)}")
