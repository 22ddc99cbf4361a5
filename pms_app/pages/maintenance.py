"""Maintenance: work orders (live), most urgent first, with photos; report, assign, progress."""

from __future__ import annotations

import reflex as rx

from pms_app.components.housekeeping import (
    PRIORITY_COLORS,
    WO_STATUS_COLORS,
    photo_picker,
    work_order_form,
)
from pms_app.components.shell import desk_shell
from pms_app.state.maintenance import MaintenanceState as S

SHOW = [("open", "Open"), ("in_progress", "In progress"), ("done", "Done"),
        ("verified", "Verified"), ("all", "All")]


def _photos(o: rx.Var) -> rx.Component:
    return rx.flex(rx.foreach(o["photos"].to(list[dict[str, str]]), lambda p: rx.link(
        rx.image(src=p["thumb"], width="72px", height="72px", object_fit="cover",
                 border_radius="var(--radius-2)", class_name="wo-thumb", alt="Photo"),
        href=p["full"], is_external=True)), spacing="2", wrap="wrap")


def _actions(o: rx.Var) -> rx.Component:
    can = S.permissions.contains
    oid = o["id"].to(str)
    return rx.flex(
        rx.cond(can("maintenance.update") & (o["next_status"] != ""), rx.button(
            o["next_label"], size="2", on_click=S.advance(oid, o["next_status"].to(str)),
            id="advance-" + oid)),
        rx.cond(can("maintenance.update") & (o["status"] != "verified"), rx.select.root(
            rx.select.trigger(placeholder="Assign to", id="assign-" + oid),
            rx.select.content(rx.foreach(S.technician_options, lambda t: rx.select.item(
                t["name"], value=t["id"]))),
            on_change=lambda v: S.assign(oid, v))),
        rx.cond(can("maintenance.create") & (o["status"] != "verified"), rx.button(
            rx.icon("camera", size=14), "Add photo", size="2", variant="soft",
            on_click=S.choose_photo_target(oid), id="photo-" + oid)),
        spacing="2", wrap="wrap", align="center",
    )


def _order(o: rx.Var) -> rx.Component:
    oid = o["id"].to(str)
    return rx.card(rx.vstack(
        rx.flex(
            rx.badge(o["priority"], color_scheme=rx.match(o["priority"], *PRIORITY_COLORS.items(),
                                                           "gray"), variant="solid"),
            rx.badge(o["status_label"], color_scheme=rx.match(
                o["status"], *WO_STATUS_COLORS.items(), "gray"), class_name="wo-status"),
            rx.cond(o["ooo"] == "yes", rx.badge("Room out of order", color_scheme="gray")),
            rx.text(o["where"], weight="bold"),
            rx.text(o["category"], size="1", color_scheme="gray"),
            spacing="2", wrap="wrap", align="center"),
        rx.text(o["description"], class_name="wo-description"),
        rx.text("Assigned: ", o["assignee"],
                rx.cond(o["due"] != "", rx.fragment(" · due ", o["due"])), size="1",
                color_scheme="gray"),
        rx.text("Reported by ", o["reported"], size="1", color_scheme="gray"),
        _photos(o),
        _actions(o),
        rx.cond(S.photo_for == oid, rx.vstack(
            photo_picker("add-photos"),
            rx.button("Upload", on_click=S.add_photos(rx.upload_files(upload_id="add-photos")),
                      id="upload-" + oid),
            width="100%")),
        spacing="2", align="stretch"), id="wo-" + oid, class_name="wo-card", width="100%")


def maintenance() -> rx.Component:
    return desk_shell(
        rx.flex(
            rx.cond(S.permissions.contains("maintenance.view"), rx.select.root(
                rx.select.trigger(id="wo-show"),
                rx.select.content(*[rx.select.item(label, value=v) for v, label in SHOW]),
                value=S.show, on_change=S.set_show)),
            rx.cond(S.permissions.contains("maintenance.create"), rx.button(
                rx.icon("plus", size=16), "Report a problem", on_click=S.toggle_form,
                id="wo-new")),
            spacing="2", wrap="wrap", margin_bottom="0.75rem"),
        rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                           id="wo-notice", margin_bottom="0.75rem")),
        rx.cond(S.form_open, rx.card(work_order_form(
            S, S.create, "wo-photos", rooms=S.room_options,
            can_ooo=S.permissions.contains("maintenance.create"), form_id="wo-form"),
            margin_bottom="0.75rem", max_width="36rem")),
        rx.cond(S.permissions.contains("maintenance.view") & (S.orders.length() == 0),
                rx.callout("No work orders here.", icon="info", id="wo-empty")),
        rx.vstack(rx.foreach(S.orders, _order), spacing="3", width="100%", id="wo-list"),
        page_id="pms-maintenance",
        title="Maintenance",
    )
