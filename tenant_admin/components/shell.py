"""The console shell: the suite's header with the operator's navigation, and form helpers."""

from __future__ import annotations

import reflex as rx

from tenant_admin.state.base import AdminState
from ui_kit import error_callout, page_shell


def _nav_link(entry: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(entry["icon"].to(str), size=16), rx.text(entry["label"], size="2"),
                  spacing="1", align="center"),
        href=entry["route"].to(str), underline="none", color_scheme="gray", high_contrast=True,
        id="nav-" + entry["route"].to(str),
    )


def _nav_bar() -> rx.Component:
    return rx.hstack(rx.foreach(AdminState.nav, _nav_link), spacing="5", wrap="wrap",
                     padding_bottom="0.75rem", border_bottom=f"1px solid {rx.color('gray', 5)}",
                     width="100%", id="admin-nav")


def _header_right() -> tuple[rx.Component, ...]:
    return (
        rx.cond(
            AdminState.signed_in,
            rx.hstack(
                rx.text(AdminState.user_name, " · ", AdminState.chain_name, size="2",
                        color="white", id="admin-user-name"),
                rx.button("Sign out", on_click=AdminState.sign_out, size="1", variant="surface",
                          color_scheme="gray", id="admin-sign-out"),
                spacing="3", align="center",
            ),
        ),
    )


def notices() -> rx.Component:
    return rx.fragment(
        rx.cond(AdminState.error != "", error_callout(AdminState.error, id="admin-error")),
        rx.cond(AdminState.notice != "",
                rx.callout(AdminState.notice, icon="circle_check", color_scheme="green",
                           id="admin-notice")),
    )


def admin_page(title: str, *children: rx.Component, page_id: str,
               actions: tuple[rx.Component, ...] = ()) -> rx.Component:
    """A console page: nothing but a spinner until the session is confirmed server-side."""
    return page_shell(
        rx.cond(
            AdminState.signed_in,
            rx.vstack(
                _nav_bar(),
                rx.hstack(rx.heading(title, size="7"), rx.spacer(), *actions, width="100%",
                          align="center"),
                notices(),
                *children,
                spacing="4", width="100%", align="stretch",
            ),
            rx.center(
                rx.cond(AdminState.error != "",
                        rx.vstack(error_callout(AdminState.error, id="admin-error"),
                                  rx.link("Sign in again", href="/login"), align="center"),
                        rx.spinner(size="3")),
                padding="4rem"),
        ),
        app_label="Chain admin",
        page_id=page_id,
        header_right=_header_right(),
    )


def field(label: str, control: rx.Component, error: rx.Var | None = None) -> rx.Component:
    """A labelled form control with the server's message for it underneath."""
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        control,
        rx.cond(error != "", rx.text(error, size="1", color_scheme="red"))
        if error is not None else rx.fragment(),
        spacing="1", align="stretch", width="100%",
    )

