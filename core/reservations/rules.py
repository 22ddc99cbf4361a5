"""Pure reservation rules: the state machine, stay validation, references and check-in timing."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from core.reservations.errors import (
    HoldExpired,
    IllegalTransition,
    InvalidStay,
    PriceChanged,
    TooEarlyToCheckIn,
)
from core.reservations.models import ReservationStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.hold: frozenset({S.confirmed, S.cancelled, S.expired}),
    S.confirmed: frozenset({S.checked_in, S.cancelled, S.no_show}),
    S.checked_in: frozenset({S.checked_out}),
    S.checked_out: frozenset(),
    S.cancelled: frozenset(),
    S.no_show: frozenset(),
    S.expired: frozenset(),
}
# States in which the reservation holds inventory (and may hold a room).
HOLDS_INVENTORY = frozenset({S.hold, S.confirmed, S.checked_in})
MODIFIABLE = frozenset({S.hold, S.confirmed})

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
REFERENCE_LENGTH = 8
MAX_NIGHTS = 90
MAX_ROOMS_PER_BOOKING = 20


def can_transition(current: S | str, target: S | str) -> bool:
    return S(target) in TRANSITIONS[S(current)]


def check_transition(current: S | str, target: S | str) -> None:
    if not can_transition(current, target):
        raise IllegalTransition(
            f"A reservation that is {S(current).value.replace('_', ' ')} cannot become "
            f"{S(target).value.replace('_', ' ')}.", fields={"status": "transition not allowed"})


def check_hold_alive(status: S | str, expires_at: datetime | None, now: datetime) -> None:
    """A hold past its expiry is as good as gone (the job releases it; we refuse to use it)."""
    if S(status) == S.hold and expires_at is not None and expires_at <= now:
        raise HoldExpired(f"The hold expired at {expires_at.isoformat(timespec='minutes')}; "
                          "book again.", fields={"hold_expires_at": "expired"})


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(reference: str) -> str:
    return reference.strip().upper().replace("-", "").replace(" ", "")


def validate_stay(arrival: date, departure: date, adults: int, children_ages: Iterable[int],
                  *, today: date) -> None:
    """Check the shape of a stay; raise one error naming every bad field."""
    errors: dict[str, str] = {}
    if departure < arrival:
        errors["departure"] = "must not be before the arrival"
    elif (departure - arrival).days > MAX_NIGHTS:
        errors["departure"] = f"stays are at most {MAX_NIGHTS} nights"
    if arrival < today:
        errors["arrival"] = "is in the past"
    if adults < 1:
        errors["adults"] = "at least one adult is required"
    if any(age < 0 or age > 17 for age in children_ages):
        errors["children_ages"] = "each child's age must be 0 to 17"
    if errors:
        names = "; ".join(f"{k} {v}" for k, v in errors.items())
        raise InvalidStay(f"The stay is invalid: {names}.", fields=errors)


def check_price(expected: Decimal | None, actual: Decimal, currency: str) -> None:
    if expected is not None and Decimal(expected) != actual:
        raise PriceChanged(
            f"The price changed since the quote: it is now {actual} {currency} "
            f"(quoted {expected} {currency}). Please review and book again.",
            fields={"expected_total": f"now {actual}"})


def check_in_allowed(*, arrival: date, departure: date, today: date, local_time: time,
                     check_in_time: time, room_ready: bool) -> None:
    """Arrival day or later (but before departure); before the check-in hour only if ready."""
    if today < arrival:
        raise TooEarlyToCheckIn(f"Check-in opens on the arrival date, {arrival.isoformat()}.",
                                fields={"arrival": "is in the future"})
    if today > arrival and today >= departure:
        raise TooEarlyToCheckIn(f"The stay ended on {departure.isoformat()}; it cannot be "
                                "checked in.", fields={"departure": "is past"},
                                code="stay_already_over")
    if today == arrival and local_time < check_in_time and not room_ready:
        raise TooEarlyToCheckIn(
            f"Early check-in before {check_in_time.strftime('%H:%M')} needs a ready room.",
            fields={"room_id": "not ready yet"}, code="room_not_ready")


def local_now(tz: str) -> datetime:
    from zoneinfo import ZoneInfo

    from core.timeutil import utcnow

    return utcnow().astimezone(ZoneInfo(tz))
