"""Guest requests: open requests newest first, updated live, with start and done buttons."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.state.guest_requests import GuestRequestsState as S
from ui_kit import empty_state


def _row(r: rx.Var) -> rx.Component:
    return rx.card(rx.flex(
        rx.vstack(
            rx.hstack(rx.badge(r["category"]), rx.badge(r["status"], color_scheme="amber"),
                      rx.text(r["at"], " · ", r["by"], size="1", color_scheme="gray"),
                      wrap="wrap"),
            rx.text(r["description"], class_name="request-description"),
            spacing="1", flex="1", min_width="14rem"),
        rx.hstack(
            rx.cond(r["status"] == "open", rx.button(
                "Start", size="1", variant="soft", on_click=S.set_status(r["id"], "in_progress"))),
            rx.button("Done", size="1", on_click=S.set_status(r["id"], "done"))),
        gap="3", wrap="wrap", align="center", width="100%",
    ), width="100%", class_name="guest-request")


def guest_requests() -> rx.Component:
    return desk_shell(
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green")),
        rx.cond(S.requests.length() > 0,
                rx.vstack(rx.foreach(S.requests, _row), width="100%", id="request-list"),
                empty_state("No open requests.", "New ones appear here as guests ask.",
                            id="no-requests")),
        page_id="pms-guest-requests", title="Guest requests",
    )
