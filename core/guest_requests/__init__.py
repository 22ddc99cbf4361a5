"""Guest service requests: what a guest asked for (towels, a taxi, a repair) and its progress."""
