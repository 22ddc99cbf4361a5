"""Public booking use cases: search offers for guests and book one room on the site."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.errors import Conflict, ValidationFailed
from core.guests.schemas import GuestCreate
from core.payments.gateway import card_payments_enabled
from core.properties.models import RoomType
from core.rates.policy_rules import policy_summary
from core.reservations.availability import search_availability
from core.reservations.schemas import BookingCreate, BookingPublic, RoomRequest
from core.reservations.services import create_booking
from core.site.formatting import day, money

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{6,24}$")
MAX_GUESTS = 8
# Rates sold only with a card on file when Stripe is set up (pre-authorisation or deposit).
CARD_GUARANTEES = frozenset({"card", "deposit"})


@dataclass
class GuestDetails:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    language: str = "en"
    notes: str = ""


@dataclass
class StayRequest:
    arrival: date
    departure: date
    adults: int
    children_ages: list[int] = field(default_factory=list)
    promo_code: str | None = None


def check_guest(details: GuestDetails) -> GuestCreate:
    """Validate what the guest typed; one error naming every bad field."""
    errors: dict[str, str] = {}
    first, last = details.first_name.strip(), details.last_name.strip()
    email, phone = details.email.strip().lower(), details.phone.strip()
    if not last:
        errors["last_name"] = "required"
    elif len(last) > 100 or len(first) > 100:
        errors["last_name"] = "at most 100 characters"
    if not email and not phone:
        errors["email"] = "give an email address or a phone number"
    if email and not EMAIL_RE.match(email):
        errors["email"] = "is not a valid email address"
    if phone and not PHONE_RE.match(phone):
        errors["phone"] = "is not a valid phone number"
    if errors:
        raise ValidationFailed("Please check your details: " + "; ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in errors.items()) + ".", fields=errors,
            code="invalid_guest_details")
    return GuestCreate(first_name=first, last_name=last, email=email or None,
                       phone=phone or None, language=details.language or None)


def check_party(stay: StayRequest) -> None:
    if stay.adults + len(stay.children_ages) > MAX_GUESTS:
        raise ValidationFailed(f"Online bookings are for up to {MAX_GUESTS} guests per room.",
                               fields={"adults": f"at most {MAX_GUESTS} guests"},
                               code="too_many_guests")


def _plan(q: Any, locale: str, nights: int) -> dict[str, Any]:
    cur = q.currency
    return {
        "rate_plan_id": str(q.rate_plan_id), "name": q.rate_plan_name, "meal_plan": q.meal_plan,
        "total": str(q.total), "total_fmt": money(q.total, cur, locale),
        "per_night_fmt": money((q.total / max(nights, 1)).quantize(Decimal("0.01")), cur, locale),
        "nights": [{"date": day(n.date, locale, "EEE d MMM"), "amount": money(n.amount, cur, locale)}
                   for n in q.nights],
        "taxes": [{"name": t.name, "amount": money(t.amount, cur, locale),
                   "included": "yes" if t.inclusive else "no"} for t in q.taxes],
        "discount_fmt": money(q.discount, cur, locale) if q.discount else "",
        "policy": q.cancellation_policy.get("text") or policy_summary(q.cancellation_policy),
        "guarantee": q.guarantee_type, "deposit": str(q.deposit),
        "deposit_fmt": money(q.deposit, cur, locale) if q.deposit else "",
        # A deposit plan takes the deposit at booking; the rest is paid at the hotel.
        "due_fmt": money(q.total - q.deposit if q.guarantee_type == "deposit" else q.total,
                         cur, locale),
        "promo_code": q.promo_code or "",
    }


def search_offers(uow: UnitOfWork, stay: StayRequest, locale: str = "en") -> list[dict[str, Any]]:
    """Room types with units for the whole stay and each plan's price, ready to show."""
    check_party(stay)
    offers = search_availability(uow, arrival=stay.arrival, departure=stay.departure,
                                 adults=stay.adults, children_ages=stay.children_ages,
                                 promo_code=stay.promo_code or None, channel="direct")
    if not offers:
        return []
    types = {t.id: t for t in uow.session.exec(select(RoomType).where(
        col(RoomType.id).in_([o.room_type_id for o in offers]))).all()}
    nights = (stay.departure - stay.arrival).days
    out = []
    for o in offers:
        rt = types[o.room_type_id]
        quotes = o.quotes
        out.append({
            "room_type_id": str(o.room_type_id), "code": o.code, "name": o.name,
            "description": rt.description, "photo": (rt.photos or [""])[0],
            "amenities": ", ".join(rt.amenities[:6]), "max_occupancy": o.max_occupancy,
            "units_left": o.units_left,
            "plans": [_plan(q, locale, nights) for q in quotes],
        })
    return out


def quote_for(uow: UnitOfWork, stay: StayRequest, *, room_type_id: uuid.UUID,
              rate_plan_id: uuid.UUID) -> Any:
    """The plan's price for this stay now, or a refusal saying it is no longer on sale."""
    check_party(stay)
    for offer in search_availability(uow, arrival=stay.arrival, departure=stay.departure,
                                     adults=stay.adults, children_ages=stay.children_ages,
                                     promo_code=stay.promo_code or None, channel="direct",
                                     room_type_ids=[room_type_id]):
        for quote in offer.quotes:
            if quote.rate_plan_id == rate_plan_id:
                return quote
    raise Conflict("This room and rate are no longer available for these dates; please search "
                   "again.", fields={"rate_plan_id": "no longer available"},
                   code="no_longer_available")


def book_stay(uow: UnitOfWork, stay: StayRequest, *, room_type_id: uuid.UUID,
              rate_plan_id: uuid.UUID, expected_total: Decimal | None, guest: GuestDetails,
              idempotency_key: str, card_guaranteed: bool = False) -> BookingPublic:
    """Book one room as quoted. Re-priced at commit: a changed price is refused (price_changed)
    and nothing is booked; the same idempotency key returns the first booking again. A rate
    that needs a card is refused, when card payments are set up, unless core.site.card
    authorised one (card_guaranteed)."""
    check_party(stay)
    data = BookingCreate(
        arrival=stay.arrival, departure=stay.departure, guest=check_guest(guest),
        rooms=[RoomRequest(room_type_id=room_type_id, rate_plan_id=rate_plan_id,
                           adults=stay.adults, children_ages=list(stay.children_ages),
                           expected_total=expected_total)],
        channel="direct", source="booking_site", promo_code=stay.promo_code or None,
        notes=guest.notes.strip()[:2000])
    booking = create_booking(uow, data, idempotency_key=idempotency_key)
    # Without Stripe every rate is pay-at-hotel (the desk takes the guarantee on arrival);
    # with it, a card rate needs the card. Raised before commit: the booking is rolled back.
    if not card_guaranteed and card_payments_enabled() and any(
            r.guarantee_type in CARD_GUARANTEES for r in booking.reservations):
        raise ValidationFailed("This rate needs a card to guarantee the booking.",
                               fields={"guarantee": "pay by card"}, code="card_required")
    # The confirmation email is queued by the outbox relay from reservation.created.
    return booking
