"""The desk shell: header with search, property switcher, business date and user; role-based nav."""

from __future__ import annotations

import reflex as rx

from pms_app.state.base import PmsState
from ui_kit import error_callout, page_shell


def _search() -> rx.Component:
    return rx.box(
        rx.input(
            placeholder="Guest, reference or room",
            value=PmsState.search_query,
            on_change=PmsState.search.debounce(250),
            id="global-search",
            width="16rem",
            size="2",
        ),
        rx.cond(
            PmsState.search_hits.length() > 0,
            rx.card(
                rx.vstack(
                    rx.foreach(PmsState.search_hits, lambda h: rx.link(
                        rx.vstack(rx.text(h["title"], weight="medium", size="2"),
                                  rx.text(h["detail"], size="1", color_scheme="gray"),
                                  spacing="0"),
                        href=h["href"], on_click=PmsState.clear_search,
                        class_name="search-hit", underline="none", width="100%")),
                    spacing="2", width="100%",
                ),
                position="absolute", top="2.6rem", right="0", width="22rem", z_index="20",
                id="global-search-results",
            ),
        ),
        position="relative",
    )


def _property_switcher() -> rx.Component:
    return rx.cond(
        PmsState.properties.length() > 1,
        rx.select.root(
            rx.select.trigger(id="property-switcher"),
            rx.select.content(rx.foreach(
                PmsState.properties,
                lambda p: rx.select.item(p["name"], value=p["id"]))),
            value=PmsState.property_id,
            on_change=PmsState.switch_property,
            size="2",
        ),
        rx.text(PmsState.property_name, color="white", weight="medium", id="property-name"),
    )


def _nav() -> rx.Component:
    return rx.hstack(
        rx.foreach(PmsState.nav, lambda e: rx.link(
            rx.hstack(rx.icon(e["icon"], size=16), rx.text(e["label"], size="2"),
                      align="center", spacing="1"),
            href=e["route"], underline="none", padding_x="0.6rem", padding_y="0.3rem",
            border_radius="var(--radius-2)", _hover={"background": rx.color("accent", 4)},
            id="nav-" + e["route"].to(str).replace("/", "-"),
        )),
        spacing="1", wrap="wrap", id="desk-nav", padding_bottom="0.75rem",
    )


def desk_shell(*children: rx.Component, page_id: str, title: str) -> rx.Component:
    right = (
        _search(),
        rx.badge(rx.icon("calendar", size=14), PmsState.business_date, size="2",
                 variant="solid", color_scheme="gray", id="business-date"),
        _property_switcher(),
        rx.menu.root(
            # A long name ("Housekeeping Supervisor (Harbour City Hotel)") must not push a
            # phone screen wider than 375 px: it is cut with an ellipsis instead.
            rx.menu.trigger(rx.button(rx.icon("user", size=16),
                                      rx.text(PmsState.user_name, white_space="nowrap",
                                              overflow="hidden", text_overflow="ellipsis",
                                              min_width="0"),
                                      variant="solid", color_scheme="gray", size="2",
                                      max_width="min(20rem, calc(100vw - 3rem))",
                                      id="user-menu")),
            rx.menu.content(rx.menu.item("Sign out", on_click=PmsState.sign_out,
                                         id="sign-out")),
        ),
    )
    return page_shell(
        _nav(),
        rx.heading(title, size="6", margin_bottom="0.75rem"),
        rx.cond(PmsState.error != "", error_callout(PmsState.error, id="page-error",
                                                    margin_bottom="0.75rem")),
        *children,
        app_label="PMS",
        page_id=page_id,
        header_right=right,
    )
