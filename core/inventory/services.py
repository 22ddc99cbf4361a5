"""Inventory use cases: take and release nights atomically, recount rooms, set overbooking."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.db.batch import Read, read
from core.db.uow import UnitOfWork
from core.errors import Conflict, ValidationFailed
from core.inventory.models import InventoryNight, RoomStay, RoomStayKind
from core.inventory.rules import Delta, Key, inventory_days, merge, short_nights, stay_delta
from core.properties.models import Room, get_settings_row
from core.timeutil import local_today

INV: Table = InventoryNight.__table__  # type: ignore[attr-defined]


class SoldOut(Conflict):
    code = "not_available"


def _physical_counts(uow: UnitOfWork, room_type_ids: set[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = uow.session.execute(
        select(col(Room.room_type_id), func.count()).where(
            col(Room.room_type_id).in_(room_type_ids), col(Room.active).is_(True))
        .group_by(col(Room.room_type_id))).all()
    counts = {rt: 0 for rt in room_type_ids}
    counts.update({rt: n for rt, n in rows})
    return counts


def _out_of_order_counts(uow: UnitOfWork, keys: set[Key]) -> dict[Key, int]:
    """Rooms out of order per (room type, night), in one query over the span of `keys`."""
    counts = dict.fromkeys(keys, 0)
    if not keys:
        return counts
    periods = uow.session.execute(
        select(col(Room.room_type_id), col(RoomStay.start_date), col(RoomStay.end_date))
        .join(Room, col(Room.id) == col(RoomStay.room_id))
        .where(col(Room.room_type_id).in_({rt for rt, _ in keys}),
               col(RoomStay.kind) == RoomStayKind.out_of_order,
               col(RoomStay.start_date) <= max(n for _, n in keys),
               col(RoomStay.end_date) > min(n for _, n in keys))).all()
    for rt, start, end in periods:
        for key in keys:
            if key[0] == rt and start <= key[1] < end:
                counts[key] += 1
    return counts


def ensure_nights(uow: UnitOfWork, keys: set[Key]) -> None:
    """Create missing inventory rows (concurrent creators are harmless: ON CONFLICT DO NOTHING)."""
    if not keys:
        return
    present = set(uow.session.execute(
        select(INV.c.room_type_id, INV.c.night).where(_keys_clause(keys))).all())
    missing = sorted(keys - present)
    if not missing:
        return
    physical = _physical_counts(uow, {rt for rt, _ in missing})
    ooo = _out_of_order_counts(uow, set(missing))
    allowance = get_settings_row(uow.session).overbooking_allowance
    values = [dict(room_type_id=rt, night=n, physical=physical[rt], sold=0, day_use=0, blocked=0,
                   out_of_order=ooo[(rt, n)], overbooking=allowance)
              for rt, n in missing]
    insert = pg_insert if uow.dialect == "postgresql" else sqlite_insert
    uow.session.execute(insert(INV).values(values).on_conflict_do_nothing())


def _keys_clause(keys: set[Key]):
    by_type: dict[uuid.UUID, list[date]] = {}
    for rt, night in keys:
        by_type.setdefault(rt, []).append(night)
    return or_(*[and_(INV.c.room_type_id == rt, _nights_clause(nights))
                 for rt, nights in by_type.items()])


def _nights_clause(nights: list[date]):
    """Exactly these nights: a range when they are consecutive (a stay always is), which is one
    statement text whatever the length, so the server's prepared statement is reused."""
    first, last = min(nights), max(nights)
    if (last - first).days + 1 == len(set(nights)):
        return INV.c.night.between(first, last)
    return INV.c.night.in_(nights)


# One room type over consecutive nights (a stay) is what bookings lock and change: those
# statements are built once, as building them cost more app CPU than running them.
_RANGE = (INV.c.room_type_id == bindparam("b_rt"),
          INV.c.night.between(bindparam("b_first"), bindparam("b_last")))
_LOCK_RANGE = select(INV).where(*_RANGE).order_by(INV.c.night)
_LOCK_RANGE_FOR_UPDATE = _LOCK_RANGE.with_for_update()
_ADD_RANGE = update(INV).where(*_RANGE).values(
    sold=INV.c.sold + bindparam("b_sold"), day_use=INV.c.day_use + bindparam("b_day_use"),
    blocked=INV.c.blocked + bindparam("b_blocked"))


def _one_range(keys) -> dict[str, Any] | None:
    """The bind values of _RANGE when `keys` are one room type's consecutive nights."""
    types = {rt for rt, _ in keys}
    if len(types) != 1:
        return None
    nights = [n for _, n in keys]
    first, last = min(nights), max(nights)
    if (last - first).days + 1 != len(set(nights)):
        return None
    return {"b_rt": types.pop(), "b_first": first, "b_last": last}


def lock_read(uow: UnitOfWork, keys) -> Read | None:
    """The locking read `lock_nights(uow, keys)` starts with, for sending it ahead with a
    request's other reads (Postgres, one room type's consecutive nights; else None)."""
    params = _one_range(keys) if keys and uow.dialect == "postgresql" else None
    return Read(_LOCK_RANGE_FOR_UPDATE, params) if params is not None else None


def lock_nights(uow: UnitOfWork, keys: set[Key]) -> dict[Key, Any]:
    """Lock the rows in (room_type_id, night) order, so concurrent bookings never deadlock.

    Returns plain rows (not ORM objects: the writes below are single executemany UPDATEs).
    """
    if not keys:
        return {}
    conn = uow.session.connection()
    params = _one_range(keys)
    if params is not None:
        stmt = _LOCK_RANGE_FOR_UPDATE if uow.dialect == "postgresql" else _LOCK_RANGE
    else:
        params = {}
        stmt = select(INV).where(_keys_clause(keys)).order_by(INV.c.room_type_id, INV.c.night)
        if uow.dialect == "postgresql":
            stmt = stmt.with_for_update()
    rows = {(r.room_type_id, r.night): r for r in read(uow.session, stmt, params)}
    if len(rows) < len(keys):  # first sale of some night: create its row, then lock them all
        ensure_nights(uow, keys)
        rows = {(r.room_type_id, r.night): r for r in conn.execute(stmt, params).all()}
    return rows


def sellable(row: Any) -> int:
    return (row.physical - row.out_of_order - row.sold - row.day_use - row.blocked
            + row.overbooking)


def apply_change(uow: UnitOfWork, change: dict[Key, Delta], *, what: str = "rooms") -> None:
    """Apply a change to inventory, all or nothing: taking is refused if any night is short.

    This is the only writer of the counted columns; every booking, modification, block and
    release goes through it, inside the caller's transaction.
    """
    change = merge(change)
    if not change:
        return
    rows = lock_nights(uow, set(change))
    short = short_nights({k: sellable(r) for k, r in rows.items()}, change)
    if short:
        nights = ", ".join(sorted({n.isoformat() for _, n in short}))
        raise SoldOut(f"Not enough {what} left for the night(s) {nights}.",
                      fields={"arrival": f"sold out on {nights}"})
    # The rows are locked and checked above, so relative updates are exact; nights that change
    # alike (a stay's) are one statement.
    alike: dict[tuple[uuid.UUID, int, int, int], list[date]] = {}
    for (rt, night), delta in change.items():
        alike.setdefault((rt, delta.sold, delta.day_use, delta.blocked), []).append(night)
    for (rt, sold, day_use, blocked), same_nights in alike.items():
        span = _one_range([(rt, n) for n in same_nights])
        if span is not None:
            uow.write_rows(_ADD_RANGE, {**span, "b_sold": sold, "b_day_use": day_use,
                                        "b_blocked": blocked})
            continue
        uow.write_rows(
            update(INV).where(INV.c.room_type_id == rt, _nights_clause(same_nights))
            .values(sold=INV.c.sold + sold, day_use=INV.c.day_use + day_use,
                    blocked=INV.c.blocked + blocked), {})
    _record_changed(uow, change.keys())


def _record_changed(uow: UnitOfWork, keys) -> None:
    by_type: dict[uuid.UUID, list[date]] = {}
    for rt, night in keys:
        by_type.setdefault(rt, []).append(night)
    for rt, nights in by_type.items():
        uow.record_event("inventory", "inventory.changed", rt, {
            "room_type_id": rt, "from": min(nights), "to": max(nights) + timedelta(days=1)})


def take_nights(uow: UnitOfWork, room_type_id: uuid.UUID, arrival: date, departure: date,
                count: int = 1) -> None:
    """Sell `count` units of a room type for the stay (or its day, for day use), or refuse."""
    apply_change(uow, stay_delta(room_type_id, arrival, departure, count))


def release_nights(uow: UnitOfWork, room_type_id: uuid.UUID, arrival: date, departure: date,
                   count: int = 1) -> None:
    apply_change(uow, stay_delta(room_type_id, arrival, departure, -count))


def recount_physical(uow: UnitOfWork, room_type_id: uuid.UUID) -> None:
    """Rooms of a type were added, removed or (de)activated: recount future nights now."""
    today = local_today(get_settings_row(uow.session).timezone)
    physical = _physical_counts(uow, {room_type_id})[room_type_id]
    rows = lock_nights(uow, set(uow.session.execute(
        select(INV.c.room_type_id, INV.c.night).where(INV.c.room_type_id == room_type_id,
                                                      INV.c.night >= today)).all()))
    if rows:
        uow.session.execute(update(INV).where(INV.c.room_type_id == room_type_id,
                                              INV.c.night >= today).values(physical=physical))
        _record_changed(uow, rows.keys())


def set_overbooking(uow: UnitOfWork, room_type_id: uuid.UUID, start: date, end: date,
                    allowance: int) -> None:
    """Allow selling `allowance` units beyond capacity on the nights [start, end)."""
    uow.actor.require("rates.manage")  # the revenue manager decides how far to oversell
    if allowance < 0 or allowance > 1000:
        raise ValidationFailed("The overbooking allowance must be between 0 and 1000.",
                               fields={"allowance": "must be between 0 and 1000"},
                               code="invalid_overbooking")
    if end <= start:
        raise ValidationFailed("The end date must be after the start date.",
                               fields={"end": "must be after start"}, code="invalid_date_range")
    keys = {(room_type_id, start + timedelta(days=i)) for i in range((end - start).days)}
    lock_nights(uow, keys)
    uow.session.execute(update(INV).where(INV.c.room_type_id == room_type_id,
                                          INV.c.night >= start, INV.c.night < end)
                        .values(overbooking=allowance))
    _record_changed(uow, keys)


# Built once: constructing a statement costs more app CPU than the query does on the server,
# and a search runs this one on every request. The expanding IN keeps one cached compilation.
_SELLABLE_BY_TYPE = (
    select(INV.c.room_type_id,
           func.min(INV.c.physical - INV.c.out_of_order - INV.c.sold - INV.c.day_use
                    - INV.c.blocked + INV.c.overbooking),
           func.count())
    .where(INV.c.room_type_id.in_(bindparam("types", expanding=True)),
           INV.c.night >= bindparam("first"), INV.c.night <= bindparam("last"))
    .group_by(INV.c.room_type_id))


def availability(uow: UnitOfWork, room_type_ids: list[uuid.UUID], arrival: date,
                 departure: date) -> dict[uuid.UUID, int]:
    """Units of each room type sellable for the whole stay (a read; the booking re-checks)."""
    days = inventory_days(arrival, departure)
    # One row per room type (the search path runs this on every request).
    rows = uow.session.connection().execute(
        _SELLABLE_BY_TYPE, {"types": room_type_ids, "first": days[0], "last": days[-1]}).all()
    result = {rt: low for rt, low, _ in rows}
    counted = {rt: n for rt, _, n in rows}
    partial = [rt for rt in room_type_ids if counted.get(rt, 0) < len(days)]
    if partial:
        # Nights nobody has sold yet have no row: their capacity is the rooms (less OOO).
        have = {(r.room_type_id, r.night) for r in uow.session.execute(
            select(INV.c.room_type_id, INV.c.night).where(
                INV.c.room_type_id.in_(partial), INV.c.night >= days[0],
                INV.c.night <= days[-1])).all()}
        unsold = {(rt, n) for rt in partial for n in days if (rt, n) not in have}
        physical = _physical_counts(uow, set(partial))
        ooo = _out_of_order_counts(uow, unsold)
        allowance = get_settings_row(uow.session).overbooking_allowance
        for rt, night in unsold:
            free = physical[rt] + allowance - ooo[(rt, night)]
            result[rt] = min(result.get(rt, free), free)
    return {rt: result.get(rt, 0) for rt in room_type_ids}


def open_inventory(uow: UnitOfWork, room_type_id: uuid.UUID, start: date, end: date) -> int:
    """Create the rows of [start, end) ahead of time (seeding and benchmarks); returns the count."""
    keys = {(room_type_id, start + timedelta(days=i)) for i in range((end - start).days)}
    ensure_nights(uow, keys)
    return len(keys)


def recount_out_of_order(uow: UnitOfWork, room_type_id: uuid.UUID, start: date, end: date, *,
                         refuse_oversell: bool = False) -> None:
    """Out-of-order periods of a type changed over [start, end): recount those nights."""
    keys = {(room_type_id, start + timedelta(days=i)) for i in range((end - start).days)}
    rows = lock_nights(uow, keys)
    short, params = [], []
    counts = _out_of_order_counts(uow, set(rows))
    for key, row in sorted(rows.items()):
        ooo = counts[key]
        if refuse_oversell and ooo > row.out_of_order and sellable(row) - (ooo - row.out_of_order) < 0:
            short.append(key[1].isoformat())
        params.append(dict(rt=key[0], n=key[1], ooo=ooo))
    if short:
        raise SoldOut("Taking this room out of order would oversell the night(s) "
                      f"{', '.join(short)}; move or cancel bookings first.",
                      fields={"start": "rooms sold out on those nights"})
    uow.session.connection().execute(
        update(INV).where(INV.c.room_type_id == bindparam("rt"), INV.c.night == bindparam("n"))
        .values(out_of_order=bindparam("ooo")), params)
    _record_changed(uow, keys)
