"""API test set-up: two hotels (A and B) of one chain, staff at each, and signed-in clients."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.actor import Actor
from core.db.uow import control_uow, property_uow

PASSWORD = "correct horse battery staple"
GUEST = {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com",
         "phone": "+351 912 345 678"}
# role per user, at hotel A unless the name ends in "_b"
USERS = {"desk": "front_desk", "hk": "housekeeper", "gs": "guest_services",
         "gm": "general_manager", "rm": "revenue_manager",
         "desk_b": "front_desk"}


@dataclass
class Hotel:
    id: uuid.UUID
    room_type_id: uuid.UUID
    rate_plan_id: uuid.UUID
    room_ids: list[uuid.UUID]
    today: date


@dataclass
class Api:
    """What an API test needs: a client, two hotels and a bearer header per user."""

    backend: str
    client: object  # fastapi.testclient.TestClient
    a: Hotel
    b: Hotel
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    _offset: Iterator[int] = field(default_factory=lambda: iter(range(5, 990, 3)))

    def url(self, path: str = "", hotel: Hotel | None = None) -> str:
        return f"/api/v1/properties/{(hotel or self.a).id}{path}"

    def stay(self, nights: int = 2) -> tuple[str, str]:
        """Dates no other test in the module books (each test has its own nights)."""
        arrival = self.a.today + timedelta(days=next(self._offset))
        return arrival.isoformat(), (arrival + timedelta(days=nights)).isoformat()

    def booking(self, hotel: Hotel | None = None, **extra) -> dict:
        hotel = hotel or self.a
        arrival, departure = self.stay()
        return {"room_type_id": str(hotel.room_type_id), "rate_plan_id": str(hotel.rate_plan_id),
                "arrival": arrival, "departure": departure, "adults": 2,
                "guest": dict(GUEST), **extra}


def make_hotel(tenant, name: str, rooms: int = 3) -> Hotel:
    from core.properties.models import get_settings_row
    from core.properties.services import create_room, create_room_type
    from core.rates.services import create_rate_plan, set_rate_days
    from core.timeutil import local_today

    pid = tenant.make_property(name)
    with property_uow(pid, Actor.system()) as uow:
        today = local_today(get_settings_row(uow.session).timezone)
        rt = create_room_type(uow, {"code": "DBL", "name": "Double", "max_occupancy": 3,
                                    "max_adults": 3, "max_children": 2})
        room_ids = [create_room(uow, {"number": f"{100 + i}", "floor": "1",
                                      "room_type_id": rt.id}).id for i in range(rooms)]
        plan = create_rate_plan(uow, {"code": "BAR", "name": "Best available rate",
                                      "room_type_id": rt.id, "adult_prices": {}})
        set_rate_days(uow, plan.id, {"start": today, "end": today + timedelta(days=1000),
                                     "price": Decimal("120.00")})
        uow.commit()
    return Hotel(pid, rt.id, plan.id, room_ids, today)


def sign_in(client, email: str, property_id: uuid.UUID) -> dict[str, str]:
    r = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                         "property_id": str(property_id)})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['data']['access_token']}"}


def make_api(tenant, monkeypatch, **env: str) -> Api:
    """Two hotels, the USERS signed in; `env` sets settings such as rate limits first."""
    from fastapi.testclient import TestClient

    from core.api import create_api
    from core.config import reset_settings
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    reset_settings()
    a, b = make_hotel(tenant, "Hotel A"), make_hotel(tenant, "Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    for user, role in USERS.items():
        hotel = b if user.endswith("_b") else a
        ensure_user(f"{user}@example.com", user.title(), PASSWORD, [(role, hotel.id, None)])
    client = TestClient(create_api("pms_app"))
    api = Api(tenant.backend, client, a, b)
    for user in USERS:
        api.headers[user] = sign_in(client, f"{user}@example.com",
                                    b.id if user.endswith("_b") else a.id)
    client.cookies.clear()  # tests send the bearer header; a stray cookie would sign them in
    return api


@contextmanager
def api_on(tenant, **env: str) -> Iterator[Api]:
    """The body of a module-scoped `api` fixture built on `module_tenant`."""
    from core.config import reset_settings

    mp = pytest.MonkeyPatch()
    try:
        yield make_api(tenant, mp, **env)
    finally:
        mp.undo()
        reset_settings()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread (a real socket, real concurrency); yields its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
