"""Reservation notes: staff add dated, signed notes and edit their own; the desk edits the
booking's remarks. Every change is audited and announced on the reservations topic."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.idempotency.services import idempotent
from core.reservations.errors import InvalidNote, NoteNotFound, NotYourNote
from core.reservations.models import Booking, NoteKind, ReservationNote
from core.reservations.queries import get_reservation
from core.reservations.schemas import NoteCreate, NoteEdit, NotePublic
from core.timeutil import utcnow

WRITE = "reservations.notes"
MAX_TEXT = 2000
KINDS = tuple(k.value for k in NoteKind)


def clean_text(text: str, field: str = "text", *, required: bool = True) -> str:
    """The text as stored (trimmed), or a clear refusal naming the field."""
    value = (text or "").strip()
    if required and not value:
        raise InvalidNote("Write the note first: it is empty.", fields={field: "is required"})
    if len(value) > MAX_TEXT:
        raise InvalidNote(f"The {field} is {len(value)} characters long; the limit is {MAX_TEXT}.",
                          fields={field: f"must be at most {MAX_TEXT} characters"})
    return value


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidNote(f"'{kind[:40]}' is not a kind of note.",
                          fields={"kind": "must be one of " + ", ".join(KINDS)})
    return kind


def _public(uow: UnitOfWork, row: ReservationNote) -> NotePublic:
    note = NotePublic.model_validate(row)
    note.mine = row.author_id is not None and row.author_id == uow.actor.user_id
    return note


def _event(uow: UnitOfWork, row: ReservationNote, verb: str) -> None:
    # The reservation is the entity: pages following it refresh; the text stays out of the feed.
    uow.record_event("reservations", f"reservation.note_{verb}", row.reservation_id,
                     {"note_id": row.id, "kind": row.kind, "author": row.author_name})


def list_notes(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[NotePublic]:
    """The reservation's notes, newest first."""
    uow.actor.require("reservations.view")
    get_reservation(uow, reservation_id)
    rows = uow.session.exec(select(ReservationNote)
                            .where(ReservationNote.reservation_id == reservation_id)
                            .order_by(col(ReservationNote.created_at).desc(),
                                      col(ReservationNote.id))).all()
    return [_public(uow, r) for r in rows]


def notes_in_local_time(uow: UnitOfWork, reservation_id: uuid.UUID) -> tuple[str, list[NotePublic]]:
    """The notes with the property's time zone, in which staff read their times."""
    from core.properties.models import get_settings_row

    return get_settings_row(uow.session).timezone, list_notes(uow, reservation_id)


def add_note(uow: UnitOfWork, reservation_id: uuid.UUID, data: NoteCreate, *,
             idempotency_key: str | None = None) -> NotePublic:
    """Sign and date a note on a reservation (any state: a note after check-out is normal)."""
    uow.actor.require(WRITE)

    def run() -> NotePublic:
        text, kind = clean_text(data.text), check_kind(data.kind)
        get_reservation(uow, reservation_id)
        actor = uow.actor
        row = ReservationNote(reservation_id=reservation_id, kind=kind, text=text,
                              author_id=actor.user_id,
                              author_name=(actor.name or actor.kind)[:200])
        uow.session.add(row)
        uow.session.flush()
        _event(uow, row, "added")
        audit.record(uow, "reservations.note_add", "reservation", reservation_id,
                     f"Added a {kind.replace('_', ' ')} note", {"note_id": row.id, "text": text})
        return _public(uow, row)

    return idempotent(uow, "reservations.note_add", idempotency_key,
                      {"id": reservation_id, "note": data}, run, NotePublic)


def edit_note(uow: UnitOfWork, reservation_id: uuid.UUID, note_id: uuid.UUID, data: NoteEdit, *,
              idempotency_key: str | None = None) -> NotePublic:
    """Correct one's own note; the audit log keeps what it said before."""
    uow.actor.require(WRITE)

    def run() -> NotePublic:
        text = clean_text(data.text)
        kind = None if data.kind is None else check_kind(data.kind)
        stmt = select(ReservationNote).where(ReservationNote.id == note_id,
                                             ReservationNote.reservation_id == reservation_id)
        if uow.dialect == "postgresql":
            stmt = stmt.with_for_update()
        row = uow.session.exec(stmt.execution_options(populate_existing=True)).first()
        if row is None:
            raise NoteNotFound("Note not found.", fields={"note_id": "no such note"})
        if row.author_id is None or row.author_id != uow.actor.user_id:
            raise NotYourNote(f"Only {row.author_name} can change this note.",
                              fields={"note_id": "written by someone else"})
        before = {"text": row.text, "kind": row.kind}
        row.text, row.kind, row.edited_at = text, kind or row.kind, utcnow()
        uow.session.add(row)
        uow.session.flush()
        _event(uow, row, "edited")
        audit.record(uow, "reservations.note_edit", "reservation", reservation_id,
                     "Edited a note", {"note_id": row.id, "text": [before["text"], row.text],
                                       "kind": [before["kind"], row.kind]})
        return _public(uow, row)

    return idempotent(uow, "reservations.note_edit", idempotency_key,
                      {"id": reservation_id, "note_id": note_id, "note": data}, run, NotePublic)


def set_remarks(uow: UnitOfWork, reservation_id: uuid.UUID, remarks: str) -> str:
    """Replace the booking's remarks (shared by every room of the booking); empty clears them."""
    uow.actor.require("reservations.modify")
    text = clean_text(remarks, "remarks", required=False)
    res = get_reservation(uow, reservation_id, for_update=True)
    booking = uow.session.get(Booking, res.booking_id)
    if booking is None:  # a reservation always has its booking; guard the type
        raise NoteNotFound("Booking not found.", fields={"reservation_id": "no booking"})
    old = booking.notes
    if old == text:
        return text
    booking.notes, booking.updated_at = text, utcnow()
    uow.session.add(booking)
    uow.session.flush()
    uow.record_event("reservations", "reservation.remarks_changed", reservation_id,
                     {"booking_id": booking.id})
    audit.record(uow, "reservations.remarks", "booking", booking.id, "Changed the remarks",
                 {"remarks": [old, text]})
    return text
