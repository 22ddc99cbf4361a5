"""The chain operator's console: chains, properties, users and operations."""
