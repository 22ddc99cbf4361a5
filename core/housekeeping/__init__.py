"""Housekeeping: room condition (dirty/clean/inspected), out of service/order, cleaning tasks."""

from core.housekeeping import hooks as _hooks  # noqa: F401  (check-out makes the room dirty)
