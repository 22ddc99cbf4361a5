"""Jobs that prove the job pipeline works end to end (used by `gj worker --check` and tests)."""

from __future__ import annotations


def echo(value: str) -> str:
    """Return its argument: pure, so running it twice is harmless."""
    return value
