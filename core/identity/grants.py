"""Granting and revoking roles, and idempotent account seeding for demos and set-up scripts."""

from __future__ import annotations

import uuid

from sqlmodel import select

from core import audit
from core.actor import Actor
from core.db.uow import UnitOfWork, control_uow
from core.errors import NotFound, PermissionDenied
from core.identity import passwords, rules, session_cache
from core.identity.models import RoleGrant, User, UserStatus
from core.identity.users import get_user_for_grant
from core.tenancy.models import Chain, Property

GrantSpec = tuple[str, uuid.UUID | None, uuid.UUID | None]  # (role, property_id, chain_id)


def _check_scope(uow: UnitOfWork, role: str, property_id: uuid.UUID | None,
                 chain_id: uuid.UUID | None) -> str:
    scope = rules.grant_scope(role, property_id, chain_id)
    actor = uow.actor
    if property_id is not None:
        prop = uow.session.get(Property, property_id)
        # A property the actor does not manage is answered exactly like one that does not exist.
        if prop is None or not rules.manages_property(actor, property_id, prop.chain_id):
            raise NotFound("Property not found.", fields={"property_id": "no such property"})
    else:
        chain = uow.session.get(Chain, chain_id)
        if chain is None or not (actor.is_superuser or
                                 (actor.property_id is None and actor.chain_id == chain_id)):
            raise NotFound("Chain not found.", fields={"chain_id": "no such chain"})
    if not rules.may_grant(actor, role):
        raise PermissionDenied(f"You cannot grant the {role} role.", code="role_not_grantable",
                               fields={"role": "holds permissions you do not have"})
    return scope


def grant_role(uow: UnitOfWork, user_id: uuid.UUID, role: str, *,
               property_id: uuid.UUID | None = None, chain_id: uuid.UUID | None = None
               ) -> RoleGrant:
    """Give `role` at a property (or, for chain roles, a chain). Granting twice is a no-op."""
    uow.actor.require("users.manage")
    scope = _check_scope(uow, role, property_id, chain_id)
    user = get_user_for_grant(uow, user_id)
    if property_id is not None:
        prop = uow.session.get(Property, property_id)
        if prop is None or (user.chain_id is not None and prop.chain_id != user.chain_id):
            raise NotFound("Property not found.", fields={"property_id": "no such property"})
    existing = uow.session.exec(select(RoleGrant).where(
        RoleGrant.user_id == user.id, RoleGrant.role == role, RoleGrant.scope == scope)).first()
    if existing:
        return existing
    grant = RoleGrant(user_id=user.id, role=role, property_id=property_id, chain_id=chain_id,
                      scope=scope, granted_by=uow.actor.user_id)
    uow.session.add(grant)
    audit.record(uow, "users.grant_role", "user", user.id, f"Granted {role} to {user.email}",
                 {"role": role, "property_id": property_id, "chain_id": chain_id})
    return grant


def revoke_role(uow: UnitOfWork, user_id: uuid.UUID, role: str, *,
                property_id: uuid.UUID | None = None, chain_id: uuid.UUID | None = None) -> bool:
    """Take a role away; the user's next request already runs without it. False if not held."""
    uow.actor.require("users.manage")
    scope = _check_scope(uow, role, property_id, chain_id)
    user = get_user_for_grant(uow, user_id)
    grant = uow.session.exec(select(RoleGrant).where(
        RoleGrant.user_id == user.id, RoleGrant.role == role, RoleGrant.scope == scope)).first()
    if grant is None:
        return False
    uow.session.delete(grant)
    session_cache.forget_after_commit(uow.session)  # live screens re-check now
    audit.record(uow, "users.revoke_role", "user", user.id, f"Revoked {role} from {user.email}",
                 {"role": role, "property_id": property_id, "chain_id": chain_id})
    return True


def ensure_user(email: str, name: str, password: str, grants: list[GrantSpec] | None = None, *,
                chain_id: uuid.UUID | None = None, is_superuser: bool = False) -> User:
    """Create the user if missing and add any missing grants (idempotent; for demo seeding).

    An existing user's password is left alone. The chain comes from `chain_id`, else from the
    first grant. Runs as the system actor and is audited as such.
    """
    email = rules.normalise_email(email)
    with control_uow(Actor.system("seed")) as uow:
        user = uow.session.exec(select(User).where(User.email == email)).first()
        if user is None:
            passwords.check_policy(password, email=email)
            home = chain_id or _chain_of_grants(uow, list(grants or []))
            user = User(chain_id=home, email=email, name=name, is_superuser=is_superuser,
                        status=UserStatus.active, password_hash=passwords.hash_password(password))
            uow.session.add(user)
            uow.session.flush()
            audit.record(uow, "users.create", "user", user.id, f"Created {email} (seed)")
        for role, property_id, grant_chain in grants or []:
            grant_role(uow, user.id, role, property_id=property_id, chain_id=grant_chain)
        uow.commit()
        return user


def _chain_of_grants(uow: UnitOfWork, grants: list[GrantSpec]) -> uuid.UUID | None:
    for _role, property_id, chain_id in grants:
        if chain_id:
            return chain_id
        if property_id:
            prop = uow.session.get(Property, property_id)
            if prop:
                return prop.chain_id
    return None
