"""Payments: manual desk methods, Stripe card payments (authorise, capture, refund), webhooks."""
