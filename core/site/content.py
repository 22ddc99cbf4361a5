"""What a public site page shows: the published CMS page and the room types it lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

from sqlmodel import col, select

from core.cms.schemas import RenderedPage
from core.cms.services import published_page
from core.db.uow import UnitOfWork
from core.properties.models import RoomType


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


def flat_block(block: dict[str, Any]) -> dict[str, Any]:
    """One shape for every block type, so the page can render them with one typed list."""
    items = []
    for item in block.get("items", []) or block.get("images", []):
        if isinstance(item, str):
            items.append({"title": item, "body": "", "src": ""})
        elif "q" in item:
            items.append({"title": item["q"], "body": item["a"], "src": ""})
        else:
            items.append({"title": item.get("alt", ""), "body": "", "src": item["src"]})
    address = block.get("address", "")
    map_url = ""
    if address:
        map_url = "https://www.openstreetmap.org/search?query=" + quote_plus(address)
    return {"type": block["type"], "heading": block.get("heading", ""),
            "subheading": block.get("subheading", "") or block.get("intro", "")
            or block.get("text", ""),
            "markdown": block.get("markdown", ""), "image": block.get("image", ""),
            "label": block.get("cta_label", "") or block.get("label", ""),
            "href": block.get("cta_href", "") or block.get("href", ""),
            "address": address, "map_url": map_url, "items": items}


def page_view(uow: UnitOfWork, slug: str, locale: str) -> PageView:
    page = published_page(uow, slug, locale)
    blocks = [flat_block(b) for b in page.blocks]
    rooms = room_type_cards(uow) if any(b["type"] == "room_types" for b in blocks) else []
    return PageView(page=page, blocks=blocks, room_types=rooms)
