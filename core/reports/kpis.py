"""Occupancy, ADR and RevPAR for today, month-to-date and year-to-date, per property and per chain.

Definitions (the industry's): rooms available = active rooms × nights since the hotel joined −
out-of-order room-nights;
rooms sold = room-nights of stays that hold a room (confirmed, in house, departed; day use and
no-shows excluded); room revenue = the nightly room price less discounts, without meals and
exclusive taxes, as snapshotted on the reservation when it was priced. Occupancy = sold ÷
available, ADR = revenue ÷ sold, RevPAR = revenue ÷ available.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.actor import Actor
from core.db.uow import UnitOfWork, property_uow
from core.inventory.models import InventoryNight
from core.properties.models import Room, get_settings_row
from core.reservations.models import Reservation, ReservationStatus
from core.tenancy.registry import list_properties
from core.timeutil import local_today

PERIODS = ("today", "mtd", "ytd")
SOLD = (ReservationStatus.confirmed.value, ReservationStatus.checked_in.value,
        ReservationStatus.checked_out.value)
CENT = Decimal("0.01")


@dataclass
class Figures:
    """Raw counts of one period; the ratios are derived so sums across properties stay exact."""

    rooms_available: int = 0
    rooms_sold: int = 0
    room_revenue: Decimal = Decimal("0")

    @property
    def occupancy(self) -> Decimal:
        """Percent, 0-100 (above 100 only when overbooked)."""
        if not self.rooms_available:
            return Decimal("0.0")
        return (Decimal(self.rooms_sold * 100) / self.rooms_available).quantize(Decimal("0.1"))

    @property
    def adr(self) -> Decimal:
        return (self.room_revenue / self.rooms_sold).quantize(CENT) if self.rooms_sold \
            else Decimal("0.00")

    @property
    def revpar(self) -> Decimal:
        return (self.room_revenue / self.rooms_available).quantize(CENT) \
            if self.rooms_available else Decimal("0.00")

    def add(self, other: Figures) -> None:
        self.rooms_available += other.rooms_available
        self.rooms_sold += other.rooms_sold
        self.room_revenue += other.room_revenue


@dataclass
class PropertyKpis:
    property_id: uuid.UUID
    name: str
    currency: str
    as_of: date
    periods: dict[str, Figures]


@dataclass
class ChainKpis:
    """Per property, and the chain totals per currency (amounts in two currencies never add)."""

    properties: list[PropertyKpis] = field(default_factory=list)
    totals: dict[str, dict[str, Figures]] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)  # names of properties that failed


def period_starts(as_of: date) -> dict[str, date]:
    return {"today": as_of, "mtd": as_of.replace(day=1), "ytd": as_of.replace(month=1, day=1)}


def _nightly_room_revenue(res: Reservation) -> dict[date, Decimal]:
    nights = (res.price or {}).get("nights") or []
    if nights:
        return {date.fromisoformat(n["date"]): Decimal(str(n.get("room", n.get("amount", 0))))
                - Decimal(str(n.get("discount", 0))) for n in nights}
    # A stay priced without a breakdown: spread its total evenly over its nights.
    count = (res.departure - res.arrival).days
    share = (Decimal(res.total) / count) if count else Decimal("0")
    return {res.arrival + timedelta(days=i): share for i in range(count)}


def figures_for(session: Session, as_of: date, opened: date | None = None) -> dict[str, Figures]:
    """The three periods ending with the night of `as_of`, read from one property's database.

    `opened` is when the hotel joined (its provisioning date); rooms count as available from
    then or from its first inventory night (history loaded from an earlier system), whichever
    is earlier.
    """
    starts = period_starts(as_of)
    first, end = starts["ytd"], as_of + timedelta(days=1)
    rooms = session.exec(select(func.count()).select_from(Room)
                         .where(col(Room.active).is_(True))).one()
    # A hotel that joined this year had no rooms to sell here before; counting them would make
    # its year-to-date occupancy look far worse than it is.
    first_night = session.exec(select(func.min(InventoryNight.night))).one()
    opened = min((d for d in (opened, first_night) if d is not None), default=first)
    out: dict[str, Figures] = {}
    for period, start in starts.items():
        start = max(start, opened)
        ooo = session.exec(select(func.coalesce(func.sum(InventoryNight.out_of_order), 0)).where(
            InventoryNight.night >= start, InventoryNight.night < end)).one()
        days = max(0, (end - start).days)
        out[period] = Figures(rooms_available=max(0, int(rooms) * days - int(ooo)))
    stays = session.exec(select(Reservation).where(
        col(Reservation.status).in_(SOLD), col(Reservation.day_use).is_(False),
        Reservation.arrival < end, Reservation.departure > first)).all()
    for res in stays:
        for night, revenue in _nightly_room_revenue(res).items():
            if not first <= night < end:
                continue
            for period, start in starts.items():
                if night >= start:
                    out[period].rooms_sold += 1
                    out[period].room_revenue += revenue
    return out


def property_kpis(uow: UnitOfWork, name: str = "", as_of: date | None = None,
                  opened: date | None = None) -> PropertyKpis:
    """KPIs of the unit of work's property as of its business date (else its local today)."""
    uow.actor.require("reports.view")
    settings = get_settings_row(uow.session)
    day = as_of or settings.business_date or local_today(settings.timezone)
    assert uow.property_id is not None
    return PropertyKpis(property_id=uow.property_id, name=name, currency=settings.currency,
                        as_of=day, periods=figures_for(uow.session, day, opened))


def chain_kpis(actor: Actor, as_of: date | None = None) -> ChainKpis:
    """Every active property of the actor's chain, each read in its own database."""
    actor.require("reports.view")
    if actor.chain_id is None and not actor.is_superuser:
        return ChainKpis()
    result = ChainKpis()
    for prop in list_properties(actor.chain_id, active_only=True):
        try:
            with property_uow(prop.id, actor, write=False) as uow:
                opened = (prop.provisioned_at.astimezone(ZoneInfo(prop.timezone)).date()
                          if prop.provisioned_at else None)
                kpis = property_kpis(uow, prop.name, as_of, opened)
        except Exception:  # noqa: BLE001 - one unreachable hotel must not blank the dashboard
            result.unavailable.append(prop.name)
            continue
        result.properties.append(kpis)
        totals = result.totals.setdefault(kpis.currency, {p: Figures() for p in PERIODS})
        for period in PERIODS:
            totals[period].add(kpis.periods[period])
    return result
