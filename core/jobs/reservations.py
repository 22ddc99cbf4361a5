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
