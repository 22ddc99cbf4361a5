"""Front-desk test set-up: a hotel with rooms and a rate, bookings made through the real services."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.actor import Actor
from core.db.uow import property_uow
from core.identity.permissions import ROLE_PERMISSIONS

DESK = Actor(kind="staff", name="Fran Frontdesk", permissions=ROLE_PERMISSIONS["front_desk"])
CONCIERGE = Actor(kind="staff", name="Connie Concierge",
                  permissions=ROLE_PERMISSIONS["guest_services"])
_names = itertools.count(1)


@dataclass
class DeskHotel:
    property_id: uuid.UUID
    today: date
    room_type_id: uuid.UUID
    plan_id: uuid.UUID
    rooms: list[uuid.UUID] = field(default_factory=list)
    room_numbers: list[str] = field(default_factory=list)

    def uow(self, actor: Actor = DESK, write: bool = True):
        return property_uow(self.property_id, actor, write=write)

    def book(self, arrival: date, nights: int = 2, last_name: str | None = None, **extra):
        from core.reservations.schemas import BookingCreate, RoomRequest
        from core.reservations.services import create_booking

        last = last_name or f"Guest{next(_names)}"
        data = BookingCreate(
            arrival=arrival, departure=arrival + timedelta(days=nights),
            guest={"first_name": "Ana", "last_name": last, "email": f"{last.lower()}@ex.com"},
            rooms=[RoomRequest(room_type_id=self.room_type_id, rate_plan_id=self.plan_id)
                   for _ in range(extra.pop("rooms", 1))], **extra)
        with self.uow() as uow:
            booking = create_booking(uow, data)
            uow.commit()
        return booking


def make_desk_hotel(property_id: uuid.UUID, rooms: int = 6) -> DeskHotel:
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    with property_uow(property_id, Actor.system()) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        rt = create_room_type(uow, {"code": "DBL", "name": "Double", "max_occupancy": 3,
                                    "max_adults": 3})
        numbers = [f"1{i:02d}" for i in range(1, rooms + 1)]
        room_ids = [create_room(uow, {"number": n, "room_type_id": rt.id}).id for n in numbers]
        plan = create_rate_plan(uow, {"code": "BAR", "name": "Best available",
                                      "room_type_id": rt.id, "adult_prices": {}})
        set_rate_days(uow, plan.id, {"start": today - timedelta(days=10),
                                     "end": today + timedelta(days=200),
                                     "price": Decimal("120.00")})
        uow.commit()
    return DeskHotel(property_id, today, rt.id, plan.id, room_ids, numbers)
