"""What a public site page shows: the published CMS page and the room types it lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

from sqlmodel import col, select

from core.cms.schemas import RenderedPage
from core.cms.services import published_page
from core.db.uow import UnitOfWork
from core.media.library import assets_for
from core.media.schemas import AssetView
from core.properties.models import RoomType

# Gallery: one column on phones, three from 768 px in a content column of at most ~1100 px.
GALLERY_SIZES = "(min-width: 768px) 360px, 100vw"
HERO_SIZES = "(min-width: 1150px) 1100px, 100vw"


@dataclass
class PageView:
    page: RenderedPage
    blocks: list[dict[str, Any]]
    room_types: list[dict[str, Any]] = field(default_factory=list)


def room_type_cards(uow: UnitOfWork) -> list[dict[str, Any]]:
    rows = uow.session.exec(select(RoomType).where(col(RoomType.active).is_(True))
                            .order_by(col(RoomType.sort_order), col(RoomType.name))).all()
    return [{"id": str(r.id), "code": r.code, "name": r.name, "description": r.description,
             "photo": (r.photos or ["/site/room.svg"])[0], "max_occupancy": r.max_occupancy,
             "size": f"{r.size_sqm} m²" if r.size_sqm else "",
             "amenities": ", ".join(r.amenities[:6])} for r in rows]


def image_refs(blocks: list[dict[str, Any]]) -> list[str]:
    """Every image a page's blocks name (library references and addresses)."""
    refs = [b["image"] for b in blocks if b.get("image")]
    refs += [i["src"] for b in blocks for i in (b.get("images") or []) if isinstance(i, dict)]
    return refs


def _picture(src: str, alt: str, assets: dict[str, AssetView], locale: str,
             sizes: str) -> dict[str, str]:
    """What an <img> needs: a library image gets srcset, intrinsic size and its own alt text."""
    asset = assets.get(src)
    if asset is None:
        if src.startswith("media:"):  # a deleted library image: show nothing rather than a 404
            return {"src": "", "srcset": "", "sizes": "", "width": "", "height": "", "alt": alt}
        return {"src": src, "srcset": "", "sizes": "", "width": "", "height": "", "alt": alt}
    return {"src": asset.src, "srcset": asset.srcset, "sizes": sizes, "width": str(asset.width),
            "height": str(asset.height), "alt": alt or asset.alt_in(locale)}


def flat_block(block: dict[str, Any], assets: dict[str, AssetView] | None = None,
               locale: str = "en") -> dict[str, Any]:
    """One shape for every block type, so the page can render them with one typed list."""
    assets = assets or {}
    items = []
    for item in block.get("items", []) or block.get("images", []):
        if isinstance(item, str):
            items.append({"title": item, "body": "", "src": ""})
        elif "q" in item:
            items.append({"title": item["q"], "body": item["a"], "src": ""})
        else:
            pic = _picture(item["src"], item.get("alt", ""), assets, locale, GALLERY_SIZES)
            if pic["src"]:
                items.append({"title": pic.pop("alt"), "body": "", **pic})
    hero = _picture(block.get("image", ""), "", assets, locale, HERO_SIZES)
    address = block.get("address", "")
    map_url = ""
    if address:
        map_url = "https://www.openstreetmap.org/search?query=" + quote_plus(address)
    return {"type": block["type"], "heading": block.get("heading", ""),
            "subheading": block.get("subheading", "") or block.get("intro", "")
            or block.get("text", ""),
            "markdown": block.get("markdown", ""), "image": hero["src"],
            "image_srcset": hero["srcset"], "image_sizes": hero["sizes"],
            "image_width": hero["width"], "image_height": hero["height"],
            "image_alt": hero["alt"],
            "label": block.get("cta_label", "") or block.get("label", ""),
            "href": block.get("cta_href", "") or block.get("href", ""),
            "address": address, "map_url": map_url, "items": items}


def page_view(uow: UnitOfWork, slug: str, locale: str) -> PageView:
    page = published_page(uow, slug, locale)
    assets = assets_for(uow, image_refs(page.blocks))
    blocks = [flat_block(b, assets, page.locale) for b in page.blocks]
    rooms = room_type_cards(uow) if any(b["type"] == "room_types" for b in blocks) else []
    return PageView(page=page, blocks=blocks, room_types=rooms)
