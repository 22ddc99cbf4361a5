"""Website section: the media library (upload, alt text, delete) and the block editor's picker."""

from __future__ import annotations

import reflex as rx

from pms_app.state.website import WebsiteState as S

UPLOAD_ID = "media-upload"
ACCEPT = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"],
          "image/heic": [".heic", ".heif"]}


def _alt_input(m: rx.Var, locale: str) -> rx.Component:
    fid = "media-alt-" + locale + "-" + m["id"].to(str)
    return rx.hstack(
        rx.el.label(locale.upper(), html_for=fid, class_name="rt-Text rt-r-size-1"),
        rx.input(default_value=m["alt_" + locale], id=fid, size="1", width="100%",
                 placeholder="Describe the image", max_length=200,
                 on_blur=lambda v: S.set_media_alt(m["id"], locale, v)),
        spacing="1", align="center", width="100%",
    )


def _delete(m: rx.Var) -> rx.Component:
    """Deleting removes the files for good, so it asks first (the server still refuses an image
    a published page shows)."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(
            rx.icon("trash_2", size=14), "Delete", size="1", variant="soft", color_scheme="red",
            id="media-delete-" + m["id"].to(str))),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Delete this image?"),
            rx.alert_dialog.description(m["name"], " is removed from the library for good."),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Keep it", variant="soft")),
                rx.alert_dialog.action(rx.button(
                    "Delete", color_scheme="red", on_click=S.delete_media(m["id"]),
                    id="media-delete-confirm-" + m["id"].to(str))),
                spacing="2", justify="end", margin_top="1rem"),
            max_width="420px"),
    )


def _asset_card(m: rx.Var) -> rx.Component:
    return rx.card(rx.vstack(
        rx.image(src=m["thumb"], alt=m["alt_en"], width="100%", height="110px",
                 object_fit="cover", border_radius="6px", loading="lazy"),
        rx.text(m["name"], size="1", weight="bold", trim="both"),
        rx.text(m["size"], " · ", m["variants"], " px", size="1", color_scheme="gray"),
        _alt_input(m, "en"),
        _alt_input(m, "pt"),
        _delete(m),
        spacing="1", width="100%",
    ), class_name="media-asset", id="media-" + m["id"].to(str))


def media_library() -> rx.Component:
    return rx.vstack(
        rx.heading("Media", size="4"),
        rx.text("JPEG, PNG, WebP or HEIC photos up to 10 MB. Each is resized for phones and "
                "screens; location and camera data are removed.", size="1"),
        rx.hstack(
            rx.upload(rx.button("Choose images", variant="soft", type="button", size="1"),
                      id=UPLOAD_ID, multiple=True, max_files=10, accept=ACCEPT, border="none",
                      padding="0"),
            rx.text(rx.selected_files(UPLOAD_ID).join(", "), size="1", id="media-selected"),
            rx.button("Upload", size="1", id="media-upload-submit",
                      on_click=[S.upload_media(rx.upload_files(upload_id=UPLOAD_ID)),
                                rx.clear_selected_files(UPLOAD_ID)]),
            spacing="2", align="center", wrap="wrap"),
        rx.cond(S.field_errors.contains("file"),
                rx.text(S.field_errors["file"], color_scheme="red", size="1", id="media-error")),
        rx.cond(S.media_notice != "", rx.text(S.media_notice, size="1", color_scheme="green",
                                              id="media-notice")),
        rx.grid(rx.foreach(S.media, _asset_card), columns=rx.breakpoints(initial="2", md="4"),
                spacing="2", width="100%", id="media-grid"),
        width="100%", spacing="2", id="media-library",
    )


def pick_button(index: rx.Var, field: rx.Var) -> rx.Component:
    """Next to a hero or gallery image field: choose a library image for it."""
    return rx.cond((field == "image") | (field == "images"), rx.button(
        rx.icon("image", size=14), "Choose from library", size="1", variant="soft",
        type="button", on_click=S.open_picker(index, field),
        id="pick-" + index.to(str) + "-" + field.to(str)))


def media_picker() -> rx.Component:
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title("Choose an image"),
        rx.cond(S.media.length() > 0,
                rx.grid(rx.foreach(S.media, lambda m: rx.button(
                    rx.vstack(rx.image(src=m["thumb"], alt=m["alt_en"], width="100%",
                                       height="90px", object_fit="cover", border_radius="4px"),
                              rx.text(m["name"], size="1", trim="both"), spacing="1",
                              width="100%"),
                    variant="ghost", height="auto", on_click=S.pick_media(m["ref"]),
                    id="pick-media-" + m["id"].to(str))),
                    columns="3", spacing="2", width="100%"),
                rx.text("The library is empty: upload images under Media first.", size="2")),
        rx.dialog.close(rx.button("Cancel", variant="soft", margin_top="1rem")),
        max_width="640px",
    ), open=S.picker_open, on_open_change=S.close_picker)
