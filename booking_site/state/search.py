"""Search and results: the form's values live in the URL so results can be shared and reloaded."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import reflex as rx

from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.booking import StayRequest, search_offers
from core.site.resolve import Site
from core.timeutil import utcnow


def parse_stay(q: dict[str, str]) -> StayRequest:
    """The stay from query parameters; unreadable values are refused naming the field."""
    errors: dict[str, str] = {}
    arrival = departure = date.min
    adults = 0
    ages: list[int] = []
    try:
        arrival = date.fromisoformat(q.get("arrival", ""))
    except ValueError:
        errors["arrival"] = "choose an arrival date"
    try:
        departure = date.fromisoformat(q.get("departure", ""))
    except ValueError:
        errors["departure"] = "choose a departure date"
    try:
        adults = int(q.get("adults", "2") or "2")
    except ValueError:
        errors["adults"] = "must be a number"
    try:
        ages = [int(a) for a in q.get("children", "").replace(";", ",").split(",") if a.strip()]
    except ValueError:
        errors["children"] = "give ages as numbers separated by commas"
    if errors:
        from core.errors import ValidationFailed

        raise ValidationFailed("Please check the search: " + "; ".join(
            f"{k} {v}" for k, v in errors.items()) + ".", fields=errors, code="invalid_search")
    return StayRequest(arrival=arrival, departure=departure, adults=adults, children_ages=ages,
                       promo_code=(q.get("promo", "").strip().upper() or None))


_FIELDS = ("arrival", "departure", "adults", "children", "promo")
# How long the form's search counts as the results page's own: that page's on_load follows it
# within a round trip; a later visit or reload of the same URL searches again.
FRESH_SECONDS = 30.0


class SearchState(SiteState):
    arrival: str = ""
    departure: str = ""
    adults: str = "2"
    children: str = ""
    promo: str = ""
    error: str = ""
    field_errors: dict[str, str] = {}
    offers: list[dict[str, Any]] = []
    searched: bool = False
    open_breakdown: str = ""
    offers_json_ld: str = ""
    # (results key, time.time()) of the search the form just ran; backend only.
    _fresh: tuple[str, float] = ("", 0.0)

    def _query(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in _FIELDS}

    def _from_query(self) -> None:
        q = dict(self.router.url.query_parameters)
        if not q.get("arrival"):
            start = utcnow().date() + timedelta(days=14)
            q.setdefault("arrival", start.isoformat())
            q.setdefault("departure", (start + timedelta(days=2)).isoformat())
        q["adults"] = q.get("adults", "2") or "2"
        for name in _FIELDS:
            # Unchanged fields stay out of the delta: a change re-renders every offer card.
            self._set_if_changed(name, q.get(name, ""))

    @rx.event
    def load_form(self):
        """Home page: the hotel and a pre-filled search form (no earlier search's results)."""
        self._from_query()
        self.error, self.field_errors = "", {}
        if self.searched or self.offers:
            self.searched, self.offers, self.open_breakdown = False, [], ""

    @rx.event
    def search(self, form_data: dict[str, Any]):
        """The form: search at once, then show the results at their shareable URL.

        The results page's on_load finds this search already done for its URL and keeps it, so
        the guest waits for one round trip, not a navigation and then a second round trip (and
        never sees an earlier search's results while it runs)."""
        for name in _FIELDS:
            setattr(self, name, str(form_data.get(name) or ""))
        self.adults = self.adults or "2"
        query = self._results_query(self.lang)
        site = self._site_or_none()
        if site is not None:
            self._search(site, query)
            self._fresh = (self._results_key(site.slug, query), time.time())
        return rx.redirect(f"/p/{site.slug if site else self.slug}/search?{urlencode(query)}")

    @rx.event
    def load(self):
        site = self._load_site()
        self._from_query()
        query = self._results_query(self.lang)
        key, at = self._fresh
        self._fresh = ("", 0.0)
        if site is None:
            self.searched, self.offers, self.open_breakdown = False, [], ""
            return
        if key == self._results_key(site.slug, query) and time.time() - at < FRESH_SECONDS:
            return  # the form's search for this very URL has just run: keep its results
        self._search(site, dict(self.router.url.query_parameters))

    def _results_query(self, lang: str) -> dict[str, str]:
        return {**self._query(), "lang": lang}

    @staticmethod
    def _results_key(slug: str, query: dict[str, str]) -> str:
        return f"{slug}?{urlencode(query)}"

    def _site_or_none(self) -> Site | None:
        try:
            return self._site()
        except DomainError:
            return None

    def _search(self, site: Site, query: dict[str, str]) -> None:
        """Run the search for these query parameters into offers, or the refusal into error."""
        self.searched, self.offers, self.open_breakdown = False, [], ""
        self.error, self.field_errors = "", {}
        self.offers_json_ld = ""
        try:
            stay = parse_stay(query)
            with self._public_uow(site) as uow:
                self.offers = search_offers(uow, stay, self.lang)
        except DomainError as err:
            self.error, self.field_errors = err.message, dict(err.fields or {})
            if "children_ages" in self.field_errors:
                self.field_errors["children"] = self.field_errors["children_ages"]
            if err.code == "promo_not_applicable":
                self.field_errors["promo"] = err.message
        else:
            from core.site.seo import offer_json_ld

            # The results page's own URL (the form's search runs on the page before it).
            url = f"{self.router.url.origin}/p/{site.slug}/search"
            self.offers_json_ld = offer_json_ld(site, self.offers, url)
        self.searched = True

    @rx.event
    def toggle_breakdown(self, key: str):
        self.open_breakdown = "" if self.open_breakdown == key else key

    @rx.event
    def choose(self, room_type_id: str, rate_plan_id: str, total: str):
        query = {**{k: v for k, v in self._query().items() if v}, "rt": room_type_id,
                 "plan": rate_plan_id, "total": total, "lang": self.lang}
        return rx.redirect(f"/p/{self.slug}/book?{urlencode(query)}")
