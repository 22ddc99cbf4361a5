"""Forgetting what sign-in no longer needs: spent one-time tokens, old sessions, stale throttles.

Meant for a daily job (`purge_expired()`); safe to run at any time and twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlmodel import col

from core.db.uow import control_uow
from core.identity import rules
from core.identity.auth_models import AuthSession, LoginThrottle, OneTimeToken, RefreshToken
from core.timeutil import utcnow

# Ended sessions stay listed this long so "signed out / revoked" can still be investigated.
KEEP_ENDED_SESSIONS = timedelta(days=30)


@dataclass
class Purged:
    one_time_tokens: int
    sessions: int
    refresh_tokens: int
    throttles: int


def purge_expired(now: datetime | None = None) -> Purged:
    now = now or utcnow()
    cutoff = now - KEEP_ENDED_SESSIONS
    with control_uow() as uow:
        s = uow.session
        tokens = s.execute(delete(OneTimeToken).where(col(OneTimeToken.expires_at) < now))
        old = select(col(AuthSession.id)).where(or_(
            col(AuthSession.expires_at) < cutoff, col(AuthSession.idle_expires_at) < cutoff,
            col(AuthSession.revoked_at) < cutoff))
        refresh = s.execute(delete(RefreshToken).where(col(RefreshToken.session_id).in_(old)))
        sessions = s.execute(delete(AuthSession).where(col(AuthSession.id).in_(old)))
        throttles = s.execute(delete(LoginThrottle).where(
            or_(col(LoginThrottle.locked_until).is_(None), col(LoginThrottle.locked_until) < now),
            col(LoginThrottle.last_failure_at) < now - rules.WINDOW))
        uow.commit()
    return Purged(tokens.rowcount, sessions.rowcount,  # type: ignore[attr-defined]
                  refresh.rowcount, throttles.rowcount)  # type: ignore[attr-defined]
