"""Sending a logged message: claim it, hand it to SMTP or the SMS provider, record the outcome.

The claim is a conditional UPDATE (queued/retrying → sending), so two workers never send the
same message; the network call happens outside any transaction. A failure leaves the message
"retrying" with the error and a next attempt time, so nothing is lost while SMTP is down.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col

from core.db.uow import property_uow
from core.notifications.models import Channel, Delivery, DeliveryStatus
from core.notifications.senders import (
    Attachment,
    SendFailed,
    TextSender,
    build_email,
    sender_address,
    sms_sender_from_settings,
    smtp_sender_from_settings,
)
from core.timeutil import utcnow

MAX_ATTEMPTS = 6
STUCK_AFTER = timedelta(minutes=10)  # a worker that died mid-send


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 120))


def send_message(property_id: uuid.UUID | str, delivery_id: uuid.UUID | str) -> str:
    """Send one delivery if it is still due; returns its status afterwards."""
    did = delivery_id if isinstance(delivery_id, uuid.UUID) else uuid.UUID(str(delivery_id))
    with property_uow(property_id) as uow:
        claimed = uow.session.execute(
            update(Delivery).where(col(Delivery.id) == did,
                                   col(Delivery.status).in_([DeliveryStatus.queued.value,
                                                             DeliveryStatus.retrying.value]))
            .values(status=DeliveryStatus.sending.value, attempts=Delivery.attempts + 1,
                    next_attempt_at=utcnow() + STUCK_AFTER)
        ).rowcount  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; sqlmodel types it as Result
        delivery = uow.session.get(Delivery, did)
        if not claimed or delivery is None:  # sent already, or another worker has it
            return delivery.status if delivery else "missing"
        attachments = _attachments(uow, delivery)
        from core.notifications.services import branding

        brand = branding(uow)
        uow.commit()
    try:
        provider_id = _send(delivery, brand, attachments)
    except SendFailed as exc:
        return _record(property_id, did, error=str(exc), permanent=exc.permanent)
    return _record(property_id, did, provider_id=provider_id)


def _attachments(uow, delivery: Delivery) -> tuple[Attachment, ...]:
    if delivery.invoice_id is None:
        return ()
    from core.folio.ledger_models import Invoice

    invoice = uow.session.get(Invoice, delivery.invoice_id)
    return (Attachment(f"{invoice.display_number}.pdf", invoice.pdf),) if invoice else ()


def _send(delivery: Delivery, brand, attachments) -> str:
    if delivery.channel == Channel.email.value:
        smtp = smtp_sender_from_settings()
        if smtp is None:
            raise SendFailed("SMTP is not configured (SMTP_HOST)", permanent=True)
        msg = build_email(sender=sender_address(smtp.config, brand.sender_name),
                          to=delivery.recipient, subject=delivery.subject,
                          text=delivery.body_text, html=delivery.body_html,
                          reply_to=brand.reply_to, attachments=attachments)
        return smtp.send(msg)
    sender = TEXT_SENDERS.get(delivery.channel)
    if sender is None and delivery.channel == Channel.sms.value:
        sender = sms_sender_from_settings()
    if sender is None:
        raise SendFailed(f"no {delivery.channel} provider is configured", permanent=True)
    return sender.send(delivery.recipient, delivery.body_text[:1600])


# Providers registered by the app for text channels ("push" → a push gateway adapter,
# "sms" → overrides the settings' Twilio-shaped adapter). Each implements TextSender.
TEXT_SENDERS: dict[str, TextSender] = {}


def register_text_sender(channel: str, sender: TextSender | None) -> None:
    if sender is None:
        TEXT_SENDERS.pop(channel, None)
    else:
        TEXT_SENDERS[channel] = sender


def _record(property_id, delivery_id: uuid.UUID, *, provider_id: str | None = None,
            error: str | None = None, permanent: bool = False) -> str:
    with property_uow(property_id) as uow:
        delivery = uow.session.get(Delivery, delivery_id)
        if delivery is None:  # deleted while the send was in flight: nothing left to record
            return "missing"
        if error is None:
            delivery.status = DeliveryStatus.sent.value
            delivery.sent_at = utcnow()
            delivery.provider_message_id = (provider_id or "")[:200] or None
            delivery.last_error = None
            delivery.next_attempt_at = None
        else:
            give_up = permanent or delivery.attempts >= MAX_ATTEMPTS
            delivery.status = (DeliveryStatus.failed if give_up else DeliveryStatus.retrying).value
            delivery.last_error = error[:500]
            delivery.next_attempt_at = None if give_up else utcnow() + backoff(delivery.attempts)
        uow.session.add(delivery)
        uow.record_event("messages", f"message.{delivery.status}", delivery.id,
                         {"reservation_id": delivery.reservation_id})
        uow.commit()
        return delivery.status


def due_retries(property_id: uuid.UUID | str) -> list[uuid.UUID]:
    """Deliveries to try again now: failed attempts whose wait is over, and stuck sends."""
    from sqlmodel import select

    now = utcnow()
    with property_uow(property_id) as uow:
        stuck = uow.session.exec(select(Delivery).where(
            Delivery.status == DeliveryStatus.sending.value,
            col(Delivery.next_attempt_at) <= now)).all()
        for d in stuck:
            d.status = DeliveryStatus.retrying.value
            d.last_error = "the sending worker stopped; trying again"
            uow.session.add(d)
        uow.session.flush()
        ids = list(uow.session.exec(select(Delivery.id).where(
            col(Delivery.status).in_([DeliveryStatus.retrying.value,
                                      DeliveryStatus.queued.value]),
            (col(Delivery.next_attempt_at).is_(None)) | (col(Delivery.next_attempt_at) <= now)
        )).all())
        uow.commit()
    return ids
