"""My stay page: find the booking, check in online (with ID upload), ask for things, see the bill."""

from __future__ import annotations

import reflex as rx

from booking_site.components.shell import site_shell
from booking_site.state.my_stay import MyStayState as S
from core.site.portal import DOCUMENT_TYPES, GUEST_CATEGORIES
from ui_kit import error_callout

LABEL = "rt-Text rt-r-size-2 rt-r-weight-medium"


def _lookup() -> rx.Component:
    t = S.t
    return rx.form(rx.vstack(
        rx.heading(t["my_stay"], size="6", as_="h1"),
        rx.el.label(t["reference"], html_for="stay-reference", class_name=LABEL),
        rx.input(name="reference", id="stay-reference", required=True, auto_complete="off"),
        rx.el.label(t["last_name_or_email"], html_for="stay-proof", class_name=LABEL),
        rx.input(name="proof", id="stay-proof", required=True),
        rx.button(t["find_booking"], type="submit", id="stay-find"),
        spacing="2", max_width="420px"), on_submit=S.lookup, width="100%")


def _input(name: str, label: rx.Var, **props) -> rx.Component:
    fid = f"ci-{name}"
    return rx.vstack(
        rx.el.label(label, html_for=fid, class_name=LABEL),
        rx.input(id=fid, value=S.ci[name], on_change=lambda v: S.set_ci(name, v), **props),
        rx.cond(S.field_errors.contains(name),
                rx.text(S.field_errors[name], size="1", color_scheme="red", id=fid + "-error")),
        spacing="1", width="100%")


def _check_in_form() -> rx.Component:
    t = S.t
    return rx.card(rx.vstack(
        rx.heading(t["online_check_in"], size="5", as_="h2"),
        _input("address", t["home_address"], auto_complete="street-address"),
        _input("nationality", t["nationality"], max_length=2, auto_complete="country"),
        rx.el.label(t["document_type"], html_for="ci-document_type", class_name=LABEL),
        rx.el.select(*[rx.el.option(t[d], value=d) for d in DOCUMENT_TYPES],
                     id="ci-document_type", value=S.ci["document_type"],
                     on_change=lambda v: S.set_ci("document_type", v)),
        _input("arrival_time", t["arrival_time"], type="time"),
        rx.text(t["id_upload"], size="2", id="id-upload-label"),
        rx.hstack(
            rx.upload(rx.button(t["choose_file"], variant="soft", type="button"),
                      id="id-document", max_files=1, multiple=False, border="none",
                      padding="0", aria_labelledby="id-upload-label",
                      accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"],
                              "image/webp": [".webp"], "application/pdf": [".pdf"]}),
            rx.text(rx.selected_files("id-document").join(", "), size="2"),
            wrap="wrap", align="center"),
        rx.el.label(
            # Uncontrolled: the box ticks at once; the server keeps its own copy.
            rx.el.input(type="checkbox", id="ci-consent",
                        default_checked=S.ci["consent"] == "yes", on_change=S.set_consent),
            " ", t["consent"], style={"fontSize": "14px"}),
        rx.cond(S.field_errors.contains("consent"),
                rx.text(S.field_errors["consent"], size="1", color_scheme="red")),
        rx.button(t["check_in_now"], id="ci-submit",
                  on_click=S.check_in(rx.upload_files(upload_id="id-document"))),
        spacing="2", width="100%"), width="100%", id="check-in-form")


def _requests() -> rx.Component:
    t = S.t
    return rx.card(rx.vstack(
        rx.heading(t["requests"], size="5", as_="h2"),
        rx.foreach(S.rooms[0]["requests"].to(list[dict[str, str]]), lambda q: rx.hstack(
            rx.badge(q["status"]), rx.text(q["description"], size="2"),
            class_name="my-request")),
        rx.el.label(t["request_category"], html_for="req-category", class_name=LABEL),
        rx.el.select(*[rx.el.option(t[c], value=c) for c in GUEST_CATEGORIES],
                     id="req-category", value=S.request_category,
                     on_change=S.set_request_category),
        rx.el.label(t["request_text"], html_for="req-text", class_name=LABEL),
        rx.text_area(id="req-text", value=S.request_text, on_change=S.set_request_text,
                     width="100%"),
        rx.button(t["send_request"], on_click=S.send_request, id="req-send"),
        spacing="2", width="100%"), width="100%")


def _folio() -> rx.Component:
    t = S.t
    return rx.card(rx.vstack(
        rx.heading(t["folio"], size="5", as_="h2"),
        rx.foreach(S.rooms[0]["folio"].to(list[dict[str, str]]), lambda p: rx.hstack(
            rx.text(p["date"], size="2"), rx.text(p["description"], size="2"), rx.spacer(),
            rx.text(p["amount"], size="2"), width="100%")),
        rx.hstack(rx.text(t["balance"], weight="bold"), rx.spacer(),
                  rx.text(S.rooms[0]["balance"], weight="bold", id="folio-balance"),
                  width="100%"),
        width="100%"), width="100%")


def my_stay() -> rx.Component:
    return site_shell(
        rx.el.title(S.t["my_stay"] + " · " + S.site_name),
        rx.cond(S.error != "", error_callout(S.error, id="stay-error")),
        rx.cond(S.message != "", rx.callout(S.message, icon="check", color_scheme="green",
                                            id="stay-message")),
        rx.cond(
            S.rooms.length() > 0,
            rx.vstack(
                rx.heading(S.t["my_stay"], " · ", S.reference, size="6", as_="h1"),
                rx.text(S.rooms[0]["arrival"], " – ", S.rooms[0]["departure"]),
                rx.cond(S.rooms[0]["can_check_in"].to(bool), _check_in_form()),
                _requests(), _folio(),
                spacing="4", width="100%"),
            _lookup(),
        ),
        page_id="my-stay-page",
    )
