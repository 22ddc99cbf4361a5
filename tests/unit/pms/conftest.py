"""PMS state tests: real states, real services and databases; only the browser is left out.

A state is instantiated in a fresh Reflex state tree and its handlers are called directly; the
session cookie a browser would send is put where the state reads it (the websocket's headers).
Helpers live in pms_support (import them from there, not from conftest).
"""

from __future__ import annotations

import uuid

import pytest
from pms_support import PASSWORD, Desk, make_state, run, sign_in  # noqa: F401 (re-exported)


@pytest.fixture(scope="module")
def desk(module_tenant) -> Desk:
    from desk_support import make_desk_hotel

    from core.actor import Actor
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    hotel = make_desk_hotel(module_tenant.make_property("State Hotel"))
    with control_uow(Actor.system("test")) as uow:
        update_security(uow, module_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    cookies = {}
    for role in ("front_desk", "guest_services", "housekeeper", "accountant", "night_auditor"):
        email = f"{role}.{uuid.uuid4().hex[:6]}@desk.example"
        ensure_user(email, role.replace("_", " ").title(), PASSWORD,
                    [(role, hotel.property_id, None)], chain_id=module_tenant.chain_id)
        cookies[role] = sign_in(email, hotel.property_id)
    return Desk(hotel, cookies)

