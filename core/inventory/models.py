"""Inventory tables: room-type counts per night, and the occupancy of each specific room."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, uuid_pk


class InventoryNight(PropertyModel, table=True):
    """One room type on one night. Sellable = physical − out_of_order − sold − day_use − blocked
    + overbooking. Rows are locked in (room_type_id, night) order by every change."""

    __tablename__ = "inventory_nights"
    __table_args__ = (
        CheckConstraint("sold >= 0 AND day_use >= 0 AND blocked >= 0 AND out_of_order >= 0 "
                        "AND physical >= 0 AND overbooking >= 0", name="ck_inventory_nonnegative"),
    )

    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", primary_key=True)
    night: date = Field(primary_key=True)
    physical: int = 0
    out_of_order: int = 0
    sold: int = 0
    # Day-use stays are a distinct product: counted apart from room nights (occupancy reports
    # ignore them) but they take a unit of that day, so the room is never promised twice.
    day_use: int = 0
    blocked: int = 0
    overbooking: int = 0

    @property
    def available(self) -> int:
        return (self.physical - self.out_of_order - self.sold - self.day_use - self.blocked
                + self.overbooking)


class RoomStayKind:
    stay = "stay"
    out_of_order = "out_of_order"


class RoomStay(PropertyModel, table=True):
    """A specific room occupied over [start_date, end_date): a guest's stay (or one leg of it
    after a room move) or an out-of-order period. Rows of one room never overlap: a Postgres
    exclusion constraint (revision 0002) and, on SQLite, the check under BEGIN IMMEDIATE."""

    __tablename__ = "room_stays"
    __table_args__ = (
        CheckConstraint("end_date > start_date", name="ck_room_stays_range"),
        Index("ix_room_stays_room_dates", "room_id", "start_date", "end_date"),
    )

    id: uuid.UUID = uuid_pk()
    room_id: uuid.UUID = Field(foreign_key="rooms.id")
    kind: str = Field(default=RoomStayKind.stay, max_length=20)
    reservation_id: uuid.UUID | None = Field(default=None, foreign_key="reservations.id",
                                             index=True)
    start_date: date
    end_date: date
    reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at_field()
