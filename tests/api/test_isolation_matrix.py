"""Tenant isolation over every property-scoped route of the OpenAPI document.

For each operation: (1) hotel A's manager with hotel B's ids in A's path, (2) hotel B's staff on
hotel A's paths, (3) hotel A's manager on hotel B's paths. The answer is always 403/404 (or 422
for a body refused before any lookup), never B's data, and B's records are left unchanged.
"""

from __future__ import annotations

import io
import re
import uuid

import pytest
from PIL import Image

BODIES = {  # a valid-looking body per request schema, so refusals come from the lookup
    "ChargeCreate": {"charge_type": "minibar", "amount": "1.00", "description": "Water"},
    "ReversalCreate": {"reason": "mistake"},
    "ManualPaymentCreate": {"amount": "1.00", "method": "cash"},
    "RefundCreate": {"amount": "1.00", "reason": "goodwill"},
    "Capture": {"amount": "1.00"},
    "TaskStatusChange": {"status": "in_progress"},
    "ConditionChange": {"condition": "dirty"},
    "OutOfService": {"out_of_service": True, "reason": "noise"},
    "WorkOrderUpdate": {"priority": "high"},
    "WorkOrderStatusChange": {"status": "in_progress"},
    "ReservationChange": {"adults": 1},
    "StatusChangeIn": {"status": "cancelled"},
    "GuestRequestStatusChange": {"status": "done"},
    "ChannelStatusChange": {"status": "archived"},
    "MessageCreate": {"body": "hello"},
    "NoteCreate": {"text": "hello"},
    "NoteEdit": {"text": "hello"},
    "WebhookSubscriptionUpdate": {"active": False},
}
FIXED = {"topic": "reservations", "business_date": "2026-01-01", "kind": "flash", "fmt": "pdf"}
ALLOWED_SAME_PROPERTY = {403, 404, 422}
ALLOWED_OTHER_PROPERTY = {403, 404}
# Answers that leak nothing but are not the 404 the contract asks for (none at the moment; a
# defect goes here with its reason until its owner fixes it).
KNOWN_DEVIATIONS: set[tuple[str, str]] = set()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (9, 9, 9)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def hotel_b_records(api):
    """Real records of hotel B, made by B's front desk through the API."""
    h, c = api.headers["desk_b"], api.client
    booking = api.booking(hotel=api.b, guest={"first_name": "Bea", "last_name": "Betaguest",
                                              "email": "bea.beta@example.com"})
    res = c.post(api.url("/reservations", api.b), json=booking, headers=h).json()["data"]
    req = c.post(api.url("/guest-requests", api.b), json={
        "reservation_id": res["id"], "category": "amenity", "description": "Cot"},
        headers=h).json()["data"]
    chan = c.post(api.url("/messaging/staff/channels", api.b), json={"name": "beta-secret"},
                  headers=h).json()["data"]
    msg = c.post(api.url(f"/messaging/staff/channels/{chan['id']}/messages", api.b),
                 json={"body": "the safe code is 4711"}, headers=h).json()["data"]
    wo = c.post(api.url("/work-orders", api.b), json={
        "room_id": str(api.b.room_ids[0]), "category": "plumbing",
        "description": "Beta leak"}, headers=h).json()["data"]
    media = c.post("/api/v1/uploads/photo", files={"file": ("b.jpg", _jpeg(), "image/jpeg")},
                   data={"purpose": "maintenance"}, headers=h).json()["data"]
    note = c.post(api.url(f"/reservations/{res['id']}/notes", api.b),
                  json={"text": "Beta note: VIP in 12"}, headers=h).json()["data"]
    folios = c.get(api.url(f"/reservations/{res['id']}/folios", api.b), headers=h).json()
    ids = {"reservation_id": res["id"], "guest_id": res["guest_id"], "request_id": req["id"],
           "channel_id": chan["id"], "work_order_id": wo["id"], "media_id": media["id"],
           "room_id": str(api.b.room_ids[0]), "message_id": msg["id"], "note_id": note["id"]}
    if folios.get("data"):
        ids["folio_id"] = folios["data"][0]["id"]
    secrets = [res["reference"], "bea.beta@example.com", "Betaguest", "beta-secret",
               "4711", "Beta leak", "Beta note: VIP in 12"]
    return {"ids": ids, "secrets": secrets, "reservation": res, "request": req,
            "channel": chan}


def _operations(api):
    for path, item in api.client.app.openapi()["paths"].items():
        if "{property_id}" not in path:
            continue
        for method, op in item.items():
            ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {})
                   .get("schema", {}).get("$ref", ""))
            yield method, path, BODIES.get(ref.rsplit("/", 1)[-1], {})


def _fill(path: str, property_id, ids: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        if name == "property_id":
            return str(property_id)
        return FIXED.get(name) or ids.get(name) or str(uuid.uuid4())
    return re.sub(r"\{(\w+)\}", one, path)


def _call(api, method: str, url: str, body: dict, headers: dict):
    kwargs = {"headers": headers}
    if method in ("post", "put", "patch"):
        kwargs["json"] = body
    return api.client.request(method.upper(), url, **kwargs)


def test_ids_of_another_property_are_not_found_in_this_one(api, hotel_b_records):
    problems = []
    for method, path, body in _operations(api):
        names = set(re.findall(r"\{(\w+)\}", path)) - {"property_id"} - set(FIXED)
        if not names or path.endswith("/stream"):
            continue  # nothing of B's to pass (streams filter by id and never read B)
        url = _fill(path, api.a.id, hotel_b_records["ids"])
        r = _call(api, method, url, body, api.headers["gm"])
        leaked = [s for s in hotel_b_records["secrets"] if s in r.text]
        wrong = r.status_code not in ALLOWED_SAME_PROPERTY and (method, path) not in \
            KNOWN_DEVIATIONS
        if wrong or leaked or (r.json()["success"] and r.json()["data"]):
            problems.append(f"{method.upper()} {path}: {r.status_code} {r.text[:160]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who,target", [("desk_b", "a"), ("gm", "b")])
def test_a_token_of_one_property_gets_nothing_from_another(api, hotel_b_records, who, target):
    hotel = getattr(api, target)
    ids = hotel_b_records["ids"] if target == "b" else {"room_id": str(api.a.room_ids[0])}
    problems = []
    for method, path, body in _operations(api):
        r = _call(api, method, _fill(path, hotel.id, ids), body, api.headers[who])
        leaked = [s for s in hotel_b_records["secrets"] if s in r.text]
        if r.status_code not in ALLOWED_OTHER_PROPERTY or leaked or r.json()["success"]:
            problems.append(f"{method.upper()} {path}: {r.status_code} {r.text[:160]}")
    assert not problems, "\n".join(problems)


def test_hotel_b_records_are_unchanged_after_the_attempts(api, hotel_b_records):
    h, b = api.headers["desk_b"], api.b
    ids = hotel_b_records["ids"]
    res = api.client.get(api.url(f"/reservations/{ids['reservation_id']}", b), headers=h)
    assert res.json()["data"]["status"] == "confirmed"
    assert res.json()["data"]["adults"] == hotel_b_records["reservation"]["adults"]
    req = api.client.get(api.url(f"/guest-requests/{ids['request_id']}", b), headers=h)
    assert req.json()["data"]["status"] == "open"
    chan = api.client.get(api.url(f"/messaging/staff/channels/{ids['channel_id']}", b),
                          headers=h)
    assert chan.json()["data"]["status"] == "active"
    wo = api.client.get(api.url(f"/work-orders/{ids['work_order_id']}", b), headers=h)
    assert wo.json()["data"]["status"] == "open" and wo.json()["data"]["priority"] == "normal"
    notes = api.client.get(api.url(f"/reservations/{ids['reservation_id']}/notes", b), headers=h)
    assert [n["text"] for n in notes.json()["data"]] == ["Beta note: VIP in 12"]
