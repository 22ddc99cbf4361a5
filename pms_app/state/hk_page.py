"""What every housekeeping and maintenance page state shares: entry checks and live refresh."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from pms_app.nav import home_route
from ui_kit.live import LiveMixin

HK_TOPICS = frozenset({"housekeeping", "room_status", "rooms", "reservations", "inventory"})


class HkPage(LiveMixin, mixin=True):
    """A page is shown to holders of any of PAGE_PERMISSIONS and reloads on its live topics.

    A mixin, not a parent state: Reflex runs an inherited handler (follow_live) on the state
    that defined it, so a parent state would refresh itself instead of the page. Page states
    are `class X(PmsState, HkPage)`.
    """

    PAGE_PERMISSIONS: ClassVar[frozenset[str]] = frozenset({"housekeeping.view"})
    LIVE_TOPICS: ClassVar[frozenset[str]] = HK_TOPICS
    notice: str = ""

    def _live_property_id(self) -> str:
        return self.property_id

    def _apply_live(self, events) -> None:
        self._reload()

    def _reload(self) -> None:
        """Read what the page shows (each page implements it)."""

    def _enter(self):
        """Session and permission check of on_load: a redirect, or None to go on."""
        if (redirect := self._check_session()) is not None:
            return redirect
        if not self.PAGE_PERMISSIONS & set(self.permissions):
            return rx.redirect(home_route(set(self.permissions)))
        self.notice = ""
        return None
