"""The identity use cases other packages and the apps call (one import for the UI and the API).

Account management lives in users.py and grants.py, sign-in in login.py, request resolution in
resolve.py; this module adds the session list/revoke use cases and re-exports the rest.
"""

from __future__ import annotations

import uuid

from core import audit
from core.actor import Actor
from core.db.uow import UnitOfWork, control_uow
from core.errors import NotFound
from core.identity import sessions
from core.identity.auth_models import AuthSession
from core.identity.chain_settings import (
    get_settings_row,
    update_brand,
    update_oidc,
    update_security,
)
from core.identity.grants import ensure_user, grant_role, revoke_role
from core.identity.login import logout, password_login, refresh, verify_mfa
from core.identity.resolve import actor_from_access_token, actor_from_session_cookie
from core.identity.schemas import Me, PropertyChoice, SessionPublic
from core.identity.self_service import confirm_enrolment, renew_recovery_codes, start_enrolment
from core.identity.users import (
    accept_invitation,
    create_user,
    get_user_for_change,
    invite_user,
    list_users,
    reset_mfa,
    set_disabled,
    set_password,
    to_public,
    unlock_user,
)
from core.tenancy.models import Property


def _public(row: AuthSession) -> SessionPublic:
    return SessionPublic(id=row.id, kind=row.kind, app=row.app, property_id=row.property_id,
                         method=row.method, created_at=row.created_at,
                         last_seen_at=row.last_seen_at, expires_at=row.expires_at, ip=row.ip,
                         user_agent=row.user_agent)


def _owner_check(uow: UnitOfWork, user_id: uuid.UUID | None) -> uuid.UUID:
    """Own sessions for anyone signed in; another user's only with users.manage over them."""
    me = uow.actor.user_id
    if user_id is None or user_id == me:
        if me is None:
            raise NotFound("User not found.")
        return me
    return get_user_for_change(uow, user_id, for_change=False).id


def list_sessions(uow: UnitOfWork, user_id: uuid.UUID | None = None) -> list[SessionPublic]:
    """Live sessions (browsers and app sign-ins) of the caller, or of a user they manage."""
    owner = _owner_check(uow, user_id)
    return [_public(r) for r in sessions.live_sessions(uow.session, owner)]


def revoke_session(uow: UnitOfWork, session_id: uuid.UUID,
                   user_id: uuid.UUID | None = None) -> None:
    """End one session now; its cookie or tokens stop working on the next request."""
    owner = _owner_check(uow, user_id)
    row = uow.session.get(AuthSession, session_id)
    if row is None or row.user_id != owner:
        raise NotFound("Session not found.", fields={"session_id": "no such session"})
    if sessions.revoke(uow.session, session_id, "revoked_by_user" if owner == uow.actor.user_id
                       else "revoked_by_admin"):
        audit.record(uow, "auth.revoke_session", "session", session_id, "Ended a session",
                     {"user_id": owner})


__all__ = [
    "accept_invitation", "actor_from_access_token", "confirm_enrolment", "renew_recovery_codes",
    "start_enrolment", "actor_from_session_cookie", "create_user",
    "ensure_user", "get_settings_row", "grant_role", "invite_user", "list_sessions", "list_users",
    "logout", "password_login", "refresh", "reset_mfa", "revoke_role", "revoke_session",
    "set_disabled", "set_password", "to_public", "unlock_user", "update_brand", "update_oidc",
    "update_security", "verify_mfa", "whoami",
]


def whoami(actor: Actor) -> Me:
    """The signed-in user, their property, roles there and effective permissions (GET /auth/me)."""
    from core.identity.access import properties_for, roles_at
    from core.identity.models import User

    with control_uow(write=False) as uow:
        user = uow.session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise NotFound("User not found.")
        roles = sorted(roles_at(uow.session, user, actor.property_id))
        prop = uow.session.get(Property, actor.property_id) if actor.property_id else None
        return Me(user=to_public(uow, user), property_id=actor.property_id,
                  property_name=prop.name if prop else None, chain_id=actor.chain_id,
                  roles=roles, permissions=sorted(actor.permissions),
                  session_id=actor.session_id,
                  properties=[PropertyChoice(id=p.id, name=p.name, slug=p.slug)
                              for p in properties_for(uow.session, user)])
