"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Enum, event
from sqlalchemy.types import TypeDecorator


class AwareDateTime(TypeDecorator):
    """Timezone-aware UTC timestamps. SQLite stores no zone, so we normalise on the way in and out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC timestamp column; use core.timeutil.utcnow()")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _portable_enum(column, table) -> None:
    """Store every Enum column as VARCHAR, never as a native PostgreSQL ENUM type.

    Native enums need an out-of-transaction migration to gain a value and outlive their tables on
    downgrade; a VARCHAR holding the member name keeps SQLite and Postgres schemas alike.
    """
    col_type = column.type
    if isinstance(col_type, Enum) and col_type.native_enum and col_type.enum_class is not None:
        column.type = Enum(col_type.enum_class, native_enum=False, create_constraint=False,
                           length=max(32, col_type.length or 0))


event.listen(Column, "after_parent_attach", _portable_enum)
