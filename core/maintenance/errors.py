"""Maintenance errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class WorkOrderNotFound(NotFound):
    code = "work_order_not_found"


class InvalidWorkOrder(ValidationFailed):
    code = "invalid_work_order"


class InvalidWorkOrderTransition(Conflict):
    code = "invalid_work_order_transition"
