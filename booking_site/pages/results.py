"""Search results: one card per room type with each rate plan's total, breakdown on demand."""

from __future__ import annotations

import reflex as rx

from booking_site.components.search_form import search_form
from booking_site.components.shell import site_shell
from booking_site.state.search import SearchState
from ui_kit import empty_state, error_callout


def _plan(rt: rx.Var, p: rx.Var) -> rx.Component:
    key = rt["room_type_id"].to(str) + p["rate_plan_id"].to(str)
    t = SearchState.t
    return rx.box(
        rx.flex(
            rx.vstack(
                rx.text(p["name"], weight="bold"),
                rx.text(p["policy"], size="1", color_scheme="gray"),
                spacing="1", flex="1", min_width="200px",
            ),
            rx.vstack(
                rx.text(p["total_fmt"], size="5", weight="bold", class_name="plan-total"),
                rx.text(p["per_night_fmt"], " ", t["per_night"], size="1", color_scheme="gray"),
                align="end", spacing="0",
            ),
            rx.button(t["book"], on_click=SearchState.choose(
                rt["room_type_id"], p["rate_plan_id"], p["total"]), class_name="book-button",
                aria_label=t["book"] + " " + rt["name"].to(str) + " " + p["name"].to(str)),
            gap="3", align="center", wrap="wrap", width="100%",
        ),
        rx.button(t["nightly_breakdown"], variant="ghost", size="1",
                  on_click=SearchState.toggle_breakdown(key), class_name="breakdown-toggle",
                  aria_expanded=rx.cond(SearchState.open_breakdown == key, "true", "false")),
        rx.cond(SearchState.open_breakdown == key, rx.vstack(
            rx.foreach(p["nights"].to(list[dict[str, str]]), lambda n: rx.hstack(
                rx.text(n["date"], size="2"), rx.spacer(), rx.text(n["amount"], size="2"),
                width="100%")),
            rx.text(t["taxes"], weight="bold", size="2"),
            rx.foreach(p["taxes"].to(list[dict[str, str]]), lambda x: rx.hstack(
                rx.text(x["name"], size="2"), rx.spacer(),
                rx.text(x["amount"], rx.cond(x["included"] == "yes", " (" + t["included"] + ")",
                                             ""), size="2"), width="100%")),
            width="100%", spacing="1", class_name="nightly-breakdown",
            padding="0.5rem", background=rx.color("gray", 2), border_radius="6px")),
        border_top=f"1px solid {rx.color('gray', 5)}", padding_y="0.75rem", width="100%",
        class_name="rate-plan",
    )


def _room_type(rt: rx.Var) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.image(src=rx.cond(rt["photo"] != "", rt["photo"], "/site/room.svg"),
                     alt=rt["name"], width=rx.breakpoints(initial="100%", sm="220px"),
                     height="150px", object_fit="cover", border_radius="6px"),
            rx.vstack(
                rx.heading(rt["name"], size="5", as_="h2"),
                rx.text(rt["description"], size="2"),
                rx.text(SearchState.t["guests_up_to"], " ", rt["max_occupancy"], " ",
                        SearchState.t["guests"], size="1", color_scheme="gray"),
                rx.foreach(rt["plans"].to(list[dict]), lambda p: _plan(rt, p)),
                flex="1", width="100%", spacing="2",
            ),
            gap="4", wrap="wrap", width="100%",
        ),
        width="100%", class_name="room-offer",
    )


def results() -> rx.Component:
    return site_shell(
        rx.el.title(SearchState.t["results_title"] + " · " + SearchState.site_name),
        rx.card(search_form(), width="100%", margin_bottom="1rem"),
        rx.cond(SearchState.error != "", error_callout(SearchState.error, id="search-error")),
        rx.cond(
            SearchState.searched,
            rx.cond(
                SearchState.offers.length() > 0,
                rx.vstack(rx.heading(SearchState.t["results_title"], size="6", as_="h1"),
                          rx.foreach(SearchState.offers, _room_type), spacing="4", width="100%",
                          id="results"),
                rx.cond(SearchState.error == "",
                        empty_state(SearchState.t["no_results"], "", id="no-results")),
            ),
            rx.spinner(id="results-loading"),
        ),
        rx.el.script(SearchState.offers_json_ld, type="application/ld+json"),
        page_id="search-results",
    )
