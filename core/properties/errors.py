"""Property setup errors with stable codes."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class DuplicateCode(Conflict):
    code = "duplicate_code"


class RoomTypeNotFound(NotFound):
    code = "room_type_not_found"


class RoomNotFound(NotFound):
    code = "room_not_found"


class TaxNotFound(NotFound):
    code = "tax_not_found"


class PolicyNotFound(NotFound):
    code = "policy_not_found"


class InvalidSetup(ValidationFailed):
    code = "invalid_setup"
