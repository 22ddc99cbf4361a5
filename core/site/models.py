"""Online check-in details a guest gave on the site before arrival (one row per reservation)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class OnlineCheckIn(PropertyModel, table=True):
    __tablename__ = "online_check_ins"

    id: uuid.UUID = uuid_pk()
    reservation_id: uuid.UUID = Field(unique=True, index=True)
    address: str = Field(max_length=300)
    nationality: str = Field(max_length=2)
    document_type: str = Field(max_length=20)
    arrival_time: str = Field(max_length=5)  # HH:MM, local time at the hotel
    # The rest of the registration card; the desk completes it at check-in (core.guests.registration).
    date_of_birth: date | None = None
    document_number: str | None = Field(default=None, max_length=30)
    # The private scan (core.media, readable by the desk only); never under /_upload.
    id_media_id: uuid.UUID | None = None
    consent_at: datetime = created_at_field()
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
