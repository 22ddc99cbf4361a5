"""The caller's properties, a property's details, room types, rooms and availability."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from core.api.deps import CurrentActor
from core.api.v1.common import Envelope, ok
from core.api.v1.schemas import (
    AvailabilityOut,
    NightOut,
    OfferOut,
    PropertyDetail,
    PropertySummary,
    RoomOut,
    RoomTypeOut,
)
from core.db.uow import control_uow, property_uow
from core.errors import ValidationFailed
from core.housekeeping.board import room_board
from core.identity.access import properties_for
from core.identity.models import User
from core.properties.models import get_settings_row
from core.properties.services import list_room_types, list_rooms
from core.reservations.availability import search_availability
from core.tenancy.registry import get_property

router = APIRouter(prefix="/api/v1", tags=["properties"])
SCOPED = "/properties/{property_id}"


@router.get("/properties", response_model=Envelope[list[PropertySummary]],
            summary="The properties the caller works at")
def my_properties(actor: CurrentActor) -> dict:
    with control_uow(actor, write=False) as uow:
        user = uow.session.get(User, actor.user_id) if actor.user_id else None
        rows = properties_for(uow.session, user) if user else []
        return ok([PropertySummary.model_validate(p) for p in rows])


@router.get(SCOPED, response_model=Envelope[PropertyDetail], summary="One property")
def property_detail(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    prop = get_property(property_id)
    with property_uow(property_id, actor, write=False) as uow:
        s = get_settings_row(uow.session)
        return ok(PropertyDetail(
            id=prop.id, chain_id=prop.chain_id, name=s.name, slug=prop.slug,
            timezone=s.timezone, currency=s.currency, country=s.country, address=s.address,
            email=s.email, phone=s.phone, check_in_time=s.check_in_time.strftime("%H:%M"),
            check_out_time=s.check_out_time.strftime("%H:%M"), business_date=s.business_date,
            child_max_age=s.child_max_age, permissions=sorted(actor.permissions)))


@router.get(SCOPED + "/room-types", response_model=Envelope[list[RoomTypeOut]],
            summary="Room types")
def room_types(property_id: uuid.UUID, actor: CurrentActor,
               active_only: bool = True) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok([RoomTypeOut.model_validate(t)
                   for t in list_room_types(uow.session, active_only=active_only)])


@router.get(SCOPED + "/rooms", response_model=Envelope[list[RoomOut]],
            summary="Rooms, with their housekeeping status when the caller may see it")
def rooms(property_id: uuid.UUID, actor: CurrentActor) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        types = {t.id: t.name for t in list_room_types(uow.session)}
        board = {b.room_id: b for b in room_board(uow)} \
            if uow.actor.can("housekeeping.view") else {}
        out = []
        for room in list_rooms(uow.session):
            b = board.get(room.id)
            out.append(RoomOut(
                id=room.id, number=room.number, floor=room.floor, room_type_id=room.room_type_id,
                room_type=types.get(room.room_type_id, ""), active=room.active,
                condition=b.condition if b else None, occupied=b.occupied if b else None,
                out_of_order=b.out_of_order if b else None,
                out_of_service=b.out_of_service if b else None, label=b.label if b else None))
        return ok(out)


def children_ages(children: int, ages: list[int]) -> list[int]:
    """The ages pricing needs: one per child (a count alone cannot be priced)."""
    if children and len(ages) != children:
        raise ValidationFailed("Give one age per child in children_ages.",
                               fields={"children_ages": f"give {children} ages"},
                               code="invalid_children")
    if any(a < 0 or a > 17 for a in ages):
        raise ValidationFailed("A child's age is 0 to 17.",
                               fields={"children_ages": "ages are 0 to 17"},
                               code="invalid_children")
    return ages


@router.get(SCOPED + "/availability", response_model=Envelope[list[AvailabilityOut]],
            summary="Room types with rooms left for a stay, and their priced rate plans")
def availability(property_id: uuid.UUID, actor: CurrentActor, arrival: date, departure: date,
                 adults: Annotated[int, Query(ge=1, le=20)] = 2,
                 children: Annotated[int, Query(ge=0, le=20)] = 0,
                 children_ages_: Annotated[list[int], Query(alias="children_ages",
                                                            max_length=20)] = [],  # noqa: B006
                 promo_code: Annotated[str | None, Query(max_length=40)] = None) -> dict:
    ages = children_ages(children, children_ages_)
    with property_uow(property_id, actor, write=False) as uow:
        offers = search_availability(uow, arrival=arrival, departure=departure, adults=adults,
                                     children_ages=ages, promo_code=promo_code)
        return ok([AvailabilityOut(
            room_type_id=o.room_type_id, code=o.code, name=o.name, available=o.units_left,
            max_occupancy=o.max_occupancy,
            offers=[OfferOut(rate_plan_id=q.rate_plan_id, code=q.rate_plan_code,
                             name=q.rate_plan_name, meal_plan=q.meal_plan, total=q.total,
                             currency=q.currency, taxes_included=q.taxes_included,
                             guarantee_type=q.guarantee_type, deposit=q.deposit,
                             nights=[NightOut(date=n.date, price=n.amount) for n in q.nights],
                             cancellation_policy=q.cancellation_policy) for q in o.quotes])
            for o in offers])
