"""Guest request rules: valid input and the life cycle open → in progress → done (or cancelled)."""

from __future__ import annotations

from core.guest_requests.errors import InvalidGuestRequest, InvalidGuestRequestTransition
from core.guest_requests.models import RequestCategory, RequestStatus

PRIORITIES = ("low", "normal", "high", "urgent")
TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.open.value: {RequestStatus.in_progress.value, RequestStatus.done.value,
                               RequestStatus.cancelled.value},
    RequestStatus.in_progress.value: {RequestStatus.done.value, RequestStatus.open.value,
                                      RequestStatus.cancelled.value},
    # A guest who says "it's still not working" reopens a finished request.
    RequestStatus.done.value: {RequestStatus.open.value},
    RequestStatus.cancelled.value: set(),
}
CLOSED = frozenset({RequestStatus.done.value, RequestStatus.cancelled.value})


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS:
        raise InvalidGuestRequest(f"'{target[:40]}' is not a request status; use open, "
                                  "in_progress, done or cancelled.",
                                  fields={"status": "unknown status"})
    if target not in TRANSITIONS[current]:
        raise InvalidGuestRequestTransition(
            f"A request that is {current.replace('_', ' ')} cannot become "
            f"{target.replace('_', ' ')}.", fields={"status": f"not allowed from {current}"})


def validate_create(*, category: str, priority: str, description: str,
                    place_given: bool) -> dict[str, str]:
    """Every problem at once, keyed by field (empty when the request is valid)."""
    errors: dict[str, str] = {}
    if category not in RequestCategory.__members__:
        errors["category"] = "must be one of " + ", ".join(RequestCategory.__members__)
    if priority not in PRIORITIES:
        errors["priority"] = "must be " + ", ".join(PRIORITIES)
    text = description.strip()
    if not text:
        errors["description"] = "is required"
    elif len(text) > 2000:
        errors["description"] = "at most 2000 characters"
    if not place_given:
        errors["reservation_id"] = "give the guest's reservation or a room"
    return errors


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise InvalidGuestRequest("The request is not valid: " + "; ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in errors.items()) + ".", fields=errors)
