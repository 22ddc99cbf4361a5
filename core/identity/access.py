"""Turning a signed-in user into an Actor: the roles and permissions they hold at one property."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, or_, select

from core.actor import Actor
from core.errors import NotFound
from core.identity.models import ChainSettings, RoleGrant, User, UserStatus
from core.identity.permissions import DEFAULT_MFA_REQUIRED_ROLES, permissions_for
from core.tenancy.models import Property, PropertyStatus


def roles_at(session: Session, user: User, property_id: uuid.UUID | None) -> set[str]:
    """The user's roles at a property (chain roles count at every property of their chain).

    With `property_id=None`: the user's chain-level roles only.
    """
    conditions = []
    if property_id is not None:
        prop = session.get(Property, property_id)
        if prop is None:
            return set()
        conditions.append(col(RoleGrant.property_id) == property_id)
        conditions.append(col(RoleGrant.chain_id) == prop.chain_id)
    elif user.chain_id is not None:
        conditions.append(col(RoleGrant.chain_id) == user.chain_id)
    if not conditions:
        return set()
    grants = session.exec(select(RoleGrant.role).where(RoleGrant.user_id == user.id,
                                                       or_(*conditions))).all()
    return set(grants)


def all_roles(session: Session, user: User) -> set[str]:
    return set(session.exec(select(RoleGrant.role).where(RoleGrant.user_id == user.id)).all())


def chain_of(session: Session, user: User, property_id: uuid.UUID | None) -> uuid.UUID | None:
    if property_id is not None:
        prop = session.get(Property, property_id)
        return prop.chain_id if prop else None
    return user.chain_id


def mfa_required_roles(session: Session, chain_id: uuid.UUID | None) -> frozenset[str]:
    settings = session.get(ChainSettings, chain_id) if chain_id else None
    if settings is None:
        return DEFAULT_MFA_REQUIRED_ROLES
    return frozenset(settings.mfa_required_roles)


def build_actor(session: Session, user: User, property_id: uuid.UUID | None, *,
                session_id: str | None = None, ip: str | None = None,
                user_agent: str | None = None, kind: str = "staff") -> Actor:
    """The Actor for `user` working at `property_id` (None: chain level, as in tenant admin).

    A user with no role there gets NotFound, the same answer as for a property that does not
    exist, so nobody can probe which properties exist.
    """
    if user.status != UserStatus.active:
        raise NotFound("Property not found.")
    if property_id is not None:
        prop = session.get(Property, property_id)
        if prop is None or prop.status != PropertyStatus.active:
            raise NotFound("Property not found.")
        if user.chain_id not in (None, prop.chain_id) and not user.is_superuser:
            raise NotFound("Property not found.")
    roles = roles_at(session, user, property_id)
    if not roles and not user.is_superuser:
        raise NotFound("Property not found.")
    return Actor(
        kind=kind,
        user_id=user.id,
        name=user.name,
        property_id=property_id,
        chain_id=chain_of(session, user, property_id),
        permissions=permissions_for(roles),
        session_id=session_id,
        ip=ip,
        user_agent=user_agent,
        is_superuser=user.is_superuser,
    )


def properties_for(session: Session, user: User) -> list[Property]:
    """The active properties the user may sign in to (all of the chain for chain roles)."""
    grants = session.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    chain_ids = {g.chain_id for g in grants if g.chain_id is not None}
    property_ids = {g.property_id for g in grants if g.property_id is not None}
    query = select(Property).where(Property.status == PropertyStatus.active)
    if user.is_superuser:
        pass
    elif chain_ids or property_ids:
        query = query.where(or_(col(Property.chain_id).in_(chain_ids),
                                col(Property.id).in_(property_ids)))
    else:
        return []
    return list(session.exec(query.order_by(Property.name)).all())
