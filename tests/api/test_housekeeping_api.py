"""Housekeeping and maintenance API: envelopes, the cleaning cycle, work orders with a photo
upload and a permission-checked download, refusals, and tenant isolation."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def hotel(sqlite_tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.services import create_room, create_room_type

    a = sqlite_tenant.make_property("Hotel A")
    b = sqlite_tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, sqlite_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    for email, role in (("sup@example.com", "housekeeping_supervisor"),
                        ("maria@example.com", "housekeeper"),
                        ("tech@example.com", "maintenance"), ("mk@example.com", "marketing")):
        ensure_user(email, email.split("@")[0].title(), PASSWORD, [(role, a, None)])
    with property_uow(a, Actor.system()) as uow:
        rt = create_room_type(uow, {"code": "DBL", "name": "Double", "max_occupancy": 2,
                                    "max_adults": 2})
        rooms = [create_room(uow, {"number": n, "room_type_id": rt.id, "floor": n[0]}).id
                 for n in ("101", "102", "201")]
        uow.commit()
    client = TestClient(create_api("pms_app"))

    def auth(email):
        r = client.post("/auth/login", json={"email": email, "password": PASSWORD,
                                             "property_id": str(a)})
        data = r.json()["data"]
        return {"Authorization": f"Bearer {data['access_token']}"}, data

    heads = {name: auth(f"{name}@example.com")[0] for name in ("sup", "maria", "tech", "mk")}
    maria_id = auth("maria@example.com")[1]["user_id"]
    return {"c": client, "a": a, "b": b, "rooms": rooms, "maria_id": maria_id, **heads,
            "hk": f"/api/v1/properties/{a}/housekeeping", "base": f"/api/v1/properties/{a}"}


def test_the_cleaning_cycle_over_the_api(hotel):
    c, hk, sup, maria = hotel["c"], hotel["hk"], hotel["sup"], hotel["maria"]
    room = str(hotel["rooms"][0])
    r = c.put(f"{hk}/rooms/{room}/condition", json={"condition": "dirty"}, headers=maria)
    assert r.status_code == 200 and r.json()["data"]["condition"] == "dirty"
    floor1 = c.get(f"{hk}/rooms?floor=1", headers=maria).json()
    assert floor1["meta"]["total"] == 2
    assert [row["label"] for row in floor1["data"]] == ["Vacant dirty", "Vacant clean"]

    body = {"room_ids": [room], "attendant_name": "Maria", "attendant_id": hotel["maria_id"]}
    assert c.post(f"{hk}/assignments", json=body, headers=maria).status_code == 403
    created = c.post(f"{hk}/assignments", json=body, headers={**sup, "Idempotency-Key": "a1"})
    assert created.status_code == 201
    task = created.json()["data"][0]["id"]
    mine = c.get(f"{hk}/rooms?attendant_id={hotel['maria_id']}", headers=maria).json()["data"]
    assert [r["room_id"] for r in mine] == [room]
    assert c.put(f"{hk}/tasks/{task}/status", json={"status": "in_progress"},
                 headers=hotel["tech"]).status_code == 403
    for status in ("in_progress", "done"):
        r = c.put(f"{hk}/tasks/{task}/status", json={"status": status}, headers=maria)
        assert r.status_code == 200, r.text
    refused = c.put(f"{hk}/tasks/{task}/status", json={"status": "passed"}, headers=maria)
    assert refused.status_code == 403 and refused.json()["success"] is False
    bad = c.put(f"{hk}/tasks/{task}/status", json={"status": "sparkling"}, headers=sup)
    assert bad.status_code == 422 and bad.json()["error"]["fields"] == {
        "status": "must be in_progress, done, passed or failed"}
    r = c.put(f"{hk}/tasks/{task}/status", json={"status": "passed"}, headers=sup)
    assert r.json()["data"]["status"] == "passed"
    row = c.get(f"{hk}/rooms?floor=1", headers=sup).json()["data"][0]
    assert row["label"] == "Vacant inspected" and row["task"]["status"] == "passed"
    assert c.get(f"{hk}/tasks/{task}", headers=sup).json()["data"]["status"] == "passed"
    assert c.get(f"{hk}/rooms", headers=hotel["mk"]).status_code == 403
    other = f"/api/v1/properties/{hotel['b']}/housekeeping/rooms"
    assert c.get(other, headers=sup).status_code == 404


def test_out_of_service_and_out_of_order_over_the_api(hotel):
    from datetime import date, timedelta

    c, hk, sup = hotel["c"], hotel["hk"], hotel["sup"]
    room = str(hotel["rooms"][2])
    missing = c.put(f"{hk}/rooms/{room}/out-of-service", json={"out_of_service": True},
                    headers=sup)
    assert missing.status_code == 422 and missing.json()["error"]["fields"] == {
        "reason": "is required"}
    start = date.today() + timedelta(days=30)
    body = {"start": start.isoformat(), "end": (start + timedelta(days=2)).isoformat(),
            "reason": "Bathroom refit"}
    ooo = c.post(f"{hk}/rooms/{room}/out-of-order", json=body, headers=sup)
    assert ooo.status_code == 201
    again = c.post(f"{hk}/rooms/{room}/out-of-order", json=body, headers=sup)
    assert again.status_code == 409 and again.json()["error"]["code"] == "room_occupied"
    period = ooo.json()["data"]["id"]
    assert c.delete(f"{hk}/out-of-order/{period}", headers=sup).status_code == 403
    assert c.delete(f"{hk}/out-of-order/{period}", headers=hotel["tech"]).status_code == 200


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (64, 48), (0, 120, 200, 255)).save(out, "PNG")
    return out.getvalue()


def test_a_work_order_with_a_photo_over_the_api(hotel):
    c, base, maria, tech = hotel["c"], hotel["base"], hotel["maria"], hotel["tech"]
    bad = c.post(f"{base}/work-orders", json={"description": " ", "category": "x"},
                 headers=maria)
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"room_id", "category", "description"}
    made = c.post(f"{base}/work-orders", json={
        "room_id": str(hotel["rooms"][1]), "category": "plumbing", "priority": "urgent",
        "description": "Tap leaking", "source": "housekeeping"},
        headers={**maria, "Idempotency-Key": "wo-1"})
    assert made.status_code == 201
    order = made.json()["data"]
    replay = c.post(f"{base}/work-orders", json={
        "room_id": str(hotel["rooms"][1]), "category": "plumbing", "priority": "urgent",
        "description": "Tap leaking", "source": "housekeeping"},
        headers={**maria, "Idempotency-Key": "wo-1"})
    assert replay.json()["data"]["id"] == order["id"]

    url = f"{base}/work-orders/{order['id']}"
    up = c.post(f"{url}/photos", files={"file": ("tap.png", _png(), "image/png")},
                headers=maria)
    assert up.status_code == 201, up.text
    [media_id] = up.json()["data"]["photo_ids"]
    wrong = c.post(f"{url}/photos", files={"file": ("evil.png", b"<script>", "image/png")},
                   headers=maria)
    assert wrong.status_code == 415
    assert wrong.json()["error"]["code"] == "unsupported_file_type"
    huge = c.post(f"{url}/photos", files={"file": ("big.jpg", b"\xff\xd8\xff" + bytes(11 << 20),
                                                   "image/jpeg")}, headers=maria)
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "body_too_large"
    # Just over 10 MB fits under the body limit's multipart allowance: the service refuses it.
    over = c.post(f"{url}/photos", files={"file": ("big.jpg", b"\xff\xd8\xff" + bytes(10 << 20),
                                                   "image/jpeg")}, headers=maria)
    assert over.status_code == 413 and over.json()["error"]["code"] == "file_too_large"
    assert over.json()["error"]["fields"] == {"file": "larger than 10 MB"}

    photo = c.get(f"{base}/media/{media_id}", headers=tech)
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/png"
    assert photo.headers["x-content-type-options"] == "nosniff"
    assert Image.open(io.BytesIO(photo.content)).size == (64, 48)
    thumb = c.get(f"{base}/media/{media_id}?thumbnail=true", headers=tech)
    assert thumb.headers["content-type"] == "image/jpeg"
    assert c.get(f"{base}/media/{media_id}", headers=maria).status_code == 403
    assert TestClient(c.app).get(f"{base}/media/{media_id}").status_code == 401

    for status in ("in_progress", "done", "verified"):
        r = c.put(f"{url}/status", json={"status": status}, headers=tech)
        assert r.status_code == 200, r.text
    listed = c.get(f"{base}/work-orders?open_only=true", headers=tech).json()
    assert order["id"] not in [o["id"] for o in listed["data"]]
    assert c.get(url, headers=tech).json()["data"]["status"] == "verified"
