"""Domain events: the outbox written with every change, and (later) relay and pub/sub adapters."""
