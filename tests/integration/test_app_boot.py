"""What every app does when it boots, before serving: bring all databases up to date."""

from __future__ import annotations

import asyncio

from core.db import migrate
from core.tenancy.registry import get_property


def test_an_app_migrates_the_control_plane_and_every_property_on_start(sqlite_tenant):
    from ui_kit.app import migrate_on_start

    pid = sqlite_tenant.make_property("Old Schema Inn")
    url = get_property(pid).database_url
    migrate.downgrade("property", url, "base")
    assert migrate.current_revision("property", url) is None

    async def boot() -> None:
        async with migrate_on_start():
            pass

    asyncio.run(boot())

    assert migrate.current_revision("property", url) == migrate.head_revision("property")
