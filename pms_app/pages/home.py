"""PMS landing page: product name and the properties a staff member can sign in to."""

from __future__ import annotations

import reflex as rx

from pms_app.state.home import HomeState
from ui_kit import card, empty_state, error_callout, page_shell


def _property_link(prop: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("building_2", size=18),
            rx.vstack(
                rx.text(prop["name"], weight="medium"),
                rx.text(prop["timezone"], size="1", color_scheme="gray"),
                spacing="0",
            ),
            rx.spacer(),
            rx.icon("chevron_right", size=18),
            align="center",
            width="100%",
        ),
        # Sign-in is per property; the login page (identity feature) reads ?property=.
        href="/login?property=" + prop["slug"].to(str),
        id="pms-property-" + prop["slug"].to(str),
        class_name="pms-property-link",
        underline="none",
        padding="0.75rem",
        border_radius="var(--radius-3)",
        _hover={"background": rx.color("accent", 3)},
        width="100%",
    )


def home() -> rx.Component:
    return page_shell(
        rx.center(
            card(
                rx.heading("Sign in to your property", size="6"),
                rx.text("Front desk, housekeeping and management for each hotel in the chain.",
                        color_scheme="gray"),
                rx.cond(HomeState.error != "", error_callout(HomeState.error)),
                rx.cond(
                    HomeState.properties.length() > 0,
                    rx.vstack(rx.foreach(HomeState.properties, _property_link),
                              spacing="1", width="100%", id="pms-property-list"),
                    rx.cond(
                        HomeState.loaded & (HomeState.error == ""),
                        empty_state("No properties yet",
                                    "A chain operator creates properties in the tenant admin.",
                                    id="pms-no-properties"),
                        rx.spinner(id="pms-loading"),
                    ),
                ),
                width="100%",
                max_width="32rem",
            ),
            padding_top="3rem",
        ),
        app_label="PMS",
        page_id="pms-home",
    )
