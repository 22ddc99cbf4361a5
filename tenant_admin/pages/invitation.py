"""The page an invitation link opens: set a password, set up two-step sign-in, done."""

from __future__ import annotations

import reflex as rx

from tenant_admin.state.invitation import InvitationState
from ui_kit import card, error_callout, page_shell


def _err(name: str) -> rx.Component:
    return rx.cond(InvitationState.field_errors.get(name, "") != "",
                   rx.text(InvitationState.field_errors.get(name, ""), size="1",
                           color_scheme="red"))


def _password_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Choose a password: at least 12 characters; a few unrelated words work well.",
                    size="2"),
            rx.input(name="password", id="accept-password", type="password",
                     auto_complete="new-password", required=True),
            _err("password"),
            rx.text("Type it again", size="2"),
            rx.input(name="confirm", id="accept-confirm", type="password",
                     auto_complete="new-password", required=True),
            _err("confirm"),
            rx.button("Set my password", type="submit", id="accept-submit"),
            spacing="2", align="stretch",
        ),
        on_submit=InvitationState.choose_password,
    )


def _code_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.cond(InvitationState.enrol_secret != "",
                    rx.vstack(
                        rx.text("Now set up two-step sign-in: scan this with an authenticator "
                                "app (or type the key), then enter the code it shows.", size="2"),
                        rx.box(rx.html(InvitationState.enrol_qr), width="180px"),
                        rx.code(InvitationState.enrol_secret, id="accept-secret"),
                        spacing="2"),
                    rx.text("Enter the code from your authenticator app.", size="2")),
            rx.input(id="accept-code", auto_complete="one-time-code", input_mode="numeric",
                     required=True),
            _err("code"),
            rx.button("Verify", type="submit", id="accept-verify"),
            spacing="2", align="stretch",
        ),
        on_submit=InvitationState.submit_code,
    )


def _done_step() -> rx.Component:
    return rx.vstack(
        rx.callout("Your account is ready. Sign in to the hotel system with your email, your "
                   "password and a code from your authenticator app.", icon="circle_check",
                   color_scheme="green", id="accept-done"),
        rx.cond(InvitationState.recovery_codes.length() > 0, rx.vstack(
            rx.text("Keep these recovery codes somewhere safe; each signs you in once if you "
                    "lose your phone. They are shown only now.", size="2"),
            rx.grid(rx.foreach(InvitationState.recovery_codes, lambda c: rx.code(c)),
                    columns="2", spacing="2", id="accept-recovery-codes"),
        )),
        spacing="3",
    )


def invitation() -> rx.Component:
    return page_shell(
        rx.center(card(
            rx.heading("Welcome to Guest Journey", size="5"),
            rx.cond(InvitationState.error != "",
                    error_callout(InvitationState.error, id="accept-error")),
            rx.match(InvitationState.step, ("code", _code_step()), ("done", _done_step()),
                     _password_step()),
            width="100%", max_width="28rem",
        ), padding_top="3rem"),
        app_label="Chain admin",
        page_id="admin-accept-invitation",
    )
