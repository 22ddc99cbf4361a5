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
from core.payments.online import OnlineCharge, PaymentActionRequired, charge_summary
from core.site.booking import (
    CARD_GUARANTEES,
    GuestDetails,
    book_stay,
    check_guest,
    search_offers,
)
from core.site.card import (
    CardBooking,
    abandon_card_payment,
    card_available,
    finish_card_booking,
    start_card_booking,
    start_card_setup,
)
from core.site.formatting import day, money

CARD_JS = "/site/card.js"


def card_call(call: str, wait_s: float = 15) -> str:
    """JavaScript that runs `gjCard.<call>` once /site/card.js has loaded.

    The page adds the script through Helmet, which loads it asynchronously: after a client-side
    navigation the page's on_load can ask for the card field before the script has run, and a
    bare `gjCard.mount(...)` then fails and the card field never appears. This waits for it
    (adding the tag itself if Helmet has not); if it never loads the call answers an error,
    which the confirm and 3-D Secure callbacks show, after `wait_s`.
    """
    return ("(async () => {"
            f"for (let i = 0; !window.gjCard && i < {int(wait_s * 20)}; i++) {{"
            f"if (i === 20 && !document.querySelector('script[src=\"{CARD_JS}\"]')) {{"
            "const s = document.createElement('script');"
            f"s.src = '{CARD_JS}'; document.head.appendChild(s); }}"
            "await new Promise((r) => setTimeout(r, 50)); }"
            "if (!window.gjCard) return {error: 'The payment form could not load.'};"
            f"return window.gjCard.{call}; }})()")


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
    # A card payment waiting for the guest's bank (3-D Secure): kept server-side only.
    _charge: OnlineCharge | None = None
    _intent_id: str = ""
    # Filled on success; the confirmation page shows these (never looked up by reference alone).
    reference: str = ""
    confirmed_email: str = ""
    confirmed_total: str = ""
    confirmed_charged: str = ""  # deposit taken now
    confirmed_held: str = ""  # pre-authorised, not taken
    confirmed_due: str = ""  # left to pay at the hotel

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
        if self.guarantee == "card" and self.card_enabled:
            self._fresh_card_setup()
        if err.code == "price_changed":
            # Show the new price; the guest confirms again at that price.
            self.notice = self.t["price_changed"]
            self._find_offer(self._site())
            self.expected_total = self.plan.get("total", "")
            self.idempotency_key = uuid.uuid4().hex

    def _fresh_card_setup(self) -> None:
        """Another try needs a new SetupIntent (Stripe refuses to confirm one twice)."""
        try:
            self.setup_secret = start_card_setup(self._site().property_id).client_secret
        except DomainError:
            pass  # the next try reports the processor's state itself

    def _confirmed(self, booking, guest: GuestDetails, charge: OnlineCharge | None = None):
        self.reference = booking.reference
        self.confirmed_email = guest.email.strip().lower()
        self.confirmed_total = self.plan.get("total_fmt", "")
        res = booking.reservations[0]
        paid = charge_summary(res.total, charge)
        self.confirmed_charged = money(paid.charged, res.currency, self.lang) if paid.charged else ""
        self.confirmed_held = money(paid.held, res.currency, self.lang) if paid.held else ""
        self.confirmed_due = money(paid.due_at_hotel, res.currency, self.lang)
        self.submitting, self._charge, self._intent_id = False, None, ""
        return rx.redirect(f"/p/{self.slug}/confirmation?lang={self.lang}")

    @rx.event
    def choose_guarantee(self, value: str):
        self.guarantee = "card" if value == "card" and self.card_enabled else "hotel"
        if self.guarantee == "card":
            return self._mount_card()

    def _mount_card(self):
        return rx.call_script(card_call(f"mount({json.dumps(self.stripe_js)}, "
                                        f"{json.dumps(self.stripe_pk)}, '#card-element')"))

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
            return rx.call_script(card_call(f"confirm({json.dumps(self.setup_secret)}, "
                                            f"{json.dumps(name)})"),
                                  callback=BookState.card_result)
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

    def _card_booking(self, payment_method: str) -> CardBooking:
        q = self._q()
        return CardBooking(
            property_id=self._site().property_id, stay=parse_stay(q),
            room_type_id=uuid.UUID(q["rt"]), rate_plan_id=uuid.UUID(q["plan"]),
            expected_total=self._expected(), guest=self._guest(self._pending),
            payment_method=payment_method, idempotency_key=self.idempotency_key)

    def _drop_pending_card(self) -> None:
        """A 3-D Secure step the guest left: release its hold (a new card starts afresh)."""
        if self._charge is not None and self._intent_id:
            abandon_card_payment(self._charge, self._intent_id)
        self._charge, self._intent_id = None, ""

    @rx.event
    def card_result(self, result: dict[str, Any]):
        result = result or {}
        if not result.get("pm"):
            self.submitting = False
            self.error = str(result.get("error") or "The card was declined.")
            self.field_errors = {"card": self.error}
            self._fresh_card_setup()
            return
        try:
            self._drop_pending_card()
            site = self._site()
            request = self._card_booking(str(result["pm"]))
            step = start_card_booking(request, lambda: self._public_uow(site),
                                      lambda: self._public_uow(site, write=True))
        except DomainError as err:
            self._refused(err)
            return
        if step.booking is not None:
            return self._confirmed(step.booking, request.guest, step.charge)
        # The bank wants the guest to authenticate: Stripe.js shows its 3-D Secure step.
        self._charge, self._intent_id = step.charge, step.intent_id
        return rx.call_script(card_call(f"authenticate({json.dumps(step.client_secret)})"),
                              callback=BookState.card_authenticated)

    @rx.event
    def card_authenticated(self, result: dict[str, Any]):
        """The page's 3-D Secure step ended. Stripe, not the page, says whether it worked."""
        charge, intent_id = self._charge, self._intent_id
        if charge is None or not intent_id:
            return  # already handled (a repeated callback)
        try:
            request = self._card_booking(charge.payment_method)
            site = self._site()
            booking = finish_card_booking(request, charge, intent_id,
                                          lambda: self._public_uow(site, write=True))
        except PaymentActionRequired:
            self._drop_pending_card()  # the guest closed the bank's window
            self.submitting = False
            self.error = self.t["card_not_confirmed"]
            self.field_errors = {"card": self.error}
            self._fresh_card_setup()
            return
        except DomainError as err:
            self._charge, self._intent_id = None, ""
            self._refused(err)
            if err.code == "authentication_failed":
                self.error = self.t["card_not_confirmed"]
                self.field_errors = {"card": self.error}
            return
        return self._confirmed(booking, request.guest, charge)

    @rx.event
    def load_confirmation(self):
        self._load_site()
