"""Housekeeping and maintenance building blocks: status badges, room cards, the problem form."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

# One colour per board status, so a room reads the same on every screen.
ROOM_COLORS = {"vacant_inspected": "green", "vacant_clean": "teal", "vacant_dirty": "red",
               "occupied_inspected": "blue", "occupied_clean": "blue", "occupied_dirty": "orange",
               "ooo": "gray", "oos": "amber"}
PRIORITY_COLORS = {"urgent": "red", "high": "orange", "normal": "blue", "low": "gray"}
WO_STATUS_COLORS = {"open": "amber", "in_progress": "blue", "done": "teal", "verified": "green"}


def room_badge(row: rx.Var) -> rx.Component:
    return rx.badge(row["label"], color_scheme=rx.match(row["key"], *ROOM_COLORS.items(), "gray"),
                    variant="solid", radius="full", class_name="room-status")


def room_card(row: rx.Var, *, header_extra: rx.Component | None = None,
              footer: rx.Component | None = None, prefix: str = "room") -> rx.Component:
    """A room as a card: number, type, status, notes, today's task; actions underneath."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(row["number"], size="5"),
                rx.spacer(),
                *([header_extra] if header_extra is not None else []),
                align="center", width="100%",
            ),
            rx.text(row["room_type"], size="1", color_scheme="gray"),
            room_badge(row),
            rx.cond(row["notes"] != "", rx.text(row["notes"], size="1")),
            rx.cond(row["task"] != "", rx.text(row["task"], " · ", row["attendant"], size="1",
                                              color_scheme="gray", class_name="room-task")),
            rx.cond(row["inspection_note"] != "",
                    rx.text("Inspection: ", row["inspection_note"], size="1", color="red")),
            *([footer] if footer is not None else []),
            spacing="1", align="stretch",
        ),
        id=f"{prefix}-" + row["number"].to(str),
        class_name=f"{prefix}-card",
        border_left_width="4px", border_left_style="solid",
        border_left_color=rx.match(row["key"], *((k, f"var(--{c}-9)")
                                                 for k, c in ROOM_COLORS.items()),
                                   "var(--gray-9)"),
    )


def field_error(errors: rx.Var, name: str) -> rx.Component:
    return rx.cond(errors.contains(name),
                   rx.text(errors[name], size="1", color="red", id=f"error-{name}"))


def labelled(label: str, control: rx.Component, errors: rx.Var, name: str) -> rx.Component:
    return rx.vstack(rx.text(label, size="2", weight="medium"), control,
                     field_error(errors, name), spacing="1", width="100%")


def select(options: list[tuple[str, str]] | rx.Var, value: rx.Var, on_change: Callable,
           *, id: str, placeholder: str = "") -> rx.Component:
    items = ([rx.select.item(label, value=v) for v, label in options]
             if isinstance(options, list) else
             [rx.foreach(options, lambda o: rx.select.item(o["label"], value=o["value"]))])
    return rx.select.root(rx.select.trigger(placeholder=placeholder, id=id, width="100%"),
                          rx.select.content(*items), value=value, on_change=on_change)


def photo_picker(upload_id: str) -> rx.Component:
    """Up to 3 photos or PDFs; checked again on the server (type by content, 10 MB each)."""
    return rx.vstack(
        rx.upload(
            rx.vstack(rx.icon("camera", size=20),
                      rx.text("Add photos (JPEG, PNG, WebP or PDF, up to 10 MB)", size="1"),
                      align="center", spacing="1"),
            id=upload_id, max_files=3, multiple=True,
            accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"],
                    "image/webp": [".webp"], "application/pdf": [".pdf"]},
            border="1px dashed var(--gray-8)", padding="0.75rem", width="100%",
            border_radius="var(--radius-2)", class_name="photo-drop",
        ),
        rx.foreach(rx.selected_files(upload_id),
                   lambda f: rx.text(f, size="1", class_name="selected-photo")),
        spacing="1", width="100%",
    )


CATEGORY_OPTIONS = [("plumbing", "Plumbing"), ("electrical", "Electrical"), ("hvac", "Heating / AC"),
                    ("furniture", "Furniture"), ("appliance", "Appliance"),
                    ("doors_locks", "Doors & locks"), ("it_tv", "TV / Wi-Fi"),
                    ("painting", "Painting"), ("other", "Other")]
PRIORITY_OPTIONS = [("low", "Low"), ("normal", "Normal"), ("high", "High"), ("urgent", "Urgent")]


def work_order_form(state, submit: Callable, upload_id: str, *, rooms: rx.Var | None,
                    can_ooo: rx.Var, form_id: str) -> rx.Component:
    """The "report a problem" form. `state` mixes in WorkOrderForm; `submit` takes the files."""
    errors = state.field_errors
    where = []
    if rooms is not None:
        where = [
            labelled("Room", rx.select.root(
                rx.select.trigger(placeholder="Choose a room (or name an area)",
                                  id="wo-room", width="100%"),
                rx.select.content(rx.select.item("No room: an area", value="none"),
                                  rx.foreach(rooms, lambda r: rx.select.item(
                                      r["number"], value=r["id"]))),
                value=rx.cond(state.wo_room_id == "", "none", state.wo_room_id),
                on_change=lambda v: state.set_wo_field("room_id", v)), errors, "room_id"),
            rx.cond(state.wo_room_id == "", labelled("Area", rx.input(
                value=state.wo_area, placeholder="e.g. Lobby, pool terrace", id="wo-area",
                on_change=lambda v: state.set_wo_field("area", v)), errors, "area")),
        ]
    return rx.vstack(
        *where,
        rx.grid(
            labelled("Category", select(CATEGORY_OPTIONS, state.wo_category,
                                        lambda v: state.set_wo_field("category", v),
                                        id="wo-category"), errors, "category"),
            labelled("Priority", select(PRIORITY_OPTIONS, state.wo_priority,
                                        lambda v: state.set_wo_field("priority", v),
                                        id="wo-priority"), errors, "priority"),
            columns="2", spacing="3", width="100%",
        ),
        labelled("What is wrong?", rx.text_area(
            value=state.wo_description, id="wo-description", rows="3",
            placeholder="e.g. The shower drains slowly",
            on_change=lambda v: state.set_wo_field("description", v)), errors, "description"),
        labelled("Due date (optional)", rx.input(
            type="date", value=state.wo_due_date, id="wo-due-date",
            on_change=lambda v: state.set_wo_field("due_date", v)), errors, "due_date"),
        rx.cond(can_ooo & (state.wo_room_id != ""), rx.checkbox(
            "Put the room out of order until this is done", checked=state.wo_out_of_order,
            id="wo-out-of-order",
            on_change=lambda v: state.set_wo_field("out_of_order", v))),
        field_error(errors, "out_of_order"),
        photo_picker(upload_id),
        field_error(errors, "file"),
        rx.button("Report problem", on_click=submit(rx.upload_files(upload_id=upload_id)),
                  id="wo-submit", width="100%", size="3"),
        spacing="3", width="100%", id=form_id,
    )
