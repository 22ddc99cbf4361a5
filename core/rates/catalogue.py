"""What pricing needs besides the dates: room types, plans, taxes and policies, cached per process.

These change rarely (a manager edits setup) but are read by every search, so each process keeps a
copy per property, checked against `PropertySettings.catalogue_stamp`, a token every setup and
rate-plan change rewrites in its own transaction. A search still reads the settings row (to get
the stamp), so a change committed by any process is seen by the next search everywhere.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from core.db.batch import Read, read
from core.properties.models import Policy, PropertySettings, RoomType, Tax
from core.rates.models import RatePlan
from core.rates.taxes import TaxRule


@dataclass(frozen=True)
class Catalogue:
    stamp: str
    room_types: dict[uuid.UUID, Any]
    plans: dict[uuid.UUID, Any]
    plans_by_room_type: dict[uuid.UUID, list[Any]]
    taxes: list[TaxRule]
    policies: dict[uuid.UUID, Any]
    # Room types in display order (sort_order, name), so a search need not query them.
    room_type_order: tuple[Any, ...] = ()
    # Per-plan values derived once per stamp (pricing fills it: derivation chains, occupancy).
    compiled: dict[Any, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SettingsView:
    """The settings columns a search or a booking reads, as plain values."""

    property_id: uuid.UUID
    timezone: str
    currency: str
    child_max_age: int
    check_in_time: Any
    overbooking_allowance: int
    catalogue_stamp: str
    business_date: date | None  # the desk's day once an audit has run (core.folio.business_date)


# Built once (constructing a select costs about as much app CPU as running it).
_SETTINGS_SELECT = sa_select(*[PropertySettings.__table__.c[name]  # type: ignore[attr-defined]
                               for name in SettingsView.__dataclass_fields__])


def load_settings(session: Session) -> SettingsView:
    """One narrow read of the settings row per request (not an ORM object: the hot paths read
    it on every search and booking, and it carries the catalogue stamp)."""
    rows = read(session, _SETTINGS_SELECT, {})
    row = rows[0] if rows else None
    if row is None:
        raise RuntimeError("property_settings row missing: the property was not provisioned")
    return SettingsView(*tuple(row))


SETTINGS_READ = Read(_SETTINGS_SELECT, {})  # for requests that prefetch it (core.db.batch)


_cache: dict[uuid.UUID, Catalogue] = {}
_lock = threading.Lock()


def _plain(row: Any) -> SimpleNamespace:
    """A detached, read-only copy of a row's columns (ORM objects expire with their session)."""
    return SimpleNamespace(**{c.key: getattr(row, c.key) for c in row.__table__.columns})


def load_catalogue(session: Session, property_id: uuid.UUID, stamp: str) -> Catalogue:
    cached = _cache.get(property_id)
    if cached is not None and cached.stamp == stamp:
        return cached
    plans = [_plain(p) for p in session.exec(
        select(RatePlan).order_by(col(RatePlan.sort_order), col(RatePlan.name))).all()]
    by_room_type: dict[uuid.UUID, list[Any]] = {}
    for p in plans:
        by_room_type.setdefault(p.room_type_id, []).append(p)
    taxes = [TaxRule(t.code, t.name, t.kind, t.value, t.inclusive, t.exempt_below_age,
                     t.valid_from, t.valid_to)
             for t in session.exec(select(Tax).where(Tax.active == True)  # noqa: E712
                                   .order_by(col(Tax.sort_order), col(Tax.code))).all()]
    room_types = {r.id: _plain(r) for r in session.exec(select(RoomType)).all()}
    catalogue = Catalogue(
        stamp=stamp,
        room_types=room_types,
        plans={p.id: p for p in plans},
        plans_by_room_type=by_room_type,
        taxes=taxes,
        policies={p.id: _plain(p) for p in session.exec(select(Policy)).all()},
        room_type_order=tuple(sorted(room_types.values(), key=lambda r: (r.sort_order, r.name))),
    )
    with _lock:
        _cache[property_id] = catalogue
    return catalogue


def forget(property_id: uuid.UUID | None = None) -> None:
    """Drop cached catalogues (tests; a restored database)."""
    with _lock:
        if property_id is None:
            _cache.clear()
        else:
            _cache.pop(property_id, None)
