"""Identity test helpers: a chain with two hotels, and staff accounts made through ensure_user."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from core.actor import Actor
from core.identity.permissions import ROLE_PERMISSIONS

PASSWORD = "correct horse battery staple"


@dataclass
class Hotels:
    chain_id: uuid.UUID
    a: uuid.UUID
    b: uuid.UUID
    tenant: object

    def staff(self, role: str, property_id: uuid.UUID | None = None, *,
              email: str | None = None, password: str = PASSWORD) -> uuid.UUID:
        from core.identity.grants import ensure_user

        pid = None if role == "chain_operator" else (property_id or self.a)
        grant = (role, pid, self.chain_id if role == "chain_operator" else None)
        user = ensure_user(email or f"{role}-{uuid.uuid4().hex[:6]}@example.com",
                           role.replace("_", " ").title(), password, [grant])
        return user.id

    def operator_actor(self) -> Actor:
        return Actor(kind="staff", user_id=uuid.uuid4(), name="Op", chain_id=self.chain_id,
                     permissions=ROLE_PERMISSIONS["chain_operator"])

    def manager_actor(self, property_id: uuid.UUID) -> Actor:
        return Actor(kind="staff", user_id=uuid.uuid4(), name="GM", chain_id=self.chain_id,
                     property_id=property_id, permissions=ROLE_PERMISSIONS["general_manager"])


@pytest.fixture
def hotels(tenant) -> Hotels:
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security

    hotels = Hotels(tenant.chain_id, tenant.make_property("Hotel A"),
                    tenant.make_property("Hotel B"), tenant)
    # Most tests sign in without a second factor; the MFA tests turn the requirement back on.
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    return hotels
