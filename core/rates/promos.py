"""Promo codes: setting them up, and counting a use atomically inside a booking."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import or_, update
from sqlmodel import Session, select

from core.db.uow import UnitOfWork
from core.rates import plan_rules, rules
from core.rates.errors import InvalidRatePlan, PromoExhausted, PromoNotApplicable
from core.rates.models import PROMO_CODES, PromoCode
from core.rates.schemas import PromoCreate, PromoUpdate, parse
from core.rates.services import PERMISSION, TOPIC, get_rate_plan

Input = Mapping[str, Any] | BaseModel


def get_promo(session: Session, code: str) -> PromoCode:
    norm = rules.normalise_code(code)
    row = session.exec(select(PromoCode).where(PromoCode.code == norm)).first() if norm else None
    if row is None:
        raise PromoNotApplicable(f"Promo code {norm or code!r} is not valid.",
                                 fields={"promo_code": "unknown code"})
    return row


def list_promos(session: Session) -> list[PromoCode]:
    return list(session.exec(select(PromoCode).order_by(PromoCode.code)).all())


def _storable(uow: UnitOfWork, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("rate_plan_ids") is not None:
        for pid in values["rate_plan_ids"]:
            get_rate_plan(uow.session, pid)
        values["rate_plan_ids"] = [str(p) for p in values["rate_plan_ids"]]
    return values


def create_promo(uow: UnitOfWork, data: Input) -> PromoCode:
    uow.actor.require(PERMISSION)
    values = _storable(uow, parse(PromoCreate, data, what="promo code details").model_dump())
    plan_rules.check_promo_setup(values)
    with uow.session.no_autoflush:
        if uow.session.exec(select(PromoCode).where(PromoCode.code == values["code"])).first():
            raise InvalidRatePlan(f"The promo code {values['code']} already exists.",
                                  fields={"code": "already used"}, code="duplicate_code")
    row = PromoCode(**values)
    uow.session.add(row)
    uow.session.flush()
    uow.record_event(TOPIC, "promo.created", row.id, {"id": row.id, "code": row.code})
    return row


def update_promo(uow: UnitOfWork, code: str, data: Input) -> PromoCode:
    uow.actor.require(PERMISSION)
    row = get_promo(uow.session, code)
    changes = _storable(uow, parse(PromoUpdate, data, what="promo code details")
                        .model_dump(exclude_unset=True))
    for key in ("kind", "value", "min_nights", "active", "description", "rate_plan_ids"):
        if key in changes and changes[key] is None:
            raise InvalidRatePlan(f"{key} cannot be cleared.", fields={key: "is required"},
                                  code="invalid_promo")
    plan_rules.check_promo_setup({**row.model_dump(), **changes})
    for key, value in changes.items():
        setattr(row, key, value)
    uow.session.add(row)
    uow.session.flush()
    uow.record_event(TOPIC, "promo.updated", row.id,
                     {"id": row.id, "code": row.code, "changed": sorted(changes)})
    return row


def redeem_promo(uow: UnitOfWork, code: str) -> PromoCode:
    """Count one use of a code inside the booking's transaction, or refuse if it is used up.

    One conditional UPDATE (uses < max_uses): two bookings racing for the last use cannot both
    win, on Postgres (row lock on update) as on SQLite (serialised writers).
    """
    norm = rules.normalise_code(code)
    table = PROMO_CODES
    result = uow.session.connection().execute(
        update(table)
        .where(table.c.code == norm, table.c.active.is_(True),
               or_(table.c.max_uses.is_(None), table.c.uses < table.c.max_uses))
        .values(uses=table.c.uses + 1))
    if result.rowcount == 0:
        row = get_promo(uow.session, code)  # unknown code: "not valid"
        if not row.active:
            raise PromoNotApplicable(f"Promo code {row.code} is no longer valid.",
                                     fields={"promo_code": "no longer valid"})
        raise PromoExhausted(f"Promo code {row.code} has been used up.",
                             fields={"promo_code": "used up"})
    row = get_promo(uow.session, code)
    uow.session.refresh(row)
    return row


def release_promo(uow: UnitOfWork, code: str) -> None:
    """Give a use back (the booking that used it was cancelled before arrival)."""
    table = PROMO_CODES
    uow.session.execute(update(table).where(table.c.code == rules.normalise_code(code),
                                            table.c.uses > 0).values(uses=table.c.uses - 1))
