"""New rows as plain column values, for hot paths that insert with Core rather than the ORM.

Building a SQLModel object and flushing it through the unit of work costs several times the
app CPU of a prebuilt Core INSERT. `new_row` gives such an insert every column the model would
have filled in (its defaults and default factories), so both ways store the same row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Insert, Table, insert
from sqlmodel import SQLModel

_Defaults = list[tuple[str, Any, Callable[[], Any] | None]]
_defaults: dict[type, _Defaults] = {}
_inserts: dict[type, Insert] = {}


def _model_defaults(model: type[SQLModel]) -> _Defaults:
    found = _defaults.get(model)
    if found is None:
        table: Table = model.__table__  # type: ignore[attr-defined]
        found = _defaults[model] = [
            (name, field.default, field.default_factory)  # type: ignore[misc]
            for name, field in model.model_fields.items() if name in table.c]
    return found


def new_row(model: type[SQLModel], **values: Any) -> dict[str, Any]:
    """Every column of a new `model` row: the given values, else the model's defaults.

    A column with neither is an error naming it (as constructing the model would be)."""
    row = {}
    for name, default, factory in _model_defaults(model):
        if name in values:
            row[name] = values.pop(name)
        elif factory is not None:
            row[name] = factory()
        elif default is PydanticUndefined:
            raise TypeError(f"{model.__name__}.{name} needs a value")
        else:
            row[name] = default
    if values:
        raise TypeError(f"{model.__name__} has no column(s) {', '.join(sorted(values))}")
    return row


def insert_of(model: type[SQLModel]) -> Insert:
    """The model's table INSERT, built once per process (for rows from `new_row`)."""
    stmt = _inserts.get(model)
    if stmt is None:
        stmt = _inserts[model] = insert(model.__table__)  # type: ignore[attr-defined]
    return stmt
