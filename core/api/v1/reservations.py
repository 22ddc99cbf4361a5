"""Reservations: list with filters, book (one or in bulk), read, change, and move through states."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel

from core.actor import Actor
from core.api.deps import CurrentActor, require_permission
from core.api.idempotency import IdempotencyKey, item_key
from core.api.v1.common import Envelope, ListEnvelope, Page, ok
from core.api.v1.properties import children_ages
from core.api.v1.schemas import BulkItemResult, BulkResult, ReservationCreateIn, StatusChangeIn
from core.db.uow import UnitOfWork, property_uow
from core.errors import DomainError, ValidationFailed
from core.housekeeping.board import room_ready
from core.idempotency.services import idempotent
from core.reservations import lifecycle
from core.reservations.changes import modify_reservation
from core.reservations.errors import ReservationNotFound
from core.reservations.lists import ReservationListItem, list_reservations
from core.reservations.schemas import BookingCreate, ReservationChange, RoomRequest
from core.reservations.services import confirm_hold, create_booking

router = APIRouter(prefix="/api/v1/properties/{property_id}/reservations",
                   tags=["reservations"])
Viewer = Annotated[Actor, Depends(require_permission("reservations.view"))]
MAX_BULK = 50
STATUSES = ("confirmed", "checked_in", "checked_out", "cancelled", "no_show")


def _item(uow: UnitOfWork, reservation_id: uuid.UUID) -> ReservationListItem:
    items, _ = list_reservations(uow, ids=[reservation_id], limit=1)
    if not items:
        raise ReservationNotFound("Reservation not found.",
                                  fields={"reservation_id": "no such reservation"})
    return items[0]


def _booking(body: ReservationCreateIn) -> BookingCreate:
    return BookingCreate(
        arrival=body.arrival, departure=body.departure, guest=body.guest, guest_id=body.guest_id,
        channel=body.channel, source=body.source, promo_code=body.promo_code, notes=body.notes,
        hold_minutes=body.hold_minutes,
        rooms=[RoomRequest(room_type_id=body.room_type_id, rate_plan_id=body.rate_plan_id,
                           adults=body.adults,
                           children_ages=children_ages(body.children, body.children_ages),
                           requests=body.requests, expected_total=body.expected_total)])


def _create(uow: UnitOfWork, body: ReservationCreateIn, key: str | None) -> ReservationListItem:
    def run() -> ReservationListItem:
        booking = create_booking(uow, _booking(body))
        return _item(uow, booking.reservations[0].id)

    # The whole answer is stored with the key, so a replay returns exactly the first response.
    return idempotent(uow, "api.reservations.create", key, body, run, ReservationListItem)


@router.get("", response_model=ListEnvelope[ReservationListItem],
            summary="Reservations matching the filters, by arrival")
def list_(property_id: uuid.UUID, actor: Viewer, page: Annotated[Page, Depends()],
          status: Annotated[list[str], Query(max_length=10)] = [],  # noqa: B006
          arrival_from: date | None = None, arrival_to: date | None = None,
          departure_from: date | None = None, departure_to: date | None = None,
          room_type_id: uuid.UUID | None = None,
          q: Annotated[str | None, Query(max_length=100, description="Name, email or "
                                         "booking reference")] = None) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        items, total = list_reservations(
            uow, status=status or None, arrival_from=arrival_from, arrival_to=arrival_to,
            departure_from=departure_from, departure_to=departure_to, room_type_id=room_type_id,
            query=q, limit=page.per_page, offset=page.offset)
        return page.envelope(items, total)


@router.post("", status_code=201, response_model=Envelope[ReservationListItem],
             summary="Book a room (409 not_available when nothing is left)")
def create(property_id: uuid.UUID, body: ReservationCreateIn, actor: CurrentActor,
           idempotency_key: IdempotencyKey = None) -> dict:
    with property_uow(property_id, actor) as uow:
        item = _create(uow, body, idempotency_key)
        uow.commit()
    return ok(item)


@router.post("/bulk", response_model=Envelope[BulkResult],
             summary="Book several reservations; each succeeds or fails on its own")
def bulk(property_id: uuid.UUID, body: Annotated[list[ReservationCreateIn],
                                                 Body(min_length=1, max_length=MAX_BULK)],
         actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    actor.require("reservations.create")
    results = []
    for index, item in enumerate(body):
        # One transaction per item: a sold-out room never undoes the others.
        try:
            with property_uow(property_id, actor) as uow:
                created = _create(uow, item, item_key(idempotency_key, index))
                uow.commit()
            results.append(BulkItemResult(index=index, success=True, data=created))
        except DomainError as exc:
            results.append(BulkItemResult(index=index, success=False, error=exc.to_dict()))
    done = sum(r.success for r in results)
    return ok(BulkResult(created=done, failed=len(results) - done, results=results))


@router.get("/{reservation_id}", response_model=Envelope[ReservationListItem],
            summary="One reservation")
def get(property_id: uuid.UUID, reservation_id: uuid.UUID, actor: Viewer) -> dict:
    with property_uow(property_id, actor, write=False) as uow:
        return ok(_item(uow, reservation_id))


def _change(property_id: uuid.UUID, actor: Actor, reservation_id: uuid.UUID, operation: str,
            key: str | None, body: BaseModel, action: Callable[[UnitOfWork], object]) -> dict:
    """Run one change of a reservation; the answer (its new state) is what a replay returns."""
    with property_uow(property_id, actor) as uow:
        def run() -> ReservationListItem:
            action(uow)
            return _item(uow, reservation_id)

        item = idempotent(uow, operation, key, {"id": reservation_id, **body.model_dump()}, run,
                          ReservationListItem)
        uow.commit()
    return ok(item)


@router.patch("/{reservation_id}", response_model=Envelope[ReservationListItem],
              summary="Change dates, room type, rate plan or guests (re-priced now)")
def modify(property_id: uuid.UUID, reservation_id: uuid.UUID, body: ReservationChange,
           actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    return _change(property_id, actor, reservation_id, "api.reservations.modify",
                   idempotency_key, body,
                   lambda uow: modify_reservation(uow, reservation_id, body))


def _transition(uow: UnitOfWork, reservation_id: uuid.UUID, change: StatusChangeIn) -> None:
    target = change.status
    if target == "confirmed":
        confirm_hold(uow, reservation_id)
    elif target == "checked_in":
        lifecycle.check_in(uow, reservation_id, room_id=change.room_id,
                           room_ready=room_ready(uow))
    elif target == "checked_out":
        lifecycle.check_out(uow, reservation_id)
    elif target == "cancelled":
        lifecycle.cancel_reservation(uow, reservation_id, reason=change.reason)
    elif target == "no_show":
        lifecycle.mark_no_show(uow, reservation_id)
    else:
        raise ValidationFailed(f"'{target[:40]}' is not a status a reservation can be put in.",
                               fields={"status": "must be one of " + ", ".join(STATUSES)},
                               code="invalid_status")


@router.put("/{reservation_id}/status", response_model=Envelope[ReservationListItem],
            summary="Confirm a hold, check in, check out, cancel or mark as no-show")
def set_status(property_id: uuid.UUID, reservation_id: uuid.UUID, body: StatusChangeIn,
               actor: CurrentActor, idempotency_key: IdempotencyKey = None) -> dict:
    return _change(property_id, actor, reservation_id, "api.reservations.status",
                   idempotency_key, body, lambda uow: _transition(uow, reservation_id, body))
