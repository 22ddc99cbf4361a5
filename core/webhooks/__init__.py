"""Outbound webhooks: per-property subscriptions, signed deliveries with retries, a delivery log."""
