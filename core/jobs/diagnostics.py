"""Jobs that prove the job pipeline works end to end (queue, worker, result)."""

from __future__ import annotations


def echo(value: str) -> str:
    """Return its argument: pure, so running it twice is harmless."""
    return value
