"""From a request's credentials (session cookie or access token) to an Actor, checked every time.

Both the Reflex apps (on connect and in every protected handler) and the API dependencies call
these, so a revoked session or a disabled user loses access on the very next request.
"""

from __future__ import annotations

import functools
import uuid
from http.cookies import CookieError, SimpleCookie

from core.actor import Actor
from core.db.uow import control_uow
from core.identity import sessions, tokens
from core.identity.access import build_actor
from core.identity.auth_models import AuthSession
from core.identity.errors import InvalidToken
from core.identity.models import User, UserStatus
from core.timeutil import utcnow

SESSION_COOKIE = "gj_session"  # set by POST /auth/session/login


def _actor(session, row: AuthSession, property_id: uuid.UUID | None, ip: str | None,
           user_agent: str | None) -> tuple[Actor, User]:
    user = session.get(User, row.user_id)
    if user is None or user.status != UserStatus.active:
        raise InvalidToken()
    # The session's own property unless the request names another one the user also works at.
    pid = property_id if property_id is not None else row.property_id
    actor = build_actor(session, user, pid, session_id=str(row.id), ip=ip,
                        user_agent=user_agent)
    return actor, user


def actor_from_session_cookie(cookie: str | None, *, property_id: uuid.UUID | None = None,
                              ip: str | None = None, user_agent: str | None = None) -> Actor:
    """The staff Actor of a browser session; InvalidToken if it is unknown, expired or revoked."""
    if not cookie:
        raise InvalidToken("Please sign in.")
    now = utcnow()
    with control_uow(write=False) as uow:
        row = sessions.find_browser_session(uow.session, cookie, now)
        actor, user = _actor(uow.session, row, property_id, ip, user_agent)
        needs_touch = now - row.last_seen_at >= sessions.TOUCH_EVERY
    if needs_touch:
        with control_uow() as uow:
            sessions.touch(uow.session, row, user, now)
            uow.commit()
    return actor


@functools.lru_cache(maxsize=1024)  # a tab sends the same header with every event
def session_cookie_from_header(cookie_header: str | None,
                               name: str = SESSION_COOKIE) -> str | None:
    """The session id in a raw Cookie header (Reflex: `self.router.headers.cookie`).

    The cookie is HttpOnly, so page JavaScript cannot read it; the websocket handshake still
    carries it to the server, which is where the apps must read it.
    """
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def actor_from_access_token(token: str | None, *, property_id: uuid.UUID | None = None,
                            ip: str | None = None, user_agent: str | None = None) -> Actor:
    """The Actor of a bearer/cookie access token whose session is still live."""
    if not token:
        raise InvalidToken("Please sign in.")
    claims = tokens.decode_access_token(token)
    with control_uow(write=False) as uow:
        row = uow.session.get(AuthSession, claims.session_id)
        if row is None or row.user_id != claims.user_id or not sessions.is_live(row, utcnow()):
            raise InvalidToken()
        actor, _ = _actor(uow.session, row, property_id or claims.property_id, ip, user_agent)
        return actor


def session_of(cookie_or_token: str, *, is_cookie: bool) -> uuid.UUID:
    """The session id behind a browser cookie or an access token (for logout)."""
    if is_cookie:
        with control_uow(write=False) as uow:
            return sessions.find_browser_session(uow.session, cookie_or_token).id
    return tokens.decode_access_token(cookie_or_token).session_id
