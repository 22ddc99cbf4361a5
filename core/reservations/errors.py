"""Reservation errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class InvalidStay(ValidationFailed):
    code = "invalid_stay"


class IllegalTransition(Conflict):
    code = "illegal_transition"


class HoldExpired(Conflict):
    code = "hold_expired"


class PriceChanged(Conflict):
    """The price at commit differs from the quote the guest saw."""

    code = "price_changed"


class ReservationNotFound(NotFound):
    code = "reservation_not_found"


class BookingNotFound(NotFound):
    code = "booking_not_found"


class TooEarlyToCheckIn(Conflict):
    code = "too_early_to_check_in"


class RoomNotReady(Conflict):
    code = "room_not_ready"


class NoRoomAvailable(Conflict):
    code = "no_room_available"


class NotAssigned(Conflict):
    code = "room_not_assigned"


class InvalidNote(ValidationFailed):
    code = "invalid_note"


class NoteNotFound(NotFound):
    code = "note_not_found"


class NotYourNote(PermissionDenied):
    """Staff edit their own notes only: what a colleague wrote stays as they wrote it."""

    code = "not_your_note"
