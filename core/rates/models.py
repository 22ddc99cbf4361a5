"""Rate tables: rate plans, per-date prices and restrictions, and promo codes."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, PrimaryKeyConstraint, Table, UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, decimal_field, money_field, uuid_pk


class MealPlan(str, enum.Enum):
    RO = "RO"  # room only
    BB = "BB"  # bed & breakfast
    HB = "HB"  # half board
    FB = "FB"  # full board
    AI = "AI"  # all inclusive


class DeriveKind(str, enum.Enum):
    amount = "amount"  # parent's nightly price + value (value may be negative)
    percent = "percent"  # parent's nightly price × (1 + value/100)


class RatePlan(PropertyModel, table=True):
    """A price list for one room type with its own conditions.

    A base plan has its own per-date prices (RateDay.price); a derived plan takes its parent's
    nightly price (after occupancy pricing) and adjusts it by an amount or a percentage.
    """

    __tablename__ = "rate_plans"
    __table_args__ = (UniqueConstraint("room_type_id", "code"),)

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=4000)
    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="rate_plans.id")
    derive_kind: str | None = Field(default=None, max_length=10)  # DeriveKind
    derive_value: Decimal | None = decimal_field(places=2)
    # A derived plan also obeys its parent's restrictions on each date when this is set.
    inherit_restrictions: bool = True
    meal_plan: str = Field(default=MealPlan.RO.value, max_length=2)
    # Meals are priced per guest per night on top of the room price (0 when already inside it).
    meal_price_adult: Decimal = money_field()
    meal_price_child: Decimal = money_field()
    # Occupancy pricing relative to the room type's base occupancy:
    # adult_prices maps an adult count ("1", "3") to the amount added (negative: less) per night;
    # counts above the base without an entry add extra_adult once per extra adult.
    adult_prices: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    extra_adult: Decimal = money_field()
    # Children by age band: [{"max_age": 2, "amount": "0.00"}, {"max_age": 12, "amount": "20.00"}],
    # per child per night; a child older than every band pays extra_adult.
    child_bands: list[dict[str, Any]] = Field(default_factory=list,
                                              sa_column=Column(JSON, nullable=False))
    policy_id: uuid.UUID | None = Field(default=None, foreign_key="policies.id")
    guarantee_type: str = Field(default="none", max_length=20)  # properties.models.GuaranteeType
    channels: list[str] = Field(default_factory=lambda: ["direct"],
                                sa_column=Column(JSON, nullable=False))
    # Lead time in days between the booking day and arrival.
    min_advance_days: int | None = Field(default=None, ge=0)
    max_advance_days: int | None = Field(default=None, ge=0)
    # A day-use plan sells same-day stays (arrival == departure) priced by the arrival date.
    day_use: bool = False
    active: bool = True
    sort_order: int = 0
    created_at: datetime = created_at_field()


class RateDay(PropertyModel, table=True):
    """One rate plan on one date: the base-occupancy price and that date's restrictions.

    Restrictions on a date: min/max LOS apply to stays ARRIVING that date; CTA forbids arriving,
    CTD forbids departing that date; closed stops selling the night.
    Write rows only through `set_rate_days` (or call `touch_catalogue` in the same transaction):
    processes price from a copy held per catalogue stamp (core.rates.days).
    """

    __tablename__ = "rate_days"
    __table_args__ = (PrimaryKeyConstraint("rate_plan_id", "day"),)

    rate_plan_id: uuid.UUID = Field(foreign_key="rate_plans.id")
    day: date
    price: Decimal | None = money_field(None, nullable=True)
    min_los: int | None = None
    max_los: int | None = None
    closed_to_arrival: bool = False
    closed_to_departure: bool = False
    closed: bool = False


class PromoKind(str, enum.Enum):
    percent = "percent"  # % off each night's room price
    amount = "amount"  # a fixed amount off the stay's room price


class PromoCode(PropertyModel, table=True):
    __tablename__ = "promo_codes"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=40, unique=True)  # stored upper-case, trimmed
    description: str = Field(default="", max_length=500)
    kind: str = Field(max_length=10)  # PromoKind
    value: Decimal = decimal_field(Decimal("0"), places=2, nullable=False)
    # Every night of the stay must fall in [stay_from, stay_to]; bookings made in [book_from, book_to].
    stay_from: date | None = None
    stay_to: date | None = None
    book_from: date | None = None
    book_to: date | None = None
    min_nights: int = Field(default=1, ge=0)
    max_uses: int | None = Field(default=None, ge=0)
    uses: int = Field(default=0, ge=0)
    # Restrict to these rate plans (ids as strings); empty: every plan.
    rate_plan_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    created_at: datetime = created_at_field()

# The Core tables behind the models, for bulk and conditional statements. SQLModel sets
# __table__ at run time without declaring it, hence the one narrow ignore each.
RATE_DAYS: Table = RateDay.__table__  # type: ignore[attr-defined]
PROMO_CODES: Table = PromoCode.__table__  # type: ignore[attr-defined]
