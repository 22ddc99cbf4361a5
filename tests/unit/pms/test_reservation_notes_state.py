"""The notes panel of the reservation page: add (errors inline, typed text kept), edit one's own
only, times in the property's zone, the remarks edit for roles that may modify, and a note added
elsewhere shown once the page's live follower applies its event."""

from __future__ import annotations

from datetime import timedelta

from pms_support import make_state, run

from pms_app.state.reservation import ReservationState as S


def _page(desk, role: str, rid: str):
    state = make_state(S, desk.cookies[role], params={"rid": rid})
    assert run(S.load, state) == S.follow_live
    return state


def _reservation(desk) -> str:
    hotel = desk.hotel
    return str(hotel.book(hotel.today + timedelta(days=5)).reservations[0].id)


def test_a_note_is_added_shown_newest_first_and_bad_input_is_shown_inline(desk):
    rid = _reservation(desk)
    state = _page(desk, "front_desk", rid)
    assert state.notes == [] and state.can_write_notes
    state.note_text = "x" * 2001
    run(S.add_note, state)
    assert state.note_fields == {"text": "must be at most 2000 characters"}
    assert state.error == "" and state.note_text == "x" * 2001  # nothing lost, nothing stored
    assert state.notes == []

    state.note_text, state.note_kind = "Late arrival, keep the room", "front_desk"
    run(S.add_note, state)
    assert state.note_error == "" and state.note_text == "" and state.note_kind == "general"
    state.note_text = "Company pays room only"
    run(S.add_note, state)
    assert [n["text"] for n in state.notes] == ["Company pays room only",
                                                "Late arrival, keep the room"]
    first = state.notes[1]
    assert first["kind_label"] == "Front desk" and first["mine"] == "1"
    assert first["author"] == "Front Desk" and first["at"]


def test_only_the_author_may_edit_and_the_page_of_another_viewer_follows_live(desk):
    from sqlmodel import col, select

    from core.db.uow import property_uow
    from core.events.envelope import EventEnvelope
    from core.events.models import OutboxEvent

    rid = _reservation(desk)
    desk_page = _page(desk, "front_desk", rid)
    concierge = _page(desk, "guest_services", rid)
    with property_uow(desk.hotel.property_id) as uow:
        mark = max([e.id or 0 for e in uow.session.exec(select(OutboxEvent)).all()] or [0])
    desk_page.note_text = "Guest allergic to nuts"
    run(S.add_note, desk_page)
    note_id = desk_page.notes[0]["id"]

    with property_uow(desk.hotel.property_id) as uow:
        events = [EventEnvelope.from_row(desk.hotel.property_id, r) for r in uow.session.exec(
            select(OutboxEvent).where(col(OutboxEvent.id) > mark))]
    concierge._apply_live(events)  # what the concierge's follower applies, no reload
    assert [n["text"] for n in concierge.notes] == ["Guest allergic to nuts"]
    assert concierge.notes[0]["mine"] == ""

    run(S.start_edit, concierge, note_id)  # no Edit button; a crafted event opens nothing
    assert concierge.editing_note == ""
    concierge.editing_note, concierge.edit_text = note_id, "Changed by someone else"
    run(S.save_edit, concierge)  # and the service refuses it anyway
    assert concierge.note_fields == {"note_id": "written by someone else"}

    run(S.start_edit, desk_page, note_id)
    desk_page.edit_text = "Guest allergic to nuts and shellfish"
    run(S.save_edit, desk_page)
    assert desk_page.editing_note == "" and desk_page.notes[0]["edited"]
    assert desk_page.notes[0]["text"] == "Guest allergic to nuts and shellfish"


def test_remarks_are_edited_by_the_desk_and_refused_to_a_concierge(desk):
    rid = _reservation(desk)
    concierge = _page(desk, "guest_services", rid)
    assert concierge.can_modify is False
    concierge.remarks_text = "Not mine to change"
    run(S.save_remarks, concierge)
    assert "permission" in concierge.note_error

    state = _page(desk, "front_desk", rid)
    run(S.edit_remarks, state, state.res["notes"])
    state.remarks_text = "VIP: champagne on arrival"
    run(S.save_remarks, state)
    assert state.editing_remarks is False and state.res["notes"] == "VIP: champagne on arrival"
