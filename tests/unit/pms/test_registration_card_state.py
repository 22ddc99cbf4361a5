"""Registration card on the reservation page: the desk fills it in with field errors shown on the
card, sees what the guest gave online, and a concierge neither sees it nor can save it."""

from __future__ import annotations

from datetime import timedelta

from pms_support import make_state, run

from pms_app.state.registration import RegistrationState

FORM = {"nationality": "gb", "date_of_birth": "1979-02-03", "document_type": "passport",
        "document_number": "512345678", "address": "12 Harbour Road, Bristol BS1 4RN",
        "consent": "on"}


def _state(desk, role, rid) -> RegistrationState:
    state = make_state(RegistrationState, desk.cookies[role], params={"rid": rid})
    assert run(RegistrationState.load, state) is None
    return state


def test_the_desk_saves_the_card_and_sees_it_when_the_page_opens_again(desk):
    rid = str(desk.hotel.book(desk.hotel.today + timedelta(days=20)).reservations[0].id)
    state = _state(desk, "front_desk", rid)
    assert state.open and not state.complete and state.values["nationality"] == ""

    run(RegistrationState.save, state, FORM)

    assert state.card_notice == "Registration card saved." and state.card_errors == {}
    again = _state(desk, "front_desk", rid)
    assert again.complete and again.values["nationality"] == "GB"
    assert again.values["date_of_birth"] == "1979-02-03"
    assert again.values["document_number"] == "512345678"


def test_bad_fields_are_named_on_the_card_and_what_was_typed_is_kept(desk):
    rid = str(desk.hotel.book(desk.hotel.today + timedelta(days=21)).reservations[0].id)
    state = _state(desk, "front_desk", rid)
    future = (desk.hotel.today + timedelta(days=1)).isoformat()

    run(RegistrationState.save, state, {**FORM, "date_of_birth": future, "document_number": "X1",
                                        "consent": ""})

    assert set(state.card_errors) == {"date_of_birth", "document_number", "consent"}
    assert "registration card" in state.card_error and state.card_notice == ""
    assert state.values["address"] == FORM["address"]
    assert not _state(desk, "front_desk", rid).complete


def test_a_concierge_does_not_see_the_card_and_a_crafted_save_is_refused(desk):
    rid = str(desk.hotel.book(desk.hotel.today + timedelta(days=22)).reservations[0].id)
    state = _state(desk, "guest_services", rid)
    assert state.open is False

    run(RegistrationState.save, state, FORM)

    assert "permission" in state.card_error.lower()
    assert not _state(desk, "front_desk", rid).complete
