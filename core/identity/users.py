"""Managing staff accounts: create, invite, disable, unlock, reset MFA (control-plane services).

Each function takes a control-plane unit of work whose actor holds users.manage; operators see
the users of their own chain, property managers those who work at their property. Anything else
is "not found". Every change is audited; the caller commits.
"""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import Conflict, NotFound, ValidationFailed
from core.identity import mfa, passwords, rules, sessions, throttle
from core.identity.auth_models import OneTimeToken
from core.identity.crypto import new_token, token_hash
from core.identity.errors import DuplicateUser, InvalidCredentials, InvalidToken, UserNotFound
from core.identity.models import RoleGrant, User, UserStatus
from core.identity.schemas import GrantPublic, Invitation, UserPublic
from core.timeutil import utcnow


def _in_scope(uow: UnitOfWork, user: User, *, for_change: bool) -> bool:
    actor = uow.actor
    if actor.is_superuser:
        return True
    if user.chain_id is None or user.chain_id != actor.chain_id:
        return False
    if actor.property_id is None:
        return True
    scopes = set(uow.session.exec(select(RoleGrant.scope).where(RoleGrant.user_id == user.id)).all())
    mine = f"property:{actor.property_id}"
    # A property manager changes only people who work nowhere else (else ask the chain operator).
    return scopes <= {mine} if for_change else mine in scopes


def get_user_for_change(uow: UnitOfWork, user_id: uuid.UUID, *, for_change: bool = True) -> User:
    uow.actor.require("users.manage")
    user = uow.session.get(User, user_id)
    if user is None or not _in_scope(uow, user, for_change=for_change):
        raise UserNotFound()
    return user


def get_user_for_grant(uow: UnitOfWork, user_id: uuid.UUID) -> User:
    """A user of the actor's chain: property managers may give anyone of the chain a role at
    their own property (the grant's scope is checked separately)."""
    uow.actor.require("users.manage")
    user = uow.session.get(User, user_id)
    if user is None or not (uow.actor.is_superuser or
                            (user.chain_id is not None and user.chain_id == uow.actor.chain_id)):
        raise UserNotFound()
    return user


def to_public(uow: UnitOfWork, user: User) -> UserPublic:
    grants = uow.session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)
                              .order_by(RoleGrant.role)).all()
    locked = throttle.locked_until(uow.session, [user.email]).get(user.email)
    return UserPublic(
        id=user.id, chain_id=user.chain_id, email=user.email, name=user.name,
        status=user.status.value, mfa_enabled=user.mfa_enabled, locked_until=locked,
        last_login_at=user.last_login_at, created_at=user.created_at,
        grants=[GrantPublic(id=g.id, role=g.role, property_id=g.property_id, chain_id=g.chain_id)
                for g in grants],
    )


def _target_chain(uow: UnitOfWork, chain_id: uuid.UUID | None) -> uuid.UUID | None:
    actor = uow.actor
    if actor.is_superuser:
        return chain_id or actor.chain_id
    if chain_id not in (None, actor.chain_id):
        raise NotFound("Chain not found.", fields={"chain_id": "no such chain"})
    return actor.chain_id


def create_user(uow: UnitOfWork, email: str, name: str, password: str | None = None, *,
                chain_id: uuid.UUID | None = None, is_superuser: bool = False) -> User:
    """A new account in the actor's chain; without a password it is `invited` (see invite_user)."""
    uow.actor.require("users.manage")
    email = rules.normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("Enter the person's name.", fields={"name": "is required"})
    if password is not None:
        passwords.check_policy(password, email=email)
    if is_superuser and not uow.actor.is_superuser:
        uow.actor.require("platform.superuser")
    if uow.session.exec(select(User).where(User.email == email)).first():
        raise DuplicateUser()
    user = User(chain_id=_target_chain(uow, chain_id), email=email, name=name[:200],
                is_superuser=is_superuser,
                status=UserStatus.active if password else UserStatus.invited,
                password_hash=passwords.hash_password(password) if password else None,
                password_changed_at=utcnow() if password else None)
    uow.session.add(user)
    uow.session.flush()
    audit.record(uow, "users.create", "user", user.id, f"Created {email}",
                 {"email": email, "name": user.name})
    return user


def invite_user(uow: UnitOfWork, email: str, name: str) -> Invitation:
    """Create an account without a password and a one-time link token to set it (valid 7 days)."""
    user = create_user(uow, email, name)
    raw = new_token()
    expires = utcnow() + rules.INVITATION_TTL
    uow.session.add(OneTimeToken(token_hash=token_hash(raw), purpose="invite", user_id=user.id,
                                 expires_at=expires))
    audit.record(uow, "users.invite", "user", user.id, f"Invited {user.email}")
    return Invitation(user=to_public(uow, user), token=raw, expires_at=expires)


def accept_invitation(uow: UnitOfWork, token: str, password: str) -> User:
    """The invited person sets their password (the token works once)."""
    row = uow.session.exec(select(OneTimeToken).where(
        OneTimeToken.token_hash == token_hash(token or ""), OneTimeToken.purpose == "invite",
    ).with_for_update()).first()
    if row is None or row.used_at or row.expires_at <= utcnow() or row.user_id is None:
        raise InvalidToken("This invitation link has expired or was already used.")
    user = uow.session.get(User, row.user_id)
    if user is None or user.status != UserStatus.invited:
        raise InvalidToken("This invitation link has expired or was already used.")
    passwords.check_policy(password, email=user.email)
    user.password_hash = passwords.hash_password(password)
    user.password_changed_at = utcnow()
    user.status = UserStatus.active
    row.used_at = utcnow()
    uow.session.add_all([user, row])
    audit.record(uow, "users.accept_invitation", "user", user.id, f"{user.email} set a password")
    return user


def list_users(uow: UnitOfWork, *, search: str | None = None, status: str | None = None,
               locked_only: bool = False) -> list[UserPublic]:
    uow.actor.require("users.manage")
    query = select(User).order_by(User.email)
    actor = uow.actor
    if not actor.is_superuser:
        query = query.where(User.chain_id == actor.chain_id)
    if actor.property_id is not None and not actor.is_superuser:
        query = query.where(col(User.id).in_(select(RoleGrant.user_id).where(
            RoleGrant.property_id == actor.property_id)))
    if search:
        like = f"%{search.strip().lower()}%"
        query = query.where(col(User.email).like(like) | col(User.name).ilike(like))
    if status:
        query = query.where(User.status == UserStatus(status))
    users = [to_public(uow, u) for u in uow.session.exec(query).all()]
    return [u for u in users if u.locked_until] if locked_only else users


def set_disabled(uow: UnitOfWork, user_id: uuid.UUID, disabled: bool) -> User:
    """Disable (ends every session and token family at once) or re-enable an account."""
    user = get_user_for_change(uow, user_id)
    if user.id == uow.actor.user_id and disabled:
        raise Conflict("You cannot disable your own account.", fields={"user_id": "is you"})
    if disabled and user.status != UserStatus.disabled:
        user.status, user.disabled_at = UserStatus.disabled, utcnow()
        ended = sessions.revoke_all(uow.session, user.id, "user_disabled")
        audit.record(uow, "users.disable", "user", user.id, f"Disabled {user.email}",
                     {"sessions_ended": ended})
    elif not disabled and user.status == UserStatus.disabled:
        user.status = UserStatus.active if user.password_hash else UserStatus.invited
        user.disabled_at = None
        audit.record(uow, "users.enable", "user", user.id, f"Re-enabled {user.email}")
    uow.session.add(user)
    return user


def unlock_user(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    user = get_user_for_change(uow, user_id)
    was_locked = throttle.unlock(uow.session, user.email)
    audit.record(uow, "users.unlock", "user", user.id, f"Unlocked {user.email}",
                 {"was_locked": was_locked})
    return was_locked


def reset_mfa(uow: UnitOfWork, user_id: uuid.UUID) -> None:
    """Remove a lost authenticator: the user enrols again at the next sign-in."""
    user = get_user_for_change(uow, user_id)
    mfa.disable(uow.session, user)
    sessions.revoke_all(uow.session, user.id, "mfa_reset")
    audit.record(uow, "users.reset_mfa", "user", user.id, f"Reset two-step sign-in of {user.email}")


def set_password(uow: UnitOfWork, user_id: uuid.UUID, new_password: str, *,
                 current_password: str | None = None) -> None:
    """Change one's own password (needs the current one) or, as a manager, someone else's."""
    if user_id == uow.actor.user_id:
        user = uow.session.get(User, user_id)
        if user is None:
            raise UserNotFound()
        if not passwords.verify_password(user.password_hash, current_password or ""):
            raise InvalidCredentials("The current password is not correct.",
                                     fields={"current_password": "is not correct"})
    else:
        user = get_user_for_change(uow, user_id)
    passwords.check_policy(new_password, email=user.email)
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = utcnow()
    uow.session.add(user)
    # Other devices signed in with the old password are signed out.
    ended = sessions.revoke_all(uow.session, user.id, "password_changed")
    audit.record(uow, "users.set_password", "user", user.id, f"Password changed for {user.email}",
                 {"sessions_ended": ended})
