"""Pricing and restriction rules: pure functions, no I/O.

Rounding rule (one for the whole product): every money component is computed per night and
quantised to 2 places with ROUND_HALF_UP (room price after occupancy/derivation, meals, discount,
each tax); stay totals are sums of those rounded parts, so a total always equals the sum of the
lines a guest sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from core.errors import ValidationFailed
from core.rates.errors import (
    InvalidDates,
    MaxStay,
    MinStay,
    NotSellable,
    PromoNotApplicable,
    Restricted,
    TooManyGuests,
)
from core.rates.policy_rules import (  # noqa: F401  (the policy rules are part of this API)
    cancellation_fee,
    deposit_amount,
    no_show_fee,
    policy_snapshot,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_NIGHTS = 90


def q(value: Decimal | int | str) -> Decimal:
    """Quantise money to cents, ROUND_HALF_UP (the product's one rounding rule)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- stays and guests -------------------------------------------------------------------------


def stay_dates(arrival: date, departure: date, *, day_use: bool = False) -> list[date]:
    """The priced dates: the nights [arrival, departure), or the arrival day for day use."""
    if day_use:
        if departure != arrival:
            raise InvalidDates("A day-use stay departs on the day it arrives.",
                               fields={"departure": "must equal the arrival date for day use"})
        return [arrival]
    if departure <= arrival:
        raise InvalidDates(
            f"Departure ({departure}) must be after arrival ({arrival}); "
            "same-day stays are sold as day use.",
            fields={"departure": "must be after the arrival date"})
    n = (departure - arrival).days
    if n > MAX_NIGHTS:
        raise InvalidDates(f"A stay can be at most {MAX_NIGHTS} nights (asked {n}).",
                           fields={"departure": f"at most {MAX_NIGHTS} nights after arrival"})
    return [arrival + timedelta(days=i) for i in range(n)]


def split_guests(adults: int, children_ages: Iterable[int], child_max_age: int
                 ) -> tuple[int, tuple[int, ...]]:
    """Count guests older than the property's child age as adults; validate the numbers."""
    ages = tuple(children_ages)
    if not isinstance(adults, int) or adults < 1:
        raise ValidationFailed("At least one adult is needed.",
                               fields={"adults": "must be 1 or more"}, code="invalid_guests")
    for age in ages:
        if not isinstance(age, int) or age < 0 or age > 17:
            raise ValidationFailed(f"A child's age must be 0 to 17 (got {age!r}).",
                                   fields={"children_ages": "each age must be 0 to 17"},
                                   code="invalid_guests")
    grown = sum(1 for a in ages if a > child_max_age)
    return adults + grown, tuple(a for a in ages if a <= child_max_age)


@dataclass(frozen=True)
class Capacity:
    max_occupancy: int
    max_adults: int
    max_children: int
    name: str = "this room type"


def check_capacity(cap: Capacity, adults: int, children: int) -> None:
    total = adults + children
    if adults > cap.max_adults:
        raise TooManyGuests(f"{cap.name} takes at most {cap.max_adults} adults ({adults} asked).",
                            fields={"adults": f"at most {cap.max_adults}"})
    if children > cap.max_children:
        raise TooManyGuests(
            f"{cap.name} takes at most {cap.max_children} children ({children} asked).",
            fields={"children_ages": f"at most {cap.max_children} children"})
    if total > cap.max_occupancy:
        raise TooManyGuests(f"{cap.name} sleeps at most {cap.max_occupancy} ({total} asked).",
                            fields={"adults": f"at most {cap.max_occupancy} guests in total"})


# --- nightly prices ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Occupancy:
    """A plan's occupancy pricing relative to the room type's base occupancy."""

    base_occupancy: int
    adult_prices: Mapping[str, Any]  # adults -> amount added to the base price
    extra_adult: Decimal
    child_bands: Sequence[Mapping[str, Any]]  # [{"max_age": int, "amount": money}], per child


def child_amount(age: int, bands: Sequence[Mapping[str, Any]], extra_adult: Decimal) -> Decimal:
    for band in sorted(bands, key=lambda b: int(b["max_age"])):
        if age <= int(band["max_age"]):
            return Decimal(str(band["amount"]))
    return extra_adult


def occupancy_price(base_price: Decimal, occ: Occupancy, adults: int,
                    children_ages: Sequence[int]) -> Decimal:
    """The night's room price for these guests; never below zero."""
    price = Decimal(base_price)
    key = str(adults)
    if key in occ.adult_prices:
        price += Decimal(str(occ.adult_prices[key]))
    elif adults > occ.base_occupancy:
        price += occ.extra_adult * (adults - occ.base_occupancy)
    for age in children_ages:
        price += child_amount(age, occ.child_bands, occ.extra_adult)
    return max(q(price), ZERO)


def derive_price(parent_price: Decimal, kind: str, value: Decimal) -> Decimal:
    """A derived plan's night from its parent's (± amount or ± percent); never below zero."""
    if kind == "amount":
        price = parent_price + value
    elif kind == "percent":
        price = parent_price * (Decimal(1) + value / Decimal(100))
    else:
        raise ValueError(f"unknown derivation {kind!r}")
    return max(q(price), ZERO)


def meal_amount(adult_price: Decimal, child_price: Decimal, adults: int, children: int) -> Decimal:
    return q(adult_price * adults + child_price * children)


# --- restrictions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRestrictions:
    min_los: int | None = None
    max_los: int | None = None
    closed_to_arrival: bool = False
    closed_to_departure: bool = False
    closed: bool = False

    def merged(self, other: DayRestrictions | None) -> DayRestrictions:
        """The stricter of two (a derived plan inheriting its parent's restrictions)."""
        if other is None:
            return self
        return DayRestrictions(
            min_los=_max_opt(self.min_los, other.min_los),
            max_los=_min_opt(self.max_los, other.max_los),
            closed_to_arrival=self.closed_to_arrival or other.closed_to_arrival,
            closed_to_departure=self.closed_to_departure or other.closed_to_departure,
            closed=self.closed or other.closed,
        )


OPEN = DayRestrictions()


def _max_opt(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _min_opt(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def check_restrictions(days: Mapping[date, DayRestrictions], arrival: date, departure: date,
                       *, day_use: bool = False, dates: Sequence[date] | None = None) -> None:
    """Raise the first restriction the stay breaks. Length of stay is counted from arrival.

    `dates` may pass the stay's `stay_dates` when the caller already has them (a search checks
    every plan of the same stay)."""
    get = days.get
    arrive = get(arrival, OPEN)
    if arrive.closed_to_arrival:
        raise Restricted(f"Closed to arrival on {arrival}.", fields={"arrival": "closed to arrival"})
    for night in stay_dates(arrival, departure, day_use=day_use) if dates is None else dates:
        if get(night, OPEN).closed:
            raise Restricted(f"Not available on {night} (closed).",
                             fields={"arrival": f"{night} is closed"}, code="closed")
    if day_use:
        return
    if get(departure, OPEN).closed_to_departure:
        raise Restricted(f"Closed to departure on {departure}.",
                         fields={"departure": "closed to departure"})
    n = (departure - arrival).days
    if arrive.min_los is not None and n < arrive.min_los:
        raise MinStay(f"Stays arriving on {arrival} need at least {arrive.min_los} nights "
                      f"({n} asked).", fields={"departure": f"at least {arrive.min_los} nights"})
    if arrive.max_los is not None and n > arrive.max_los:
        raise MaxStay(f"Stays arriving on {arrival} can be at most {arrive.max_los} nights "
                      f"({n} asked).", fields={"departure": f"at most {arrive.max_los} nights"})


def check_lead_time(arrival: date, today: date, min_days: int | None, max_days: int | None) -> None:
    lead = (arrival - today).days
    if lead < 0:
        raise InvalidDates(f"Arrival {arrival} is in the past.", fields={"arrival": "in the past"})
    if min_days is not None and lead < min_days:
        raise Restricted(f"This rate must be booked at least {min_days} days before arrival.",
                         fields={"arrival": f"at least {min_days} days ahead"}, code="min_advance")
    if max_days is not None and lead > max_days:
        raise Restricted(f"This rate can be booked at most {max_days} days before arrival.",
                         fields={"arrival": f"at most {max_days} days ahead"}, code="max_advance")


def check_channel(channel: str, channels: Iterable[str]) -> None:
    if channel not in set(channels):
        raise NotSellable(f"This rate is not sold on the '{channel}' channel.",
                          fields={"channel": "not sold here"})


# --- promo codes ------------------------------------------------------------------------------


def normalise_code(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    return code or None


@dataclass(frozen=True)
class Promo:
    code: str
    kind: str  # "percent" | "amount"
    value: Decimal
    stay_from: date | None = None
    stay_to: date | None = None
    book_from: date | None = None
    book_to: date | None = None
    min_nights: int = 1
    max_uses: int | None = None
    uses: int = 0
    rate_plan_ids: frozenset[str] = frozenset()
    active: bool = True


def check_promo(promo: Promo, *, arrival: date, dates: Sequence[date], today: date,
                rate_plan_id: Any = None) -> None:
    """Raise PromoNotApplicable naming why this code does not apply to this stay."""
    def refuse(why: str) -> PromoNotApplicable:
        return PromoNotApplicable(f"Promo code {promo.code} {why}.", fields={"promo_code": why})

    if not promo.active:
        raise refuse("is no longer valid")
    if promo.max_uses is not None and promo.uses >= promo.max_uses:
        raise refuse("has been used up")
    if promo.book_from and today < promo.book_from or promo.book_to and today > promo.book_to:
        raise refuse("cannot be used for bookings made today")
    if promo.stay_from and dates[0] < promo.stay_from or promo.stay_to and dates[-1] > promo.stay_to:
        raise refuse("is not valid for these dates")
    if len(dates) < promo.min_nights:
        raise refuse(f"needs a stay of at least {promo.min_nights} nights")
    if promo.rate_plan_ids and rate_plan_id is not None and str(rate_plan_id) not in promo.rate_plan_ids:
        raise refuse("does not apply to this rate")


def promo_discounts(kind: str, value: Decimal, room_amounts: Sequence[Decimal]) -> list[Decimal]:
    """The discount on each night's room price; never more than the room price.

    A percentage is taken off each night (rounded per night). A fixed amount is off the stay,
    spread over the nights in proportion to their price (cents rounded down, the remainder
    given to the first nights), so nightly lines still add up to the stay total.
    """
    if kind == "percent":
        pct = min(max(value, ZERO), Decimal(100)) / Decimal(100)
        return [min(q(a * pct), a) for a in room_amounts]
    total_room = sum(room_amounts, ZERO)
    off = min(max(q(value), ZERO), total_room)
    if off == ZERO:
        return [ZERO for _ in room_amounts]
    shares = [(off * a / total_room).quantize(CENT, rounding=ROUND_DOWN) for a in room_amounts]
    left = off - sum(shares, ZERO)
    i = 0
    while left > ZERO:
        if shares[i] < room_amounts[i]:
            shares[i] += CENT
            left -= CENT
        i = (i + 1) % len(shares)
    return shares
