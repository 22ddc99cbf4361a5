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
            rx.spacer(),
            rx.button("Book now", style={"background": rx.cond(
                BrandState.brand["accent_color"] != "", BrandState.brand["accent_color"],
                rx.color("amber", 9))}),
            background=colour, padding="0.75rem", border_radius="8px", align="center",
            font_family=rx.cond(BrandState.font_stack != "", BrandState.font_stack, "inherit"),
            id="brand-preview",
        ),
    )


def brand() -> rx.Component:
    return admin_page(
        "Brand",
        rx.cond(~BrandState.loaded, rx.spinner()),
        rx.cond(BrandState.loaded, rx.form(
            card(
                field("Display name", rx.input(name="display_name", id="brand-display-name",
                                               default_value=BrandState.brand["display_name"]),
                      _err("display_name")),
                field("Main colour (#rrggbb)",
                      rx.hstack(rx.input(name="primary_color", id="brand-primary-color",
                                         default_value=BrandState.brand["primary_color"],
                                         placeholder="#0e7c86"), spacing="2"),
                      _err("primary_color")),
                field("Accent colour for buttons (#rrggbb)",
                      rx.input(name="accent_color", id="brand-accent-color",
                               default_value=BrandState.brand["accent_color"],
                               placeholder="#f59e0b"), _err("accent_color")),
                field("Font", rx.el.select(
                    rx.el.option("The suite's default", value=""),
                    rx.foreach(BrandState.fonts, lambda f: rx.el.option(
                        f["key"], value=f["key"], style={"fontFamily": f["stack"]})),
                    name="font", id="brand-font", default_value=BrandState.brand["font"],
                    style={"padding": "0.4rem", "borderRadius": "6px"}), _err("font")),
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
        )),
        _preview(),
        page_id="admin-brand",
    )
