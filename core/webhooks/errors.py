"""Webhook errors with stable codes."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class InvalidWebhook(ValidationFailed):
    code = "invalid_webhook"


class SubscriptionNotFound(NotFound):
    code = "webhook_subscription_not_found"


class DeliveryNotFound(NotFound):
    code = "webhook_delivery_not_found"


class DeliveryInProgress(Conflict):
    code = "webhook_delivery_in_progress"
