"""Input and public shapes for property setup; bad input becomes a ValidationFailed naming fields."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, time
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.errors import ValidationFailed

S = TypeVar("S", bound=BaseModel)
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")


def parse(schema: type[S], data: Mapping[str, Any] | BaseModel, *, what: str = "details") -> S:
    """Validate input into `schema`, turning pydantic's errors into one domain error."""
    if isinstance(data, schema):
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump(exclude_unset=True)
    try:
        return schema.model_validate(dict(data))
    except ValidationError as exc:
        fields: dict[str, str] = {}
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]) or "__all__"
            fields.setdefault(name, err["msg"].removeprefix("Value error, "))
        raise ValidationFailed(f"The {what} are not valid: "
                               + "; ".join(f"{k}: {v}" for k, v in fields.items()),
                               fields=fields) from None


def _code(value: str | None) -> str | None:
    if value is not None and not CODE_RE.match(value):
        raise ValueError("use 1-20 letters, digits, dashes or underscores")
    return value.upper() if value is not None else None


def one_of(options: tuple[str, ...], *fields: str) -> Any:
    """A validator refusing values of `fields` outside `options` (None passes: unset)."""
    def check(value: str | None) -> str | None:
        if value is not None and value not in options:
            raise ValueError(f"must be one of {', '.join(options)}")
        return value
    return field_validator(*fields)(check)


def _urls(values: list[str] | None) -> list[str] | None:
    for url in values or []:
        if not (url.startswith(("https://", "http://", "/")) and len(url) <= 1000):
            raise ValueError(f"'{url[:60]}' is not a photo URL (http(s):// or /path)")
    return values


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RoomTypeUpdate(_Input):
    code: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=4000)
    base_occupancy: int | None = Field(default=None, ge=1, le=20)
    max_occupancy: int | None = Field(default=None, ge=1, le=20)
    max_adults: int | None = Field(default=None, ge=1, le=20)
    max_children: int | None = Field(default=None, ge=0, le=20)
    bed_types: list[str] | None = None
    size_sqm: Decimal | None = Field(default=None, ge=0, le=100000)
    amenities: list[str] | None = None
    photos: list[str] | None = None
    sort_order: int | None = None
    active: bool | None = None

    _c = field_validator("code")(_code)
    _u = field_validator("photos")(_urls)


class RoomTypeCreate(RoomTypeUpdate):
    code: str
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=4000)
    base_occupancy: int = Field(default=2, ge=1, le=20)
    max_occupancy: int = Field(default=2, ge=1, le=20)
    max_adults: int = Field(default=2, ge=1, le=20)
    max_children: int = Field(default=0, ge=0, le=20)
    bed_types: list[str] = []
    amenities: list[str] = []
    photos: list[str] = []
    sort_order: int = 0
    active: bool = True


class RoomUpdate(_Input):
    number: str | None = Field(default=None, min_length=1, max_length=20)
    floor: str | None = Field(default=None, max_length=10)
    room_type_id: uuid.UUID | None = None
    features: list[str] | None = None
    active: bool | None = None


class RoomCreate(RoomUpdate):
    number: str = Field(min_length=1, max_length=20)
    room_type_id: uuid.UUID
    features: list[str] = []
    active: bool = True


TAX_KINDS = ("percent", "per_night", "per_person_night", "per_stay")
FEE_KINDS = ("none", "first_night", "nights", "percent", "fixed", "full")


class TaxUpdate(_Input):
    code: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=120)
    kind: str | None = None
    value: Decimal | None = Field(default=None, ge=0, le=1000000)
    inclusive: bool | None = None
    exempt_below_age: int | None = Field(default=None, ge=0, le=120)
    valid_from: date | None = None
    valid_to: date | None = None
    active: bool | None = None
    sort_order: int | None = None

    _c = field_validator("code")(_code)
    _k = one_of(TAX_KINDS, "kind")


class TaxCreate(TaxUpdate):
    code: str
    name: str = Field(min_length=1, max_length=120)
    kind: str
    value: Decimal = Field(ge=0, le=1000000)
    inclusive: bool = False
    active: bool = True
    sort_order: int = 0


class PolicyUpdate(_Input):
    code: str | None = None
    name: str | None = Field(default=None, min_length=1, max_length=120)
    text: str | None = Field(default=None, max_length=4000)
    free_cancellation_hours: int | None = Field(default=None, ge=0, le=24 * 365)
    cancellation_fee_kind: str | None = None
    cancellation_fee_value: Decimal | None = Field(default=None, ge=0)
    no_show_fee_kind: str | None = None
    no_show_fee_value: Decimal | None = Field(default=None, ge=0)
    deposit_kind: str | None = None
    deposit_value: Decimal | None = Field(default=None, ge=0)
    active: bool | None = None

    _c = field_validator("code")(_code)
    _k = one_of(FEE_KINDS, "cancellation_fee_kind", "no_show_fee_kind", "deposit_kind")


class PolicyCreate(PolicyUpdate):
    code: str
    name: str = Field(min_length=1, max_length=120)
    text: str = ""
    cancellation_fee_kind: str = "first_night"
    cancellation_fee_value: Decimal = Decimal("0")
    no_show_fee_kind: str = "first_night"
    no_show_fee_value: Decimal = Decimal("0")
    deposit_kind: str = "none"
    deposit_value: Decimal = Decimal("0")
    active: bool = True


class SettingsUpdate(_Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    legal_name: str | None = Field(default=None, max_length=200)
    tax_id: str | None = Field(default=None, max_length=40, pattern=r"^[A-Za-z0-9 .\-/]{2,40}$")
    address: str | None = Field(default=None, max_length=500)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(default=None, max_length=40)
    timezone: str | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    check_in_time: time | None = None
    check_out_time: time | None = None
    day_use_start: time | None = None
    day_use_end: time | None = None
    child_max_age: int | None = Field(default=None, ge=0, le=17)
    infant_max_age: int | None = Field(default=None, ge=0, le=17)
    overbooking_allowance: int | None = Field(default=None, ge=0, le=1000)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        if v is not None and v not in available_timezones():
            raise ValueError(f"'{v}' is not an IANA time zone (e.g. Europe/Lisbon)")
        return v

    @model_validator(mode="after")
    def _day_use_window(self) -> SettingsUpdate:
        if self.day_use_start and self.day_use_end and self.day_use_end <= self.day_use_start:
            raise ValueError("day_use_end must be after day_use_start")
        return self
