"""Housekeeping errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class TaskNotFound(NotFound):
    code = "cleaning_task_not_found"


class InvalidTaskTransition(Conflict):
    code = "invalid_task_transition"


class InvalidHousekeepingInput(ValidationFailed):
    code = "invalid_housekeeping_input"


class NotYourTask(Conflict):
    code = "not_your_task"
