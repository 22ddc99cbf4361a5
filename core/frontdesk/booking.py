"""Desk booking: availability priced for the agent, and a group block's rooms to pick up."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import select

from core.db.uow import UnitOfWork
from core.errors import NotFound, ValidationFailed
from core.properties.models import RoomType
from core.reservations.availability import search_availability


def desk_offers(uow: UnitOfWork, *, arrival: date, departure: date, adults: int,
                children_ages: list[int] | None = None, channel: str = "direct"
                ) -> list[dict[str, str]]:
    """One row per room type and rate plan that can be sold for the stay, cheapest first."""
    uow.actor.require("reservations.create")
    rows = []
    for offer in search_availability(uow, arrival=arrival, departure=departure, adults=adults,
                                     children_ages=children_ages or [], channel=channel):
        for q in offer.quotes:
            rows.append(_row(offer.room_type_id, offer.name, offer.units_left, q))
    return rows


def block_offers(uow: UnitOfWork, *, code: str, arrival: date, departure: date,
                 adults: int) -> tuple[uuid.UUID, list[dict[str, str]]]:
    """A group block's rooms still to pick up for the stay, priced on the block's rate plan (or
    each room type's first plan). Returns (block id, offers)."""
    uow.actor.require("reservations.create")
    from core.blocks.models import Block, BlockNight, BlockStatus
    from core.rates.models import RatePlan
    from core.rates.pricing import quote_stay
    from core.reservations import rules
    from core.reservations.services import booking_today

    today = booking_today(uow)  # the desk's: the business date
    rules.validate_stay(arrival, departure, adults, [], today=today)
    block = uow.session.exec(select(Block).where(Block.code == code.strip().upper())).first()
    if block is None or block.status != BlockStatus.open.value:
        raise NotFound("No open group block has that code.", fields={"block": "not found"},
                       code="block_not_found")
    nights = {(n.room_type_id, n.night): n.held - n.picked_up for n in uow.session.exec(
        select(BlockNight).where(BlockNight.block_id == block.id)).all()}
    stay = [arrival + timedelta(days=i) for i in range(max((departure - arrival).days, 1))]
    types = dict(uow.session.exec(select(RoomType.id, RoomType.name)).all())
    rows = []
    for rt in sorted({rt for rt, _ in nights}, key=lambda t: types.get(t, "")):
        left = min(nights.get((rt, night), 0) for night in stay)
        if left < 1:
            continue
        plan_id = block.rate_plan_id or uow.session.exec(
            select(RatePlan.id).where(RatePlan.room_type_id == rt)).first()
        if plan_id is None:
            continue
        q = quote_stay(uow.session, room_type_id=rt, rate_plan_id=plan_id, arrival=arrival,
                       departure=departure, adults=adults, today=today)
        rows.append(_row(rt, types.get(rt, ""), left, q))
    if not rows:
        raise ValidationFailed(f"Block {block.code} has no rooms left for these dates.",
                               fields={"block": "no rooms left for the stay"},
                               code="block_full")
    return block.id, rows


def _row(room_type_id: uuid.UUID, name: str, left: int, q) -> dict[str, str]:
    return {"room_type_id": str(room_type_id), "room_type": name, "units_left": str(left),
            "rate_plan_id": str(q.rate_plan_id), "rate_plan": q.rate_plan_name,
            "total": f"{q.total:.2f}", "currency": q.currency,
            "nightly": f"{q.total / max(len(q.nights), 1):.2f}", "guarantee": q.guarantee_type}
