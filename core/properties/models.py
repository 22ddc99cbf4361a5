"""Property setup tables: settings, room types, rooms, taxes and fees, and booking policies."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import JSON, Column, Table, Time, update
from sqlmodel import Field, Session, select

from core.db.base import PropertyModel, created_at_field, decimal_field, uuid_pk


class PropertySettings(PropertyModel, table=True):
    """One row per property database: who the hotel is and the defaults every domain reads."""

    __tablename__ = "property_settings"

    property_id: uuid.UUID = Field(primary_key=True)
    name: str = Field(max_length=200)
    legal_name: str | None = Field(default=None, max_length=200)
    # The seller's tax number (VAT/NIF) printed on every invoice, as the law requires.
    tax_id: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=500)
    country: str | None = Field(default=None, max_length=2)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    timezone: str = Field(default="UTC", max_length=64)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    check_in_time: time = Field(default=time(15, 0), sa_column=Column(Time, nullable=False))
    check_out_time: time = Field(default=time(11, 0), sa_column=Column(Time, nullable=False))
    # Day-use stays occupy the room between these local times on the day itself.
    day_use_start: time = Field(default=time(10, 0), sa_column=Column(Time, nullable=False))
    day_use_end: time = Field(default=time(18, 0), sa_column=Column(Time, nullable=False))
    # Guests up to child_max_age are children (priced by age band); older "children" are adults.
    child_max_age: int = Field(default=12, ge=0, le=17)
    infant_max_age: int = Field(default=2, ge=0, le=17)
    overbooking_allowance: int = Field(default=0, ge=0)
    # The hotel's accounting day; None until the first night audit sets it.
    business_date: date | None = None
    # Rewritten by every change to room types, rate plans, taxes, policies or these settings, so
    # per-process pricing caches can tell in one read that they are stale (core.rates.catalogue).
    # Random from the start, so two databases never share a stamp (a cache must not confuse them).
    catalogue_stamp: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=32)
    updated_at: datetime = created_at_field()


def get_settings_row(session: Session) -> PropertySettings:
    """The property's settings row (created at provisioning, so it always exists)."""
    row = session.exec(select(PropertySettings)).first()
    if row is None:
        raise RuntimeError("property_settings row missing: the property was not provisioned")
    return row


def touch_catalogue(session: Session) -> None:
    """Mark what pricing reads as changed (in the caller's transaction).

    The services call this; code that writes room types, plans, taxes or policies directly
    (imports, repairs) must call it too, or running processes keep pricing from their cache.
    """
    # SQLModel sets __table__ on table classes at runtime but does not declare it for type checkers.
    table: Table = PropertySettings.__table__  # type: ignore[attr-defined]
    session.execute(update(table).values(catalogue_stamp=uuid.uuid4().hex))


class RoomType(PropertyModel, table=True):
    __tablename__ = "room_types"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=4000)
    # The occupancy the per-date price is for; other occupancies adjust from it (rate plan rules).
    base_occupancy: int = Field(default=2, ge=1)
    max_occupancy: int = Field(default=2, ge=1)
    max_adults: int = Field(default=2, ge=1)
    max_children: int = Field(default=0, ge=0)
    bed_types: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    size_sqm: Decimal | None = decimal_field(places=1)
    amenities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    photos: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sort_order: int = 0
    active: bool = True
    created_at: datetime = created_at_field()


class Room(PropertyModel, table=True):
    __tablename__ = "rooms"

    id: uuid.UUID = uuid_pk()
    number: str = Field(max_length=20, unique=True)
    floor: str | None = Field(default=None, max_length=10)
    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", index=True)
    features: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    created_at: datetime = created_at_field()


class TaxKind(str, enum.Enum):
    percent = "percent"  # % of each night's price (VAT)
    per_night = "per_night"  # fixed amount per room per night
    per_person_night = "per_person_night"  # fixed amount per guest per night (city tax)
    per_stay = "per_stay"  # fixed amount once per stay (cleaning fee)


class Tax(PropertyModel, table=True):
    """A tax or fee. Inclusive ones are already inside the price; exclusive ones are added."""

    __tablename__ = "taxes"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=120)
    kind: str = Field(max_length=20)  # TaxKind
    # Percent for kind=percent (e.g. 6.0000), otherwise a money amount.
    value: Decimal = decimal_field(Decimal("0"), nullable=False)
    inclusive: bool = False
    # Per-person taxes: guests younger than this are exempt (None: everyone pays).
    exempt_below_age: int | None = None
    # Applies to nights (per-stay: arrival dates) in [valid_from, valid_to], open-ended when None.
    valid_from: date | None = None
    valid_to: date | None = None
    active: bool = True
    sort_order: int = 0
    created_at: datetime = created_at_field()


class FeeKind(str, enum.Enum):
    none = "none"
    first_night = "first_night"
    nights = "nights"  # value = number of nights
    percent = "percent"  # value = % of the stay's nightly amounts
    fixed = "fixed"  # value = amount
    full = "full"  # the whole stay


class GuaranteeType(str, enum.Enum):
    none = "none"  # pay at the hotel
    card = "card"  # card pre-authorisation
    deposit = "deposit"  # a prepayment, see the policy's deposit rule
    company = "company"  # billed to a company / city ledger


class Policy(PropertyModel, table=True):
    """A cancellation / no-show / deposit policy that rate plans refer to."""

    __tablename__ = "policies"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=120)
    text: str = Field(default="", max_length=4000)
    # Free cancellation until this many hours before check-in time on arrival; None = never free.
    free_cancellation_hours: int | None = Field(default=None, ge=0)
    cancellation_fee_kind: str = Field(default=FeeKind.first_night.value, max_length=20)
    cancellation_fee_value: Decimal = decimal_field(Decimal("0"), nullable=False)
    no_show_fee_kind: str = Field(default=FeeKind.first_night.value, max_length=20)
    no_show_fee_value: Decimal = decimal_field(Decimal("0"), nullable=False)
    deposit_kind: str = Field(default=FeeKind.none.value, max_length=20)
    deposit_value: Decimal = decimal_field(Decimal("0"), nullable=False)
    active: bool = True
    created_at: datetime = created_at_field()


__all__ = ["PropertySettings", "RoomType", "Room", "Tax", "TaxKind", "Policy", "FeeKind",
           "GuaranteeType", "get_settings_row"]
