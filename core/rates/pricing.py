"""Pricing stays: quotes for one rate plan and batch offers for an availability search.

Everything a search needs is loaded in a handful of queries (settings, room types, plans, the
rate days of the stay for all plans at once, taxes, policies, promo), then priced in memory by
the pure rules in `core.rates.rules`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class NightPrice:
    """One night of a stay (for day use: the day itself).

    amount = room + meals − discount: what the night costs before exclusive taxes.
    tax is the night's exclusive per-night taxes (per-stay fees are only in StayQuote.taxes).
    """

    date: date
    amount: Decimal
    room: Decimal = ZERO
    meals: Decimal = ZERO
    discount: Decimal = ZERO
    tax: Decimal = ZERO


@dataclass(frozen=True)
class TaxLine:
    code: str
    name: str
    kind: str  # core.properties.models.TaxKind value
    amount: Decimal
    inclusive: bool  # True: already inside the nightly amounts; False: added to the total


@dataclass(frozen=True)
class ExtraLine:
    name: str
    amount: Decimal


@dataclass
class StayQuote:
    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    rate_plan_code: str
    rate_plan_name: str
    meal_plan: str
    arrival: date
    departure: date
    adults: int
    children_ages: tuple[int, ...]
    nights: list[NightPrice]
    room_total: Decimal
    taxes: list[TaxLine]
    extras: list[ExtraLine]
    discount: Decimal
    total: Decimal  # what the guest pays: nightly amounts + exclusive taxes
    currency: str
    guarantee_type: str
    cancellation_policy: dict[str, Any]  # JSON-serialisable snapshot, see rules.policy_snapshot
    promo_code: str | None = None
    day_use: bool = False
    deposit: Decimal = ZERO  # due at booking under the policy's deposit rule
    channel: str = "direct"
    extras_total: Decimal = field(default=ZERO)

    @property
    def taxes_excluded(self) -> Decimal:
        return sum((t.amount for t in self.taxes if not t.inclusive), ZERO)

    @property
    def taxes_included(self) -> Decimal:
        return sum((t.amount for t in self.taxes if t.inclusive), ZERO)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready snapshot (Decimals and dates as strings) to store with a reservation."""
        from core.events.outbox import _jsonable

        return _jsonable(asdict(self))


@dataclass(frozen=True)
class Refusal:
    """Why a plan is not offered for a search (for staff screens)."""

    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    code: str
    message: str


@dataclass
class Offers:
    """price_offers' answer: quotes per room type, and why other plans were left out."""

    quotes: dict[uuid.UUID, list[StayQuote]]
    refusals: list[Refusal]


def quote_stay(session: Session, *, room_type_id: uuid.UUID, rate_plan_id: uuid.UUID,
               arrival: date, departure: date, adults: int, children_ages: Iterable[int] = (),
               promo_code: str | None = None, channel: str = "direct",
               today: date) -> StayQuote:
    """Price one stay on one rate plan, or raise the domain error that forbids it."""
    raise NotImplementedError  # filled in by the next commit


def price_offers(session: Session, *, arrival: date, departure: date, adults: int,
                 children_ages: Iterable[int] = (), promo_code: str | None = None,
                 channel: str = "direct", today: date,
                 room_type_ids: Iterable[uuid.UUID] | None = None,
                 with_refusals: bool = False) -> dict[uuid.UUID, list[StayQuote]] | Offers:
    """Every sellable (room type, plan) for the stay, cheapest first per room type."""
    raise NotImplementedError  # filled in by the next commit
