"""The PMS navigation: one entry per screen, shown to the roles holding its permission.

Other screens (housekeeping, maintenance, ...) add their own line to NAV; the shell shows the
entries the signed-in user's permissions allow, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    label: str
    route: str
    icon: str  # a lucide icon name
    permission: str


NAV: list[NavEntry] = [
    NavEntry("Today", "/today", "sun", "reservations.view"),
    NavEntry("Reservations", "/reservations", "book_open", "reservations.view"),
    NavEntry("New booking", "/reservations/new", "calendar_plus", "reservations.create"),
    NavEntry("Tape chart", "/tape-chart", "calendar_range", "reservations.view"),
    NavEntry("Housekeeping", "/housekeeping", "bed_double", "housekeeping.view"),
    NavEntry("My rooms", "/housekeeping/my-rooms", "spray_can", "housekeeping.update_status"),
    NavEntry("Inspections", "/housekeeping/inspections", "clipboard_check",
             "housekeeping.inspect"),
    NavEntry("Maintenance", "/maintenance", "wrench", "maintenance.view"),
    NavEntry("Guest requests", "/guest-requests", "concierge_bell", "guest_services.manage"),
    NavEntry("Website", "/website", "globe", "content.edit"),
    NavEntry("Night audit", "/night-audit", "moon", "night_audit.run"),
    NavEntry("Audit log", "/audit", "scroll_text", "audit.view"),
]


def visible_entries(permissions: set[str] | frozenset[str], superuser: bool = False
                    ) -> list[dict[str, str]]:
    return [{"label": e.label, "route": e.route, "icon": e.icon} for e in NAV
            if superuser or e.permission in permissions]


def home_route(permissions: set[str] | frozenset[str], superuser: bool = False) -> str:
    """Where a user lands after sign-in: their first visible screen."""
    entries = visible_entries(permissions, superuser)
    return entries[0]["route"] if entries else "/no-access"
