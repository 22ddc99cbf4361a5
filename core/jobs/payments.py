"""Payment jobs (thin, safe to run twice): expire lapsed card holds, settle the card payments of
cancelled and no-show stays, and release online payments whose booking was never written."""

from __future__ import annotations

import logging
import uuid

from core.actor import Actor

log = logging.getLogger(__name__)


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


def settle_stay_payments_job(property_id: str | uuid.UUID,
                             reservation_id: str | uuid.UUID) -> str:
    """After a cancellation or no-show committed: refund, release or capture its card payments
    per the policy, once (a second run finds it settled). A failure raises (the job log shows
    it) and is tried again by `retry_settlements_job` with back-off."""
    from core.payments.cancellation import settle_stay_payments

    done = settle_stay_payments(property_id, reservation_id)
    return "nothing to do" if done is None else \
        f"refunded {done.refunded}, captured {done.captured}, released {done.released}"


def retry_settlements_job(property_id: str | uuid.UUID) -> int:
    """Every few minutes: settlements whose last try failed (Stripe away) are run again."""
    from core.payments.cancellation import due_settlements

    due = due_settlements(property_id)
    for reservation_id in due:
        try:
            settle_stay_payments_job(property_id, reservation_id)
        except Exception:  # recorded on the settlement; the others still run
            log.exception("settlement of stay %s failed again", reservation_id)
    return len(due)


def retry_all_settlements_job() -> int:
    """The cron (every 5 minutes): `retry_settlements_job` for every active property."""
    from core.jobs.night_audit import for_each_property

    return sum(for_each_property(retry_settlements_job))


def sweep_orphan_payments_job() -> int:
    """The cron (every 15 minutes): booking-site card payments Stripe holds or took for a
    booking that was never written are released or refunded (core.payments.orphans)."""
    from core.payments.orphans import sweep_orphan_payments

    return len(sweep_orphan_payments())


# What the scheduler must run for card payments (cron expression, job path); each is safe to
# run early or twice. (The hourly hold expiry is listed with the money side in night_audit.)
CRON_ENTRIES = (
    ("*/5 * * * *", "core.jobs.payments.retry_all_settlements_job"),
    ("*/15 * * * *", "core.jobs.payments.sweep_orphan_payments_job"),
)
