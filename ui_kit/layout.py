"""The page shell every screen sits in: a coloured header with the product and app name."""

from __future__ import annotations

import reflex as rx

from ui_kit.theme import HEADER_BG, HEADER_FG, PAGE_MAX_WIDTH, PRODUCT_NAME


def header(app_label: str, *right: rx.Component) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.hstack(
                rx.icon("hotel", size=22, color=HEADER_FG),
                rx.text(PRODUCT_NAME, weight="bold", size="4", color=HEADER_FG),
                rx.text(app_label, size="3", color=HEADER_FG, opacity="0.85"),
                align="center",
                spacing="3",
            ),
            rx.spacer(),
            *right,
            align="center",
            # On a phone the right-hand items drop below the product name instead of
            # widening the page past the screen.
            wrap="wrap",
            width="100%",
            max_width=PAGE_MAX_WIDTH,
            margin_x="auto",
            padding_x="1.5rem",
            padding_y="0.75rem",
        ),
        background=HEADER_BG,
        width="100%",
        id="app-header",
    )


def page_shell(*children: rx.Component, app_label: str, page_id: str,
               header_right: tuple[rx.Component, ...] = ()) -> rx.Component:
    """Header plus a centred content column; `page_id` is the id tests select the page by."""
    return rx.box(
        header(app_label, *header_right),
        rx.box(
            *children,
            width="100%",
            max_width=PAGE_MAX_WIDTH,
            margin_x="auto",
            padding="1.5rem",
        ),
        id=page_id,
        min_height="100vh",
        background=rx.color("gray", 2),
    )
