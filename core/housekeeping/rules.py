"""Housekeeping rules: task life cycle, what cleaning does to a room, and the board's words."""

from __future__ import annotations

import enum

from core.housekeeping.errors import InvalidHousekeepingInput, InvalidTaskTransition
from core.housekeeping.models import Condition, TaskKind, TaskStatus

# open → in_progress (attendant starts) → done (finished, room clean, awaits inspection)
# → passed (room inspected); a failed inspection sends the task back to open (room dirty).
TASK_TRANSITIONS: dict[str, set[str]] = {
    TaskStatus.open.value: {TaskStatus.in_progress.value},
    TaskStatus.in_progress.value: {TaskStatus.done.value, TaskStatus.open.value},
    TaskStatus.done.value: {TaskStatus.passed.value, TaskStatus.open.value},
    TaskStatus.passed.value: set(),
}

TASK_WORDS = {"open": "to clean", "in_progress": "cleaning", "done": "awaiting inspection",
              "passed": "inspected"}


def check_task_transition(current: str, target: str) -> None:
    if target not in TASK_TRANSITIONS.get(current, set()):
        raise InvalidTaskTransition(
            f"A task that is {TASK_WORDS.get(current, current)} cannot become "
            f"{TASK_WORDS.get(target, target)}.", fields={"status": f"not allowed from {current}"})


def condition_after_task(target: str) -> str | None:
    """The room condition a task transition leaves behind (None: unchanged)."""
    return {TaskStatus.done.value: Condition.clean.value,
            TaskStatus.passed.value: Condition.inspected.value,
            TaskStatus.open.value: Condition.dirty.value}.get(target)


def default_task_kind(*, occupied: bool, departing_today: bool) -> str:
    """A stay-over clean for a guest staying on; a departure clean for a room being vacated."""
    if occupied and not departing_today:
        return TaskKind.stay_over.value
    return TaskKind.departure.value


def _parse(enum_type: type[enum.Enum], value: str, field: str, what: str) -> str:
    try:
        return enum_type(value).value
    except ValueError:
        names = ", ".join(m.value for m in enum_type)
        raise InvalidHousekeepingInput(f"'{value}' is not {what}; use {_or(names)}.",
                                       fields={field: "must be " + _or(names)}) from None


def _or(names: str) -> str:
    head, _, last = names.rpartition(", ")
    return f"{head} or {last}" if head else last


def parse_condition(value: str) -> str:
    return _parse(Condition, value, "condition", "a room condition")


def parse_kind(value: str) -> str:
    return _parse(TaskKind, value, "kind", "a kind of cleaning")


def required_text(value: str | None, field: str, what: str, limit: int = 500) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidHousekeepingInput(f"{what} is required.", fields={field: "is required"})
    if len(text) > limit:
        raise InvalidHousekeepingInput(f"{what} is too long (at most {limit} characters).",
                                       fields={field: f"at most {limit} characters"})
    return text


def board_label(*, occupied: bool, condition: str, out_of_order: bool,
                out_of_service: bool) -> str:
    """The status a board shows first: OOO and OOS win over occupancy × condition."""
    if out_of_order:
        return "Out of order"
    if out_of_service:
        return "Out of service"
    return f"{'Occupied' if occupied else 'Vacant'} {condition}"


__all__ = ["TASK_TRANSITIONS", "check_task_transition", "condition_after_task",
           "default_task_kind", "parse_condition", "parse_kind", "required_text", "board_label"]
