"""Guest details and guarantee for the chosen offer; one idempotent booking per visit."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx

from booking_site.state.search import parse_stay
from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.booking import (
    CARD_GUARANTEES,
    GuestDetails,
    book_stay,
    check_guest,
    search_offers,
)
from core.site.card import book_with_card, card_available, start_card_setup
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
    guarantee: str = "hotel"
    card_enabled: bool = False
    card_required: bool = False
    stripe_js: str = ""
    stripe_pk: str = ""
    setup_secret: str = ""
    _pending: dict[str, Any] = {}
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
            self.error = self.t["no_longer_available"]
            return
        self.card_enabled = card_available()
        # Without Stripe every rate is paid at the hotel (see core.site.booking.book_stay).
        self.card_required = self.card_enabled and self.plan["guarantee"] in CARD_GUARANTEES
        self.guarantee = "card" if self.card_required else "hotel"
        if self.card_enabled:
            try:
                setup = start_card_setup(site.property_id)
            except DomainError as err:
                self.card_enabled, self.error = False, err.message
                return
            self.stripe_js, self.stripe_pk = setup.js_url, setup.publishable_key
            self.setup_secret = setup.client_secret
        if self.expected_total and self.plan["total"] != self.expected_total:
            self.notice, self.expected_total = self.t["price_changed"], self.plan["total"]
        else:
            self.expected_total = self.plan["total"]
        if self.guarantee == "card":
            return self._mount_card()

    def _guest(self, form: dict[str, Any]) -> GuestDetails:
        return GuestDetails(first_name=form.get("first_name", ""),
                            last_name=form.get("last_name", ""), email=form.get("email", ""),
                            phone=form.get("phone", ""), language=self.lang,
                            notes=form.get("notes", ""))

    def _expected(self) -> Decimal | None:
        try:
            return Decimal(self.expected_total) if self.expected_total else None
        except InvalidOperation:
            return None

    def _refused(self, err: DomainError) -> None:
        self.submitting = False
        self.error, self.field_errors = err.message, dict(err.fields or {})
        if err.code == "price_changed":
            # Show the new price; the guest confirms again at that price.
            self.notice = self.t["price_changed"]
            self._find_offer(self._site())
            self.expected_total = self.plan.get("total", "")
            self.idempotency_key = uuid.uuid4().hex

    def _confirmed(self, booking, guest: GuestDetails):
        self.reference = booking.reference
        self.confirmed_email = guest.email.strip().lower()
        self.confirmed_total = self.plan.get("total_fmt", "")
        self.submitting = False
        return rx.redirect(f"/p/{self.slug}/confirmation?lang={self.lang}")

    @rx.event
    def choose_guarantee(self, value: str):
        self.guarantee = "card" if value == "card" and self.card_enabled else "hotel"
        if self.guarantee == "card":
            return self._mount_card()

    def _mount_card(self):
        return rx.call_script(f"gjCard.mount({json.dumps(self.stripe_js)}, "
                              f"{json.dumps(self.stripe_pk)}, '#card-element')")

    @rx.event
    def submit(self, form: dict[str, Any]):
        if self.submitting or not self.plan:
            return
        self.submitting, self.error, self.field_errors = True, "", {}
        guest = self._guest(form)
        if self.guarantee == "card":
            try:
                check_guest(guest)  # before the card is touched
            except DomainError as err:
                self._refused(err)
                return
            self._pending = form
            name = f"{guest.first_name} {guest.last_name}".strip()
            # The browser confirms the card with Stripe; card_result gets the token back.
            return rx.call_script(f"gjCard.confirm({json.dumps(self.setup_secret)}, "
                                  f"{json.dumps(name)})", callback=BookState.card_result)
        yield
        try:
            site = self._site()
            q = self._q()
            with self._public_uow(site, write=True) as uow:
                booking = book_stay(uow, parse_stay(q), room_type_id=uuid.UUID(q["rt"]),
                                    rate_plan_id=uuid.UUID(q["plan"]),
                                    expected_total=self._expected(), guest=guest,
                                    idempotency_key=self.idempotency_key)
                uow.commit()
        except DomainError as err:
            self._refused(err)
            return
        yield self._confirmed(booking, guest)

    @rx.event
    def card_result(self, result: dict[str, Any]):
        result = result or {}
        if not result.get("pm"):
            self.submitting = False
            self.error = str(result.get("error") or "The card was declined.")
            self.field_errors = {"card": self.error}
            return
        guest = self._guest(self._pending)
        try:
            site = self._site()
            q = self._q()
            booking = book_with_card(
                site.property_id, lambda: self._public_uow(site, write=True), parse_stay(q),
                room_type_id=uuid.UUID(q["rt"]), rate_plan_id=uuid.UUID(q["plan"]),
                expected_total=self._expected(), currency=site.currency, guest=guest,
                payment_method=str(result["pm"]), idempotency_key=self.idempotency_key)
        except DomainError as err:
            self._refused(err)
            return
        return self._confirmed(booking, guest)

    @rx.event
    def load_confirmation(self):
        self._load_site()
