"""New reservation, walk-in and group pickup: availability, room type and rate, guest, confirm."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import reflex as rx
from pydantic import ValidationError

from core.blocks.services import pick_up
from core.errors import DomainError
from core.frontdesk.booking import block_offers, desk_offers
from core.frontdesk.services import business_day
from core.reservations.schemas import BookingCreate, RoomRequest
from core.reservations.services import create_booking
from pms_app.state.base import PmsState

GUEST_FIELDS = ("first_name", "last_name", "email", "phone")


class BookingState(PmsState):
    walk_in: bool = False
    arrival: str = ""
    departure: str = ""
    adults: str = "2"
    rooms: str = "1"
    offers: list[dict[str, str]] = []
    searched: bool = False
    chosen: dict[str, str] = {}
    guest: dict[str, str] = {k: "" for k in GUEST_FIELDS}
    notes: str = ""
    block_code: str = ""
    block_id: str = ""
    idempotency_key: str = ""

    @rx.event
    def load(self):
        if (redirect := self._check_session()) is not None:
            return redirect
        self.walk_in = self.router.url.query_parameters.get("walk_in") == "1"
        today = self._read(business_day)
        self.arrival = today.isoformat()
        self.departure = (today + timedelta(days=1)).isoformat()
        self.offers, self.searched, self.chosen = [], False, {}
        self.guest = {k: "" for k in GUEST_FIELDS}
        self.error, self.field_errors, self.notes = "", {}, ""
        self.block_code, self.block_id = "", ""
        self.idempotency_key = str(uuid.uuid4())
        return None

    @rx.event
    def set_field(self, name: str, value: str):
        if name in ("arrival", "departure", "adults", "rooms", "notes", "block_code"):
            setattr(self, name, value)
            if name != "notes":
                self.offers, self.searched, self.chosen = [], False, {}
        elif name in GUEST_FIELDS:
            self.guest = {**self.guest, name: value}

    def _stay(self) -> tuple[date, date, int, int] | None:
        fields = {}
        try:
            arrival = date.fromisoformat(self.arrival)
        except ValueError:
            fields["arrival"] = "is not a date (YYYY-MM-DD)"
        try:
            departure = date.fromisoformat(self.departure)
        except ValueError:
            fields["departure"] = "is not a date (YYYY-MM-DD)"
        adults = int(self.adults) if self.adults.strip().isdigit() else 0
        if adults < 1:
            fields["adults"] = "must be a whole number, at least 1"
        rooms = int(self.rooms) if self.rooms.strip().isdigit() else 0
        if not 1 <= rooms <= 10:
            fields["rooms"] = "must be between 1 and 10"
        if fields:
            self.error, self.field_errors = "Check the highlighted fields.", fields
            return None
        return arrival, departure, adults, rooms

    @rx.event
    def search(self):
        self.error, self.field_errors, self.chosen = "", {}, {}
        stay = self._stay()
        if stay is None:
            return
        arrival, departure, adults, _ = stay
        self.block_id = ""
        try:
            if self.block_code.strip():
                block_id, self.offers = self._read(block_offers, code=self.block_code,
                                                   arrival=arrival, departure=departure,
                                                   adults=adults)
                self.block_id = str(block_id)
            else:
                self.offers = self._read(desk_offers, arrival=arrival, departure=departure,
                                         adults=adults, channel="direct")
        except DomainError as exc:
            self.error, self.offers = exc.message, []
            self.field_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
        self.searched = True

    @rx.event
    def choose(self, index: int):
        if 0 <= index < len(self.offers):
            self.chosen = self.offers[index]

    @rx.event
    def confirm(self):
        stay = self._stay()
        if stay is None or not self.chosen:
            self.error = self.error or "Choose a room type and rate first."
            return None
        if not self.guest["last_name"].strip():
            self.error, self.field_errors = "Enter the guest's last name.", {
                "last_name": "is required"}
            return None
        arrival, departure, adults, rooms = stay
        try:
            data = self._booking(arrival, departure, adults, rooms)
        except ValidationError as exc:
            self.error = "Check the guest's details."
            self.field_errors = {str(e["loc"][-1]): e["msg"] for e in exc.errors()}
            return None
        if self.block_id:  # a group's room: taken from the block's allotment (pickup)
            booking = self._write(pick_up, uuid.UUID(self.block_id), data,
                                  idempotency_key=self.idempotency_key)
        else:
            booking = self._write(create_booking, data, idempotency_key=self.idempotency_key)
        if booking is None:
            return None
        return rx.redirect(f"/reservations/{booking.reservations[0].id}")

    def _booking(self, arrival: date, departure: date, adults: int, rooms: int) -> BookingCreate:
        return BookingCreate(
            arrival=arrival, departure=departure,
            rooms=[RoomRequest(room_type_id=uuid.UUID(self.chosen["room_type_id"]),
                               rate_plan_id=uuid.UUID(self.chosen["rate_plan_id"]),
                               adults=adults, expected_total=Decimal(self.chosen["total"]))
                   for _ in range(rooms)],
            guest={k: (v.strip() or None) if k in ("email", "phone") else v.strip()
                   for k, v in self.guest.items()},
            channel="direct", source="walk_in" if self.walk_in else "front_desk",
            notes=self.notes)
