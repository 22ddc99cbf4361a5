"""Reservation test set-up: one hotel per module and backend; each test makes its own room type
(so tests sharing the hotel never compete for the same inventory)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from tenant_fixtures import _tenant_on

from core.actor import Actor
from core.db.uow import property_uow

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

STAFF = Actor(kind="staff", name="Fran Frontdesk", permissions=frozenset({
    "reservations.create", "reservations.modify", "reservations.cancel",
    "reservations.check_in", "reservations.check_out", "reservations.assign_room",
    "reservations.no_show", "blocks.manage", "rates.manage", "maintenance.create",
    "maintenance.update"}))
_codes = itertools.count(1)


@dataclass
class RoomType:
    id: uuid.UUID
    plan_id: uuid.UUID
    rooms: list[uuid.UUID]
    day_plan_id: uuid.UUID | None = None


@dataclass
class Hotel:
    backend: str
    property_id: uuid.UUID
    today: date
    _offset: itertools.count = field(default_factory=lambda: itertools.count(10, 20))

    def uow(self, actor: Actor = STAFF, write: bool = True):
        return property_uow(self.property_id, actor, write=write)

    def stay(self, nights: int = 2) -> tuple[date, date]:
        """Future dates, 20 days on from the last call (wrapping within the priced horizon;
        tests also keep apart by each making its own room type)."""
        arrival = self.today + timedelta(days=10 + (next(self._offset) - 10) % 360)
        return arrival, arrival + timedelta(days=nights)

    def room_type(self, rooms: int = 2, *, price: str = "100.00", features=None,
                  max_occupancy: int = 2, day_use: bool = False, policy: dict | None = None,
                  horizon: int = 400) -> RoomType:
        from core.properties.services import create_policy, create_room, create_room_type
        from core.rates.services import create_rate_plan, set_rate_days

        admin = Actor.system()
        n = next(_codes)
        with property_uow(self.property_id, admin) as uow:
            rt = create_room_type(uow, {"code": f"T{n}", "name": f"Type {n}",
                                        "max_occupancy": max_occupancy,
                                        "max_adults": max_occupancy})
            room_ids = []
            for i in range(rooms):
                feats = (features or {}).get(i, [])
                room_ids.append(create_room(uow, {"number": f"{n}{i:02d}", "room_type_id": rt.id,
                                                  "features": feats}).id)
            policy_id = None
            if policy is not None:
                policy_id = create_policy(uow, {"code": f"P{n}", "name": f"Policy {n}",
                                                **policy}).id
            plan = create_rate_plan(uow, {"code": f"BAR{n}", "name": f"Best rate {n}",
                                          "room_type_id": rt.id, "policy_id": policy_id,
                                          "adult_prices": {}})
            set_rate_days(uow, plan.id, {"start": self.today,
                                         "end": self.today + timedelta(days=horizon),
                                         "price": Decimal(price)})
            day_plan_id = None
            if day_use:
                day = create_rate_plan(uow, {"code": f"DAY{n}", "name": f"Day use {n}",
                                             "room_type_id": rt.id, "day_use": True})
                set_rate_days(uow, day.id, {"start": self.today,
                                            "end": self.today + timedelta(days=horizon),
                                            "price": Decimal("40.00")})
                day_plan_id = day.id
            uow.commit()
        return RoomType(rt.id, plan.id, room_ids, day_plan_id)


def make_hotel(request, tmp_path_factory) -> Iterator[Hotel]:
    """Body of each module's `hotel` fixture: a provisioned property per module and backend."""
    from core.properties.models import get_settings_row
    from core.timeutil import local_today

    mp = pytest.MonkeyPatch()
    gen = _tenant_on(request.param, mp, tmp_path_factory.mktemp(f"res-{request.param}"))
    tenant = next(gen)
    try:
        pid = tenant.make_property("Reservations Hotel")
        with property_uow(pid, write=False) as uow:
            today = local_today(get_settings_row(uow.session).timezone)
        yield Hotel(request.param, pid, today)
    finally:
        try:
            next(gen)
        except StopIteration:
            pass
        mp.undo()


def booking(rt: RoomType, arrival: date, departure: date, *, rooms: int = 1, adults: int = 2,
            plan_id: uuid.UUID | None = None, **extra):
    from core.reservations.schemas import BookingCreate, RoomRequest

    guest = extra.pop("guest", {"first_name": "Ana", "last_name": "Silva",
                                "email": "ana@example.com"})
    return BookingCreate(arrival=arrival, departure=departure, guest=guest,
                         rooms=[RoomRequest(room_type_id=rt.id, rate_plan_id=plan_id or rt.plan_id,
                                            adults=adults, **extra.pop("room", {}))
                                for _ in range(rooms)], **extra)


def sellable(hotel: Hotel, rt: RoomType, arrival: date, departure: date) -> int:
    from core.inventory.services import availability

    with hotel.uow(write=False) as uow:
        return availability(uow, [rt.id], arrival, departure)[rt.id]
