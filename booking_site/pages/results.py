"""Search results: one card per room type with each rate plan's total, breakdown on demand."""

from __future__ import annotations

import reflex as rx

from booking_site.components.search_form import search_form
from booking_site.components.shell import site_shell
from booking_site.state.search import SearchState
from ui_kit import empty_state, error_callout

# The offer cards are plain elements wearing Radix Themes' own classes (as the form labels do)
# and laid out by the one stylesheet below, not Radix/Emotion components: a search shows up to
# ~20 plans, and each styled component costs a style serialisation and a wrapper on every
# render, which made drawing the results most of the time from click to prices on screen.
CARD = "rt-reset rt-BaseCard rt-Card rt-r-size-1 rt-variant-surface"
BUTTON = "rt-reset rt-BaseButton rt-r-size-2 rt-variant-solid rt-Button"
GHOST_BUTTON = "rt-reset rt-BaseButton rt-r-size-1 rt-variant-ghost rt-Button"
MUTED = {"data-accent-color": "gray"}
OFFER_CSS = """
.room-offer-row{display:flex;flex-wrap:wrap;gap:var(--space-4);width:100%}
.room-offer-photo{width:100%;height:150px;object-fit:cover;border-radius:6px}
@media (min-width:48em){.room-offer-photo{width:220px}}
.room-offer-body{display:flex;flex-direction:column;gap:var(--space-2);flex:1;width:100%}
.rate-plan{border-top:1px solid var(--gray-5);padding:0.75rem 0;width:100%}
.rate-plan-row{display:flex;flex-wrap:wrap;align-items:center;gap:var(--space-3);width:100%}
.rate-plan-name{display:flex;flex-direction:column;gap:var(--space-1);flex:1;min-width:200px}
.rate-plan-price{display:flex;flex-direction:column;align-items:flex-end}
"""


def _text(*children, size: str = "", weight: str = "", muted: bool = False,
          class_name: str = "") -> rx.Component:
    classes = " ".join(c for c in ("rt-Text", size and f"rt-r-size-{size}",
                                   weight and f"rt-r-weight-{weight}", class_name) if c)
    return rx.el.p(*children, class_name=classes, custom_attrs=MUTED if muted else {})


def _breakdown(p: rx.Var) -> rx.Component:
    t = SearchState.t
    return rx.vstack(
        rx.foreach(p["nights"].to(list[dict[str, str]]), lambda n: rx.hstack(
            rx.text(n["date"], size="2"), rx.spacer(), rx.text(n["amount"], size="2"),
            width="100%")),
        rx.text(t["taxes"], weight="bold", size="2"),
        rx.foreach(p["taxes"].to(list[dict[str, str]]), lambda x: rx.hstack(
            rx.text(x["name"], size="2"), rx.spacer(),
            rx.text(x["amount"], rx.cond(x["included"] == "yes", " (" + t["included"] + ")",
                                         ""), size="2"), width="100%")),
        width="100%", spacing="1", class_name="nightly-breakdown",
        padding="0.5rem", background=rx.color("gray", 2), border_radius="6px")


def _plan(rt: rx.Var, p: rx.Var) -> rx.Component:
    key = rt["room_type_id"].to(str) + p["rate_plan_id"].to(str)
    t = SearchState.t
    return rx.el.div(
        rx.el.div(
            rx.el.div(
                _text(p["name"], weight="bold"),
                _text(p["policy"], size="1", muted=True),
                class_name="rate-plan-name",
            ),
            rx.el.div(
                _text(p["total_fmt"], size="5", weight="bold", class_name="plan-total"),
                _text(p["per_night_fmt"], " ", t["per_night"], size="1", muted=True),
                class_name="rate-plan-price",
            ),
            rx.el.button(t["book"], type="button", class_name=BUTTON + " book-button",
                         on_click=SearchState.choose(rt["room_type_id"], p["rate_plan_id"],
                                                     p["total"]),
                         aria_label=t["book"] + " " + rt["name"].to(str) + " "
                         + p["name"].to(str)),
            class_name="rate-plan-row",
        ),
        rx.el.button(t["nightly_breakdown"], type="button",
                     class_name=GHOST_BUTTON + " breakdown-toggle",
                     on_click=SearchState.toggle_breakdown(key),
                     aria_expanded=rx.cond(SearchState.open_breakdown == key, "true", "false")),
        # The nightly prices and taxes are drawn only for the plan the guest opens.
        rx.cond(SearchState.open_breakdown == key, _breakdown(p)),
        class_name="rate-plan",
    )


def _room_type(rt: rx.Var) -> rx.Component:
    t = SearchState.t
    return rx.el.div(
        rx.el.div(
            rx.el.img(src=rx.cond(rt["photo"] != "", rt["photo"], "/site/room.svg"),
                      alt=rt["name"], class_name="room-offer-photo"),
            rx.el.div(
                rx.el.h2(rt["name"], class_name="rt-Heading rt-r-size-5"),
                _text(rt["description"], size="2"),
                _text(t["guests_up_to"], " ", rt["max_occupancy"], " ", t["guests"], size="1",
                      muted=True),
                rx.foreach(rt["plans"].to(list[dict]), lambda p: _plan(rt, p)),
                class_name="room-offer-body",
            ),
            class_name="room-offer-row",
        ),
        class_name=CARD + " room-offer",
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
        rx.el.style(OFFER_CSS),
        page_id="search-results",
    )
