"""The console's navigation: one entry per screen, shown to those holding its permission."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    label: str
    route: str
    icon: str  # a lucide icon name
    permission: str | None  # None: every signed-in operator


NAV: list[NavEntry] = [
    NavEntry("Dashboard", "/dashboard", "chart_column", "reports.view"),
    NavEntry("Properties", "/", "building_2", None),
    NavEntry("Users", "/users", "users", "users.manage"),
    NavEntry("Brand", "/brand", "palette", "brand.manage"),
    NavEntry("Audit log", "/audit", "scroll_text", "audit.view"),
    NavEntry("Jobs", "/jobs", "cog", "jobs.manage"),
    NavEntry("My account", "/account", "user_round", None),
]


def visible_entries(permissions: set[str] | frozenset[str], superuser: bool = False
                    ) -> list[dict[str, str]]:
    return [{"label": e.label, "route": e.route, "icon": e.icon} for e in NAV
            if superuser or e.permission is None or e.permission in permissions]
