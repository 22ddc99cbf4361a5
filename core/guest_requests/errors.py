"""Guest request errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class GuestRequestNotFound(NotFound):
    code = "guest_request_not_found"


class InvalidGuestRequest(ValidationFailed):
    code = "invalid_guest_request"


class InvalidGuestRequestTransition(Conflict):
    code = "invalid_guest_request_transition"
