"""Reading guest profiles: search by name, email or phone, and one profile by id."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.guests.models import Guest
from core.guests.schemas import GuestPublic
from core.guests.services import get_guest

MAX_PAGE = 200
# Guest profiles are personal data: whoever may see reservations may see who made them.
VIEW = "reservations.view"


def search_guests(uow: UnitOfWork, query: str | None = None, *, limit: int = 50,
                  offset: int = 0) -> tuple[list[GuestPublic], int]:
    """Guests whose name, email or phone contains `query` (all when empty), by name; and total."""
    uow.actor.require(VIEW)
    stmt = select(Guest)
    if query and query.strip():
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(Guest.last_name).like(like),
                              func.lower(Guest.first_name).like(like),
                              func.lower(Guest.email).like(like), col(Guest.phone).like(like)))
    total = uow.session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = uow.session.exec(stmt.order_by(col(Guest.last_name), col(Guest.first_name), col(Guest.id))
                            .offset(max(offset, 0)).limit(min(max(limit, 1), MAX_PAGE))).all()
    return [GuestPublic.model_validate(g) for g in rows], total


def guest_profile(uow: UnitOfWork, guest_id: uuid.UUID) -> GuestPublic:
    uow.actor.require(VIEW)
    return GuestPublic.model_validate(get_guest(uow, guest_id))
