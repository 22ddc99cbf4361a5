"""Search and results: the form's values live in the URL so results can be shared and reloaded."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import reflex as rx

from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.booking import StayRequest, search_offers
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

    def _query(self) -> dict[str, str]:
        return {"arrival": self.arrival, "departure": self.departure, "adults": self.adults,
                "children": self.children, "promo": self.promo}

    def _from_query(self) -> None:
        q = dict(self.router.url.query_parameters)
        if not q.get("arrival"):
            start = utcnow().date() + timedelta(days=14)
            q.setdefault("arrival", start.isoformat())
            q.setdefault("departure", (start + timedelta(days=2)).isoformat())
        self.arrival, self.departure = q.get("arrival", ""), q.get("departure", "")
        self.adults, self.children = q.get("adults", "2") or "2", q.get("children", "")
        self.promo = q.get("promo", "")

    @rx.event
    def load_form(self):
        """Home page: the hotel and a pre-filled search form."""
        self._from_query()
        self.error, self.field_errors = "", {}

    @rx.event
    def load(self):
        self.searched, self.offers, self.open_breakdown = False, [], ""
        site = self._load_site()
        self._from_query()
        if site is None:
            return
        self.error, self.field_errors = "", {}
        try:
            stay = parse_stay(dict(self.router.url.query_parameters))
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

            self.offers_json_ld = offer_json_ld(site, self.offers, self.canonical)
        self.searched = True

    @rx.event
    def toggle_breakdown(self, key: str):
        self.open_breakdown = "" if self.open_breakdown == key else key

    @rx.event
    def choose(self, room_type_id: str, rate_plan_id: str, total: str):
        query = {**{k: v for k, v in self._query().items() if v}, "rt": room_type_id,
                 "plan": rate_plan_id, "total": total, "lang": self.lang}
        return rx.redirect(f"/p/{self.slug}/book?{urlencode(query)}")
