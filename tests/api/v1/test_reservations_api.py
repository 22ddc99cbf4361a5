"""Reservations over /api/v1: book, read, list, change, move through states, bulk; and refusals."""

from __future__ import annotations

from datetime import date, timedelta


def book(api, **extra):
    return api.client.post(api.url("/reservations"), json=api.booking(**extra),
                           headers=api.headers["desk"])


def test_booking_answers_201_with_reference_status_and_money_as_strings(api):
    r = book(api)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["status"] == "confirmed" and len(data["reference"]) >= 6
    assert data["total"] == "240.00" and data["currency"] == "EUR"
    assert data["guest_name"] == "Ana Silva" and data["room_type_id"] == str(api.a.room_type_id)
    got = api.client.get(api.url(f"/reservations/{data['id']}"), headers=api.headers["desk"])
    assert got.json()["data"]["reference"] == data["reference"]


def test_a_sold_out_stay_is_refused_with_409_and_nothing_is_stored(api):
    body = api.booking()
    for _ in range(3):  # the hotel has three rooms of the type
        assert api.client.post(api.url("/reservations"), json=body,
                               headers=api.headers["desk"]).status_code == 201
    r = api.client.post(api.url("/reservations"), json=body, headers=api.headers["desk"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_available"
    listed = api.client.get(api.url("/reservations"), headers=api.headers["desk"],
                            params={"arrival_from": body["arrival"],
                                    "arrival_to": body["arrival"]}).json()
    assert listed["meta"]["total"] == 3


def test_bad_input_names_the_field_and_stores_nothing(api):
    no_guest = api.booking()
    no_guest.pop("guest")
    r = api.client.post(api.url("/reservations"), json=no_guest, headers=api.headers["desk"])
    assert r.status_code == 422 and "guest" in r.json()["error"]["fields"]
    backwards = api.booking()
    backwards["arrival"], backwards["departure"] = backwards["departure"], backwards["arrival"]
    r = api.client.post(api.url("/reservations"), json=backwards, headers=api.headers["desk"])
    assert r.status_code == 422 and r.json()["error"]["fields"]
    r = api.client.post(api.url("/reservations"), json={**api.booking(), "adults": "two"},
                        headers=api.headers["desk"])
    assert r.status_code == 422 and r.json()["error"]["fields"] == {
        "adults": "Input should be a valid integer, unable to parse string as an integer"}
    r = api.client.post(api.url("/reservations"), json=api.booking(
        rate_plan_id="00000000-0000-4000-8000-000000000000"), headers=api.headers["desk"])
    assert r.status_code == 404 and "rate_plan_id" in r.json()["error"]["fields"]


def test_who_may_book_and_who_may_read(api):
    assert api.client.post(api.url("/reservations"), json=api.booking()).status_code == 401
    hk = api.client.post(api.url("/reservations"), json=api.booking(), headers=api.headers["hk"])
    assert hk.status_code == 403 and hk.json()["error"]["code"] == "forbidden"
    assert api.client.get(api.url("/reservations"), headers=api.headers["hk"]).status_code == 403
    bad = api.client.get(api.url("/reservations"),
                         headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.json()["success"] is False


def test_list_filters_and_pages_with_meta(api):
    body = api.booking(guest={"first_name": "Zoe", "last_name": "Pagesmith",
                              "email": "zoe@example.com"})
    ids = [api.client.post(api.url("/reservations"), json=body,
                           headers=api.headers["desk"]).json()["data"]["id"] for _ in range(3)]
    first = api.client.get(api.url("/reservations"), headers=api.headers["desk"],
                           params={"q": "pagesmith", "per_page": 2}).json()
    assert first["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    second = api.client.get(api.url("/reservations"), headers=api.headers["desk"],
                            params={"q": "pagesmith", "per_page": 2, "page": 2}).json()
    assert sorted(r["id"] for r in first["data"] + second["data"]) == sorted(ids)
    by_departure = api.client.get(api.url("/reservations"), headers=api.headers["desk"], params={
        "departure_from": body["departure"], "departure_to": body["departure"],
        "status": "confirmed"}).json()
    assert {r["id"] for r in by_departure["data"]} >= set(ids)
    none = api.client.get(api.url("/reservations"), headers=api.headers["desk"],
                          params={"q": "pagesmith", "status": "cancelled"}).json()
    assert none["data"] == [] and none["meta"]["total"] == 0
    bad = api.client.get(api.url("/reservations"), headers=api.headers["desk"],
                         params={"per_page": 1000})
    assert bad.status_code == 422 and "per_page" in bad.json()["error"]["fields"]


def test_modify_reprices_and_status_transitions_follow_the_life_cycle(api):
    created = book(api).json()["data"]
    url = api.url(f"/reservations/{created['id']}")
    new_departure = (date.fromisoformat(created["departure"]) + timedelta(days=1)).isoformat()
    changed = api.client.patch(url, json={"departure": new_departure},
                               headers=api.headers["desk"])
    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["total"] == "360.00"
    assert changed.json()["data"]["departure"] == new_departure
    early = api.client.put(f"{url}/status", json={"status": "checked_out"},
                           headers=api.headers["desk"])
    assert early.status_code == 409 and early.json()["error"]["code"] == "illegal_transition"
    unknown = api.client.put(f"{url}/status", json={"status": "teleported"},
                             headers=api.headers["desk"])
    assert unknown.status_code == 422 and "status" in unknown.json()["error"]["fields"]
    cancelled = api.client.put(f"{url}/status", json={"status": "cancelled", "reason": "ill"},
                               headers=api.headers["desk"])
    assert cancelled.status_code == 200 and cancelled.json()["data"]["status"] == "cancelled"
    again = api.client.put(f"{url}/status", json={"status": "cancelled"},
                           headers=api.headers["desk"])
    assert again.status_code == 409


def test_check_in_today_and_out(api):
    today = api.a.today.isoformat()
    tomorrow = (api.a.today + timedelta(days=1)).isoformat()
    created = book(api, arrival=today, departure=tomorrow).json()["data"]
    url = api.url(f"/reservations/{created['id']}/status")
    room = str(api.a.room_ids[0])
    inn = api.client.put(url, json={"status": "checked_in", "room_id": room},
                         headers=api.headers["desk"])
    assert inn.status_code == 200, inn.text
    assert inn.json()["data"]["status"] == "checked_in" and inn.json()["data"]["room_id"] == room
    out = api.client.put(url, json={"status": "checked_out"}, headers=api.headers["desk"])
    assert out.status_code == 200 and out.json()["data"]["status"] == "checked_out"
    # Without a room, a free ready one is chosen.
    other = book(api, arrival=today, departure=tomorrow).json()["data"]
    auto = api.client.put(api.url(f"/reservations/{other['id']}/status"),
                          json={"status": "checked_in"}, headers=api.headers["desk"])
    assert auto.status_code == 200, auto.text
    assert auto.json()["data"]["room_number"] in {"101", "102"}


def test_bulk_reports_each_item_on_its_own(api):
    ok_item = api.booking()
    bad_item = api.booking(rate_plan_id="00000000-0000-4000-8000-000000000000")
    r = api.client.post(api.url("/reservations/bulk"), json=[ok_item, bad_item],
                        headers=api.headers["desk"])
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["created"] == 1 and data["failed"] == 1
    assert data["results"][0]["success"] is True and data["results"][0]["data"]["id"]
    assert data["results"][1]["error"]["code"] == "not_found"
    assert api.client.post(api.url("/reservations/bulk"), json=[],
                           headers=api.headers["desk"]).status_code == 422


def test_guests_are_searchable_and_readable_by_desk_staff_only(api):
    created = book(api, guest={"first_name": "Quentin", "last_name": "Guestfinder",
                               "email": "qg@example.com"}).json()["data"]
    found = api.client.get(api.url("/guests"), params={"q": "guestfind"},
                           headers=api.headers["desk"]).json()
    assert [g["id"] for g in found["data"]] == [created["guest_id"]]
    assert found["meta"]["total"] == 1
    one = api.client.get(api.url(f"/guests/{created['guest_id']}"), headers=api.headers["desk"])
    assert one.json()["data"]["email"] == "qg@example.com"
    assert api.client.get(api.url("/guests"), headers=api.headers["hk"]).status_code == 403
    gone = api.client.get(api.url("/guests/00000000-0000-4000-8000-000000000000"),
                          headers=api.headers["desk"])
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "guest_not_found"
