"""The one theme the three apps share: colours, type and spacing, defined once."""

from __future__ import annotations

import reflex as rx

PRODUCT_NAME = "Guest Journey"

# Radix theme tokens; every app passes THEME to rx.App so they look like one product.
THEME = rx.theme(
    appearance="light",
    accent_color="teal",
    gray_color="slate",
    radius="medium",
    scaling="100%",
    has_background=True,
    # Solid, not Radix's default translucent panels: a translucent panel (cards, tables, menus)
    # blurs what is behind it (backdrop-filter: blur(64px)), so every change under a table made
    # the browser re-blur the whole table; on Today a live update took ~20 ms of compositing per
    # tab (software, headless Chromium). On our plain page background the two look the same.
    panel_background="solid",
)

FONT_STACK = (
    "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "Arial, sans-serif"
)

# Global CSS applied by create_app; component-level styling uses the Radix tokens above.
STYLE = {
    "font_family": FONT_STACK,
    "::selection": {"background_color": rx.color("accent", 5)},
}

HEADER_BG = rx.color("accent", 9)
HEADER_FG = "white"
PAGE_MAX_WIDTH = "72rem"
