"""Media rows of a property: private files (data_dir/private) and the public site's image library
(data_dir/public)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
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


class MediaAsset(PropertyModel, table=True):
    """An image of the site's media library, stored as public resized variants.

    `alt` is {locale: text}; `variants` is [{"width", "height", "file", "bytes"}] narrowest first,
    each file under the property's public media folder. CMS blocks refer to it as "media:<id>".
    """

    __tablename__ = "media_assets"

    id: uuid.UUID = uuid_pk()
    original_name: str = Field(max_length=120)
    width: int  # of the widest variant (the original is not kept)
    height: int
    alt: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    variants: list[dict[str, Any]] = Field(default_factory=list,
                                           sa_column=Column(JSON, nullable=False))
    uploaded_by: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()
