"""Console sign-in: password, then the authenticator code (set up on first sign-in)."""

from __future__ import annotations

import reflex as rx

from tenant_admin.state.signin import SignInState
from ui_kit import card, error_callout, page_shell


def _password_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Email", size="2", weight="medium"),
            rx.input(id="signin-email", type="email", auto_complete="username", required=True,
                     width="100%"),
            rx.text("Password", size="2", weight="medium"),
            rx.input(id="signin-password", type="password", auto_complete="current-password",
                     required=True, width="100%"),
            rx.button("Sign in", type="submit", loading=SignInState.busy, width="100%",
                      id="signin-submit"),
            spacing="2", align="stretch",
        ),
        on_submit=SignInState.submit_password,
    )


def _code_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.cond(
                SignInState.enrol_secret != "",
                rx.vstack(
                    rx.text("Set up two-step sign-in: scan this code with an authenticator app "
                            "(or type the key), then enter the 6-digit code it shows.", size="2"),
                    rx.box(rx.html(SignInState.enrol_qr), width="180px", id="signin-qr"),
                    rx.code(SignInState.enrol_secret, id="signin-secret"),
                    spacing="2",
                ),
                rx.text("Enter the 6-digit code from your authenticator app (or a recovery code).",
                        size="2"),
            ),
            rx.input(id="signin-code", auto_complete="one-time-code", input_mode="numeric",
                     required=True, width="100%"),
            rx.button("Verify", type="submit", loading=SignInState.busy, width="100%",
                      id="signin-verify"),
            spacing="2", align="stretch",
        ),
        on_submit=SignInState.submit_code,
    )


def _recovery_codes() -> rx.Component:
    return rx.vstack(
        rx.text("Two-step sign-in is on. Keep these recovery codes somewhere safe: each one "
                "signs you in once if you lose your phone. They are shown only now.", size="2"),
        rx.grid(rx.foreach(SignInState.recovery_codes, lambda c: rx.code(c)), columns="2",
                spacing="2", id="signin-recovery-codes"),
        rx.button("Continue", on_click=SignInState.continue_after_codes, id="signin-continue"),
        spacing="3",
    )


def signin() -> rx.Component:
    return page_shell(
        rx.center(
            card(
                rx.heading("Sign in to the chain console", size="5"),
                rx.cond(SignInState.error != "",
                        error_callout(SignInState.error, id="signin-error")),
                rx.match(SignInState.step,
                         ("code", _code_form()),
                         ("recovery", _recovery_codes()),
                         _password_form()),
                width="100%", max_width="26rem",
            ),
            padding_top="3rem",
        ),
        app_label="Chain admin",
        page_id="admin-signin",
    )
