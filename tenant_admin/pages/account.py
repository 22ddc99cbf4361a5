"""My account page: where I am signed in, and ending any of those sessions."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page
from tenant_admin.state.account import AccountState
from ui_kit import card


def _row(s: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.hstack(rx.text(s["app"]),
                                rx.cond(s["current"] != "", rx.badge("this browser")))),
        rx.table.cell(s["method"]),
        rx.table.cell(rx.text(s["started"], size="1")),
        rx.table.cell(rx.text(s["seen"], size="1")),
        rx.table.cell(rx.vstack(rx.text(s["ip"], size="1"),
                                rx.text(s["agent"], size="1", color_scheme="gray"),
                                spacing="0")),
        rx.table.cell(rx.button("End", size="1", variant="soft", color_scheme="red",
                                on_click=AccountState.revoke(s["id"].to(str)))),
        class_name="session-row",
    )


def account() -> rx.Component:
    return admin_page(
        "My account",
        card(
            rx.heading("Where you are signed in", size="4"),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in (
                    "App", "Method", "Signed in", "Last active", "From", "")])),
                rx.table.body(rx.foreach(AccountState.sessions, _row)),
                width="100%", size="1", id="sessions-table",
            ),
        ),
        page_id="admin-account",
    )
