"""What the night audit screen shows: what tonight's audit will do, and the audits already run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, func, select

from core.db.uow import UnitOfWork
from core.night_audit.models import NightAuditRun


@dataclass(frozen=True)
class AuditPreview:
    business_date: date
    in_house: int  # stays that get tonight's room and tax
    arrivals_pending: int  # confirmed arrivals of the day: they become no-shows
    already_run: bool
    running_by: str | None = None  # who started an audit of this date that has not ended yet


# An announced audit that never reported back (its process died) stops counting as running.
RUNNING_FOR_AT_MOST = timedelta(minutes=30)


def _running_by(uow: UnitOfWork, day: date) -> str | None:
    """Who is running the audit of `day` now, from the newest night-audit event."""
    from core.events.models import OutboxEvent
    from core.timeutil import utcnow

    last = uow.session.exec(select(OutboxEvent).where(OutboxEvent.topic == "night_audit")
                            .order_by(col(OutboxEvent.id).desc()).limit(1)).first()
    if last is None or last.type != "night_audit.started" \
            or last.payload.get("business_date") != day.isoformat() \
            or last.created_at < utcnow() - RUNNING_FOR_AT_MOST:
        return None
    return str(last.payload.get("by") or "someone")


def audit_preview(uow: UnitOfWork) -> AuditPreview:
    """Counts for the current business date, read without changing anything."""
    uow.actor.require("night_audit.run")
    from core.folio.services import business_date
    from core.night_audit.services import _in_house
    from core.reservations.models import Reservation, ReservationStatus

    day = business_date(uow)
    pending = uow.session.exec(select(func.count()).select_from(Reservation).where(
        Reservation.status == ReservationStatus.confirmed.value,
        Reservation.arrival == day)).one()
    done = uow.session.exec(select(NightAuditRun.id)
                            .where(NightAuditRun.business_date == day)).first()
    return AuditPreview(day, len(_in_house(uow, day)), int(pending), done is not None,
                        None if done is not None else _running_by(uow, day))


def past_runs(uow: UnitOfWork, limit: int = 60) -> list[NightAuditRun]:
    """The latest completed audits, newest first (each has flash and trial-balance reports)."""
    uow.actor.require("reports.view")
    return list(uow.session.exec(select(NightAuditRun)
                                 .order_by(col(NightAuditRun.business_date).desc())
                                 .limit(limit)).all())
