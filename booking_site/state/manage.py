"""Manage booking: look up by reference + last name or email, view, cancel with the fee shown."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import reflex as rx

from booking_site.state.site import SiteState
from core.errors import DomainError
from core.site.changes import change_own, quote_change
from core.site.formatting import money
from core.site.manage import OwnerProof, booking_view, cancel_own


class ManageState(SiteState):
    reference: str = ""
    proof_text: str = ""
    booking: dict[str, Any] = {}
    rooms: list[dict[str, Any]] = []
    confirm_cancel_id: str = ""
    error: str = ""
    message: str = ""
    change: dict[str, str] = {}

    def _proof(self) -> OwnerProof:
        return OwnerProof(self.reference, self.proof_text,
                          ip=self.router.session.client_ip or None)

    def _refresh(self, site) -> None:
        with self._public_uow(site) as uow:
            view = booking_view(uow, self._proof(), self.lang)
        self.booking, self.rooms = {"reference": view["reference"], "guest": view["guest"]}, \
            view["rooms"]

    @rx.event
    def load(self):
        self.error, self.message, self.confirm_cancel_id = "", "", ""
        site = self._load_site()
        if site is None or not self.reference:
            self.booking, self.rooms = {}, []
            return
        try:
            self._refresh(site)
        except DomainError:
            self.booking, self.rooms = {}, []

    @rx.event
    def lookup(self, form: dict[str, Any]):
        self.reference = str(form.get("reference", "")).strip()
        self.proof_text = str(form.get("proof", "")).strip()
        self.error, self.message, self.confirm_cancel_id = "", "", ""
        try:
            self._refresh(self._site())
        except DomainError as err:
            self.booking, self.rooms, self.error = {}, [], err.message
            self.proof_text = ""

    @rx.event
    def ask_cancel(self, reservation_id: str):
        self.confirm_cancel_id = reservation_id

    @rx.event
    def keep(self):
        self.confirm_cancel_id = ""

    @rx.event
    def cancel(self):
        if not self.confirm_cancel_id:
            return
        try:
            site = self._site()
            rid = uuid.UUID(self.confirm_cancel_id)
            # One key per room: a double click or retry cancels once.
            out = cancel_own(site.property_id, self._proof(), rid,
                             idempotency_key=f"site-cancel:{rid}")
            self._refresh(site)
        except DomainError as err:
            self.error = err.message
            return
        self.confirm_cancel_id, self.message = "", self.t["cancelled"]
        if out.get("refunded"):  # a deposit paid online came back (less the fee)
            self.message += (f". {self.t['refunded_to_card']}: "
                             f"{money(out['refunded'], site.currency, self.lang)}")

    @rx.event
    def quote(self, form: dict[str, Any]):
        """A new price for other dates or adults (nothing changes yet)."""
        self.error, self.message, self.change = "", "", {}
        try:
            rid = str(form.get("reservation_id", ""))
            arrival = date.fromisoformat(str(form.get("arrival", "")))
            departure = date.fromisoformat(str(form.get("departure", "")))
            adults = int(form.get("adults") or 0)
        except ValueError:
            self.error = "Please choose the new dates and the number of adults."
            return
        try:
            q = quote_change(self._site().property_id, self._proof(), uuid.UUID(rid),
                             arrival=arrival, departure=departure, adults=adults,
                             locale=self.lang)
        except DomainError as err:
            self.error = err.message
            return
        self.change = {"id": rid, "arrival": arrival.isoformat(),
                       "departure": departure.isoformat(), "adults": str(adults),
                       "total": str(q.total), "total_fmt": q.total_fmt, "old": q.old_total_fmt}

    @rx.event
    def confirm_change(self):
        c = self.change
        if not c:
            return
        try:
            site = self._site()
            change_own(site.property_id, self._proof(), uuid.UUID(c["id"]),
                       arrival=date.fromisoformat(c["arrival"]),
                       departure=date.fromisoformat(c["departure"]), adults=int(c["adults"]),
                       expected_total=Decimal(c["total"]))
            self._refresh(site)
        except DomainError as err:
            self.error = err.message
            return
        self.change, self.message = {}, self.t["changed"]
