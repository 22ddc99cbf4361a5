"""Room assignment: manual, automatic (features, requests, ready rooms) and mid-stay moves."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.idempotency.services import idempotent
from core.inventory.models import RoomStay
from core.inventory.rooms import (
    RoomOccupied,
    end_reservation_rooms_at,
    free_reservation_rooms,
    get_room,
    occupy_room,
)
from core.inventory.rules import occupancy_range
from core.properties.models import Room
from core.reservations import rules
from core.reservations.errors import NoRoomAvailable, NotAssigned
from core.reservations.models import Reservation
from core.reservations.models import ReservationStatus as S
from core.reservations.queries import get_reservation, reservation_public, room_legs
from core.reservations.schemas import ReservationPublic
from core.reservations.services import _today, _touch

# Housekeeping plugs in "is this room ready (clean/inspected)?"; assignment never imports it.
RoomReady = Callable[[uuid.UUID], bool]
ASSIGNABLE = frozenset({S.hold.value, S.confirmed.value})

# Follow-ups of an in-house guest leaving a room for another, run in the move's transaction (if
# one refuses, the move is refused). Housekeeping marks the vacated room dirty here, so this
# module never imports it. Called with the reservation and the room the guest left.
RoomVacatedHook = Callable[[UnitOfWork, Reservation, uuid.UUID], None]
_room_vacated: list[RoomVacatedHook] = []


def on_room_vacated(hook: RoomVacatedHook) -> None:
    if hook not in _room_vacated:
        _room_vacated.append(hook)


def _check_room(res: Reservation, room: Room) -> None:
    if not room.active:
        raise ValidationFailed(f"Room {room.number} is not in use.", fields={"room_id": "inactive"},
                               code="room_inactive")
    if room.room_type_id != res.room_type_id:
        raise ValidationFailed(
            f"Room {room.number} is of another room type; change the reservation's room type "
            "first (that re-prices it and moves the inventory).",
            fields={"room_id": "another room type"}, code="room_type_mismatch")


def _assigned(uow: UnitOfWork, res: Reservation, room_id: uuid.UUID, how: str) -> ReservationPublic:
    _touch(uow, res)
    uow.record_event("reservations", "reservation.room_assigned", res.id,
                     {"room_id": room_id, "how": how, "arrival": res.arrival,
                      "departure": res.departure})
    return reservation_public(uow, res)


def _assignable(uow: UnitOfWork, reservation_id: uuid.UUID) -> Reservation:
    """The reservation, locked, if its room may still be (re)assigned as a whole."""
    res = get_reservation(uow, reservation_id, for_update=True)
    if res.status not in ASSIGNABLE:
        raise rules.IllegalTransition(
            f"A reservation that is {res.status.replace('_', ' ')} cannot be assigned a room"
            " (in-house guests change rooms with a room move).", fields={"status": res.status})
    return res


def assign_room(uow: UnitOfWork, reservation_id: uuid.UUID, room_id: uuid.UUID, *,
                idempotency_key: str | None = None) -> ReservationPublic:
    """Put the reservation in this room for its whole stay (replacing an earlier assignment)."""
    uow.actor.require("reservations.assign_room")

    def run() -> ReservationPublic:
        res = _assignable(uow, reservation_id)
        room = get_room(uow, room_id)
        _check_room(res, room)
        free_reservation_rooms(uow, res.id)
        occupy_room(uow, room_id, *occupancy_range(res.arrival, res.departure),
                    reservation_id=res.id)
        return _assigned(uow, res, room_id, "manual")

    return idempotent(uow, "reservations.assign_room", idempotency_key,
                      {"id": reservation_id, "room_id": room_id}, run, ReservationPublic)


def candidate_rooms(uow: UnitOfWork, res: Reservation, ready: RoomReady | None = None
                    ) -> list[Room]:
    """Rooms of the type free for the whole stay, best first: most requested features, then
    vacant the night before arrival (no departure to turn), then room number."""
    start, end = occupancy_range(res.arrival, res.departure)
    rooms = uow.session.exec(select(Room).where(Room.room_type_id == res.room_type_id,
                                                col(Room.active).is_(True))).all()
    ids = [r.id for r in rooms]
    stays = uow.session.exec(select(RoomStay).where(
        col(RoomStay.room_id).in_(ids), col(RoomStay.start_date) < end,
        RoomStay.end_date >= start)).all() if ids else []
    busy = {s.room_id for s in stays if s.end_date > start}
    turning = {s.room_id for s in stays if s.end_date == start}
    wanted = set(res.requests)
    free = [r for r in rooms if r.id not in busy and (ready is None or ready(r.id))]
    return sorted(free, key=lambda r: (-len(wanted & set(r.features)), r.id in turning,
                                       r.number.zfill(8)))


def auto_assign(uow: UnitOfWork, reservation_id: uuid.UUID, *, ready: RoomReady | None = None,
                idempotency_key: str | None = None) -> ReservationPublic:
    """Pick the best free room for the whole stay (only ready rooms when `ready` is given)."""
    uow.actor.require("reservations.assign_room")

    def run() -> ReservationPublic:
        res = _assignable(uow, reservation_id)
        free_reservation_rooms(uow, res.id)
        for room in candidate_rooms(uow, res, ready):
            try:
                occupy_room(uow, room.id, *occupancy_range(res.arrival, res.departure),
                            reservation_id=res.id)
            except RoomOccupied:  # taken a moment ago by a concurrent assignment: next one
                continue
            return _assigned(uow, res, room.id, "auto")
        raise NoRoomAvailable("No room of this type is free (and ready) for the whole stay.",
                              fields={"room_id": "none free"})

    return idempotent(uow, "reservations.auto_assign", idempotency_key, {"id": reservation_id},
                      run, ReservationPublic)


def move_room(uow: UnitOfWork, reservation_id: uuid.UUID, room_id: uuid.UUID, *,
              on: date | None = None, reason: str = "",
              idempotency_key: str | None = None) -> ReservationPublic:
    """Move a guest to another room of the same type from `on` (default today) to departure.

    Nights before `on` stay in the old room (the room rack keeps the history). Before arrival a
    move is simply a new assignment. A move that takes effect today (or is recorded late) leaves
    the old room used: the `on_room_vacated` hooks run for it (housekeeping marks it dirty).
    """
    uow.actor.require("reservations.assign_room")

    def run() -> ReservationPublic:
        res = get_reservation(uow, reservation_id, for_update=True)
        if res.status != S.checked_in.value:
            if res.status in ASSIGNABLE:
                return assign_room(uow, reservation_id, room_id)
            raise rules.IllegalTransition(
                f"A reservation that is {res.status.replace('_', ' ')} cannot change rooms.",
                fields={"status": res.status})
        room = get_room(uow, room_id)
        _check_room(res, room)
        legs = room_legs(uow, res.id)
        if not legs:
            raise NotAssigned("The reservation has no room to move from.",
                              fields={"room_id": "not assigned"})
        day = on or _today(uow)
        start, end = occupancy_range(res.arrival, res.departure)
        if not start <= day < end:
            raise ValidationFailed("The move date must be within the stay.",
                                   fields={"on": f"must be {start} to {end - timedelta(days=1)}"},
                                   code="invalid_move_date")
        if any(leg.room_id == room_id and leg.start_date <= day < leg.end_date for leg in legs):
            raise ValidationFailed("The guest is already in that room.",
                                   fields={"room_id": "same room"}, code="same_room")
        from_room = next((leg.room_id for leg in legs if leg.start_date <= day < leg.end_date),
                         legs[-1].room_id)
        end_reservation_rooms_at(uow, res.id, day)
        occupy_room(uow, room_id, day, end, reservation_id=res.id, reason=reason.strip()[:500]
                    or None)
        _touch(uow, res)
        uow.record_event("reservations", "reservation.room_moved", res.id,
                         {"room_id": room_id, "from_room_id": from_room, "on": day})
        if day <= _today(uow):  # a move planned for a later day leaves the guest in place now
            for hook in list(_room_vacated):
                hook(uow, res, from_room)
        return reservation_public(uow, res, day)

    return idempotent(uow, "reservations.move_room", idempotency_key,
                      {"id": reservation_id, "room_id": room_id, "on": on}, run,
                      ReservationPublic)


def unassign_room(uow: UnitOfWork, reservation_id: uuid.UUID, *,
                  idempotency_key: str | None = None) -> ReservationPublic:
    """Take the room off a reservation that has not arrived (it keeps its room-type night)."""
    uow.actor.require("reservations.assign_room")

    def run() -> ReservationPublic:
        res = _assignable(uow, reservation_id)
        free_reservation_rooms(uow, res.id)
        _touch(uow, res)
        uow.record_event("reservations", "reservation.room_unassigned", res.id, {})
        return reservation_public(uow, res)

    return idempotent(uow, "reservations.unassign_room", idempotency_key,
                      {"id": reservation_id}, run, ReservationPublic)


def vacate_rooms_moved_on(uow: UnitOfWork, day: date) -> int:
    """Run the `on_room_vacated` hooks for moves planned earlier that take effect on `day`.

    Called when the business date rolls to `day` (the night audit): an in-house guest whose
    stay switches room that day leaves the old one used. A move recorded on or after its own
    day already ran the hooks in `move_room`, so it is skipped. The caller runs this once per
    day (the audit closes a date once, under the settings-row lock). Returns the rooms vacated.
    """
    from zoneinfo import ZoneInfo

    from core.rates.catalogue import load_settings

    tz = ZoneInfo(load_settings(uow.session).timezone)
    starting = uow.session.exec(select(RoomStay, Reservation).join(
        Reservation, col(Reservation.id) == RoomStay.reservation_id).where(
        RoomStay.start_date == day, Reservation.status == S.checked_in.value)).all()
    vacated = 0
    for leg, res in starting:
        if leg.created_at.astimezone(tz).date() >= day:  # recorded that day: hooks already ran
            continue
        left = next((prev.room_id for prev in room_legs(uow, res.id)
                     if prev.end_date == day and prev.room_id != leg.room_id), None)
        if left is None:
            continue
        for hook in list(_room_vacated):
            hook(uow, res, left)
        vacated += 1
    return vacated
