"""Work order rules: valid input and the life cycle open → in progress → done → verified."""

from __future__ import annotations

from datetime import date

from core.maintenance.errors import InvalidWorkOrder, InvalidWorkOrderTransition
from core.maintenance.models import Category, Priority, WorkOrderStatus

TRANSITIONS: dict[str, set[str]] = {
    WorkOrderStatus.open.value: {WorkOrderStatus.in_progress.value, WorkOrderStatus.done.value},
    WorkOrderStatus.in_progress.value: {WorkOrderStatus.done.value, WorkOrderStatus.open.value},
    # Verification can reopen a job that was not really fixed.
    WorkOrderStatus.done.value: {WorkOrderStatus.verified.value, WorkOrderStatus.in_progress.value},
    WorkOrderStatus.verified.value: set(),
}
WORDS = {"open": "open", "in_progress": "in progress", "done": "done", "verified": "verified"}
SOURCES = ("desk", "housekeeping", "maintenance", "api")


def check_transition(current: str, target: str) -> None:
    if target not in WORDS:
        raise InvalidWorkOrder(f"'{target}' is not a work order status; use open, in_progress, "
                               "done or verified.", fields={"status": "unknown status"})
    if target not in TRANSITIONS[current]:
        raise InvalidWorkOrderTransition(
            f"A work order that is {WORDS[current]} cannot become {WORDS[target]}.",
            fields={"status": f"not allowed from {current}"})


def validate_create(*, room_given: bool, area: str | None, category: str, priority: str,
                    description: str, due_date: date | None, today: date, source: str,
                    out_of_order: bool) -> dict[str, str]:
    """Every problem at once, keyed by field (empty when the order is valid)."""
    errors: dict[str, str] = {}
    if not room_given and not (area or "").strip():
        errors["room_id"] = "choose a room or name an area"
    if area and len(area.strip()) > 120:
        errors["area"] = "at most 120 characters"
    if category not in Category.__members__:
        errors["category"] = "must be one of " + ", ".join(Category.__members__)
    if priority not in Priority.__members__:
        errors["priority"] = "must be low, normal, high or urgent"
    if not description.strip():
        errors["description"] = "is required"
    elif len(description.strip()) > 2000:
        errors["description"] = "at most 2000 characters"
    if due_date is not None and due_date < today:
        errors["due_date"] = "cannot be in the past"
    if source not in SOURCES:
        errors["source"] = "must be desk, housekeeping, maintenance or api"
    if out_of_order and not room_given:
        errors["out_of_order"] = "only a room can be put out of order"
    return errors


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise InvalidWorkOrder("The work order is invalid: " + "; ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in errors.items()) + ".", fields=errors)
