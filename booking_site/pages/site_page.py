"""A hotel's CMS page; the home page also carries the search form."""

from __future__ import annotations

import reflex as rx

from booking_site.components.search_form import search_form
from booking_site.components.shell import site_shell
from booking_site.state.page import PageState
from ui_kit import error_callout
from ui_kit.site_blocks import block


def _head() -> tuple:
    return (
        rx.el.link(rel="canonical", href=PageState.canonical),
        rx.el.meta(name="description", content=PageState.description),
        rx.el.meta(property="og:title", content=PageState.title),
        rx.el.meta(property="og:description", content=PageState.description),
        rx.el.meta(property="og:url", content=PageState.canonical),
        rx.el.meta(property="og:type", content="website"),
        rx.el.script(PageState.json_ld, type="application/ld+json", id="json-ld"),
    )


def _content() -> rx.Component:
    return rx.cond(
        PageState.page_error != "",
        error_callout(PageState.page_error, id="page-error"),
        rx.vstack(
            rx.foreach(PageState.blocks, lambda b: block(b, PageState.room_types)),
            spacing="6", width="100%", id="page-blocks",
        ),
    )


def site_page() -> rx.Component:
    return site_shell(
        rx.cond(PageState.page_slug == "home",
                rx.card(search_form(), width="100%", margin_bottom="1.5rem")),
        rx.cond(PageState.loaded, _content(), rx.spinner()),
        page_id="site-page", head=_head(),
    )
