"""Console state tests: real states, services and databases; only the browser is left out.

Handlers are called directly on states built by console_support.tab (a fresh Reflex state tree,
as if a browser tab holding that session cookie had connected).
"""

from __future__ import annotations

import uuid

import pytest
from console_support import PASSWORD, browser_session

from core.actor import Actor


@pytest.fixture(scope="module")
def console(module_tenant):
    """A chain with two properties, an operator and a desk agent, both signed in (no MFA)."""
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    hotel = module_tenant.make_property("Console Hotel")
    with control_uow(Actor.system("test")) as uow:
        update_security(uow, module_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    suffix = uuid.uuid4().hex[:6]
    operator = f"op.{suffix}@console.example"
    desk = f"desk.{suffix}@console.example"
    ensure_user(operator, "Olga Operator", PASSWORD, [("chain_operator", None,
                                                       module_tenant.chain_id)])
    ensure_user(desk, "Dan Desk", PASSWORD, [("front_desk", hotel, None)])
    return {"tenant": module_tenant, "hotel": hotel, "operator": browser_session(operator),
            "desk": browser_session(desk, hotel), "operator_email": operator}
