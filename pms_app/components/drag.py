"""HTML5 drag and drop for PMS pages: Reflex 0.10 has no drag triggers on its elements.

`drag_source` is a div the user can pick up (its `on_drag_start` tells the state what is being
dragged); `drop_target` is a div that accepts drops (`on_drop`). The browser only allows a drop
where `dragover` is cancelled, which `drop_target` does in the browser without a server round trip.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import key_event, no_args_event_spec


class DragDiv(rx.el.Div):
    """A div with the HTML5 drag and drop events (and key presses, for the keyboard path)."""

    on_drag_start: rx.EventHandler[no_args_event_spec]
    on_drag_end: rx.EventHandler[no_args_event_spec]
    on_drag_over: rx.EventHandler[no_args_event_spec]
    on_drop: rx.EventHandler[no_args_event_spec]
    on_key_down: rx.EventHandler[key_event]


def drag_source(*children: rx.Component, on_drag_start: Any, on_drag_end: Any,
                enabled: Any = True, **props: Any) -> rx.Component:
    return DragDiv.create(*children, draggable=enabled, on_drag_start=on_drag_start,
                          on_drag_end=on_drag_end, **props)


def drop_target(*children: rx.Component, on_drop: Any, **props: Any) -> rx.Component:
    return DragDiv.create(*children, on_drag_over=rx.prevent_default,
                          on_drop=on_drop.prevent_default, **props)
