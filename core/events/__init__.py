"""Domain events: the outbox written with every change, the relay that publishes it, and subscribers."""
