"""Reservation notes over /api/v1: add (idempotent), list newest first, edit one's own; refusals."""

from __future__ import annotations


def _reservation(api) -> str:
    r = api.client.post(api.url("/reservations"), json=api.booking(), headers=api.headers["desk"])
    assert r.status_code == 201, r.text
    return r.json()["data"]["id"]


def test_a_note_is_added_once_per_idempotency_key_and_listed_newest_first(api):
    rid = _reservation(api)
    url = api.url(f"/reservations/{rid}/notes")
    h = {**api.headers["desk"], "Idempotency-Key": "note-key-1"}
    first = api.client.post(url, json={"text": "Cot in room", "kind": "housekeeping"}, headers=h)
    replay = api.client.post(url, json={"text": "Cot in room", "kind": "housekeeping"}, headers=h)
    assert first.status_code == 201, first.text
    assert replay.json()["data"]["id"] == first.json()["data"]["id"]
    other = api.client.post(url, json={"text": "Allergic to nuts"}, headers=api.headers["gs"])
    assert other.status_code == 201 and other.json()["data"]["kind"] == "general"
    listed = api.client.get(url, headers=api.headers["desk"]).json()["data"]
    assert [n["text"] for n in listed] == ["Allergic to nuts", "Cot in room"]
    assert [n["mine"] for n in listed] == [False, True]


def test_bad_notes_are_refused_naming_the_field_and_nothing_is_stored(api):
    rid = _reservation(api)
    url = api.url(f"/reservations/{rid}/notes")
    for text, message in (("  ", "is required"), ("x" * 2001, "must be at most 2000 characters")):
        r = api.client.post(url, json={"text": text}, headers=api.headers["desk"])
        assert r.status_code == 422 and r.json()["error"] == {
            "code": "invalid_note", "message": r.json()["error"]["message"],
            "fields": {"text": message}}
    r = api.client.post(url, json={}, headers=api.headers["desk"])
    assert r.status_code == 422 and "text" in r.json()["error"]["fields"]
    assert api.client.get(url, headers=api.headers["desk"]).json()["data"] == []


def test_only_the_author_edits_a_note_and_a_role_without_notes_is_refused(api):
    rid = _reservation(api)
    url = api.url(f"/reservations/{rid}/notes")
    note = api.client.post(url, json={"text": "Arrives late"},
                           headers=api.headers["desk"]).json()["data"]
    r = api.client.patch(f"{url}/{note['id']}", json={"text": "Changed"},
                         headers=api.headers["gm"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_note"
    r = api.client.patch(f"{url}/{note['id']}", json={"text": "Arrives 01:00"},
                         headers=api.headers["desk"])
    assert r.status_code == 200 and r.json()["data"]["edited_at"]
    r = api.client.post(url, json={"text": "Hello"}, headers=api.headers["rm"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert [n["text"] for n in api.client.get(url, headers=api.headers["desk"]).json()["data"]] \
        == ["Arrives 01:00"]
