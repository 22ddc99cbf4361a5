"""Housekeeping and maintenance API: envelopes, the cleaning cycle, work orders with a photo
upload and a permission-checked download, refusals, tenant isolation, and lists that page like
every v1 list. Answers are checked against the shapes /api/openapi.json documents."""

from __future__ import annotations

import io

import pytest
from contract import documented
from fastapi.testclient import TestClient
from PIL import Image

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow, property_uow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def hotel(tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.properties.services import create_room, create_room_type

    a = tenant.make_property("Hotel A")
    b = tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=[])
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
    assert r.status_code == 200 and documented(r, c.app)["data"]["condition"] == "dirty"
    floor1 = documented(c.get(f"{hk}/rooms?floor=1", headers=maria), c.app)
    assert floor1["meta"] == {"page": 1, "per_page": 50, "total": 2, "pages": 1}
    assert [row["label"] for row in floor1["data"]] == ["Vacant dirty", "Vacant clean"]

    body = {"room_ids": [room], "attendant_name": "Maria", "attendant_id": hotel["maria_id"]}
    assert c.post(f"{hk}/assignments", json=body, headers=maria).status_code == 403
    created = c.post(f"{hk}/assignments", json=body, headers={**sup, "Idempotency-Key": "a1"})
    assert created.status_code == 201
    task = documented(created, c.app)["data"][0]["id"]
    mine = c.get(f"{hk}/rooms?attendant_id={hotel['maria_id']}", headers=maria).json()["data"]
    assert [r["room_id"] for r in mine] == [room]
    assert c.put(f"{hk}/tasks/{task}/status", json={"status": "in_progress"},
                 headers=hotel["tech"]).status_code == 403
    for status in ("in_progress", "done"):
        r = c.put(f"{hk}/tasks/{task}/status", json={"status": status}, headers=maria)
        assert r.status_code == 200, r.text
    refused = c.put(f"{hk}/tasks/{task}/status", json={"status": "passed"}, headers=maria)
    assert refused.status_code == 403 and documented(refused, c.app)["success"] is False
    bad = c.put(f"{hk}/tasks/{task}/status", json={"status": "sparkling"}, headers=sup)
    assert bad.status_code == 422 and documented(bad, c.app)["error"]["fields"] == {
        "status": "must be in_progress, done, passed or failed"}
    r = c.put(f"{hk}/tasks/{task}/status", json={"status": "passed"}, headers=sup)
    assert documented(r, c.app)["data"]["status"] == "passed"
    row = c.get(f"{hk}/rooms?floor=1", headers=sup).json()["data"][0]
    assert row["label"] == "Vacant inspected" and row["task"]["status"] == "passed"
    one = documented(c.get(f"{hk}/tasks/{task}", headers=sup), c.app)["data"]
    assert one["status"] == "passed" and one["inspected_by"] == "Sup"
    assert c.get(f"{hk}/rooms", headers=hotel["mk"]).status_code == 403
    other = c.get(f"/api/v1/properties/{hotel['b']}/housekeeping/rooms", headers=sup)
    assert other.status_code == 404 and documented(other, c.app)["success"] is False
    gone = c.get(f"{hk}/tasks/00000000-0000-4000-8000-000000000000", headers=sup)
    assert gone.status_code == 404 and documented(gone, c.app)["error"]["fields"] == {
        "task_id": "no such task"}


def test_out_of_service_and_out_of_order_over_the_api(hotel):
    from datetime import date, timedelta

    c, hk, sup = hotel["c"], hotel["hk"], hotel["sup"]
    room = str(hotel["rooms"][2])
    missing = c.put(f"{hk}/rooms/{room}/out-of-service", json={"out_of_service": True},
                    headers=sup)
    assert missing.status_code == 422 and documented(missing, c.app)["error"]["fields"] == {
        "reason": "is required"}
    flagged = c.put(f"{hk}/rooms/{room}/out-of-service",
                    json={"out_of_service": True, "reason": "Noisy fan"}, headers=sup)
    assert documented(flagged, c.app)["data"] == {
        "room_id": room, "condition": "clean", "out_of_service": True,
        "out_of_service_reason": "Noisy fan"}
    start = date.today() + timedelta(days=30)
    body = {"start": start.isoformat(), "end": (start + timedelta(days=2)).isoformat(),
            "reason": "Bathroom refit"}
    ooo = c.post(f"{hk}/rooms/{room}/out-of-order", json=body, headers=sup)
    assert ooo.status_code == 201
    assert {k: v for k, v in documented(ooo, c.app)["data"].items() if k != "id"} == {
        "room_id": room, "start_date": body["start"], "end_date": body["end"],
        "reason": "Bathroom refit"}
    again = c.post(f"{hk}/rooms/{room}/out-of-order", json=body, headers=sup)
    assert again.status_code == 409 and documented(again, c.app)["error"]["code"] == \
        "room_occupied"
    period = ooo.json()["data"]["id"]
    assert c.delete(f"{hk}/out-of-order/{period}", headers=sup).status_code == 403
    ended = c.delete(f"{hk}/out-of-order/{period}", headers=hotel["tech"])
    assert ended.status_code == 200 and documented(ended, c.app)["data"]["id"] == period


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (64, 48), (0, 120, 200, 255)).save(out, "PNG")
    return out.getvalue()


def test_a_work_order_with_a_photo_over_the_api(hotel):
    c, base, maria, tech = hotel["c"], hotel["base"], hotel["maria"], hotel["tech"]
    bad = c.post(f"{base}/work-orders", json={"description": " ", "category": "x"},
                 headers=maria)
    assert bad.status_code == 422
    assert set(documented(bad, c.app)["error"]["fields"]) == {"room_id", "category",
                                                              "description"}
    made = c.post(f"{base}/work-orders", json={
        "room_id": str(hotel["rooms"][1]), "category": "plumbing", "priority": "urgent",
        "description": "Tap leaking", "source": "housekeeping"},
        headers={**maria, "Idempotency-Key": "wo-1"})
    assert made.status_code == 201
    order = documented(made, c.app)["data"]
    assert (order["status"], order["priority"], order["room_number"]) == ("open", "urgent", "102")
    replay = c.post(f"{base}/work-orders", json={
        "room_id": str(hotel["rooms"][1]), "category": "plumbing", "priority": "urgent",
        "description": "Tap leaking", "source": "housekeeping"},
        headers={**maria, "Idempotency-Key": "wo-1"})
    assert replay.json()["data"]["id"] == order["id"]

    url = f"{base}/work-orders/{order['id']}"
    up = c.post(f"{url}/photos", files={"file": ("tap.png", _png(), "image/png")},
                headers=maria)
    assert up.status_code == 201, up.text
    [media_id] = documented(up, c.app)["data"]["photo_ids"]
    wrong = c.post(f"{url}/photos", files={"file": ("evil.png", b"<script>", "image/png")},
                   headers=maria)
    assert wrong.status_code == 415
    assert documented(wrong, c.app)["error"]["code"] == "unsupported_file_type"
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
        assert r.status_code == 200 and documented(r, c.app)["data"]["status"] == status
    backwards = c.put(f"{url}/status", json={"status": "open"}, headers=tech)
    assert backwards.status_code == 409 and documented(backwards, c.app)["success"] is False
    listed = documented(c.get(f"{base}/work-orders?open_only=true", headers=tech), c.app)
    assert order["id"] not in [o["id"] for o in listed["data"]]
    assert listed["meta"] == {"page": 1, "per_page": 50, "total": 0, "pages": 0}
    assert documented(c.get(url, headers=tech), c.app)["data"]["status"] == "verified"


def _pages(c, url: str, headers: dict, per_page: int) -> tuple[list[dict], list[dict]]:
    """Every page of a list, in order: (all items, each page's meta)."""
    items, metas, page = [], [], 1
    while True:
        body = documented(c.get(url, params={"page": page, "per_page": per_page},
                                headers=headers), c.app)
        metas.append(body["meta"])
        if not body["data"]:
            return items, metas
        assert len(body["data"]) <= per_page
        items += body["data"]
        page += 1


def _refuses_bad_paging(c, url: str, headers: dict) -> None:
    for params, field in (({"per_page": 201}, "per_page"), ({"per_page": 0}, "per_page"),
                          ({"per_page": "ten"}, "per_page"), ({"page": 0}, "page")):
        r = c.get(url, params=params, headers=headers)
        assert r.status_code == 422, (params, r.text)
        error = documented(r, c.app)["error"]
        assert error["code"] == "validation_error" and set(error["fields"]) == {field}
    assert c.get(url, params={"per_page": 200}, headers=headers).status_code == 200


def test_the_board_and_the_tasks_page_like_every_v1_list(hotel):
    c, hk, sup = hotel["c"], hotel["hk"], hotel["sup"]
    rooms, metas = _pages(c, f"{hk}/rooms", sup, per_page=2)
    assert [r["number"] for r in rooms] == ["101", "102", "201"]
    assert metas == [{"page": p, "per_page": 2, "total": 3, "pages": 2} for p in (1, 2, 3)]
    second = documented(c.get(f"{hk}/rooms?page=2&per_page=2&floor=1", headers=sup), c.app)
    assert second["data"] == [] and second["meta"]["total"] == 2
    _refuses_bad_paging(c, f"{hk}/rooms", sup)

    assigned = c.post(f"{hk}/assignments", headers=sup, json={
        "room_ids": [str(r) for r in hotel["rooms"]], "attendant_name": "Maria",
        "attendant_id": hotel["maria_id"]})
    made = {t["id"] for t in documented(assigned, c.app)["data"]}
    assert len(made) == 3
    tasks, metas = _pages(c, f"{hk}/tasks", hotel["maria"], per_page=2)
    assert {t["id"] for t in tasks} == made and len(tasks) == 3
    assert {t["attendant_name"] for t in tasks} == {"Maria"}
    assert [m["total"] for m in metas] == [3, 3, 3]
    other_day = documented(c.get(f"{hk}/tasks?work_date=2020-01-01", headers=sup), c.app)
    assert other_day["data"] == [] and other_day["meta"]["total"] == 0
    _refuses_bad_paging(c, f"{hk}/tasks", sup)


def test_work_orders_page_most_urgent_first(hotel):
    c, base, maria, tech = hotel["c"], hotel["base"], hotel["maria"], hotel["tech"]
    for priority in ("low", "normal", "urgent", "high", "normal"):
        r = c.post(f"{base}/work-orders", headers=maria, json={
            "area": "Lobby", "category": "furniture", "priority": priority,
            "description": f"Chair ({priority})"})
        assert r.status_code == 201, r.text
    orders, metas = _pages(c, f"{base}/work-orders", tech, per_page=2)
    assert [o["priority"] for o in orders] == ["urgent", "high", "normal", "normal", "low"]
    assert len({o["id"] for o in orders}) == 5
    assert metas[0] == {"page": 1, "per_page": 2, "total": 5, "pages": 3}
    assert [m["total"] for m in metas] == [5, 5, 5, 5]
    one = documented(c.get(f"{base}/work-orders", params={"status": "open", "per_page": 1,
                                                          "page": 5}, headers=tech), c.app)
    assert [o["id"] for o in one["data"]] == [orders[4]["id"]] and one["meta"]["total"] == 5
    unknown = c.get(f"{base}/work-orders", params={"status": "fixed"}, headers=tech)
    assert unknown.status_code == 422
    assert documented(unknown, c.app)["error"]["fields"] == {"status": "unknown status"}
    _refuses_bad_paging(c, f"{base}/work-orders", tech)
    denied = c.get(f"{base}/work-orders", headers=hotel["mk"])
    assert denied.status_code == 403 and documented(denied, c.app)["success"] is False
