"""FastAPI dependencies: who is calling (`CurrentActor`) and what they may do (`require_permission`).

Credentials are read in this order: `Authorization: Bearer <access token>`, the `access_token`
cookie, then the browser session cookie. The property is the `{property_id}` in the path when
there is one (a user without a role there gets 404), else the one the sign-in was for.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from core.actor import Actor
from core.config import get_settings
from core.errors import NotFound
from core.identity.resolve import (
    SESSION_COOKIE,
    actor_from_access_token,
    actor_from_session_cookie,
)

ACCESS_COOKIE = "access_token"
REFRESH_COOKIE = "refresh_token"


def client_ip(request: Request) -> str | None:
    """The caller's address; X-Forwarded-For counts only through proxies we run (GJ_PROXY_HOPS),
    since anyone can send the header and would otherwise dodge per-address throttling."""
    hops = get_settings().proxy_hops
    if hops:
        chain = [p.strip() for p in request.headers.get("x-forwarded-for", "").split(",")
                 if p.strip()]
        if len(chain) >= hops:
            return chain[-hops][:64]
    return request.client.host if request.client else None


def user_agent(request: Request) -> str | None:
    return request.headers.get("user-agent")


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(ACCESS_COOKIE)


def _path_property(request: Request) -> uuid.UUID | None:
    raw = request.path_params.get("property_id")
    if raw is None:
        return None
    try:
        return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except ValueError:
        raise NotFound("Property not found.") from None


def current_actor(request: Request) -> Actor:
    """The caller's Actor, checked against the database on every request (revocation is instant)."""
    pid, ip, agent = _path_property(request), client_ip(request), user_agent(request)
    token = bearer_token(request)
    if token:
        return actor_from_access_token(token, property_id=pid, ip=ip, user_agent=agent)
    return actor_from_session_cookie(request.cookies.get(SESSION_COOKIE), property_id=pid, ip=ip,
                                     user_agent=agent)


CurrentActor = Annotated[Actor, Depends(current_actor)]


def require_permission(permission: str) -> Callable[..., Actor]:
    """`actor: Actor = Depends(require_permission("folio.refund"))`: 403 without it.

    The service checks the permission again; this only refuses early and documents the route.
    """

    def dependency(actor: CurrentActor) -> Actor:
        actor.require(permission)
        return actor

    dependency.__name__ = f"require_{permission.replace('.', '_')}"
    return dependency
