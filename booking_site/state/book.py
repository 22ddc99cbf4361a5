"""Guest details and guarantee for the chosen offer; one idempotent booking per visit."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx

from booking_site.state.search import parse_stay
from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.booking import GuestDetails, book_stay, search_offers
from core.site.formatting import day


class BookState(SiteState):
    offer: dict[str, Any] = {}
    plan: dict[str, Any] = {}
    stay_text: str = ""
    expected_total: str = ""
    idempotency_key: str = ""
    error: str = ""
    notice: str = ""
    field_errors: dict[str, str] = {}
    submitting: bool = False
    # Filled on success; the confirmation page shows these (never looked up by reference alone).
    reference: str = ""
    confirmed_email: str = ""
    confirmed_total: str = ""

    def _q(self) -> dict[str, str]:
        return dict(self.router.url.query_parameters)

    def _find_offer(self, site) -> bool:
        q = self._q()
        stay = parse_stay(q)
        with self._public_uow(site) as uow:
            offers = search_offers(uow, stay, self.lang)
        for o in offers:
            for p in o["plans"]:
                if o["room_type_id"] == q.get("rt") and p["rate_plan_id"] == q.get("plan"):
                    self.offer, self.plan = o, p
                    nights = (stay.departure - stay.arrival).days
                    self.stay_text = (f"{day(stay.arrival, self.lang)} – "
                                      f"{day(stay.departure, self.lang)} · {nights} "
                                      f"{self.t['nights']} · {stay.adults} {self.t['adults']}")
                    return True
        self.offer, self.plan = {}, {}
        return False

    @rx.event
    def load(self):
        self.error, self.notice, self.field_errors, self.submitting = "", "", {}, False
        self.idempotency_key = uuid.uuid4().hex  # one booking per visit of this page
        site = self._load_site()
        if site is None:
            return
        self.expected_total = self._q().get("total", "")
        try:
            found = self._find_offer(site)
        except DomainError as err:
            self.error = err.message
            return
        if not found:
            self.error = "This room and rate are no longer available for your dates."
        elif self.expected_total and self.plan["total"] != self.expected_total:
            self.notice, self.expected_total = self.t["price_changed"], self.plan["total"]
        else:
            self.expected_total = self.plan["total"]

    @rx.event
    def submit(self, form: dict[str, Any]):
        if self.submitting or not self.plan:
            return
        self.submitting, self.error, self.field_errors = True, "", {}
        yield
        try:
            site = self._site()
            q = self._q()
            guest = GuestDetails(first_name=form.get("first_name", ""),
                                 last_name=form.get("last_name", ""),
                                 email=form.get("email", ""), phone=form.get("phone", ""),
                                 language=self.lang, notes=form.get("notes", ""))
            try:
                expected = Decimal(self.expected_total) if self.expected_total else None
            except InvalidOperation:
                expected = None
            with self._public_uow(site, write=True) as uow:
                booking = book_stay(uow, parse_stay(q), room_type_id=uuid.UUID(q["rt"]),
                                    rate_plan_id=uuid.UUID(q["plan"]), expected_total=expected,
                                    guest=guest, idempotency_key=self.idempotency_key)
                uow.commit()
        except DomainError as err:
            self.submitting = False
            self.error, self.field_errors = err.message, dict(err.fields or {})
            if err.code == "price_changed":
                # Show the new price; the guest confirms again at that price.
                self.notice = self.t["price_changed"]
                self._find_offer(self._site())
                self.expected_total = self.plan.get("total", "")
                self.idempotency_key = uuid.uuid4().hex
            return
        self.reference = booking.reference
        self.confirmed_email = guest.email.strip().lower()
        self.confirmed_total = self.plan.get("total_fmt", "")
        self.submitting = False
        yield rx.redirect(f"/p/{self.slug}/confirmation?lang={self.lang}")

    @rx.event
    def load_confirmation(self):
        self._load_site()
