"""Who can be given work at a property: attendants for cleaning, technicians for work orders."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core.actor import Actor
from core.db.uow import control_uow
from core.identity.models import RoleGrant, User, UserStatus

ATTENDANT_ROLES = ("housekeeper", "housekeeping_supervisor")
TECHNICIAN_ROLES = ("maintenance",)


def staff_with_roles(actor: Actor, property_id: uuid.UUID, roles: tuple[str, ...],
                     *, permission: str) -> list[tuple[uuid.UUID, str]]:
    """(user id, name) of active users holding one of `roles` at the property, by name.

    Only someone who hands out that work (`permission`) may list them.
    """
    actor.require(permission)
    with control_uow(actor, write=False) as uow:
        rows = uow.session.exec(
            select(User.id, User.name).join(RoleGrant, col(RoleGrant.user_id) == col(User.id))
            .where(RoleGrant.property_id == property_id, col(RoleGrant.role).in_(roles),
                   User.status == UserStatus.active).distinct()).all()
    return sorted(((uid, name) for uid, name in rows), key=lambda r: r[1].lower())


def attendants(actor: Actor, property_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    return staff_with_roles(actor, property_id, ATTENDANT_ROLES, permission="housekeeping.assign")


def technicians(actor: Actor, property_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    return staff_with_roles(actor, property_id, TECHNICIAN_ROLES, permission="maintenance.update")


__all__ = ["staff_with_roles", "attendants", "technicians"]
