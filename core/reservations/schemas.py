"""Reservation shapes: what callers send to book or change, and what they get back."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.guests.schemas import GuestCreate


class RoomRequest(BaseModel):
    """One room of a booking, as quoted: re-priced and re-checked at commit."""

    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    adults: int = 2
    children_ages: list[int] = Field(default_factory=list)
    requests: list[str] = Field(default_factory=list)
    # The total the guest was shown; a different price at commit is refused (price_changed).
    expected_total: Decimal | None = None


class BookingCreate(BaseModel):
    arrival: date
    departure: date
    rooms: list[RoomRequest]
    guest: GuestCreate | None = None
    guest_id: uuid.UUID | None = None
    channel: str = "direct"
    source: str | None = None
    promo_code: str | None = None
    notes: str = ""
    block_id: uuid.UUID | None = None
    # A tentative booking: inventory is held this many minutes, then released unless confirmed.
    hold_minutes: int | None = None


class ReservationChange(BaseModel):
    """Fields to change; None leaves a field as it is."""

    arrival: date | None = None
    departure: date | None = None
    room_type_id: uuid.UUID | None = None
    rate_plan_id: uuid.UUID | None = None
    adults: int | None = None
    children_ages: list[int] | None = None
    requests: list[str] | None = None
    expected_total: Decimal | None = None


class ReservationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    booking_id: uuid.UUID
    guest_id: uuid.UUID
    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    block_id: uuid.UUID | None
    arrival: date
    departure: date
    day_use: bool
    adults: int
    children_ages: list[int]
    status: str
    channel: str
    requests: list[str]
    total: Decimal
    currency: str
    guarantee_type: str
    cancellation_policy: dict[str, Any]
    price: dict[str, Any]
    hold_expires_at: datetime | None
    cancellation_fee: Decimal | None
    no_show_fee: Decimal | None
    room_id: uuid.UUID | None = None
    version: int


class BookingPublic(BaseModel):
    id: uuid.UUID
    reference: str
    guest_id: uuid.UUID
    channel: str
    total: Decimal
    currency: str
    reservations: list[ReservationPublic]


class NoteCreate(BaseModel):
    """A note to add; the text is checked by the service (so every caller gets the same error)."""

    text: str
    kind: str = "general"


class NoteEdit(BaseModel):
    text: str
    kind: str | None = None  # None keeps the note's kind


class RemarksChange(BaseModel):
    """The booking's remarks: the one free text the booking came with (empty clears it)."""

    remarks: str


class NotePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reservation_id: uuid.UUID
    kind: str
    text: str
    author_id: uuid.UUID | None
    author_name: str
    created_at: datetime
    edited_at: datetime | None
    mine: bool = False  # written by the caller, so the caller may edit it
