"""One reservation: details, who else is viewing it, and the desk's actions on it."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import ClassVar

import reflex as rx

from core.actor import Actor
from core.errors import DomainError
from core.frontdesk.actions import check_in_guest, room_choices, take_desk_payment
from core.frontdesk.booking import desk_offers
from core.frontdesk.detail import reservation_detail
from core.frontdesk.settle import bill_stay_to_account, city_ledger_choices
from core.guests.documents import attach_id_document, id_documents
from core.media.rules import MAX_UPLOAD_BYTES
from core.reservations.changes import modify_reservation
from core.reservations.lifecycle import cancel_reservation, check_out, mark_no_show
from core.reservations.schemas import ReservationChange
from pms_app.state.base import PmsState
from pms_app.state.folio import FolioMixin
from pms_app.state.notes import NotesMixin
from pms_app.state.rows import reservation_row
from ui_kit.live import LiveMixin, touched_ids


class ReservationState(PmsState, LiveMixin, FolioMixin, NotesMixin):
    LIVE_TOPICS: ClassVar[frozenset[str]] = frozenset({"reservations", "folios", "payments"})
    reservation_id: str = ""
    res: dict[str, str] = {}
    guest: dict[str, str] = {}
    nights: list[dict[str, str]] = []
    rooms: list[dict[str, str]] = []
    other_rooms: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    room_options: list[dict[str, str]] = []
    chosen_room: str = ""
    confirm_cancel: bool = False
    cancel_reason: str = ""
    new_arrival: str = ""
    new_departure: str = ""
    new_adults: str = ""
    change_offers: list[dict[str, str]] = []
    notice: str = ""
    missing: bool = False
    pay_amount: str = ""
    id_docs: list[dict[str, str]] = []
    accounts: list[dict[str, str]] = []
    account_id: str = ""
    pay_method: str = "cash"

    def _live_property_id(self) -> str:
        return self.property_id

    def _presence_key(self) -> str:
        return f"reservation:{self.reservation_id}"

    def _presence_name(self) -> str:
        return self.user_name or "Someone"

    def _apply_live(self, events) -> None:
        # Folio and payment events carry other ids; refresh on any of them, but only on
        # reservation events about this one.
        ids = touched_ids([e for e in events if e.topic == "reservations"])
        if self.reservation_id in ids or any(e.topic != "reservations" for e in events):
            self._reload()

    @rx.var
    def can_cancel(self) -> bool:
        return "reservations.cancel" in self.permissions

    @rx.var
    def can_check_in(self) -> bool:
        return "reservations.check_in" in self.permissions

    @rx.var
    def can_check_out(self) -> bool:
        return "reservations.check_out" in self.permissions

    @rx.var
    def can_take_payment(self) -> bool:
        return "folio.take_payment" in self.permissions

    @rx.var
    def can_bill_account(self) -> bool:
        return "folio.transfer" in self.permissions

    @rx.var
    def can_modify(self) -> bool:
        return "reservations.modify" in self.permissions

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        self.reservation_id = self.rx_router_page.params.get("rid", "")
        self.confirm_cancel, self.notice, self.error, self.field_errors = False, "", "", {}
        self._reload(actor)
        return self._start_live()

    def _reload(self, actor: Actor | None = None) -> None:
        actor = actor or self._actor()  # one session check for all the reads below
        try:
            rid = uuid.UUID(self.reservation_id)
            d = self._read_as(actor, reservation_detail, rid)
        except (ValueError, DomainError):
            self.missing, self.res = True, {}
            return
        self.missing = False
        row = reservation_row(d.reservation)
        row.update(room_type=d.room_type_name, rate_plan=d.rate_plan_name,
                   notes=d.booking_notes, source=d.source or "",
                   requests=", ".join(d.reservation.requests),
                   balance="" if d.balance is None else f"{d.balance:,.2f} {d.reservation.currency}",
                   open_balance="1" if d.balance else "",
                   cancel_fee=f"{d.cancellation_fee_now:,.2f} {d.reservation.currency}",
                   cancel_card=d.cancellation_card_now,
                   arrival_iso=d.reservation.arrival.isoformat(),
                   departure_iso=d.reservation.departure.isoformat())
        self.res = row
        self.guest = d.guest
        self.nights = d.nights
        self.rooms = d.rooms
        self.other_rooms = [reservation_row(r) for r in d.other_rooms]
        self.history = [{"at": h.at.strftime("%d %b %H:%M"), "what": h.detail} for h in d.history]
        self.new_arrival = self.new_arrival or row["arrival_iso"]
        self.new_departure = self.new_departure or row["departure_iso"]
        self.new_adults = self.new_adults or row["adults"]
        self._load_folios(actor)
        self._load_notes(actor)
        if d.balance and d.balance > 0 and self.can_bill_account:
            self.accounts = self._read_as(actor, city_ledger_choices)
        if self.can_check_in:
            self.id_docs = [{"id": str(m.id), "kind": m.kind.upper(),
                             "at": m.created_at.strftime("%d %b %H:%M"),
                             "by": m.uploaded_by} for m in
                            self._read_as(actor, id_documents, uuid.UUID(d.guest["id"]))]
            if d.reservation.status in ("confirmed", "hold"):
                self.room_options = self._read_as(actor, room_choices, rid)

    def _done(self, result, message: str) -> None:
        self.notice = message if result is not None else ""
        self._reload()

    @rx.event
    def choose_room(self, room_id: str):
        self.chosen_room = room_id

    @rx.event
    def check_in(self):
        room = uuid.UUID(self.chosen_room) if self.chosen_room else None
        self._done(self._write(check_in_guest, uuid.UUID(self.reservation_id), room_id=room),
                   "Checked in.")

    @rx.event
    def check_out(self):
        self._done(self._write(check_out, uuid.UUID(self.reservation_id)),
                   "Checked out; the room is now dirty.")

    @rx.event
    def ask_cancel(self):
        self._reload()  # the fee shown is the one that applies right now
        self.confirm_cancel = True

    @rx.event
    def keep(self):
        self.confirm_cancel = False

    @rx.event
    def set_cancel_reason(self, value: str):
        self.cancel_reason = value

    @rx.event
    def cancel(self):
        self.confirm_cancel = False
        self._done(self._write(cancel_reservation, uuid.UUID(self.reservation_id),
                               reason=self.cancel_reason), "Cancelled.")

    @rx.event
    def no_show(self):
        self._done(self._write(mark_no_show, uuid.UUID(self.reservation_id)),
                   "Marked as no-show.")

    @rx.event
    def set_payment(self, name: str, value: str):
        if name == "amount":
            self.pay_amount = value
        elif name == "method":
            self.pay_method = value

    @rx.event
    def take_payment(self):
        self.notice = ""
        self._write(take_desk_payment, uuid.UUID(self.reservation_id), self.pay_amount,
                    self.pay_method)
        if not self.error:  # the service returns nothing; a refusal is in self.error
            self.pay_amount, self.notice = "", "Payment recorded."
        self._reload()

    @rx.event
    def choose_account(self, account_id: str):
        self.account_id = account_id

    @rx.event
    def bill_to_account(self):
        self.notice = ""
        if not self.account_id:
            self.error, self.field_errors = "Choose the company account.", {
                "account_id": "is required"}
            return
        if self._write(bill_stay_to_account, uuid.UUID(self.reservation_id),
                       uuid.UUID(self.account_id)) is not None:
            self.notice = "The balance is now on the company's account."
        self._reload()

    @rx.event
    async def upload_id(self, files: list[rx.UploadFile]):
        """The scan goes straight to core (checked, stored privately), never to /_upload."""
        self.notice = ""
        if not files:
            self.error, self.field_errors = "Choose a file to upload.", {"file": "is required"}
            return
        upload = files[0]
        # Read one byte past the cap so an oversized file is refused without reading it all.
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        self._write(attach_id_document, uuid.UUID(self.reservation_id), data,
                    filename=upload.name)
        if not self.error:
            self.notice = "ID document stored."
        self._reload()

    @rx.event
    def set_dates(self, name: str, value: str):
        if name == "arrival":
            self.new_arrival = value
        elif name == "departure":
            self.new_departure = value
        elif name == "adults":
            self.new_adults = value

    @rx.event
    def change_dates(self):
        """Dates and number of guests: re-priced now; refused with the field if it cannot be sold."""
        fields = {}
        parsed: dict[str, date] = {}
        for name, value in (("arrival", self.new_arrival), ("departure", self.new_departure)):
            try:
                parsed[name] = date.fromisoformat(value)
            except ValueError:
                fields[name] = "is not a date (YYYY-MM-DD)"
        if not self.new_adults.strip().isdigit() or int(self.new_adults) < 1:
            fields["adults"] = "must be a whole number, at least 1"
        if fields:
            self.error, self.field_errors = "Check the highlighted fields.", fields
            return
        change = ReservationChange(arrival=parsed["arrival"], departure=parsed["departure"],
                                   adults=int(self.new_adults))
        self._done(self._write(modify_reservation, uuid.UUID(self.reservation_id), change),
                   "Stay changed and re-priced.")

    @rx.event
    def show_change_options(self):
        """Room types and rates that can be sold for this stay (to change either)."""
        self.error, self.field_errors = "", {}
        try:
            self.change_offers = self._read(
                desk_offers, arrival=date.fromisoformat(self.res["arrival_iso"]),
                departure=date.fromisoformat(self.res["departure_iso"]),
                adults=int(self.res["adults"]))
        except DomainError as exc:
            self.error, self.change_offers = exc.message, []

    @rx.event
    def change_to(self, index: int):
        if not 0 <= index < len(self.change_offers):
            return
        offer = self.change_offers[index]
        change = ReservationChange(room_type_id=uuid.UUID(offer["room_type_id"]),
                                   rate_plan_id=uuid.UUID(offer["rate_plan_id"]),
                                   expected_total=Decimal(offer["total"]))
        self.change_offers = []
        self._done(self._write(modify_reservation, uuid.UUID(self.reservation_id), change),
                   f"Now {offer['room_type']} on {offer['rate_plan']}.")
