"""Block tables: the block and what it holds per room type and night."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class BlockStatus(str, enum.Enum):
    open = "open"  # unpicked rooms are held out of general inventory
    released = "released"  # unpicked rooms went back to general inventory
    cancelled = "cancelled"


class Block(PropertyModel, table=True):
    __tablename__ = "blocks"

    id: uuid.UUID = uuid_pk()
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200)
    # On this date (property local) unpicked rooms return to general inventory (a daily job).
    release_date: date = Field(index=True)
    rate_plan_id: uuid.UUID | None = Field(default=None, foreign_key="rate_plans.id")
    status: str = Field(default=BlockStatus.open.value, max_length=20, index=True)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254)
    released_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class BlockNight(PropertyModel, table=True):
    __tablename__ = "block_nights"
    __table_args__ = (
        CheckConstraint("picked_up >= 0 AND picked_up <= held", name="ck_block_nights_pickup"),
    )

    block_id: uuid.UUID = Field(foreign_key="blocks.id", primary_key=True)
    room_type_id: uuid.UUID = Field(foreign_key="room_types.id", primary_key=True)
    night: date = Field(primary_key=True)
    held: int = 0
    picked_up: int = 0
