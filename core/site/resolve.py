"""Resolve a booking-site request to its property (host mapping first, then the /p/{slug} path)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from core.db.engines import control_engine
from core.errors import NotFound
from core.tenancy.models import PropertyStatus
from core.tenancy.registry import get_property_by_host, get_property_by_slug

CACHE_SECONDS = 30.0


@dataclass(frozen=True)
class Site:
    property_id: uuid.UUID
    chain_id: uuid.UUID
    slug: str
    name: str
    currency: str
    timezone: str
    address: str
    country: str
    brand_name: str
    brand_color: str
    logo_url: str
    support_email: str
    via_host: bool = False


class SiteNotFound(NotFound):
    code = "site_not_found"


_cache: dict[tuple[str, str], tuple[float, Site]] = {}


def _brand(chain_id: uuid.UUID) -> dict[str, str]:
    from core.identity.models import ChainSettings

    with Session(control_engine()) as session:
        row = session.exec(select(ChainSettings).where(ChainSettings.chain_id == chain_id)).first()
    if row is None:
        return {}
    return {"brand_name": row.brand_display_name or "", "brand_color": row.brand_primary_color or "",
            "logo_url": row.brand_logo_url or "", "support_email": row.brand_support_email or ""}


def _site(prop, via_host: bool) -> Site:
    if prop.status != PropertyStatus.active:
        # A hotel being set up or closed has no public site.
        raise SiteNotFound("This hotel is not taking bookings online.")
    brand = _brand(prop.chain_id)
    return Site(property_id=prop.id, chain_id=prop.chain_id, slug=prop.slug, name=prop.name,
                currency=prop.currency, timezone=prop.timezone, address=prop.address or "",
                country=prop.country or "", brand_name=brand.get("brand_name", ""),
                brand_color=brand.get("brand_color", ""), logo_url=brand.get("logo_url", ""),
                support_email=brand.get("support_email", ""), via_host=via_host)


def resolve_site(host: str | None = None, slug: str | None = None) -> Site:
    """The site for a request: a mapped host name wins; otherwise the path's slug.

    Cached for a few seconds per (host, slug): every page view and search resolves the site.
    """
    key = ((host or "").split(":", 1)[0].lower(), (slug or "").lower())
    hit = _cache.get(key)
    now = time.monotonic()
    if hit and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    prop = get_property_by_host(key[0]) if key[0] else None
    if prop is not None:
        site = _site(prop, via_host=True)
    elif key[1]:
        try:
            site = _site(get_property_by_slug(key[1]), via_host=False)
        except SiteNotFound:
            raise
        except NotFound:
            raise SiteNotFound(f"No hotel is published at '{slug}'.") from None
    else:
        raise SiteNotFound("No hotel is published at this address.")
    _cache[key] = (now, site)
    return site


def clear_cache() -> None:
    _cache.clear()
