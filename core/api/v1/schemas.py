"""Public API shapes that have no domain twin (properties, room types, offers, bulk results)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.guests.schemas import GuestCreate
from core.reservations.lists import ReservationListItem


class PropertySummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    chain_id: uuid.UUID
    name: str
    slug: str
    timezone: str
    currency: str
    country: str | None = None


class PropertyDetail(PropertySummary):
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    check_in_time: str = Field(description="Local time, HH:MM")
    check_out_time: str = Field(description="Local time, HH:MM")
    business_date: date | None = None
    child_max_age: int
    permissions: list[str] = Field(description="What the caller may do at this property")


class RoomTypeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    description: str
    base_occupancy: int
    max_occupancy: int
    max_adults: int
    max_children: int
    bed_types: list[str]
    size_sqm: Decimal | None = None
    amenities: list[str]
    photos: list[str]
    active: bool


class RoomOut(BaseModel):
    id: uuid.UUID
    number: str
    floor: str | None = None
    room_type_id: uuid.UUID
    room_type: str
    active: bool
    # Housekeeping status: present when the caller may see housekeeping (housekeeping.view).
    condition: str | None = Field(default=None, description="dirty | clean | inspected")
    occupied: bool | None = None
    out_of_order: bool | None = None
    out_of_service: bool | None = None
    label: str | None = None


class NightOut(BaseModel):
    date: date
    price: Decimal


class OfferOut(BaseModel):
    rate_plan_id: uuid.UUID
    code: str
    name: str
    meal_plan: str
    total: Decimal
    currency: str
    taxes_included: Decimal
    guarantee_type: str
    deposit: Decimal
    nights: list[NightOut]
    cancellation_policy: dict[str, Any]


class AvailabilityOut(BaseModel):
    room_type_id: uuid.UUID
    code: str
    name: str
    available: int
    max_occupancy: int
    offers: list[OfferOut]


class ReservationCreateIn(BaseModel):
    """One room for one guest; POST .../bulk takes a list of these."""

    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    arrival: date
    departure: date
    adults: int = Field(default=2, ge=1, le=20)
    children: int = Field(default=0, ge=0, le=20)
    children_ages: list[int] = Field(default_factory=list, max_length=20,
                                     description="One age per child")
    guest: GuestCreate | None = None
    guest_id: uuid.UUID | None = None
    channel: str = Field(default="direct", max_length=40)
    source: str | None = Field(default=None, max_length=100)
    promo_code: str | None = Field(default=None, max_length=40)
    notes: str = Field(default="", max_length=2000)
    requests: list[str] = Field(default_factory=list, max_length=20)
    expected_total: Decimal | None = Field(default=None, description="Refused (409 price_changed)"
                                           " if the price is no longer this")
    hold_minutes: int | None = Field(default=None, description="Book as a tentative hold")


class StatusChangeIn(BaseModel):
    status: str = Field(max_length=40, description="confirmed | checked_in | checked_out | "
                                                   "cancelled | no_show")
    room_id: uuid.UUID | None = Field(default=None, description="Room to check in to")
    reason: str = Field(default="", max_length=500, description="Why it was cancelled")


class BulkItemResult(BaseModel):
    index: int
    success: bool
    data: ReservationListItem | None = None
    error: dict[str, Any] | None = None


class BulkResult(BaseModel):
    created: int
    failed: int
    results: list[BulkItemResult]
