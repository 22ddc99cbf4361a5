"""The stay search form (dates, adults, children's ages, promo code) with visible labels."""

from __future__ import annotations

import reflex as rx

from booking_site.state.search import SearchState


def _field(label: rx.Var, control: rx.Component, field_id: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=field_id, class_name="rt-Text rt-r-size-2 rt-r-weight-medium"),
        control,
        rx.cond(SearchState.field_errors.contains(field_id.removeprefix("search-")),
                rx.text(SearchState.field_errors[field_id.removeprefix("search-")], size="1",
                        color_scheme="red", id=field_id + "-error")),
        spacing="1", min_width="140px", flex="1",
    )


class PrefetchPageLinks(rx.Component):
    """React Router's <PrefetchPageLinks>: modulepreload links for the page's route modules."""

    library = "react-router"
    tag = "PrefetchPageLinks"
    page: rx.Var[str]


def search_form() -> rx.Component:
    t = SearchState.t
    return rx.form(
        rx.flex(
            _field(t["arrival"], rx.input(type="date", name="arrival", id="search-arrival",
                                          default_value=SearchState.arrival, required=True),
                   "search-arrival"),
            _field(t["departure"], rx.input(type="date", name="departure", id="search-departure",
                                            default_value=SearchState.departure, required=True),
                   "search-departure"),
            _field(t["adults"], rx.input(type="number", name="adults", id="search-adults",
                                         min="1", max="8", default_value=SearchState.adults),
                   "search-adults"),
            _field(t["children_ages"], rx.input(name="children", id="search-children",
                                                default_value=SearchState.children,
                                                placeholder="4, 9"), "search-children"),
            _field(t["promo_code"], rx.input(name="promo", id="search-promo",
                                             default_value=SearchState.promo), "search-promo"),
            rx.button(rx.icon("search", size=16), t["search"], type="submit", id="search-submit",
                      size="3", align_self="end"),
            wrap="wrap", gap="3", width="100%", align="end",
        ),
        # The results page's code is fetched while the guest fills in the form, so opening it
        # waits for nothing but the search.
        PrefetchPageLinks.create(page="/p/" + SearchState.slug + "/search"),
        # Searches at once and then opens the results URL (shareable), whose on_load keeps this
        # search instead of running it again.
        on_submit=SearchState.search, id="search", width="100%",
    )
