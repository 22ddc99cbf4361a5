"""Guest requests and staff chat over /api/v1: create, read, list, transitions and refusals."""

from __future__ import annotations


def test_a_guest_request_for_a_reservation_moves_open_to_done(api):
    res = api.client.post(api.url("/reservations"), json=api.booking(),
                          headers=api.headers["desk"]).json()["data"]
    body = {"reservation_id": res["id"], "category": "amenity", "description": "Extra pillows",
            "priority": "high"}
    r = api.client.post(api.url("/guest-requests"), json=body, headers=api.headers["gs"])
    assert r.status_code == 201, r.text
    req = r.json()["data"]
    assert req["status"] == "open" and req["created_by"] == "Gs"
    url = api.url(f"/guest-requests/{req['id']}")
    assert api.client.get(url, headers=api.headers["desk"]).json()["data"]["description"] == \
        "Extra pillows"
    started = api.client.put(f"{url}/status", json={"status": "in_progress"},
                             headers=api.headers["gs"])
    assert started.json()["data"]["status"] == "in_progress"
    done = api.client.put(f"{url}/status", json={"status": "done", "note": "Delivered"},
                          headers=api.headers["gs"]).json()["data"]
    assert done["status"] == "done" and done["done_at"] and done["note"] == "Delivered"
    listed = api.client.get(api.url("/guest-requests"), headers=api.headers["gs"],
                            params={"reservation_id": res["id"]}).json()
    assert [x["id"] for x in listed["data"]] == [req["id"]] and listed["meta"]["total"] == 1
    open_only = api.client.get(api.url("/guest-requests"), headers=api.headers["gs"],
                               params={"reservation_id": res["id"], "open_only": True}).json()
    assert open_only["data"] == []


def test_guest_request_refusals_name_the_problem(api):
    r = api.client.post(api.url("/guest-requests"), json={"category": "spaceship",
                                                          "description": " "},
                        headers=api.headers["gs"])
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"category", "description", "reservation_id"}
    r = api.client.post(api.url("/guest-requests"), json={
        "room_id": str(api.a.room_ids[1]), "category": "transport",
        "description": "Taxi at 6"}, headers=api.headers["gs"])
    url = api.url(f"/guest-requests/{r.json()['data']['id']}")
    cancelled = api.client.put(f"{url}/status", json={"status": "cancelled"},
                               headers=api.headers["gs"])
    assert cancelled.status_code == 200
    reopen = api.client.put(f"{url}/status", json={"status": "in_progress"},
                            headers=api.headers["gs"])
    assert reopen.status_code == 409
    assert reopen.json()["error"]["code"] == "invalid_guest_request_transition"
    assert api.client.get(url, headers=api.headers["hk"]).status_code == 403
    missing = api.url("/guest-requests/00000000-0000-4000-8000-000000000000")
    assert api.client.get(missing, headers=api.headers["gs"]).json()["error"]["code"] == \
        "guest_request_not_found"


def test_chat_channels_and_messages(api):
    base = api.url("/messaging/staff/channels")
    r = api.client.post(base, json={"name": "Front Desk", "topic": "Shift notes"},
                        headers=api.headers["desk"])
    assert r.status_code == 201 and r.json()["data"]["name"] == "front-desk"
    channel = r.json()["data"]
    dup = api.client.post(base, json={"name": "front-desk"}, headers=api.headers["hk"])
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "channel_name_taken"
    bad = api.client.post(base, json={"name": "no/slashes"}, headers=api.headers["hk"])
    assert bad.status_code == 422 and "name" in bad.json()["error"]["fields"]
    messages = f"{base}/{channel['id']}/messages"
    for i in range(3):
        posted = api.client.post(messages, json={"body": f"note {i}"},
                                 headers=api.headers["hk"])
        assert posted.status_code == 201 and posted.json()["data"]["author_name"] == "Hk"
    last_two = api.client.get(messages, params={"per_page": 2},
                              headers=api.headers["desk"]).json()
    assert [m["body"] for m in last_two["data"]] == ["note 1", "note 2"]
    assert last_two["meta"]["total"] == 3
    older = api.client.get(messages, params={"per_page": 2, "before": last_two["data"][0]["id"]},
                           headers=api.headers["desk"]).json()
    assert [m["body"] for m in older["data"]] == ["note 0"]
    empty = api.client.post(messages, json={"body": "   "}, headers=api.headers["hk"])
    assert empty.status_code == 422 and "body" in empty.json()["error"]["fields"]
    archived = api.client.put(f"{base}/{channel['id']}/status", json={"status": "archived"},
                              headers=api.headers["desk"])
    assert archived.json()["data"]["status"] == "archived"
    late = api.client.post(messages, json={"body": "anyone?"}, headers=api.headers["hk"])
    assert late.status_code == 409 and late.json()["error"]["code"] == "channel_archived"
    listed = api.client.get(base, headers=api.headers["hk"]).json()["data"]
    assert channel["id"] not in [c["id"] for c in listed]
    assert api.client.get(base, headers=api.headers["hk"],
                          params={"include_archived": True}).json()["data"]
