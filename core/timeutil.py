"""Time helpers: timestamps are timezone-aware UTC; stay dates are the property's local dates.

Every domain rule asks this module for "now", never the system clock directly, so the demo seeding
(and tests) can run the real engine on past days with `travel_to(...)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# The offset from the real clock for the current context (None: the real clock).
_offset: ContextVar[timedelta | None] = ContextVar("gj_clock_offset", default=None)


def utcnow() -> datetime:
    now = datetime.now(UTC)
    offset = _offset.get()
    return now + offset if offset is not None else now


def local_today(tz_name: str) -> date:
    """Today's calendar date in the property's time zone."""
    return utcnow().astimezone(ZoneInfo(tz_name)).date()


def business_day(business_date: date | None, tz_name: str) -> date:
    """The hotel's business date: the one the night audit last rolled to, else today locally.
    The one place this rule is written; callers pass what their settings read already holds."""
    return business_date or local_today(tz_name)


def local_now(tz_name: str) -> datetime:
    return utcnow().astimezone(ZoneInfo(tz_name))


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Run the block as if the clock showed `moment` (aware), ticking on from there."""
    if moment.tzinfo is None:
        raise ValueError("travel_to needs an aware datetime")
    token = _offset.set(moment - datetime.now(UTC))
    try:
        yield
    finally:
        _offset.reset(token)
