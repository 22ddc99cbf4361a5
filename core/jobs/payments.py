"""Payment jobs (thin, safe to run twice): mark card holds past their validity as expired."""

from __future__ import annotations

import uuid

from core.actor import Actor


def expire_card_holds_job(property_id: str | uuid.UUID) -> int:
    """Hourly: holds Stripe has let lapse are shown as expired, so nobody tries to capture them."""
    from core.db.uow import property_uow
    from core.payments.card import expire_lapsed_holds

    with property_uow(property_id, Actor.system("expire-holds")) as uow:
        expired = expire_lapsed_holds(uow)
        uow.commit()
    return expired


def expire_all_card_holds_job() -> int:
    """The cron (hourly): `expire_card_holds_job` for every active property."""
    from core.jobs.night_audit import for_each_property

    return sum(for_each_property(expire_card_holds_job))
