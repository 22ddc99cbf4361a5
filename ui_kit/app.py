"""Builds an rx.App the way all three apps need it: shared theme, API mounted, migrations on boot."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import reflex as rx

from core.api import create_api
from ui_kit.theme import STYLE

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def migrate_on_start():
    """Bring the control plane and every property up to date before serving the first request.

    All three apps start together; core.db.migrate serialises concurrent migrators (advisory
    lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so the second and third find nothing to do.
    """
    from core.db.migrate import migrate_all

    count = await asyncio.to_thread(migrate_all)
    log.info("migrations are current for the control plane and %d properties", count)
    yield


def create_app(app_name: str) -> rx.App:
    app = rx.App(
        style=STYLE,
        api_transformer=create_api(app_name),
        html_lang="en",
    )
    app.register_lifespan_task(migrate_on_start)
    return app
