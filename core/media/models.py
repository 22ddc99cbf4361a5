"""Stored private files of a property (the bytes live on disk under data_dir/private)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, uuid_pk


class MediaFile(PropertyModel, table=True):
    """One uploaded file. `view_permission` is what a caller needs to download it."""

    __tablename__ = "media_files"

    id: uuid.UUID = uuid_pk()
    kind: str = Field(max_length=10)  # jpeg | png | webp | pdf (after re-encoding)
    content_type: str = Field(max_length=50)
    size: int
    original_name: str = Field(max_length=120)
    path: str = Field(max_length=300)  # relative to the property's private folder
    thumb_path: str | None = Field(default=None, max_length=300)
    view_permission: str = Field(max_length=60)
    owner_type: str | None = Field(default=None, max_length=40, index=True)
    owner_id: uuid.UUID | None = Field(default=None, index=True)
    uploaded_by: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()
