"""Sign-in page: property, email, password (and a second-factor code when asked)."""

from __future__ import annotations

import reflex as rx

from pms_app.state.login import LoginState
from ui_kit import card, error_callout, page_shell


def _field(label: str, name: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        rx.input(id=f"login-{name}", name=name, width="100%", **props),
        rx.cond(LoginState.field_errors.contains(name),
                rx.text(LoginState.field_errors[name], color_scheme="red", size="1")),
        spacing="1", width="100%",
    )


def login() -> rx.Component:
    return page_shell(
        rx.center(
            card(
                rx.heading("Sign in", size="6"),
                rx.cond(LoginState.error != "", error_callout(LoginState.error,
                                                              id="login-error")),
                rx.el.input(type="hidden", id="login-property", value=LoginState.property_id),
                rx.el.input(type="hidden", id="login-mfa-token", value=LoginState.mfa_token),
                rx.vstack(
                    rx.text("Property", size="2", weight="medium"),
                    rx.select.root(
                        rx.select.trigger(placeholder="Choose your hotel", width="100%",
                                          id="login-property-select"),
                        rx.select.content(rx.foreach(
                            LoginState.properties,
                            lambda p: rx.select.item(p["name"], value=p["id"]))),
                        value=LoginState.property_id,
                        on_change=LoginState.choose_property,
                    ),
                    spacing="1", width="100%",
                ),
                rx.cond(
                    LoginState.mfa_token == "",
                    rx.fragment(
                        _field("Email", "email", type="email", auto_complete="username"),
                        _field("Password", "password", type="password",
                               auto_complete="current-password"),
                    ),
                    _field("Code from your authenticator app (or a recovery code)", "code",
                           auto_complete="one-time-code"),
                ),
                rx.button("Sign in", on_click=LoginState.submit, loading=LoginState.busy,
                          id="login-submit", width="100%"),
                width="100%", max_width="26rem",
            ),
            padding_top="3rem",
        ),
        app_label="PMS",
        page_id="pms-login",
    )
