"""The body both Alembic env.py files share: connect, lock, and run migrations."""

from __future__ import annotations

import zlib

from sqlalchemy import MetaData, text

from alembic import context
from core.db.engines import make_engine
from core.db.migrate import include_object


def run(env: str, metadata: MetaData, default_url: str | None = None) -> None:
    config = context.config
    url = (config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
           or config.get_main_option("sqlalchemy.url") or default_url)
    if not url:
        raise SystemExit(f"No database URL for the {env} migrations: pass -x url=...")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True,
                          render_as_batch=True, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        return

    engine = make_engine(url)
    try:
        # SQLite: BEGIN IMMEDIATE so apps that start together migrate one after another.
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=True,
                compare_type=True,
                include_object=include_object,
                transaction_per_migration=False,
            )
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":
                    # Serialise concurrent migrators of the same database (apps boot together).
                    key = zlib.crc32(f"gj-migrate-{env}".encode())
                    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
                context.run_migrations()
    finally:
        engine.dispose()
