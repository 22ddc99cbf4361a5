"""Reservation jobs (thin, safe to run twice): expire unconfirmed holds, release due blocks."""

from __future__ import annotations

import uuid

from core.actor import Actor


def expire_holds_job(property_id: str | uuid.UUID) -> int:
    """Every few minutes: holds past their expiry give their inventory back."""
    from core.db.uow import property_uow
    from core.reservations.services import expire_holds

    with property_uow(property_id, Actor.system("expire-holds")) as uow:
        expired = expire_holds(uow)
        uow.commit()
    return len(expired)


def release_blocks_job(property_id: str | uuid.UUID) -> int:
    """Daily: blocks whose release date has come (property local date) return unpicked rooms."""
    from core.blocks.services import release_due_blocks
    from core.db.uow import property_uow
    from core.properties.models import get_settings_row
    from core.timeutil import local_today

    with property_uow(property_id, Actor.system("release-blocks")) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        released = release_due_blocks(uow, today)
        uow.commit()
    return len(released)


def expire_all_holds_job() -> list:
    """The cron (every 5 minutes): `expire_holds_job` for every active property."""
    from core.jobs.night_audit import for_each_property

    return for_each_property(expire_holds_job)


def release_all_due_blocks_job() -> list:
    """The cron (hourly, so each property's local midnight is caught within the hour)."""
    from core.jobs.night_audit import for_each_property

    return for_each_property(release_blocks_job)


# What the scheduler must run for reservations (cron expression, job path); both are safe to
# run early or twice.
CRON_ENTRIES = (
    ("*/5 * * * *", "core.jobs.reservations.expire_all_holds_job"),
    ("12 * * * *", "core.jobs.reservations.release_all_due_blocks_job"),
)
