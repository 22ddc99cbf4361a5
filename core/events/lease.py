"""The relay's per-property lease and progress row: who may publish, and where publishing resumed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from core.events.models import OutboxEvent, RelayState
from core.timeutil import utcnow

STREAM = "outbox"


class LeaseLost(RuntimeError):
    """Another relay took over this property (our lease expired); stop publishing it."""


def try_acquire(session: Session, holder: str, ttl: float) -> int | None:
    """Take or renew the lease; returns the published position if we hold it, else None."""
    now = utcnow()
    table = RelayState.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    ins = (postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table))
    session.execute(ins.values(name=STREAM, position=0).on_conflict_do_nothing())
    result = session.execute(
        update(RelayState).where(col(RelayState.name) == STREAM).where(or_(
            col(RelayState.holder) == holder, col(RelayState.holder).is_(None),
            col(RelayState.lease_expires_at) < now,
        )).values(holder=holder, lease_expires_at=now + timedelta(seconds=ttl), updated_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    state = session.get(RelayState, STREAM)
    session.refresh(state)
    return int(state.position) if state else 0


def record_published(session: Session, holder: str, ttl: float, ids: list[int]) -> None:
    """Advance our position past `ids` and stamp them published, only while we hold the lease."""
    now = utcnow()
    result = session.execute(
        update(RelayState).where(col(RelayState.name) == STREAM)
        .where(col(RelayState.holder) == holder)
        .values(position=max(ids), lease_expires_at=now + timedelta(seconds=ttl), updated_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LeaseLost("another relay holds this property's outbox now")
    session.execute(
        update(OutboxEvent).where(col(OutboxEvent.id).in_(ids))
        .where(col(OutboxEvent.published_at).is_(None)).values(published_at=now)
    )


def release(session: Session, holder: str) -> None:
    session.execute(
        update(RelayState).where(col(RelayState.name) == STREAM)
        .where(col(RelayState.holder) == holder).values(holder=None, lease_expires_at=None)
    )
