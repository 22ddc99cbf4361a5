"""Brand page: edit the chain's brand with a live preview of the booking site's header."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page, field
from tenant_admin.state.brand import BrandState
from ui_kit import card


def _err(name: str) -> rx.Var:
    return BrandState.field_errors.get(name, "")


def _preview() -> rx.Component:
    colour = rx.cond(BrandState.brand["primary_color"] != "", BrandState.brand["primary_color"],
                     rx.color("accent", 9))
    return card(
        rx.text("Preview", size="2", color_scheme="gray"),
        rx.hstack(
            rx.cond(BrandState.brand["logo_url"] != "",
                    rx.image(src=BrandState.brand["logo_url"], height="32px",
                             alt="logo")),
            rx.text(rx.cond(BrandState.brand["display_name"] != "",
                            BrandState.brand["display_name"], BrandState.chain_name),
                    weight="bold", color="white"),
            background=colour, padding="0.75rem", border_radius="8px", align="center",
            id="brand-preview",
        ),
    )


def brand() -> rx.Component:
    return admin_page(
        "Brand",
        rx.form(
            card(
                field("Display name", rx.input(name="display_name", id="brand-display-name",
                                               default_value=BrandState.brand["display_name"]),
                      _err("display_name")),
                field("Main colour (#rrggbb)",
                      rx.hstack(rx.input(name="primary_color", id="brand-primary-color",
                                         default_value=BrandState.brand["primary_color"],
                                         placeholder="#0e7c86"), spacing="2"),
                      _err("primary_color")),
                field("Logo address", rx.input(name="logo_url", id="brand-logo-url",
                                               default_value=BrandState.brand["logo_url"],
                                               placeholder="https://…/logo.svg"),
                      _err("logo_url")),
                field("Support email", rx.input(name="support_email", id="brand-support-email",
                                                default_value=BrandState.brand["support_email"]),
                      _err("support_email")),
                rx.button("Save", type="submit", id="brand-save", width="fit-content"),
            ),
            on_submit=BrandState.save,
            reset_on_submit=False,
            key=BrandState.brand.to_string(),  # re-mount with the saved values
        ),
        _preview(),
        page_id="admin-brand",
    )
