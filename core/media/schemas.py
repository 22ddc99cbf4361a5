"""Shapes of the site's media library for the editor and the public pages."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class Variant(BaseModel):
    width: int
    height: int
    url: str


class AssetView(BaseModel):
    """A library image: `ref` goes into CMS blocks, `srcset`/`src` into the <img>."""

    id: uuid.UUID
    ref: str
    original_name: str
    width: int
    height: int
    alt: dict[str, str]
    variants: list[Variant]
    uploaded_by: str
    created_at: datetime

    @property
    def src(self) -> str:
        """The middle variant: a sensible default for browsers that ignore srcset."""
        return self.variants[len(self.variants) // 2].url

    @property
    def thumb(self) -> str:
        return self.variants[0].url

    @property
    def srcset(self) -> str:
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants)

    def alt_in(self, locale: str, default: str = "en") -> str:
        """Alt text in `locale`, else the default language's, else any."""
        for candidate in (locale, default, *sorted(self.alt)):
            if self.alt.get(candidate):
                return self.alt[candidate]
        return ""
