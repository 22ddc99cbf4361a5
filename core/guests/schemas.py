"""Guest shapes: what a booking form sends and what the API shows."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict


class GuestCreate(BaseModel):
    first_name: str = ""
    last_name: str
    email: str | None = None
    phone: str | None = None
    language: str | None = None


class GuestPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    language: str | None
