"""Website section: page list, block editor with a live preview, publish and version history."""

from __future__ import annotations

import reflex as rx

from pms_app.components.shell import desk_shell
from pms_app.components.website_media import media_library, media_picker, pick_button
from pms_app.state.website import WebsiteState as S
from ui_kit.site_blocks import block as preview_block


def _page_list() -> rx.Component:
    return rx.vstack(
        rx.heading("Pages", size="4"),
        rx.foreach(S.pages, lambda p: rx.button(
            rx.vstack(rx.text(p["title"], weight="bold"),
                      rx.text(p["slug"], " · ", p["status"], size="1"), spacing="0",
                      align="start"),
            variant=rx.cond(S.selected == p["slug"], "solid", "soft"), width="100%",
            height="auto", padding_y="0.4rem", justify="start",
            on_click=S.open_page(p["slug"]), id="cms-page-" + p["slug"].to(str))),
        rx.form(rx.vstack(
            rx.text("New page", weight="bold", size="2"),
            rx.input(name="title", placeholder="Title", id="new-page-title", required=True),
            rx.input(name="slug", placeholder="address, e.g. spa", id="new-page-slug",
                     required=True),
            rx.el.select(rx.foreach(S.page_kinds, lambda k: rx.el.option(k, value=k)),
                         name="kind", default_value="custom", aria_label="Page kind"),
            rx.button("Create page", type="submit", size="1", id="new-page-create"),
            spacing="1", width="100%"), on_submit=S.create_page, reset_on_submit=True),
        width=rx.breakpoints(initial="100%", md="16rem"), spacing="2",
    )


def _field(index: rx.Var, f: rx.Var) -> rx.Component:
    fid = "block-" + index.to(str) + "-" + f["name"].to(str)
    return rx.vstack(
        rx.el.label(f["label"], html_for=fid, class_name="rt-Text rt-r-size-1"),
        rx.cond(f["multiline"] == "yes",
                rx.text_area(value=f["value"], id=fid, rows="4", width="100%",
                             on_change=lambda v: S.set_field(index, f["name"], v)),
                rx.input(value=f["value"], id=fid, width="100%",
                         on_change=lambda v: S.set_field(index, f["name"], v))),
        pick_button(index, f["name"]),
        spacing="1", width="100%",
    )


def _block_editor(b: rx.Var, index: rx.Var) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(
            rx.badge(b["type"]), rx.spacer(),
            rx.icon_button(rx.icon("arrow_up", size=14), size="1", variant="soft",
                           on_click=S.move_block(index, -1), aria_label="Move up"),
            rx.icon_button(rx.icon("arrow_down", size=14), size="1", variant="soft",
                           on_click=S.move_block(index, 1), aria_label="Move down"),
            rx.icon_button(rx.icon("trash_2", size=14), size="1", variant="soft",
                           color_scheme="red", on_click=S.remove_block(index),
                           aria_label="Remove block"),
            width="100%"),
        rx.foreach(b["fields"].to(list[dict[str, str]]), lambda f: _field(index, f)),
        spacing="2", width="100%",
    ), width="100%", class_name="cms-block")


def _editor() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.select(S.locales, value=S.locale, on_change=S.set_locale, id="cms-locale"),
            rx.button("Save draft", on_click=S.save, variant="soft", id="cms-save"),
            rx.cond(S.can_publish, rx.button("Publish", on_click=S.publish, id="cms-publish")),
            rx.cond(S.dirty, rx.badge("unsaved changes", color_scheme="amber")),
            wrap="wrap", spacing="2"),
        rx.el.label("Title", html_for="cms-title", class_name="rt-Text rt-r-size-1"),
        rx.input(value=S.title, on_change=S.set_title, id="cms-title", width="100%"),
        rx.el.label("Description (search engines)", html_for="cms-description",
                    class_name="rt-Text rt-r-size-1"),
        rx.input(value=S.description, on_change=S.set_description, id="cms-description",
                 width="100%"),
        rx.foreach(S.blocks, _block_editor),
        rx.hstack(rx.text("Add block:", size="2"),
                  rx.foreach(S.block_types, lambda k: rx.button(
                      k, size="1", variant="outline", on_click=S.add_block(k),
                      id="add-block-" + k.to(str))), wrap="wrap", spacing="1"),
        spacing="2", flex="1", min_width="18rem", width="100%",
    )


def _preview_and_history() -> rx.Component:
    return rx.vstack(
        rx.heading("Preview", size="4"),
        rx.box(rx.vstack(rx.foreach(S.preview, lambda b: preview_block(b, S.room_types)),
                         spacing="4", width="100%"),
               id="cms-preview", padding="0.75rem", border_radius="8px",
               border=f"1px dashed {rx.color('gray', 7)}", width="100%"),
        rx.heading("Versions", size="4"),
        rx.foreach(S.versions, lambda v: rx.hstack(
            rx.text("v", v["number"], " · ", v["at"], " · ", v["note"], size="1"),
            rx.spacer(),
            rx.cond(v["live"] == "yes", rx.badge("live", color_scheme="green"),
                    rx.cond(S.can_publish, rx.button(
                        "Roll back", size="1", variant="soft", on_click=S.rollback(v["number"]),
                        id="rollback-" + v["number"].to(str)))),
            width="100%", class_name="cms-version")),
        flex="1", min_width="18rem", width="100%", spacing="2",
    )


def website() -> rx.Component:
    return desk_shell(
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                           id="cms-notice")),
        rx.flex(_page_list(), _editor(), _preview_and_history(), gap="4", wrap="wrap",
                width="100%", align="start"),
        rx.card(media_library(), width="100%", margin_top="1rem"),
        media_picker(),
        page_id="pms-website", title="Website",
    )
