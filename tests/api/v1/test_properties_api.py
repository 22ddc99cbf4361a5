"""Properties, room types, rooms and availability over /api/v1: envelopes, data and refusals."""

from __future__ import annotations

from datetime import timedelta


def test_a_user_lists_only_the_properties_they_work_at(api):
    r = api.client.get("/api/v1/properties", headers=api.headers["desk"])
    assert r.status_code == 200 and r.json()["success"] is True
    assert [p["id"] for p in r.json()["data"]] == [str(api.a.id)]
    assert api.client.get("/api/v1/properties").status_code == 401


def test_property_detail_shows_settings_and_the_callers_permissions(api):
    data = api.client.get(api.url(), headers=api.headers["hk"]).json()["data"]
    assert data["name"] == "Hotel A" and data["currency"] == "EUR"
    assert data["check_in_time"] == "15:00"
    assert "housekeeping.update_status" in data["permissions"]
    assert "reservations.create" not in data["permissions"]
    other = api.client.get(api.url(hotel=api.b), headers=api.headers["desk"])
    assert other.status_code == 404 and other.json()["success"] is False


def test_room_types_and_rooms_with_housekeeping_status(api):
    types = api.client.get(api.url("/room-types"), headers=api.headers["desk"]).json()["data"]
    assert [t["code"] for t in types] == ["DBL"] and types[0]["max_occupancy"] == 3
    rooms = api.client.get(api.url("/rooms"), headers=api.headers["desk"]).json()["data"]
    assert [r["number"] for r in rooms] == ["100", "101", "102"]
    assert rooms[0]["condition"] == "clean" and rooms[0]["room_type"] == "Double"
    # A revenue manager may not see housekeeping: rooms come without their status.
    plain = api.client.get(api.url("/rooms"), headers=api.headers["rm"]).json()["data"]
    assert plain[0]["condition"] is None and plain[0]["number"] == "100"


def test_availability_offers_priced_nights_as_decimal_strings(api):
    arrival, departure = api.stay(nights=2)
    r = api.client.get(api.url("/availability"), headers=api.headers["desk"],
                       params={"arrival": arrival, "departure": departure, "adults": 2})
    assert r.status_code == 200, r.text
    [room_type] = r.json()["data"]
    assert room_type["room_type_id"] == str(api.a.room_type_id) and room_type["available"] >= 1
    [offer] = room_type["offers"]
    assert offer["rate_plan_id"] == str(api.a.rate_plan_id) and offer["currency"] == "EUR"
    assert [n["date"] for n in offer["nights"]] == [arrival, (
        api.a.today.fromisoformat(arrival) + timedelta(days=1)).isoformat()]
    assert offer["nights"][0]["price"] == "120.00" and offer["total"] == "240.00"
    assert "cancellation_policy" in offer


def test_availability_refuses_bad_dates_and_children_without_ages(api):
    arrival, departure = api.stay()
    back = api.client.get(api.url("/availability"), headers=api.headers["desk"],
                          params={"arrival": departure, "departure": arrival})
    assert back.status_code == 422 and back.json()["error"]["fields"]
    kids = api.client.get(api.url("/availability"), headers=api.headers["desk"],
                          params={"arrival": arrival, "departure": departure, "children": 1})
    assert kids.status_code == 422 and "children_ages" in kids.json()["error"]["fields"]
    garbage = api.client.get(api.url("/availability"), headers=api.headers["desk"],
                             params={"arrival": "next tuesday", "departure": departure})
    assert garbage.status_code == 422
    assert garbage.json()["error"]["code"] == "validation_error"
    assert "arrival" in garbage.json()["error"]["fields"]
