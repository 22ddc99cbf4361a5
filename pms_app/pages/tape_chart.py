"""Tape chart: a lane per room, a column per day, stays as bars; drag a stay onto a room, or pick
a stay, then a room (by click, or Enter from the keyboard)."""

from __future__ import annotations

import reflex as rx

from pms_app.components.drag import drag_source, drop_target
from pms_app.components.shell import desk_shell
from pms_app.components.tables import RES_STATUS_COLORS, reservation_table
from pms_app.state.tape_chart import TapeChartState as S

LANE_HEIGHT = "2rem"
LABEL_WIDTH = "9rem"


def _bar(b: rx.Var, room_id: rx.Var) -> rx.Component:
    colour = rx.match(b.status, *RES_STATUS_COLORS.items(), "gray")
    movable = b.reservation_id != ""
    return drag_source(
        rx.text(b.label, size="1", truncate=True, color="white", weight="medium"),
        position="absolute", left=b.left, width=b.width, top="0.2rem", height="1.6rem",
        padding_x="0.35rem", border_radius="var(--radius-2)",
        background=rx.cond(b.status == "checked_in", "var(--green-9)",
                           rx.cond(b.status == "out_of_order", "var(--red-9)",
                                   rx.cond(b.status == "checked_out", "var(--gray-8)",
                                           "var(--blue-9)"))),
        outline=rx.cond(S.selected == b.reservation_id, "3px solid var(--amber-9)", "none"),
        cursor=rx.cond(movable, "grab", "default"),
        title=b.label + " · " + b.dates,
        on_click=S.pick(b.reservation_id, b.label).stop_propagation,
        on_key_down=S.pick_by_key(b.reservation_id, b.label).stop_propagation,
        enabled=movable, on_drag_start=S.grab(b.reservation_id, b.label, room_id),
        on_drag_end=S.end_drag, tab_index=rx.cond(movable, 0, -1),
        role=rx.cond(movable, "button", "note"), aria_label=b.label + " · " + b.dates,
        id="bar-" + b.reservation_id, class_name="chart-bar",
        custom_attrs={"data-status": b.status, "data-colour": colour},
    )


def _lane(lane: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(rx.text(lane.number, weight="bold", size="2"),
                  rx.text(lane.room_type, size="1", color_scheme="gray", truncate=True),
                  spacing="0", width=LABEL_WIDTH, min_width=LABEL_WIDTH),
        drop_target(
            rx.foreach(lane.bars, lambda b: _bar(b, lane.room_id)),
            position="relative", flex="1", height=LANE_HEIGHT,
            background_image="repeating-linear-gradient(to right, var(--gray-4) 0, "
                             "var(--gray-4) 1px, transparent 1px, transparent calc(100% / "
                             + S.days.length().to(str) + "))",
            background=rx.cond(S.selected != "", rx.color("amber", 2), "transparent"),
            cursor=rx.cond(S.selected != "", "copy", "default"),
            on_click=S.drop(lane.room_id, lane.number),
            on_drop=S.drop(lane.room_id, lane.number),
            on_key_down=S.drop_by_key(lane.room_id, lane.number), tab_index=0, role="button",
            aria_label="Room " + lane.number,
            id="lane-" + lane.number, class_name="chart-lane",
        ),
        rx.cond(lane.room_status != "", rx.badge(lane.room_status, size="1", variant="soft"),
                rx.box(width="3rem")),
        width="100%", spacing="2", align="center",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        background=rx.cond(S.highlight_room == lane.number, rx.color("accent", 3), "white"),
    )


def _unassigned_action(r: rx.Var) -> rx.Component:
    """Drag the reservation onto a room's lane, or pick it and click the room."""
    return drag_source(
        rx.hstack(
            rx.icon("grip-vertical", size=16, color=rx.color("gray", 9)),
            rx.button(rx.cond(S.selected == r["id"], "Picked", "Pick to assign"), size="1",
                      variant="soft", on_click=S.pick(r["id"], r["guest"]),
                      id="pick-" + r["id"].to(str)),
            align="center", spacing="1"),
        on_drag_start=S.grab(r["id"], r["guest"], ""), on_drag_end=S.end_drag,
        cursor="grab", title="Drag onto a room, or pick and click the room",
        id="drag-" + r["id"].to(str), class_name="unassigned-drag",
    )


def tape_chart() -> rx.Component:
    return desk_shell(
        rx.hstack(
            rx.button("◀ 7 days", on_click=S.shift(-7), variant="soft", id="chart-back"),
            rx.button("7 days ▶", on_click=S.shift(7), variant="soft", id="chart-forward"),
            rx.select(["14", "30"], value=S.span, on_change=S.set_span,
                      id="chart-span"),
            rx.spacer(),
            # Not while dragging: the callout would shift the rooms under the pointer.
            rx.cond((S.selected != "") & ~S.dragging,
                    rx.callout(rx.text("Moving ", rx.text.strong(S.selected_label),
                                       ": click the room to put the stay in."),
                               icon="move", color_scheme="amber", size="1", id="moving")),
            rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                               size="1", id="chart-notice")),
            width="100%", align="center", margin_bottom="0.75rem", wrap="wrap",
        ),
        rx.box(
            rx.hstack(
                rx.box(width=LABEL_WIDTH, min_width=LABEL_WIDTH),
                rx.hstack(rx.foreach(S.days, lambda d: rx.text(d, size="1", flex="1",
                                                               color_scheme="gray")),
                          flex="1", spacing="0"),
                rx.box(width="3rem"),
                width="100%", spacing="2",
            ),
            rx.foreach(S.lanes, _lane),
            width="100%", overflow_x="auto", id="tape-chart",
            background="white", padding="0.5rem", border_radius="var(--radius-3)",
        ),
        rx.heading("Without a room", size="4", margin_top="1rem"),
        reservation_table(S.unassigned, _unassigned_action, table_id="unassigned",
            empty="Every reservation in this window has a room."),
        page_id="pms-tape-chart",
        title="Tape chart",
    )
