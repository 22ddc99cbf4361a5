"""Guest-message jobs (thin, safe to run twice): send one delivery; sweep retries."""

from __future__ import annotations

import uuid


def send_message_job(property_id: str | uuid.UUID, delivery_id: str | uuid.UUID) -> str:
    """Send a logged message; a second run finds it sent (or claimed) and does nothing."""
    from core.notifications.dispatch import send_message

    return send_message(property_id, delivery_id)


def retry_messages_job(property_id: str | uuid.UUID) -> int:
    """Every few minutes: messages whose last attempt failed (SMTP down) are sent again."""
    from core.notifications.dispatch import due_retries

    ids = due_retries(property_id)
    for delivery_id in ids:
        send_message_job(property_id, delivery_id)
    return len(ids)


def retry_all_messages_job() -> int:
    """The cron (every 5 minutes): retry due messages of every active property."""
    from core.jobs.night_audit import for_each_property

    return sum(for_each_property(retry_messages_job))
