"""Guests change their own booking's dates or party: a new quote first, then the change at
that price (re-checked at commit, so a price that moved in between is explained, not charged)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.db.uow import property_uow
from core.errors import ValidationFailed
from core.properties.models import get_settings_row
from core.reservations.changes import modify_reservation
from core.reservations.pricing import quote
from core.reservations.schemas import ReservationChange
from core.site.actors import booking_owner_actor
from core.site.booking import MAX_GUESTS
from core.site.formatting import money
from core.site.manage import OwnerProof, own_reservation
from core.timeutil import local_today


@dataclass(frozen=True)
class ChangeQuote:
    total: Decimal
    total_fmt: str
    old_total_fmt: str


def _owner_uow(property_id: uuid.UUID, proof: OwnerProof, write: bool):
    return property_uow(property_id, booking_owner_actor(property_id, proof.reference,
                                                          ip=proof.ip), write=write)


def quote_change(property_id: uuid.UUID, proof: OwnerProof, reservation_id: uuid.UUID, *,
                 arrival: date, departure: date, adults: int, locale: str) -> ChangeQuote:
    """What the stay would cost with these dates and adults (same room type and rate)."""
    if not 1 <= adults <= MAX_GUESTS:
        raise ValidationFailed(f"Online changes are for 1 to {MAX_GUESTS} adults.",
                               fields={"adults": f"1 to {MAX_GUESTS}"}, code="too_many_guests")
    with _owner_uow(property_id, proof, write=False) as uow:
        res = own_reservation(uow, proof, reservation_id)
        today = local_today(get_settings_row(uow.session).timezone)
        q = quote(uow, room_type_id=res.room_type_id, rate_plan_id=res.rate_plan_id,
                  arrival=arrival, departure=departure, adults=adults,
                  children_ages=res.children_ages or [], promo_code=res.promo_code,
                  channel=res.channel, today=today)
        return ChangeQuote(total=q.total, total_fmt=money(q.total, q.currency, locale),
                           old_total_fmt=money(res.total, res.currency, locale))


def change_own(property_id: uuid.UUID, proof: OwnerProof, reservation_id: uuid.UUID, *,
               arrival: date, departure: date, adults: int, expected_total: Decimal,
               idempotency_key: str | None = None) -> Decimal:
    """Apply the quoted change; refused (nothing changed) if the price is no longer the quote."""
    with _owner_uow(property_id, proof, write=True) as uow:
        own_reservation(uow, proof, reservation_id)
        out = modify_reservation(uow, reservation_id, ReservationChange(
            arrival=arrival, departure=departure, adults=adults, expected_total=expected_total),
            idempotency_key=idempotency_key)
        uow.commit()
    return out.total
