"""The supervisor's inspections: cleaned rooms waiting, pass or fail with a reason."""

from __future__ import annotations

import reflex as rx

from pms_app.components.housekeeping import labelled, room_card
from pms_app.components.shell import desk_shell
from pms_app.state.inspections import InspectionState as S


def _actions(row: rx.Var) -> rx.Component:
    tid = row["task_id"]
    return rx.cond(
        S.failing == tid,
        rx.form(rx.vstack(
            labelled("What needs redoing?", rx.input(name="note", id="fail-note"),
                     S.field_errors, "note"),
            rx.hstack(rx.button("Fail inspection", color_scheme="red", type="submit",
                                id="fail-submit"),
                      rx.button("Cancel", variant="soft", color_scheme="gray", type="button",
                                on_click=S.cancel_fail)),
            spacing="2", width="100%"), on_submit=S.fail_room, reset_on_submit=False),
        rx.hstack(
            rx.button(rx.icon("check", size=16), "Pass", color_scheme="green", size="3",
                      on_click=S.pass_room(tid), id="pass-" + row["number"].to(str)),
            rx.button(rx.icon("x", size=16), "Fail", color_scheme="red", variant="soft",
                      size="3", on_click=S.open_fail(tid), id="fail-" + row["number"].to(str)),
            spacing="2", width="100%", padding_top="0.5rem"),
    )


def inspections() -> rx.Component:
    return desk_shell(
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                           id="inspect-notice", margin_bottom="0.75rem")),
        rx.cond(S.rooms.length() == 0,
                rx.callout("No cleaned rooms are waiting for inspection.", icon="info",
                           id="inspect-empty")),
        rx.grid(rx.foreach(S.rooms, lambda r: room_card(r, footer=_actions(r),
                                                        prefix="inspect")),
                columns=rx.breakpoints(initial="1", sm="2", md="3"), spacing="3",
                width="100%", id="inspect-list"),
        page_id="pms-inspections",
        title="Inspections",
    )
