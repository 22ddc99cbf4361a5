"""Helpers for the console's state tests: a state as a browser tab with a session would see it."""

from __future__ import annotations

import uuid

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
