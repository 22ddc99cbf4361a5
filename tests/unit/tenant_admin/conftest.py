"""Console state tests: real states, services and databases; only the browser is left out.

`tab(StateClass, cookie)` gives a state in a fresh Reflex state tree, as if a browser tab holding
that session cookie had connected; handlers are then called directly.
"""

from __future__ import annotations

import uuid

import pytest

from core.actor import Actor

PASSWORD = "harbour-lights-2026"


def tab(state_cls, cookie: str | None, *, query: dict | None = None, origin: str = ""):
    from reflex.istate.data import RouterData
    from reflex.state import State

    headers = {"user-agent": "pytest", "origin": origin}
    if cookie:
        headers["cookie"] = f"gj_session={cookie}"
    router = RouterData.from_router_data({
        "headers": headers, "pathname": "/", "query": query or {},
        "asPath": "/?" + "&".join(f"{k}={v}" for k, v in (query or {}).items()),
        "sid": "sid", "token": uuid.uuid4().hex, "ip": "127.0.0.1"})
    names = state_cls.get_full_name().split(".")[1:]
    tree = State(_reflex_internal_init=True)
    tree.router = router
    for depth in range(1, len(names) + 1):
        tree.get_substate(names[:depth]).router = router
    return tree.get_substate(names)


def call(state, handler, *args):
    """Run an event handler's function as Reflex would; returns its follow-up events, if any."""
    return getattr(type(state), handler).fn(state, *args)


def browser_session(email: str, property_id: uuid.UUID | None = None) -> str:
    from core.identity.login import password_login

    step = password_login(email, PASSWORD, kind="browser", app="tenant_admin",
                          property_id=property_id)
    assert step.credentials is not None, "state tests sign in without MFA"
    return step.credentials.session_cookie


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
