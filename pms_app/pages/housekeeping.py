"""Housekeeping board: room status by floor, live; assignment, condition, OOS and OOO."""

from __future__ import annotations

import reflex as rx

from pms_app.components.housekeeping import field_error, labelled, room_card
from pms_app.components.shell import desk_shell
from pms_app.state.housekeeping import HousekeepingState as S


def _notice() -> rx.Component:
    return rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                              id="hk-notice", margin_bottom="0.75rem"))


def _toolbar() -> rx.Component:
    can = S.permissions.contains
    return rx.flex(
        rx.select.root(
            rx.select.trigger(id="hk-floor"),
            rx.select.content(rx.foreach(S.floor_options, lambda f: rx.select.item(
                rx.cond(f == "all", "All floors", "Floor " + f), value=f))),
            value=S.floor, on_change=S.set_floor),
        rx.cond(can("housekeeping.update_status"), rx.link(
            rx.button(rx.icon("spray_can", size=16), "My rooms", variant="soft"),
            href="/housekeeping/my-rooms", id="hk-my-rooms")),
        rx.cond(can("housekeeping.inspect"), rx.link(
            rx.button(rx.icon("clipboard_check", size=16), "Inspections", variant="soft"),
            href="/housekeeping/inspections", id="hk-inspections")),
        rx.cond(can("housekeeping.assign"), rx.flex(
            rx.select.root(
                rx.select.trigger(placeholder="Attendant", id="hk-attendant"),
                rx.select.content(rx.foreach(S.attendant_options, lambda a: rx.select.item(
                    a["name"], value=a["id"]))),
                value=S.attendant_id, on_change=S.set_attendant),
            rx.button("Assign ", S.selected.length(), " selected", on_click=S.assign,
                      disabled=S.selected.length() == 0, id="hk-assign"),
            spacing="2", wrap="wrap")),
        spacing="2", wrap="wrap", align="center", margin_bottom="0.75rem",
    )


def _action_form() -> rx.Component:
    errors = S.field_errors
    return rx.cond(S.action_room != "", rx.card(rx.form(
        rx.vstack(
            rx.heading(rx.cond(S.action_kind == "oos", "Out of service (stays sellable)",
                               "Out of order (leaves inventory)"), size="3"),
            labelled("Reason", rx.input(name="reason", id="hk-reason"), errors, "reason"),
            rx.cond(S.action_kind == "ooo", rx.grid(
                labelled("First night", rx.input(type="date", name="start", id="hk-start"),
                         errors, "start"),
                labelled("Back in service on", rx.input(type="date", name="end", id="hk-end"),
                         errors, "end"),
                columns="2", spacing="3", width="100%")),
            rx.hstack(rx.button("Save", type="submit", id="hk-action-save"),
                      rx.button("Cancel", variant="soft", color_scheme="gray", type="button",
                                on_click=S.close_action)),
            spacing="3", width="100%"),
        on_submit=S.submit_action, reset_on_submit=False), id="hk-action-form",
        margin_bottom="0.75rem"))


def _room_actions(row: rx.Var) -> rx.Component:
    can = S.permissions.contains
    rid = row["room_id"]
    return rx.flex(
        rx.cond(can("housekeeping.update_status") & (row["condition"] != "dirty"),
                rx.button("Dirty", size="1", variant="soft", color_scheme="red",
                          on_click=S.set_condition(rid, "dirty"))),
        rx.cond(can("housekeeping.update_status") & (row["condition"] == "dirty"),
                rx.button("Clean", size="1", variant="soft",
                          on_click=S.set_condition(rid, "clean"))),
        rx.cond(can("housekeeping.inspect") & (row["condition"] == "clean"),
                rx.button("Inspected", size="1", variant="soft", color_scheme="green",
                          on_click=S.set_condition(rid, "inspected"))),
        rx.cond(can("housekeeping.update_status"), rx.cond(
            row["oos"] == "yes",
            rx.button("Back in service", size="1", variant="outline",
                      on_click=S.clear_out_of_service(rid)),
            rx.button("OOS", size="1", variant="outline", color_scheme="amber",
                      on_click=S.open_action(rid, "oos")))),
        rx.cond(can("maintenance.create") & (row["ooo"] != "yes"),
                rx.button("OOO", size="1", variant="outline", color_scheme="gray",
                          on_click=S.open_action(rid, "ooo"))),
        rx.cond(can("maintenance.create"), rx.link(
            rx.button(rx.icon("wrench", size=12), size="1", variant="ghost"),
            href="/maintenance?room=" + rid.to(str), title="Report a problem")),
        spacing="1", wrap="wrap", padding_top="0.25rem",
    )


def _select_box(row: rx.Var) -> rx.Component:
    return rx.cond(S.permissions.contains("housekeeping.assign"), rx.checkbox(
        checked=S.selected.contains(row["room_id"]), on_change=S.toggle_room(row["room_id"]),
        id="select-" + row["number"].to(str)))


def housekeeping() -> rx.Component:
    return desk_shell(
        _toolbar(),
        field_error(S.field_errors, "attendant_id"),
        _notice(),
        _action_form(),
        rx.cond(S.rooms.length() == 0, rx.text("No rooms on this floor.", id="hk-empty")),
        rx.grid(
            rx.foreach(S.rooms, lambda r: room_card(r, header_extra=_select_box(r),
                                                    footer=_room_actions(r))),
            columns=rx.breakpoints(initial="1", xs="2", sm="3", md="4", lg="5"),
            spacing="3", width="100%", id="hk-board",
        ),
        page_id="pms-housekeeping",
        title="Housekeeping",
    )
