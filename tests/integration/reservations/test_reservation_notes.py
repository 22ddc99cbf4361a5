"""Reservation notes: staff add signed notes, edit only their own, and bad input stores nothing;
every change is audited and announced on the reservations topic in the same transaction."""

from __future__ import annotations

import uuid

import pytest
from res_support import BACKENDS, STAFF, booking, make_hotel
from sqlmodel import col, select

from core.actor import Actor
from core.audit.models import AuditEntry
from core.errors import DomainError
from core.events.models import OutboxEvent
from core.reservations.models import Booking, ReservationNote
from core.reservations.notes import add_note, edit_note, list_notes, set_remarks
from core.reservations.schemas import NoteCreate, NoteEdit
from core.reservations.services import create_booking

WRITERS = frozenset({"reservations.view", "reservations.notes"})


def _staff(name: str, perms: frozenset[str] = WRITERS) -> Actor:
    return Actor(kind="staff", user_id=uuid.uuid4(), name=name, permissions=perms)


ANA = _staff("Ana Desk")
BRUNO = _staff("Bruno Night")


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


@pytest.fixture(scope="module")
def reservation_id(hotel):
    rt = hotel.room_type(rooms=1)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, *hotel.stay(2), notes="Late arrival")).reservations[0]
        uow.commit()
    return res.id


def _write(hotel, actor, fn, *args, **kwargs):
    with hotel.uow(actor) as uow:
        result = fn(uow, *args, **kwargs)
        uow.commit()
    return result


def _refused(hotel, actor, fn, *args, **kwargs) -> DomainError:
    with hotel.uow(actor) as uow, pytest.raises(DomainError) as err:
        fn(uow, *args, **kwargs)
        uow.commit()
    return err.value


def _count(hotel, model, *where) -> int:
    with hotel.uow(write=False) as uow:
        return len(uow.session.exec(select(model).where(*where)).all())


def test_a_note_is_signed_dated_listed_newest_first_audited_and_announced(hotel, reservation_id):
    first = _write(hotel, ANA, add_note, reservation_id,
                   NoteCreate(text="  Guest asked for extra pillows ", kind="housekeeping"))
    second = _write(hotel, BRUNO, add_note, reservation_id, NoteCreate(text="Pays by company"))
    assert first.text == "Guest asked for extra pillows" and first.author_name == "Ana Desk"
    assert first.kind == "housekeeping" and second.kind == "general"
    assert first.created_at.tzinfo is not None and first.mine
    with hotel.uow(ANA, write=False) as uow:
        notes = list_notes(uow, reservation_id)
    ours = [n for n in notes if n.id in (first.id, second.id)]
    assert [n.id for n in ours] == [second.id, first.id]  # newest first
    assert [n.mine for n in ours] == [False, True]  # Ana may edit hers only
    events = _count(hotel, OutboxEvent, OutboxEvent.type == "reservation.note_added",
                    OutboxEvent.entity_id == str(reservation_id), OutboxEvent.topic == "reservations")
    assert events >= 2
    assert _count(hotel, AuditEntry, AuditEntry.action == "reservations.note_add",
                  AuditEntry.entity_id == str(reservation_id),
                  AuditEntry.actor_name == "Ana Desk") >= 1


@pytest.mark.parametrize("text,field_message", [
    ("", "is required"), ("   \n ", "is required"),
    ("x" * 2001, "must be at most 2000 characters")])
def test_an_empty_or_too_long_note_is_refused_naming_the_field_and_nothing_is_stored(
        hotel, reservation_id, text, field_message):
    before = _count(hotel, ReservationNote, ReservationNote.reservation_id == reservation_id)
    events = _count(hotel, OutboxEvent, col(OutboxEvent.type).startswith("reservation.note"))
    err = _refused(hotel, ANA, add_note, reservation_id, NoteCreate(text=text))
    assert err.code == "invalid_note" and err.fields == {"text": field_message}
    assert _count(hotel, ReservationNote, ReservationNote.reservation_id == reservation_id) == before
    assert _count(hotel, OutboxEvent, col(OutboxEvent.type).startswith("reservation.note")) \
        == events


def test_exactly_2000_characters_is_accepted_and_an_unknown_kind_is_refused(
        hotel, reservation_id):
    assert len(_write(hotel, ANA, add_note, reservation_id, NoteCreate(text="y" * 2000)).text) \
        == 2000
    err = _refused(hotel, ANA, add_note, reservation_id, NoteCreate(text="ok", kind="gossip"))
    assert err.code == "invalid_note" and "kind" in err.fields


def test_staff_edit_their_own_note_only_and_the_audit_keeps_the_old_text(hotel, reservation_id):
    note = _write(hotel, ANA, add_note, reservation_id, NoteCreate(text="Arrives 23:00"))
    err = _refused(hotel, BRUNO, edit_note, reservation_id, note.id, NoteEdit(text="Hacked"))
    assert err.code == "not_your_note" and "Ana Desk" in err.message
    edited = _write(hotel, ANA, edit_note, reservation_id, note.id,
                    NoteEdit(text="Arrives 01:00 (flight late)", kind="front_desk"))
    assert edited.text == "Arrives 01:00 (flight late)" and edited.kind == "front_desk"
    assert edited.edited_at is not None and edited.created_at == note.created_at
    with hotel.uow(write=False) as uow:
        entry = uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "reservations.note_edit",
            AuditEntry.entity_id == str(reservation_id))).all()[-1]
    assert entry.changes["text"] == ["Arrives 23:00", "Arrives 01:00 (flight late)"]
    assert _count(hotel, OutboxEvent, OutboxEvent.type == "reservation.note_edited",
                  OutboxEvent.entity_id == str(reservation_id)) >= 1
    # Emptying a note is refused like adding an empty one; the note keeps its text.
    err = _refused(hotel, ANA, edit_note, reservation_id, note.id, NoteEdit(text=" "))
    assert err.fields == {"text": "is required"}
    with hotel.uow(write=False) as uow:
        assert uow.session.get(ReservationNote, note.id).text == "Arrives 01:00 (flight late)"


def test_a_note_of_another_reservation_or_an_unknown_one_is_not_found(hotel, reservation_id):
    note = _write(hotel, ANA, add_note, reservation_id, NoteCreate(text="Mine"))
    err = _refused(hotel, ANA, edit_note, uuid.uuid4(), note.id, NoteEdit(text="x"))
    assert err.code == "note_not_found"
    err = _refused(hotel, ANA, add_note, uuid.uuid4(), NoteCreate(text="x"))
    assert err.code == "reservation_not_found"


def test_a_role_without_the_notes_permission_is_refused(hotel, reservation_id):
    viewer = _staff("Rita Revenue", frozenset({"reservations.view"}))
    err = _refused(hotel, viewer, add_note, reservation_id, NoteCreate(text="Hello"))
    assert err.code == "forbidden"
    err = _refused(hotel, viewer, set_remarks, reservation_id, "New remarks")
    assert err.code == "forbidden"


def test_adding_a_note_twice_with_one_idempotency_key_stores_one_note(hotel, reservation_id):
    key = f"note-{uuid.uuid4()}"
    before = _count(hotel, ReservationNote, ReservationNote.reservation_id == reservation_id)
    a = _write(hotel, ANA, add_note, reservation_id, NoteCreate(text="Once"), idempotency_key=key)
    b = _write(hotel, ANA, add_note, reservation_id, NoteCreate(text="Once"), idempotency_key=key)
    assert a.id == b.id
    assert _count(hotel, ReservationNote,
                  ReservationNote.reservation_id == reservation_id) == before + 1


def test_the_booking_remarks_are_replaced_audited_and_checked(hotel, reservation_id):
    assert _write(hotel, STAFF, set_remarks, reservation_id, "  VIP, champagne on arrival ") \
        == "VIP, champagne on arrival"
    err = _refused(hotel, STAFF, set_remarks, reservation_id, "z" * 2001)
    assert err.fields == {"remarks": "must be at most 2000 characters"}
    with hotel.uow(write=False) as uow:
        from core.reservations.queries import get_reservation

        booking_id = get_reservation(uow, reservation_id).booking_id
        assert uow.session.get(Booking, booking_id).notes == "VIP, champagne on arrival"
        entry = uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "reservations.remarks")).all()[-1]
    assert entry.changes["remarks"] == ["Late arrival", "VIP, champagne on arrival"]
    assert _write(hotel, STAFF, set_remarks, reservation_id, "") == ""  # clearing is allowed
