"""Domain errors with stable codes; every layer maps these to its own way of showing them."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the request. `code` is stable; `message` names the problem."""

    code = "domain_error"
    http_status = 400

    def __init__(self, message: str, *, fields: dict[str, str] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class ValidationFailed(DomainError):
    code = "validation_error"
    http_status = 422


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    http_status = 401


class IdempotencyMismatch(DomainError):
    """The same idempotency key was used with a different request."""

    code = "idempotency_key_reused"
    http_status = 422
