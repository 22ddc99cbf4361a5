"""Booking site landing page: the chain's hotels with their addresses."""

from __future__ import annotations

import reflex as rx

from booking_site.state.home import HotelsState
from ui_kit import card, empty_state, error_callout, page_shell


def _hotel_card(hotel: rx.Var) -> rx.Component:
    return card(
        rx.hstack(rx.icon("bed_double", size=20),
                  rx.link(rx.heading(hotel["name"], size="4"), href="/p/" + hotel["slug"]),
                  align="center", spacing="2"),
        rx.cond(
            hotel["address"] != "",
            rx.hstack(rx.icon("map_pin", size=16), rx.text(hotel["address"], size="2"),
                      align="center", spacing="2", color_scheme="gray"),
        ),
        id="hotel-" + hotel["slug"].to(str),
        class_name="hotel-card",
    )


def home() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Find your stay", size="8"),
            rx.text("Book directly with our hotels for the best available rate.",
                    size="4", color_scheme="gray"),
            spacing="2",
            padding_y="2rem",
        ),
        rx.cond(HotelsState.error != "", error_callout(HotelsState.error)),
        rx.cond(
            HotelsState.hotels.length() > 0,
            rx.grid(rx.foreach(HotelsState.hotels, _hotel_card),
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="4", width="100%", id="hotel-list"),
            rx.cond(
                HotelsState.loaded & (HotelsState.error == ""),
                empty_state("No hotels are open for booking yet.",
                            "Please check back soon.", id="no-hotels"),
                rx.spinner(id="hotels-loading"),
            ),
        ),
        app_label="Book direct",
        page_id="booking-home",
    )
