"""Signed-in devices: browser sessions (opaque cookie) and API sessions (refresh-token families)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.identity import rules, session_cache
from core.identity.auth_models import AuthSession, RefreshToken
from core.identity.crypto import new_token, token_hash
from core.identity.errors import InvalidToken, RefreshTokenReused
from core.identity.models import ChainSettings, User
from core.timeutil import utcnow

TOUCH_EVERY = timedelta(seconds=60)  # idle deadline is pushed at most once a minute per session


def _browser_limits(session: Session, user: User) -> tuple[timedelta, timedelta]:
    settings = session.get(ChainSettings, user.chain_id) if user.chain_id else None
    idle = settings.browser_idle_minutes if settings else 120
    absolute = settings.browser_absolute_hours if settings else 12
    return timedelta(minutes=idle), timedelta(hours=absolute)


def start_browser_session(session: Session, user: User, property_id: uuid.UUID | None, *,
                          app: str, method: str, ip: str | None, user_agent: str | None,
                          now: datetime | None = None) -> tuple[str, AuthSession]:
    """A new session with a new random id (never reused across logins). Returns (cookie, row)."""
    now = now or utcnow()
    idle, absolute = _browser_limits(session, user)
    raw = new_token()
    row = AuthSession(
        user_id=user.id, property_id=property_id, kind="browser", app=app[:40],
        token_hash=token_hash(raw), method=method, created_at=now, last_seen_at=now,
        expires_at=now + absolute, idle_expires_at=rules.session_expiry(now, idle, now + absolute),
        ip=ip, user_agent=(user_agent or "")[:400] or None,
    )
    session.add(row)
    return raw, row


def start_api_session(session: Session, user: User, property_id: uuid.UUID | None, *,
                      method: str, ip: str | None, user_agent: str | None,
                      now: datetime | None = None) -> tuple[str, AuthSession]:
    """A refresh-token family. Returns (first refresh token, row)."""
    now = now or utcnow()
    row = AuthSession(
        user_id=user.id, property_id=property_id, kind="api", app="api", method=method,
        created_at=now, last_seen_at=now, expires_at=now + rules.API_SESSION_MAX,
        idle_expires_at=now + rules.REFRESH_TOKEN_TTL, ip=ip,
        user_agent=(user_agent or "")[:400] or None,
    )
    session.add(row)
    session.flush()
    return _new_refresh_token(session, row, now), row


def _new_refresh_token(session: Session, family: AuthSession, now: datetime) -> str:
    raw = new_token()
    session.add(RefreshToken(session_id=family.id, token_hash=token_hash(raw), created_at=now,
                             expires_at=min(now + rules.REFRESH_TOKEN_TTL, family.expires_at)))
    return raw


def is_live(row: AuthSession | None, now: datetime) -> bool:
    return (row is not None and row.revoked_at is None and row.expires_at > now
            and row.idle_expires_at > now)


def find_browser_session(session: Session, raw: str, now: datetime | None = None) -> AuthSession:
    now = now or utcnow()
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(raw or ""),
                                                 AuthSession.kind == "browser")).first()
    if not is_live(row, now):
        raise InvalidToken()
    assert row is not None
    return row


def touch(session: Session, row: AuthSession, user: User, now: datetime | None = None) -> bool:
    """Push the idle deadline of a browser session forward (at most once a minute)."""
    now = now or utcnow()
    if now - row.last_seen_at < TOUCH_EVERY:
        return False
    idle, _ = _browser_limits(session, user)
    session.execute(update(AuthSession).where(col(AuthSession.id) == row.id).values(
        last_seen_at=now, idle_expires_at=rules.session_expiry(now, idle, row.expires_at)))
    return True


def rotate_refresh_token(session: Session, raw: str, now: datetime | None = None
                         ) -> tuple[str, AuthSession]:
    """Exchange a refresh token for a new one. Reusing a spent token revokes the whole family.

    The spend is one conditional UPDATE, so two concurrent uses of the same token cannot both win.
    The caller must commit even when RefreshTokenReused is raised (the revocation must stick).
    """
    now = now or utcnow()
    token = session.exec(select(RefreshToken).where(RefreshToken.token_hash == token_hash(raw or ""))
                         ).first()
    if token is None:
        raise InvalidToken()
    family = session.get(AuthSession, token.session_id)
    spent = session.execute(
        update(RefreshToken).where(col(RefreshToken.id) == token.id,
                                   col(RefreshToken.used_at).is_(None)).values(used_at=now))
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        revoke(session, token.session_id, "refresh_reuse", now)
        raise RefreshTokenReused()
    if not is_live(family, now) or token.expires_at <= now:
        raise InvalidToken()
    assert family is not None
    session.execute(update(AuthSession).where(col(AuthSession.id) == family.id).values(
        last_seen_at=now, idle_expires_at=min(now + rules.REFRESH_TOKEN_TTL, family.expires_at)))
    return _new_refresh_token(session, family, now), family


def revoke(session: Session, session_id: uuid.UUID, reason: str,
           now: datetime | None = None) -> bool:
    result = session.execute(update(AuthSession).where(
        col(AuthSession.id) == session_id, col(AuthSession.revoked_at).is_(None)
    ).values(revoked_at=now or utcnow(), revoked_reason=reason))
    session_cache.forget_after_commit(session)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_all(session: Session, user_id: uuid.UUID, reason: str,
               now: datetime | None = None) -> int:
    result = session.execute(update(AuthSession).where(
        col(AuthSession.user_id) == user_id, col(AuthSession.revoked_at).is_(None)
    ).values(revoked_at=now or utcnow(), revoked_reason=reason))
    session_cache.forget_after_commit(session)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def live_sessions(session: Session, user_id: uuid.UUID, now: datetime | None = None
                  ) -> list[AuthSession]:
    now = now or utcnow()
    rows = session.exec(select(AuthSession).where(
        AuthSession.user_id == user_id, col(AuthSession.revoked_at).is_(None),
        col(AuthSession.expires_at) > now, col(AuthSession.idle_expires_at) > now,
    ).order_by(col(AuthSession.last_seen_at).desc())).all()
    return list(rows)
