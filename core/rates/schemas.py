"""Input shapes for rate plans, bulk rate/restriction updates and promo codes."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.properties.schemas import one_of, parse  # noqa: F401  (parse: shared input helper)

MEAL_PLANS = ("RO", "BB", "HB", "FB", "AI")
GUARANTEES = ("none", "card", "deposit", "company")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
PROMO_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,39}$")
Money = Decimal


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ChildBand(_Input):
    max_age: int = Field(ge=0, le=17)
    amount: Money = Field(ge=0, le=100000)


class RatePlanUpdate(_Input):
    code: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=4000)
    parent_id: uuid.UUID | None = None
    derive_kind: str | None = None
    derive_value: Decimal | None = Field(default=None, ge=-100000, le=100000)
    inherit_restrictions: bool | None = None
    meal_plan: str | None = None
    meal_price_adult: Money | None = Field(default=None, ge=0, le=100000)
    meal_price_child: Money | None = Field(default=None, ge=0, le=100000)
    adult_prices: dict[int, Money] | None = None
    extra_adult: Money | None = Field(default=None, ge=0, le=100000)
    child_bands: list[ChildBand] | None = None
    policy_id: uuid.UUID | None = None
    guarantee_type: str | None = None
    channels: list[str] | None = None
    min_advance_days: int | None = Field(default=None, ge=0, le=1000)
    max_advance_days: int | None = Field(default=None, ge=0, le=1000)
    day_use: bool | None = None
    active: bool | None = None
    sort_order: int | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, v: str | None) -> str | None:
        if v is not None and not CODE_RE.match(v):
            raise ValueError("use 1-20 letters, digits, dashes or underscores")
        return v.upper() if v else v

    _derive = one_of(("amount", "percent"), "derive_kind")

    _meal = one_of(MEAL_PLANS, "meal_plan")

    _guarantee = one_of(GUARANTEES, "guarantee_type")

    @field_validator("adult_prices")
    @classmethod
    def _adults(cls, v: dict[int, Decimal] | None) -> dict[int, Decimal] | None:
        if v is not None and any(k < 1 or k > 20 for k in v):
            raise ValueError("adult counts must be 1 to 20")
        return v

    @field_validator("channels")
    @classmethod
    def _channels(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and (not v or any(not c or len(c) > 40 for c in v)):
            raise ValueError("name at least one channel (e.g. direct)")
        return v

    @field_validator("child_bands")
    @classmethod
    def _bands(cls, v: list[ChildBand] | None) -> list[ChildBand] | None:
        if v is not None and len({b.max_age for b in v}) != len(v):
            raise ValueError("each age band needs its own max_age")
        return sorted(v, key=lambda b: b.max_age) if v is not None else v


class RatePlanCreate(RatePlanUpdate):
    code: str
    name: str = Field(min_length=1, max_length=120)
    room_type_id: uuid.UUID
    description: str = ""
    inherit_restrictions: bool = True
    meal_plan: str = "RO"
    meal_price_adult: Money = Decimal("0")
    meal_price_child: Money = Decimal("0")
    adult_prices: dict[int, Money] = {}
    extra_adult: Money = Decimal("0")
    child_bands: list[ChildBand] = []
    guarantee_type: str = "none"
    channels: list[str] = ["direct"]
    day_use: bool = False
    active: bool = True
    sort_order: int = 0


class RateDaysUpdate(_Input):
    """Bulk change of a plan's prices/restrictions on [start, end] (inclusive) and weekdays.

    weekdays: 0 = Monday ... 6 = Sunday (None: every day). Only the fields given change;
    price/min_los/max_los given as null clear the value.
    """

    start: date
    end: date
    weekdays: list[int] | None = None
    price: Money | None = Field(default=None, ge=0, le=1000000)
    min_los: int | None = Field(default=None, ge=1, le=365)
    max_los: int | None = Field(default=None, ge=1, le=365)
    closed_to_arrival: bool | None = None
    closed_to_departure: bool | None = None
    closed: bool | None = None

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, v: list[int] | None) -> list[int] | None:
        if v is not None and (not v or any(d < 0 or d > 6 for d in v)):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday), at least one")
        return v

    @model_validator(mode="after")
    def _range(self) -> RateDaysUpdate:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        if (self.end - self.start).days > 3 * 366:
            raise ValueError("a bulk update covers at most 3 years")
        if self.min_los and self.max_los and self.max_los < self.min_los:
            raise ValueError("max_los must not be below min_los")
        return self


class PromoUpdate(_Input):
    description: str | None = Field(default=None, max_length=500)
    kind: str | None = None
    value: Decimal | None = Field(default=None, gt=0, le=1000000)
    stay_from: date | None = None
    stay_to: date | None = None
    book_from: date | None = None
    book_to: date | None = None
    min_nights: int | None = Field(default=None, ge=0, le=365)
    max_uses: int | None = Field(default=None, ge=0)
    rate_plan_ids: list[uuid.UUID] | None = None
    active: bool | None = None

    _kind = one_of(("percent", "amount"), "kind")


class PromoCreate(PromoUpdate):
    code: str
    kind: str
    value: Decimal = Field(gt=0, le=1000000)
    description: str = ""
    min_nights: int = 1
    rate_plan_ids: list[uuid.UUID] = []
    active: bool = True

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        v = v.strip().upper()
        if not PROMO_RE.match(v):
            raise ValueError("use 3-40 letters, digits, dashes or underscores")
        return v
