"""Block shapes."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict


class BlockRooms(BaseModel):
    """`count` rooms of a type held on every night of [start, end)."""

    room_type_id: uuid.UUID
    start: date
    end: date
    count: int


class BlockCreate(BaseModel):
    code: str
    name: str
    release_date: date
    rooms: list[BlockRooms]
    rate_plan_id: uuid.UUID | None = None
    contact_name: str | None = None
    contact_email: str | None = None


class BlockNightPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    room_type_id: uuid.UUID
    night: date
    held: int
    picked_up: int


class BlockPublic(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    release_date: date
    status: str
    rate_plan_id: uuid.UUID | None
    nights: list[BlockNightPublic]
