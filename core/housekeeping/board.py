"""The room status board: occupancy from the stays in house, condition from housekeeping."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.housekeeping.models import CleaningTask, Condition, RoomStatus
from core.housekeeping.rules import board_label
from core.housekeeping.schemas import CleaningTaskPublic, RoomStatusPublic
from core.inventory.models import RoomStay, RoomStayKind
from core.properties.models import Room, RoomType
from core.reservations.models import Reservation
from core.reservations.models import ReservationStatus as S


def today(uow: UnitOfWork) -> date:
    """The day housekeeping works on: the hotel's business date, the day of the front desk's
    arrivals, departures and in-house lists (after an early or a late night audit it is not the
    calendar date, and the board must not disagree with the desk)."""
    from core.folio.services import business_date

    return business_date(uow)


@dataclass
class Occupancy:
    occupied: set[uuid.UUID] = field(default_factory=set)
    departing: set[uuid.UUID] = field(default_factory=set)
    arriving: set[uuid.UUID] = field(default_factory=set)
    out_of_order: dict[uuid.UUID, RoomStay] = field(default_factory=dict)


def occupancy(uow: UnitOfWork, on: date, room_ids: list[uuid.UUID] | None = None) -> Occupancy:
    """Which rooms are in house, due out, due in or out of order on `on`."""
    stmt = (select(RoomStay, Reservation)
            .join(Reservation, col(Reservation.id) == col(RoomStay.reservation_id), isouter=True)
            .where(RoomStay.start_date <= on, RoomStay.end_date >= on))
    if room_ids is not None:
        stmt = stmt.where(col(RoomStay.room_id).in_(room_ids))
    legs: dict[uuid.UUID, list[RoomStay]] = {}
    occ = Occupancy()
    for stay, res in uow.session.exec(stmt).all():
        if stay.kind == RoomStayKind.out_of_order:
            if stay.end_date > on:
                occ.out_of_order[stay.room_id] = stay
        elif res is not None and res.status == S.checked_in.value:
            legs.setdefault(res.id, []).append(stay)
            if res.departure <= on:
                occ.departing.add(stay.room_id)
        elif (res is not None and res.status in (S.confirmed.value, S.hold.value)
              and res.arrival == on and stay.start_date == on):
            occ.arriving.add(stay.room_id)
    for stays in legs.values():
        # After a room move the old leg ends today: the guest is in the leg covering today.
        covering = [s for s in stays if s.start_date <= on < s.end_date]
        current = covering[0] if covering else max(stays, key=lambda s: s.end_date)
        occ.occupied.add(current.room_id)
    return occ


def room_board(uow: UnitOfWork, *, floor: str | None = None, on: date | None = None,
               attendant_id: uuid.UUID | None = None) -> list[RoomStatusPublic]:
    """Every active room (of `floor`, or with a task of `attendant_id`) with its status on `on`
    (default: the business date)."""
    uow.actor.require("housekeeping.view")
    on = on or today(uow)
    stmt = (select(Room, RoomType).join(RoomType, col(RoomType.id) == col(Room.room_type_id))
            .where(Room.active))
    if floor:
        stmt = stmt.where(Room.floor == floor)
    rooms = uow.session.exec(stmt).all()
    tasks = {t.room_id: t for t in uow.session.exec(
        select(CleaningTask).where(CleaningTask.work_date == on)
        .order_by(col(CleaningTask.created_at))).all()}
    if attendant_id is not None:
        rooms = [(r, t) for r, t in rooms
                 if r.id in tasks and tasks[r.id].attendant_id == attendant_id]
    ids = [r.id for r, _ in rooms]
    statuses = {s.room_id: s for s in uow.session.exec(
        select(RoomStatus).where(col(RoomStatus.room_id).in_(ids))).all()}
    occ = occupancy(uow, on, ids)
    out = []
    for room, rtype in rooms:
        st = statuses.get(room.id)
        ooo = occ.out_of_order.get(room.id)
        condition = st.condition if st else Condition.clean.value
        oos = bool(st and st.out_of_service)
        task = tasks.get(room.id)
        out.append(RoomStatusPublic(
            room_id=room.id, number=room.number, floor=room.floor, room_type=rtype.name,
            occupied=room.id in occ.occupied, condition=condition,
            out_of_order=ooo is not None, out_of_order_reason=ooo.reason if ooo else None,
            out_of_order_until=ooo.end_date if ooo else None, out_of_service=oos,
            out_of_service_reason=st.out_of_service_reason if st else None,
            arrival_today=room.id in occ.arriving, departure_today=room.id in occ.departing,
            label=board_label(occupied=room.id in occ.occupied, condition=condition,
                              out_of_order=ooo is not None, out_of_service=oos),
            task=CleaningTaskPublic.model_validate(task) if task else None))
    out.sort(key=lambda r: (r.floor or "", _natural(r.number)))
    return out


def _natural(number: str) -> tuple:
    return (len(number), number) if number.isdigit() else (99, number)


def room_ready(uow: UnitOfWork) -> Callable[[uuid.UUID], bool]:
    """The predicate check-in and auto-assignment take (`room_ready=`): a room is ready for an
    arriving guest when it is clean or inspected and not out of service."""

    def ready(room_id: uuid.UUID) -> bool:
        row = uow.session.get(RoomStatus, room_id)
        return row is None or (row.condition != Condition.dirty.value and not row.out_of_service)

    return ready


def floors(uow: UnitOfWork) -> list[str]:
    uow.actor.require("housekeeping.view")
    rows = uow.session.exec(select(Room.floor).where(Room.active).distinct()).all()
    return sorted((f for f in rows if f), key=_natural)


__all__ = ["room_board", "occupancy", "floors", "today", "room_ready", "Occupancy"]
