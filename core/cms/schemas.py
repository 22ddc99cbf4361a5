"""CMS shapes returned to the editor and to the public site."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class PageSummary(BaseModel):
    id: uuid.UUID
    slug: str
    kind: str
    title: str
    sort_order: int
    published_number: int | None
    draft_dirty: bool
    locales: list[str]


class PageDraft(BaseModel):
    id: uuid.UUID
    slug: str
    kind: str
    default_locale: str
    locales: dict[str, dict[str, Any]]
    published_number: int | None
    draft_dirty: bool


class VersionSummary(BaseModel):
    number: int
    note: str
    published_by: str
    created_at: datetime
    live: bool


class RenderedPage(BaseModel):
    """A page as the public sees it in one language (or the fallback language)."""

    slug: str
    kind: str
    locale: str
    requested_locale: str
    title: str
    description: str
    blocks: list[dict[str, Any]]
    version: int
    locales: list[str]
