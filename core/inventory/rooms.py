"""Occupancy of specific rooms: one room never holds two overlapping stays or OOO periods."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from core.db.uow import UnitOfWork
from core.errors import Conflict, NotFound, ValidationFailed
from core.idempotency.services import idempotent
from core.inventory.models import RoomStay, RoomStayKind
from core.inventory.schemas import OutOfOrderPublic
from core.inventory.services import recount_out_of_order
from core.properties.models import Room


class RoomOccupied(Conflict):
    code = "room_occupied"


def get_room(uow: UnitOfWork, room_id: uuid.UUID) -> Room:
    room = uow.session.get(Room, room_id)
    if room is None:
        raise NotFound("Room not found.", fields={"room_id": "no such room"}, code="room_not_found")
    return room


def overlapping(uow: UnitOfWork, room_ids: list[uuid.UUID], start: date, end: date,
                *, ignore_reservation: uuid.UUID | None = None) -> list[RoomStay]:
    stmt = select(RoomStay).where(col(RoomStay.room_id).in_(room_ids),
                                  col(RoomStay.start_date) < end, col(RoomStay.end_date) > start)
    if ignore_reservation is not None:
        stmt = stmt.where(col(RoomStay.reservation_id).is_(None)
                          | (col(RoomStay.reservation_id) != ignore_reservation))
    return list(uow.session.execute(stmt).scalars().all())


def occupy_room(uow: UnitOfWork, room_id: uuid.UUID, start: date, end: date, *,
                kind: str = RoomStayKind.stay, reservation_id: uuid.UUID | None = None,
                reason: str | None = None) -> RoomStay:
    """Hold a room over [start, end) or refuse with `room_occupied`.

    The read gives a clear message; the exclusion constraint (Postgres) is what makes the rule
    hold under concurrency. On SQLite the write lock taken at BEGIN IMMEDIATE does that.
    """
    room = get_room(uow, room_id)
    clash = overlapping(uow, [room_id], start, end)
    if clash:
        raise RoomOccupied(_clash_message(room, clash[0]), fields={"room_id": "occupied"})
    stay = RoomStay(room_id=room_id, start_date=start, end_date=end, kind=kind,
                    reservation_id=reservation_id, reason=reason)
    try:
        with uow.session.begin_nested():
            uow.session.add(stay)
            uow.session.flush()
    except IntegrityError as exc:
        if "room_stays_no_overlap" not in str(exc.orig):
            raise
        raise RoomOccupied(f"Room {room.number} was just taken for those dates by another "
                           "booking.", fields={"room_id": "occupied"}) from exc
    return stay


def _clash_message(room: Room, clash: RoomStay) -> str:
    what = "out of order" if clash.kind == RoomStayKind.out_of_order else "occupied"
    return (f"Room {room.number} is {what} from {clash.start_date.isoformat()} to "
            f"{clash.end_date.isoformat()}.")


def free_reservation_rooms(uow: UnitOfWork, reservation_id: uuid.UUID) -> None:
    uow.session.execute(delete(RoomStay).where(col(RoomStay.reservation_id) == reservation_id))


def end_reservation_rooms_at(uow: UnitOfWork, reservation_id: uuid.UUID, day: date) -> None:
    """The reservation holds no room from `day` on (an early departure, a shorter stay, or the
    first half of a room move); earlier legs stay as the room rack's history."""
    for leg in uow.session.execute(select(RoomStay).where(
            col(RoomStay.reservation_id) == reservation_id, col(RoomStay.end_date) > day)).scalars():
        if leg.start_date >= day:
            uow.session.delete(leg)
        else:
            leg.end_date = day
            uow.session.add(leg)
    uow.session.flush()


# Inventory is counted per night; a longer closure is a deactivated room, not out of order.
MAX_OUT_OF_ORDER_NIGHTS = 366


def mark_out_of_order(uow: UnitOfWork, room_id: uuid.UUID, start: date, end: date,
                      reason: str, *, idempotency_key: str | None = None) -> OutOfOrderPublic:
    """Take a room out of order for [start, end): it leaves inventory for those nights.

    Refused if a guest's stay is in the room then (move them first) or if it would oversell.
    """
    uow.actor.require("maintenance.create")
    return idempotent(uow, "inventory.out_of_order", idempotency_key,
                      {"room_id": room_id, "start": start, "end": end, "reason": reason},
                      lambda: _mark_out_of_order(uow, room_id, start, end, reason),
                      OutOfOrderPublic)


def _mark_out_of_order(uow: UnitOfWork, room_id: uuid.UUID, start: date, end: date,
                       reason: str) -> OutOfOrderPublic:
    if end <= start:
        raise ValidationFailed("The end date must be after the start date.",
                               fields={"end": "must be after start"}, code="invalid_date_range")
    if (end - start).days > MAX_OUT_OF_ORDER_NIGHTS:
        raise ValidationFailed(
            f"A room can be out of order for at most {MAX_OUT_OF_ORDER_NIGHTS} nights at a time; "
            "deactivate it instead if it is gone for good.",
            fields={"end": f"at most {MAX_OUT_OF_ORDER_NIGHTS} nights after start"},
            code="invalid_date_range")
    if not reason.strip():
        raise ValidationFailed("Say why the room is out of order.",
                               fields={"reason": "is required"}, code="invalid_reason")
    room = get_room(uow, room_id)
    stay = occupy_room(uow, room_id, start, end, kind=RoomStayKind.out_of_order,
                       reason=reason.strip()[:500])
    recount_out_of_order(uow, room.room_type_id, start, end, refuse_oversell=True)
    uow.record_event("rooms", "room.out_of_order", room_id,
                     {"room_id": room_id, "from": start, "to": end, "reason": reason})
    return OutOfOrderPublic.model_validate(stay)


def return_to_service(uow: UnitOfWork, room_stay_id: uuid.UUID, *,
                      idempotency_key: str | None = None) -> OutOfOrderPublic:
    """End an out-of-order period early: the room is back in inventory for those nights."""
    uow.actor.require("maintenance.update")
    return idempotent(uow, "inventory.return_to_service", idempotency_key,
                      {"room_stay_id": room_stay_id},
                      lambda: _return_to_service(uow, room_stay_id), OutOfOrderPublic)


def _return_to_service(uow: UnitOfWork, room_stay_id: uuid.UUID) -> OutOfOrderPublic:
    stay = uow.session.get(RoomStay, room_stay_id)
    if stay is None or stay.kind != RoomStayKind.out_of_order:
        raise NotFound("Out-of-order period not found.", fields={"room_stay_id": "not found"},
                       code="out_of_order_not_found")
    room = get_room(uow, stay.room_id)
    uow.session.delete(stay)
    uow.session.flush()
    recount_out_of_order(uow, room.room_type_id, stay.start_date, stay.end_date)
    uow.record_event("rooms", "room.returned_to_service", stay.room_id,
                     {"room_id": stay.room_id, "from": stay.start_date, "to": stay.end_date})
    return OutOfOrderPublic.model_validate(stay)


__all__ = ["RoomOccupied", "occupy_room", "overlapping", "free_reservation_rooms",
           "end_reservation_rooms_at",
           "mark_out_of_order", "return_to_service", "get_room"]
