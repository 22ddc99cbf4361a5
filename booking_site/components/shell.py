"""The hotel site's frame: hotel name, its menu, language switch and manage-booking link."""

from __future__ import annotations

import reflex as rx

from booking_site.i18n import LANGUAGES
from booking_site.state.site import SiteState
from ui_kit import error_callout


def _menu() -> rx.Component:
    return rx.hstack(
        rx.link(SiteState.t["home"], href="/p/" + SiteState.slug, size="2", color="white"),
        rx.foreach(SiteState.menu, lambda m: rx.link(m["title"], href=m["href"], size="2",
                                                     color="white")),
        rx.link(SiteState.t["manage_booking"], href="/p/" + SiteState.slug + "/manage", size="2",
                id="manage-link", color="white"),
        rx.link(SiteState.t["my_stay"], href="/p/" + SiteState.slug + "/my-stay", size="2",
                id="my-stay-link", color="white"),
        spacing="4", wrap="wrap", align="center", role="navigation",
    )


def _lang_switch() -> rx.Component:
    return rx.el.label(
        rx.el.span(SiteState.t["language"], class_name="rt-r-size-1", style={"marginRight": "6px"}),
        rx.el.select(
            *[rx.el.option(name, value=code) for code, name in LANGUAGES.items()],
            value=SiteState.lang, on_change=SiteState.set_lang, id="lang-switch",
            style={"padding": "4px", "borderRadius": "6px"},
        ),
    )


def site_shell(*children: rx.Component, page_id: str, head: tuple = ()) -> rx.Component:
    return rx.box(
        *head,
        rx.box(
            rx.vstack(
                rx.hstack(
                    rx.link(rx.heading(SiteState.site_name, size="6", id="site-name"),
                            href="/p/" + SiteState.slug, underline="none", color="white"),
                    rx.spacer(), _lang_switch(), wrap="wrap", width="100%", align="center"),
                _menu(),
                width="100%", max_width="1100px", margin_x="auto", spacing="2",
                padding_x="1rem", padding_y="0.75rem",
            ),
            background=rx.cond(SiteState.brand_color != "", SiteState.brand_color,
                               rx.color("teal", 9)),
            color="white", width="100%", role="banner",
        ),
        rx.el.main(
            rx.cond(SiteState.site_error != "", error_callout(SiteState.site_error, id="site-error")),
            *children,
            style={"width": "100%", "maxWidth": "1100px", "margin": "0 auto", "padding": "1rem"},
        ),
        id=page_id, min_height="100vh", background=rx.color("gray", 1),
    )
