"""Payment errors with stable codes."""

from __future__ import annotations

from core.errors import Conflict, DomainError, NotFound, ValidationFailed


class PaymentNotFound(NotFound):
    code = "payment_not_found"


class RefundExceedsPaid(ValidationFailed):
    code = "refund_exceeds_paid"


class CaptureExceedsAuthorized(ValidationFailed):
    code = "capture_exceeds_authorized"


class AuthorizationExpired(Conflict):
    """Card holds lapse (Stripe: 7 days); a new authorisation or another method is needed."""

    code = "authorization_expired"


class InvalidPaymentState(Conflict):
    code = "invalid_payment_state"


class PaymentsNotConfigured(Conflict):
    code = "card_payments_not_configured"


class PaymentDeclined(DomainError):
    code = "payment_declined"
    http_status = 402


class ProviderUnavailable(DomainError):
    """The card processor could not be reached or failed; nothing was recorded as paid."""

    code = "payment_provider_error"
    http_status = 502


class WebhookSignatureInvalid(ValidationFailed):
    code = "invalid_signature"
    http_status = 400
