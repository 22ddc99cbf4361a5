"""PMS state test helpers (a uniquely named module: several test folders have a conftest)."""

from __future__ import annotations

import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("GJ_APP", "pms_app")
# desk_support (hotel set-up) lives with the front-desk integration tests.
sys.path.append(str(Path(__file__).resolve().parents[2] / "integration" / "frontdesk"))

PASSWORD = "harbour-lights-2026"


@dataclass
class Desk:
    hotel: object
    cookies: dict[str, str]


def sign_in(email: str, property_id: uuid.UUID) -> str:
    from core.identity.login import password_login

    step = password_login(email, PASSWORD, kind="browser", app="pms_app", property_id=property_id)
    assert step.credentials is not None, "test users must not need MFA"
    return step.credentials.session_cookie


def make_state(state_cls, cookie: str | None, *, params: dict | None = None,
               query: str = ""):
    """A state of `state_cls` in a fresh tree, as if a tab with this cookie had connected."""
    from reflex.istate.data import RouterData
    from reflex.state import State

    root = State(_reflex_internal_init=True)
    path = state_cls.get_full_name().split(".")[1:]
    router = RouterData.from_router_data({
        "headers": {"cookie": f"gj_session={cookie}" if cookie else "",
                    "user-agent": "pytest"},
        "pathname": "/", "query": params or {}, "asPath": "/" + (f"?{query}" if query else ""),
        "sid": "sid", "token": uuid.uuid4().hex, "ip": "127.0.0.1",
    })
    root.router = router
    state = root.get_substate(path)
    for s in (root, *[root.get_substate(path[:i]) for i in range(1, len(path) + 1)]):
        s.router = router
    return state


def run(handler, state, *args):
    """Call an event handler's function the way Reflex does (it may return follow-up events)."""
    return handler.fn(state, *args)
