"""Database triggers that refuse UPDATE and DELETE on an audit table (installed by migrations).

The ORM guard in core.audit.models stops application code; these stop everything else that
talks SQL to the database (a psql session, a buggy script) short of dropping the trigger.
"""

from __future__ import annotations

from collections.abc import Callable

MESSAGE = "audit entries are append-only"


def install(execute: Callable[[str], object], dialect: str, table: str) -> None:
    if dialect == "postgresql":
        execute(
            "CREATE OR REPLACE FUNCTION gj_refuse_audit_change() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$ LANGUAGE plpgsql"
        )
        execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION gj_refuse_audit_change()")
    elif dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def remove(execute: Callable[[str], object], dialect: str, table: str) -> None:
    if dialect == "postgresql":
        execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        execute("DROP FUNCTION IF EXISTS gj_refuse_audit_change()")
    elif dialect == "sqlite":
        for verb in ("update", "delete"):
            execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
