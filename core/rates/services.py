"""Rate use cases: rate plans and bulk changes to their per-date prices and restrictions.

Every change needs "rates.manage" and records an event on the "rates" topic (channel sync and
open booking screens listen there). Bulk changes are one upsert per chunk of dates, so setting
a year of prices is a couple of statements, not 365 round trips.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.db.uow import UnitOfWork
from core.properties.models import touch_catalogue
from core.properties.services import get_by_id, get_policy, get_room_type
from core.rates import plan_rules
from core.rates.errors import InvalidRatePlan, RatePlanNotFound
from core.rates.models import RATE_DAYS, RateDay, RatePlan
from core.rates.pricing import MAX_DERIVATION_DEPTH
from core.rates.schemas import RateDaysUpdate, RatePlanCreate, RatePlanUpdate, parse

PERMISSION = "rates.manage"
TOPIC = "rates"
Input = Mapping[str, Any] | BaseModel
DAY_FIELDS = ("price", "min_los", "max_los", "closed_to_arrival", "closed_to_departure", "closed")
CHUNK = 500  # rows per upsert statement: well under SQLite's bound-parameter limit


def get_rate_plan(session: Session, rate_plan_id: Any) -> RatePlan:
    return get_by_id(session, RatePlan, rate_plan_id, RatePlanNotFound, "Rate plan")


def list_rate_plans(session: Session, *, room_type_id: uuid.UUID | None = None,
                    active_only: bool = False) -> list[RatePlan]:
    query = select(RatePlan).order_by(col(RatePlan.sort_order), col(RatePlan.name))
    if room_type_id is not None:
        query = query.where(RatePlan.room_type_id == room_type_id)
    if active_only:
        query = query.where(RatePlan.active == True)  # noqa: E712
    return list(session.exec(query).all())


def _storable(values: dict[str, Any]) -> dict[str, Any]:
    """JSON columns hold strings for money, so a stored plan reads back exactly."""
    if values.get("adult_prices") is not None:
        values["adult_prices"] = {str(k): str(v) for k, v in values["adult_prices"].items()}
    if values.get("child_bands") is not None:
        values["child_bands"] = [{"max_age": b["max_age"], "amount": str(b["amount"])}
                                 for b in values["child_bands"]]
    return values


def _check(uow: UnitOfWork, values: dict[str, Any]) -> None:
    if values.get("parent_id") is not None:
        get_rate_plan(uow.session, values["parent_id"])
    if values.get("policy_id") is not None:
        get_policy(uow.session, values["policy_id"])

    def parent_of(pid: Any) -> Any:
        plan = uow.session.get(RatePlan, pid)
        return plan.parent_id if plan else None

    plan_rules.check_plan(values, parent_of=parent_of, max_depth=MAX_DERIVATION_DEPTH)


def _save(uow: UnitOfWork, plan: RatePlan) -> None:
    with uow.session.no_autoflush:
        clash = uow.session.exec(select(RatePlan).where(
            RatePlan.room_type_id == plan.room_type_id, RatePlan.code == plan.code)).first()
    error = InvalidRatePlan(f"This room type already has a rate plan with code '{plan.code}'.",
                            fields={"code": "already used for this room type"}, code="duplicate_code")
    if clash is not None and clash is not plan:
        raise error
    uow.session.add(plan)
    try:
        uow.session.flush()
    except IntegrityError:
        raise error from None
    touch_catalogue(uow.session)


def create_rate_plan(uow: UnitOfWork, data: Input) -> RatePlan:
    uow.actor.require(PERMISSION)
    values = _storable(parse(RatePlanCreate, data, what="rate plan details").model_dump())
    get_room_type(uow.session, values["room_type_id"])
    _check(uow, values)
    plan = RatePlan(**values)
    _save(uow, plan)
    uow.record_event(TOPIC, "rate_plan.created", plan.id,
                     {"id": plan.id, "code": plan.code, "room_type_id": plan.room_type_id})
    return plan


def update_rate_plan(uow: UnitOfWork, rate_plan_id: Any, data: Input) -> RatePlan:
    uow.actor.require(PERMISSION)
    plan = get_rate_plan(uow.session, rate_plan_id)
    changes = _storable(parse(RatePlanUpdate, data, what="rate plan details")
                        .model_dump(exclude_unset=True))
    required = {k: "is required" for k, v in changes.items() if v is None and k not in (
        "parent_id", "derive_kind", "derive_value", "policy_id", "min_advance_days",
        "max_advance_days")}
    if required:
        raise InvalidRatePlan("Required fields cannot be cleared: " + ", ".join(required),
                              fields=required)
    _check(uow, {**plan.model_dump(), **changes})
    for key, value in changes.items():
        setattr(plan, key, value)
    _save(uow, plan)
    uow.record_event(TOPIC, "rate_plan.updated", plan.id,
                     {"id": plan.id, "code": plan.code, "changed": sorted(changes)})
    return plan


def set_rate_days(uow: UnitOfWork, rate_plan_id: Any, data: Input) -> int:
    """Bulk-set prices and/or restrictions on [start, end] (inclusive) for chosen weekdays.

    Only the fields given change (a date's other values stay); returns how many dates changed.
    A derived plan's price comes from its parent, so setting one there is refused.
    """
    uow.actor.require(PERMISSION)
    plan = get_rate_plan(uow.session, rate_plan_id)
    change = parse(RateDaysUpdate, data, what="rate changes")
    given = {k: v for k, v in change.model_dump(exclude_unset=True).items() if k in DAY_FIELDS}
    if not given:
        raise InvalidRatePlan("Say what to change: a price or a restriction.",
                              fields={"price": "give a price or a restriction"},
                              code="nothing_to_change")
    if "price" in given and plan.parent_id is not None:
        raise InvalidRatePlan(f"{plan.name} is derived: its price follows its parent plan.",
                              fields={"price": "derived plans take their parent's price"})
    for flag in ("closed_to_arrival", "closed_to_departure", "closed"):
        if flag in given and given[flag] is None:
            given[flag] = False
    dates = plan_rules.bulk_dates(change.start, change.end, change.weekdays)
    insert = pg_insert if uow.dialect == "postgresql" else sqlite_insert
    defaults = {"price": None, "min_los": None, "max_los": None, "closed_to_arrival": False,
                "closed_to_departure": False, "closed": False}
    for i in range(0, len(dates), CHUNK):
        rows = [{**defaults, **given, "rate_plan_id": plan.id, "day": d}
                for d in dates[i:i + CHUNK]]
        stmt = insert(RATE_DAYS).values(rows)
        stmt = stmt.on_conflict_do_update(index_elements=["rate_plan_id", "day"],
                                          set_={k: stmt.excluded[k] for k in given})
        uow.session.execute(stmt)
    if dates:
        # Processes hold rate days per catalogue stamp (core.rates.days): a new stamp in this
        # transaction makes every one of them read the change on its next request.
        touch_catalogue(uow.session)
        uow.record_event(TOPIC, "rates.changed", plan.id, {
            "rate_plan_id": plan.id, "room_type_id": plan.room_type_id, "from": dates[0],
            "to": dates[-1], "weekdays": change.weekdays, "fields": sorted(given)})
    return len(dates)


def rate_calendar(session: Session, rate_plan_id: Any, start: date, end: date
                  ) -> dict[date, RateDay]:
    """A plan's stored rows on [start, end] (inclusive) for the staff rate grid."""
    plan = get_rate_plan(session, rate_plan_id)
    t = RATE_DAYS.c
    rows = session.execute(sa_select(RateDay).where(t.rate_plan_id == plan.id, t.day >= start,
                                                    t.day <= end).order_by(t.day)).scalars()
    return {r.day: r for r in rows}
