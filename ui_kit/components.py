"""Small presentational components shared by the apps (no state, no data access)."""

from __future__ import annotations

import reflex as rx

# Status words used across the suite mapped to one colour each, so a status reads the same
# in every app.
STATUS_COLORS = {
    "active": "green",
    "provisioning": "amber",
    "disabled": "gray",
    "failed": "red",
}


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", align="stretch"), size="3", **props)


def status_badge(status: rx.Var | str) -> rx.Component:
    return rx.badge(
        status,
        color_scheme=rx.match(status, *STATUS_COLORS.items(), "gray"),
        variant="soft",
        radius="full",
    )


def empty_state(title: str, detail: str, **props) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.callout.text(rx.text.strong(title), " ", detail),
        **props,
    )


def error_callout(message: rx.Var | str, **props) -> rx.Component:
    return rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", **props)
