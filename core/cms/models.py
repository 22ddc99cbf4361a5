"""CMS tables: a page with its working draft, and the immutable versions it was published as."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from core.db.base import PropertyModel, created_at_field, timestamp_field, uuid_pk


class CmsPage(PropertyModel, table=True):
    """A site page. `draft` is {"locales": {"en": {"title", "description", "blocks": [...]}}}."""

    __tablename__ = "cms_pages"

    id: uuid.UUID = uuid_pk()
    slug: str = Field(max_length=60, unique=True)
    kind: str = Field(max_length=20)
    sort_order: int = 0
    default_locale: str = Field(default="en", max_length=10)
    draft: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Set when the draft differs from what is published (so the editor can say "unpublished").
    draft_dirty: bool = True
    published_number: int | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()


class CmsPageVersion(PropertyModel, table=True):
    """One publication of a page: the content exactly as the public saw it from then on."""

    __tablename__ = "cms_page_versions"
    __table_args__ = (UniqueConstraint("page_id", "number", name="uq_cms_version_number"),)

    id: uuid.UUID = uuid_pk()
    page_id: uuid.UUID = Field(foreign_key="cms_pages.id", index=True)
    number: int
    content: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", max_length=200)
    published_by: str = Field(default="", max_length=200)
    created_at: datetime = created_at_field()
