"""Idempotency keys: a replayed mutation returns its first result and has no second effect."""
