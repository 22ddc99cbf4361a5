"""The notes panel of the reservation page: the notes, the "Add note" form and editing one's own."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

import reflex as rx

from core.actor import Actor
from core.errors import DomainError
from core.reservations.notes import KINDS, add_note, edit_note, notes_in_local_time, set_remarks
from core.reservations.schemas import NoteCreate, NoteEdit

KIND_LABELS = {"general": "General", "front_desk": "Front desk", "housekeeping": "Housekeeping",
               "billing": "Billing"}
assert set(KIND_LABELS) == set(KINDS), "every kind of note needs a label"


def _note_row(note, tz: ZoneInfo) -> dict[str, str]:
    at = note.created_at.astimezone(tz).strftime("%d %b %Y %H:%M")
    edited = note.edited_at.astimezone(tz).strftime("%d %b %H:%M") if note.edited_at else ""
    return {"id": str(note.id), "text": note.text, "kind": note.kind,
            "kind_label": KIND_LABELS.get(note.kind, note.kind), "author": note.author_name,
            "at": at, "edited": edited, "mine": "1" if note.mine else ""}


# The panel's inputs (what the page sends) → the fields they fill.
_INPUTS = {"text": "note_text", "kind": "note_kind", "edit_text": "edit_text",
           "edit_kind": "edit_kind", "remarks": "remarks_text"}


class NotesMixin(rx.State, mixin=True):
    """Mixed into ReservationState, so its handlers run on that state (reservation_id, session)."""

    notes: list[dict[str, str]] = []
    note_kinds: list[list[str]] = [[k, v] for k, v in KIND_LABELS.items()]
    note_text: str = ""
    note_kind: str = "general"
    editing_note: str = ""  # the id of the own note being edited
    edit_text: str = ""
    edit_kind: str = "general"
    note_error: str = ""
    note_fields: dict[str, str] = {}
    editing_remarks: bool = False
    remarks_text: str = ""

    @rx.var
    def can_write_notes(self) -> bool:
        return "reservations.notes" in self.permissions

    def _load_notes(self, actor: Actor | None) -> None:
        try:
            tz, notes = self._read_as(actor, notes_in_local_time, uuid.UUID(self.reservation_id))
        except (ValueError, DomainError):
            self.notes = []
            return
        zone = ZoneInfo(tz)
        self.notes = [_note_row(n, zone) for n in notes]

    def _note_write(self, fn, *args) -> bool:
        """Run a notes service; a refusal is shown in the panel (not the page's banner)."""
        result = self._write(fn, uuid.UUID(self.reservation_id), *args)
        self.note_error, self.note_fields = self.error, self.field_errors
        self.error, self.field_errors = "", {}
        self._reload()
        return result is not None

    @rx.event
    def set_note(self, name: str, value: str):
        field = _INPUTS.get(name)
        if field is not None:
            setattr(self, field, value)

    @rx.event
    def add_note(self):
        if self._note_write(add_note, NoteCreate(text=self.note_text, kind=self.note_kind)):
            self.note_text, self.note_kind = "", "general"

    @rx.event
    def start_edit(self, note_id: str):
        note = next((n for n in self.notes if n["id"] == note_id and n["mine"]), None)
        if note is not None:
            self.editing_note, self.edit_text, self.edit_kind = note_id, note["text"], note["kind"]
            self.note_error, self.note_fields = "", {}

    @rx.event
    def cancel_edit(self):
        self.editing_note, self.note_error, self.note_fields = "", "", {}

    @rx.event
    def save_edit(self):
        if not self.editing_note:
            return
        if self._note_write(edit_note, uuid.UUID(self.editing_note),
                            NoteEdit(text=self.edit_text, kind=self.edit_kind)):
            self.editing_note = ""

    @rx.event
    def edit_remarks(self, current: str):
        self.editing_remarks, self.remarks_text = True, current

    @rx.event
    def save_remarks(self):
        if self._note_write(set_remarks, self.remarks_text):
            self.editing_remarks = False
