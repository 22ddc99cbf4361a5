"""Reservation tables: a booking (one reference) holds one reservation per room."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, money_field, timestamp_field, uuid_pk


class ReservationStatus(str, enum.Enum):
    hold = "hold"  # tentative: inventory taken until hold_expires_at
    confirmed = "confirmed"
    checked_in = "checked_in"
    checked_out = "checked_out"
    cancelled = "cancelled"
    no_show = "no_show"
    expired = "expired"  # a hold nobody confirmed in time


class Booking(PropertyModel, table=True):
    __tablename__ = "bookings"

    id: uuid.UUID = uuid_pk()
    reference: str = Field(max_length=12, unique=True, index=True)
    guest_id: uuid.UUID = Field(foreign_key="guests.id", index=True)
    channel: str = Field(default="direct", max_length=32)
    source: str | None = Field(default=None, max_length=64)
    notes: str = Field(default="", max_length=2000)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class Reservation(PropertyModel, table=True):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_arrival_status", "arrival", "status"),
        Index("ix_reservations_departure", "departure"),
    )

    id: uuid.UUID = uuid_pk()
    booking_id: uuid.UUID = Field(foreign_key="bookings.id", index=True)
    guest_id: uuid.UUID = Field(foreign_key="guests.id", index=True)
    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", index=True)
    rate_plan_id: uuid.UUID = Field(foreign_key="rate_plans.id")
    block_id: uuid.UUID | None = Field(default=None, foreign_key="blocks.id", index=True)
    arrival: date
    departure: date
    day_use: bool = False
    adults: int = 1
    children_ages: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=ReservationStatus.confirmed.value, max_length=20, index=True)
    channel: str = Field(default="direct", max_length=32)
    promo_code: str | None = Field(default=None, max_length=40)
    # Room features the guest asked for (e.g. "high_floor", "quiet"); auto-assignment prefers them.
    requests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The quote as priced at commit (nightly breakdown, taxes, policy): later rate edits never
    # change what this guest was promised.
    price: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    total: Decimal = money_field()
    currency: str = Field(max_length=3)
    guarantee_type: str = Field(default="none", max_length=20)
    cancellation_policy: dict[str, Any] = Field(default_factory=dict,
                                                sa_column=Column(JSON, nullable=False))
    hold_expires_at: datetime | None = timestamp_field(index=True)
    cancellation_fee: Decimal | None = money_field(None, nullable=True)
    no_show_fee: Decimal | None = money_field(None, nullable=True)
    cancel_reason: str | None = Field(default=None, max_length=500)
    cancelled_at: datetime | None = timestamp_field()
    checked_in_at: datetime | None = timestamp_field()
    checked_out_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
    version: int = 1


class WaitlistStatus(str, enum.Enum):
    waiting = "waiting"
    offered = "offered"
    booked = "booked"
    withdrawn = "withdrawn"


class WaitlistEntry(PropertyModel, table=True):
    """A guest waiting for a sold-out room type and dates; offered when units free up."""

    __tablename__ = "waitlist_entries"

    id: uuid.UUID = uuid_pk()
    guest_id: uuid.UUID = Field(foreign_key="guests.id", index=True)
    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", index=True)
    arrival: date = Field(index=True)
    departure: date
    adults: int = 1
    children_ages: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=WaitlistStatus.waiting.value, max_length=20, index=True)
    offered_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class NoteKind(str, enum.Enum):
    """Who a note is for: the desk's notes tab split the way OPERA and Mews split theirs."""

    general = "general"
    front_desk = "front_desk"
    housekeeping = "housekeeping"
    billing = "billing"


class ReservationNote(PropertyModel, table=True):
    """A dated, signed note staff leave on a reservation (the booking's remarks stay one text)."""

    __tablename__ = "reservation_notes"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID = Field(foreign_key="reservations.id", index=True)
    kind: str = Field(default=NoteKind.general.value, max_length=20)
    text: str = Field(max_length=2000)
    author_id: uuid.UUID | None = None  # the staff user; None for the system
    author_name: str = Field(max_length=200)
    created_at: datetime = created_at_field()
    edited_at: datetime | None = timestamp_field()
