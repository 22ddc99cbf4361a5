"""The attendant's phone view: my rooms today with big buttons, and "report a problem"."""

from __future__ import annotations

import reflex as rx

from pms_app.components.housekeeping import room_card, work_order_form
from pms_app.components.shell import desk_shell
from pms_app.state.attendant import AttendantState as S


def _actions(row: rx.Var) -> rx.Component:
    tid = row["task_id"]
    return rx.vstack(
        rx.cond(row["task_status"] == "open", rx.button(
            rx.icon("play", size=16), "Start cleaning", size="3", width="100%",
            on_click=S.start(tid), id="start-" + row["number"].to(str))),
        rx.cond(row["task_status"] == "in_progress", rx.button(
            rx.icon("check", size=16), "Finished: ready for inspection", size="3", width="100%",
            color_scheme="green", on_click=S.finish(tid), id="finish-" + row["number"].to(str))),
        rx.cond(S.permissions.contains("maintenance.create"), rx.button(
            rx.icon("wrench", size=16), "Report a problem", size="2", width="100%",
            variant="soft", color_scheme="gray", on_click=S.open_report(row["room_id"]),
            id="report-" + row["number"].to(str))),
        spacing="2", width="100%", padding_top="0.5rem",
    )


def _report() -> rx.Component:
    return rx.cond(S.report_open, rx.card(
        rx.vstack(
            rx.hstack(rx.heading("Report a problem", size="4"), rx.spacer(),
                      rx.icon_button(rx.icon("x", size=16), variant="ghost",
                                     on_click=S.close_report, id="report-close")),
            work_order_form(S, S.report, "issue-photos", rooms=None,
                            can_ooo=S.permissions.contains("maintenance.create"),
                            form_id="report-form"),
            spacing="3", width="100%"),
        margin_bottom="0.75rem"))


def attendant() -> rx.Component:
    return desk_shell(
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                           id="attendant-notice", margin_bottom="0.75rem")),
        _report(),
        rx.cond(S.rooms.length() == 0,
                rx.callout("No rooms are assigned to you today.", icon="info",
                           id="attendant-empty")),
        rx.vstack(rx.foreach(S.rooms, lambda r: room_card(r, footer=_actions(r),
                                                          prefix="my-room")),
                  spacing="3", width="100%", id="my-rooms"),
        page_id="pms-my-rooms",
        title="My rooms",
    )
