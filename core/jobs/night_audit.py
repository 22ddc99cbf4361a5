"""Night-audit jobs (thin, safe to run twice): on demand, and the cron sweep of every property."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from core.actor import Actor

log = logging.getLogger(__name__)


def night_audit_job(property_id: str | uuid.UUID, business_date: str | None = None) -> str:
    """Close `business_date` (default: the current one). Give the date when it matters: run
    twice for the same date, the second run changes nothing and returns the first's date."""
    from core.night_audit.runner import close_business_date

    day = date.fromisoformat(business_date) if business_date else None
    # Announced on the night_audit topic, so an open night-audit page shows the run live.
    return close_business_date(property_id, Actor.system("night-audit"), day) \
        .business_date.isoformat()


def due_night_audits_job() -> list[str]:
    """The cron (every 15 minutes): enqueue the audit of each active property whose time came."""
    from core.db.uow import property_uow
    from core.jobs import enqueue
    from core.night_audit.services import due_business_date
    from core.tenancy.registry import list_properties

    queued = []
    for prop in list_properties(active_only=True):
        try:
            with property_uow(prop.id, Actor.system("night-audit"), write=False) as uow:
                due = due_business_date(uow)
        except Exception:  # one broken property must not stop the others' audits
            log.exception("cannot check the night audit of property %s", prop.id)
            continue
        if due is not None:
            # One job id per property and date: overlapping sweeps add nothing.
            enqueue(night_audit_job, str(prop.id), due.isoformat(),
                    job_id=f"night-audit-{prop.id}-{due.isoformat()}")
            queued.append(str(prop.id))
    return queued


def for_each_property(job) -> list:
    """Run `job(property_id)` for every active property; one failing property is logged and
    skipped so the others still run (the next sweep tries it again)."""
    from core.tenancy.registry import list_properties

    results = []
    for prop in list_properties(active_only=True):
        try:
            results.append(job(str(prop.id)))
        except Exception:
            log.exception("%s failed for property %s", getattr(job, "__name__", job), prop.id)
    return results


# What the scheduler must run for the money side (cron expression, job path). The sweeps read
# each property's own schedule and state, so running one early or twice does no harm.
CRON_ENTRIES = (
    ("*/15 * * * *", "core.jobs.night_audit.due_night_audits_job"),
    ("*/5 * * * *", "core.jobs.notifications.retry_all_messages_job"),
    ("7 * * * *", "core.jobs.payments.expire_all_card_holds_job"),
)
