"""Time helpers: timestamps are timezone-aware UTC; stay dates are the property's local dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_today(tz_name: str) -> date:
    """Today's calendar date in the property's time zone."""
    return datetime.now(ZoneInfo(tz_name)).date()
