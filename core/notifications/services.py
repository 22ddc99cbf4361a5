"""Queueing guest messages: render in the guest's language in the caller's transaction, send
after commit. Staff edit wording and branding here too."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.notifications.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    MessageBranding,
    MessageKind,
    MessageTemplate,
)
from core.notifications.render import check_template, pick_language, render
from core.timeutil import utcnow

TOPIC = "messages"
KINDS = frozenset(k.value for k in MessageKind)


def branding(uow: UnitOfWork) -> MessageBranding:
    return uow.session.get(MessageBranding, 1) or MessageBranding()


def _money(amount: Any, currency: str, language: str) -> str:
    from babel.numbers import format_currency

    return format_currency(Decimal(str(amount or 0)), currency, locale=language)


def _date(value, language: str) -> str:
    from babel.dates import format_date

    return format_date(value, format="long", locale=language)


def reservation_context(uow: UnitOfWork, reservation_id: uuid.UUID, language_hint: str | None = None
                        ) -> tuple[dict[str, Any], str, Any]:
    """(context, language, guest) for a reservation's messages."""
    from core.guests.models import Guest
    from core.properties.models import RoomType, get_settings_row
    from core.reservations.models import Booking
    from core.reservations.queries import get_reservation

    res = get_reservation(uow, reservation_id)
    guest = uow.session.get(Guest, res.guest_id)
    booking = uow.session.get(Booking, res.booking_id)
    room_type = uow.session.get(RoomType, res.room_type_id)
    settings = get_settings_row(uow.session)
    brand = branding(uow)
    language = pick_language(language_hint or (guest.language if guest else None),
                             brand.default_language)
    try:
        from core.rates.policy_rules import policy_summary

        policy = policy_summary(res.cancellation_policy) if res.cancellation_policy else ""
    except Exception:  # a policy the summariser does not know is left out, not fatal
        policy = ""
    context = {
        "hotel": {"name": settings.name, "address": settings.address, "email": settings.email,
                  "phone": settings.phone, "check_in_time": settings.check_in_time.strftime("%H:%M"),
                  "check_out_time": settings.check_out_time.strftime("%H:%M")},
        "brand": {"primary_color": brand.primary_color, "logo_url": brand.logo_url},
        "guest": {"first_name": guest.first_name if guest else "",
                  "last_name": guest.last_name if guest else ""},
        "booking": {"reference": booking.reference if booking else ""},
        "stay": {"arrival": _date(res.arrival, language), "departure": _date(res.departure, language),
                 "room_type": room_type.name if room_type else "", "adults": res.adults,
                 "total": _money(res.total, res.currency, language), "policy": policy,
                 "cancellation_fee": _money(res.cancellation_fee, res.currency, language)
                 if res.cancellation_fee else ""},
        "payment": _payment_context(uow, res, language),
        "link": None,
    }
    return context, language, guest


def _payment_context(uow: UnitOfWork, res: Any, language: str) -> dict[str, str]:
    """What was charged ahead (a deposit), held on the card, and is left to pay at the hotel."""
    from core.payments.online import stay_payments

    paid = stay_payments(uow, res.id, res.total)
    return {"charged": _money(paid.charged, res.currency, language) if paid.charged else "",
            "held": _money(paid.held, res.currency, language) if paid.held else "",
            "due": _money(paid.due_at_hotel, res.currency, language)}


def queue_guest_message(uow: UnitOfWork, reservation_id: uuid.UUID, kind: str, *,
                        channel: str = Channel.email.value, dedupe_key: str | None = None,
                        invoice_id: uuid.UUID | None = None) -> Delivery | None:
    """Render and log a message in the caller's transaction; it is sent after commit.

    Returns None when the guest has no address for the channel (logged as skipped). With the
    same `dedupe_key` (default: kind + reservation + its version) nothing is queued twice.
    """
    if kind not in KINDS:
        raise ValidationFailed("Unknown message kind.", fields={"kind": ", ".join(sorted(KINDS))})
    from core.reservations.queries import get_reservation

    context, language, guest = reservation_context(uow, reservation_id)
    version = get_reservation(uow, reservation_id).version
    key = dedupe_key or f"{kind}:{reservation_id}:{channel}:v{version}"
    existing = uow.session.exec(select(Delivery).where(Delivery.dedupe_key == key)).first()
    if existing is not None:
        return existing
    if kind == MessageKind.pre_arrival.value:
        base = branding(uow).online_check_in_url
        context["link"] = f"{base.rstrip('/')}/{context['booking']['reference']}" if base else None
        context["link_label"] = "Check in online"
    if kind == MessageKind.invoice.value:
        context["invoice"] = _invoice_context(uow, invoice_id, language)
    if channel not in {c.value for c in Channel}:
        raise ValidationFailed("Unknown channel.", fields={"channel": "email, sms or push"})
    # Push is addressed like SMS here (the guest's phone); a push adapter maps it to a device.
    recipient = (guest.email if channel == Channel.email.value else guest.phone) if guest else None
    override = uow.session.exec(select(MessageTemplate).where(
        MessageTemplate.kind == kind, MessageTemplate.language == language,
        MessageTemplate.channel == channel)).first()
    message = render(kind, language, context, override=override)
    delivery = Delivery(reservation_id=reservation_id, kind=kind, channel=channel,
                        language=language, recipient=recipient or "", subject=message.subject[:300],
                        body_text=message.text[:20000],
                        body_html=message.html[:60000] if channel == Channel.email.value else None,
                        invoice_id=invoice_id, dedupe_key=key)
    if not recipient:
        delivery.status = DeliveryStatus.skipped.value
        delivery.last_error = f"the guest has no {'email' if channel == 'email' else 'phone'}"
    uow.session.add(delivery)
    uow.session.flush()
    uow.record_event(TOPIC, "message.queued", delivery.id,
                     {"reservation_id": reservation_id, "kind": kind, "channel": channel})
    if delivery.status == DeliveryStatus.queued.value:
        pid, did = str(uow.property_id), str(delivery.id)
        uow.after_commit(lambda: _enqueue(pid, did))
    return delivery


def _enqueue(property_id: str, delivery_id: str) -> None:
    from core.jobs import enqueue  # core.jobs wraps RQ; domain code reaches it only after commit

    enqueue("core.jobs.notifications.send_message_job", property_id, delivery_id,
            job_id=f"message-{delivery_id}")


def _invoice_context(uow: UnitOfWork, invoice_id: uuid.UUID | None, language: str) -> dict:
    from core.folio.ledger_models import Invoice

    invoice = uow.session.get(Invoice, invoice_id) if invoice_id else None
    if invoice is None:
        raise ValidationFailed("Say which invoice to send.", fields={"invoice_id": "is required"})
    return {"number": invoice.display_number,
            "total": _money(invoice.total, invoice.currency, language)}


def set_template(uow: UnitOfWork, *, kind: str, language: str, subject: str, body_text: str,
                 body_html: str | None = None, channel: str = Channel.email.value
                 ) -> MessageTemplate:
    """The property's own wording for a message (replaces the built-in one for that language)."""
    uow.actor.require("content.edit")
    if kind not in KINDS:
        raise ValidationFailed("Unknown message kind.", fields={"kind": ", ".join(sorted(KINDS))})
    if pick_language(language, "") != language:
        raise ValidationFailed("Unsupported language.", fields={"language": "en, pt or de"})
    if not body_text.strip():
        raise ValidationFailed("The message needs a text.", fields={"body_text": "is required"})
    check_template(subject, body_text, body_html)
    row = uow.session.exec(select(MessageTemplate).where(
        MessageTemplate.kind == kind, MessageTemplate.language == language,
        MessageTemplate.channel == channel)).first() or MessageTemplate(
        kind=kind, language=language, channel=channel, body_text="")
    row.subject, row.body_text, row.body_html = subject, body_text, body_html
    row.updated_at = utcnow()
    uow.session.add(row)
    uow.session.flush()
    return row


def deliveries_for(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[Delivery]:
    """The reservation's delivery log, oldest first."""
    uow.actor.require("reservations.view")
    return list(uow.session.exec(select(Delivery).where(Delivery.reservation_id == reservation_id)
                                 .order_by(col(Delivery.created_at))).all())


# Which reservation events send which message (the relay or the reservation service calls
# `message_for_event`; kept here so the wording of "what the guest hears about" lives in one place).
EVENT_MESSAGES = {
    "reservation.created": MessageKind.confirmation.value,
    "reservation.confirmed": MessageKind.confirmation.value,
    "reservation.modified": MessageKind.modification.value,
    "reservation.cancelled": MessageKind.cancellation.value,
}


def message_for_event(uow: UnitOfWork, event_type: str, reservation_id: uuid.UUID
                      ) -> Delivery | None:
    kind = EVENT_MESSAGES.get(event_type)
    return queue_guest_message(uow, reservation_id, kind) if kind else None


def plan_guest_messages(uow: UnitOfWork, events) -> list[Delivery]:
    """For a batch of committed outbox events: queue the guest message each one calls for.

    Meant for the relay, next to its webhook planning, so a message exists if and only if its
    reservation change committed; the dedupe key makes a republished batch queue nothing new.
    """
    queued = []
    for event in events:
        if event.type not in EVENT_MESSAGES or not event.entity_id:
            continue
        try:
            reservation_id = uuid.UUID(str(event.entity_id))
        except ValueError:
            continue
        delivery = queue_guest_message(uow, reservation_id, EVENT_MESSAGES[event.type],
                                       dedupe_key=f"event:{event.event_uuid}")
        if delivery is not None:
            queued.append(delivery)
    return queued
