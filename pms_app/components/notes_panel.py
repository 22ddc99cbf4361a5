"""The reservation page's notes panel: the booking's remarks, the notes newest first, add and edit."""

from __future__ import annotations

import reflex as rx

from pms_app.state.reservation import ReservationState as S
from ui_kit import card


def _field_error(name: str) -> rx.Component:
    return rx.cond(S.note_fields.contains(name),
                   rx.text(S.note_fields[name], color_scheme="red", size="1",
                           class_name="note-field-error", id=f"note-error-{name}"))


def _kind_select(value: rx.Var, field: str, select_id: str) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id=select_id),
        rx.select.content(rx.foreach(S.note_kinds, lambda k: rx.select.item(k[1], value=k[0]))),
        value=value, on_change=lambda v: S.set_note(field, v))


def _remarks() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.text("Remarks", weight="bold", size="2"),
                  rx.cond(S.can_modify & ~S.editing_remarks,
                          rx.button("Edit", size="1", variant="ghost", id="edit-remarks",
                                    on_click=S.edit_remarks(S.res["notes"]))),
                  align="center", spacing="2"),
        rx.cond(S.editing_remarks, rx.vstack(
            rx.text_area(value=S.remarks_text, id="remarks-text", width="100%", rows="3",
                         on_change=lambda v: S.set_note("remarks", v)),
            _field_error("remarks"),
            rx.button("Save remarks", size="1", on_click=S.save_remarks, id="save-remarks"),
            width="100%"),
            rx.text(rx.cond(S.res["notes"] != "", S.res["notes"], "None."), size="2",
                    id="remarks", white_space="pre-wrap")),
        spacing="1", width="100%", align="start")


def _note(n: rx.Var) -> rx.Component:
    editing = S.editing_note == n["id"]
    return rx.box(
        rx.hstack(rx.badge(n["kind_label"], variant="soft"),
                  rx.text(n["author"], weight="medium", size="1", class_name="note-author"),
                  rx.text(n["at"], size="1", color_scheme="gray", class_name="note-time"),
                  rx.cond(n["edited"] != "", rx.text("edited ", n["edited"], size="1",
                                                     color_scheme="gray")),
                  rx.cond((n["mine"] != "") & ~editing & S.can_write_notes,
                          rx.button("Edit", size="1", variant="ghost", class_name="edit-note",
                                    on_click=S.start_edit(n["id"]))),
                  spacing="2", align="center", wrap="wrap"),
        rx.cond(editing, rx.vstack(
            rx.text_area(value=S.edit_text, id="edit-note-text", width="100%", rows="3",
                         on_change=lambda v: S.set_note("edit_text", v)),
            _field_error("text"),
            rx.hstack(_kind_select(S.edit_kind, "edit_kind", "edit-note-kind"),
                      rx.button("Save", size="1", on_click=S.save_edit, id="save-note"),
                      rx.button("Cancel", size="1", variant="soft", on_click=S.cancel_edit),
                      spacing="2"),
            width="100%"),
            rx.text(n["text"], size="2", class_name="note-text", white_space="pre-wrap")),
        class_name="note", padding_y="0.4rem", border_bottom="1px solid var(--gray-a4)",
        width="100%")


def _add_form() -> rx.Component:
    return rx.cond(S.can_write_notes, rx.vstack(
        rx.text_area(placeholder="Add a note for your colleagues…", value=S.note_text,
                     id="note-text", width="100%", rows="2",
                     on_change=lambda v: S.set_note("text", v)),
        rx.cond(S.editing_note == "", _field_error("text")),
        _field_error("kind"),
        rx.hstack(_kind_select(S.note_kind, "kind", "note-kind"),
                  rx.button("Add note", on_click=S.add_note, id="add-note"),
                  spacing="2", align="center"),
        width="100%", spacing="2"))


def notes_panel() -> rx.Component:
    return card(
        rx.heading("Notes", size="4"),
        _remarks(),
        rx.cond(S.note_error != "", rx.callout(S.note_error, icon="triangle_alert",
                                               color_scheme="red", size="1", id="note-error")),
        _add_form(),
        rx.cond(S.notes.length() == 0,
                rx.text("No notes yet.", size="2", color_scheme="gray", id="no-notes"),
                rx.vstack(rx.foreach(S.notes, _note), spacing="0", width="100%", id="notes")),
        id="notes-panel",
    )
