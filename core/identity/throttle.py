"""Sign-in throttling per account and per source address, stored in the control plane.

Each failed sign-in bumps two counters: "account:<email>" (also for emails with no user, so the
answer never reveals which accounts exist) and "address:<ip>". After a few free failures every
further one doubles the wait, and a hard ceiling stops more than 100 failures per account an hour.
Attempts made while locked are refused before the password is even checked, so they cannot count.
"""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from core.identity import rules
from core.identity.auth_models import LoginThrottle
from core.identity.errors import TooManyAttempts
from core.timeutil import utcnow


def account_key(email: str) -> str:
    return f"account:{email.strip().lower()}"[:300]


def address_key(ip: str | None) -> str | None:
    return f"address:{ip}" if ip else None


def _keys(email: str, ip: str | None) -> list[str]:
    return [k for k in (account_key(email), address_key(ip)) if k]


def _locked_row(session: Session, key: str, now: datetime) -> LoginThrottle:
    """The key's row, created if missing without a race, locked until the transaction ends."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(LoginThrottle).values(
        key=key, consecutive_failures=0, window_failures=0, window_started_at=now,
    ).on_conflict_do_nothing(index_elements=["key"]))
    row = session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
    assert row is not None
    return row


def check(session: Session, email: str, ip: str | None, now: datetime | None = None) -> None:
    """Raise TooManyAttempts if the account or the address must still wait.

    The account's row stays locked until the sign-in's transaction ends, so attempts on one
    account are decided one after another (on Postgres too) and the ceiling holds exactly.
    """
    now = now or utcnow()
    _locked_row(session, account_key(email), now)
    rows = session.exec(select(LoginThrottle).where(col(LoginThrottle.key).in_(_keys(email, ip)))).all()
    waits = [(row.locked_until - now).total_seconds() for row in rows
             if row.locked_until and row.locked_until > now]
    if waits:
        raise TooManyAttempts(retry_after=max(1, math.ceil(max(waits))))


def record_failure(session: Session, email: str, ip: str | None,
                   now: datetime | None = None) -> None:
    now = now or utcnow()
    for key in _keys(email, ip):
        row = _locked_row(session, key, now)
        if now - row.window_started_at >= rules.WINDOW:
            row.window_started_at, row.window_failures = now, 0
        if row.last_failure_at and now - row.last_failure_at >= rules.WINDOW:
            row.consecutive_failures = 0  # an hour without failures forgives the streak
        row.consecutive_failures += 1
        row.window_failures += 1
        row.last_failure_at = now
        free = (rules.FREE_FAILURES_PER_ADDRESS if key.startswith("address:")
                else rules.FREE_FAILURES)
        until = now + rules.backoff_delay(row.consecutive_failures, free)
        if row.window_failures >= rules.MAX_FAILURES_PER_HOUR:
            until = max(until, row.window_started_at + rules.WINDOW)
        row.locked_until = until if until > now else None
        session.add(row)


def record_success(session: Session, email: str) -> None:
    """A correct sign-in clears the account's back-off (the address keeps its history)."""
    session.execute(delete(LoginThrottle).where(col(LoginThrottle.key) == account_key(email)))


def unlock(session: Session, email: str) -> bool:
    """Admin unlock: forget the account's failures. True if it was throttled."""
    result = session.execute(delete(LoginThrottle).where(col(LoginThrottle.key) == account_key(email)))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def locked_until(session: Session, emails: list[str], now: datetime | None = None
                 ) -> dict[str, datetime]:
    """email → end of its lock, for the accounts among `emails` that are locked right now."""
    now = now or utcnow()
    keys = {account_key(e): e for e in emails}
    rows = session.exec(select(LoginThrottle).where(col(LoginThrottle.key).in_(list(keys)),
                                                    col(LoginThrottle.locked_until) > now)).all()
    return {keys[row.key]: row.locked_until for row in rows if row.locked_until}
