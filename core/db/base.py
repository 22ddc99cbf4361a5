"""Two SQLModel bases with separate metadata: one for the control plane, one for a property."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from core.db.types import AwareDateTime
from core.timeutil import utcnow


class ControlModel(SQLModel, registry=registry()):
    """Base of control-plane tables (chains, property registry, users, role grants, operator audit)."""


class PropertyModel(SQLModel, registry=registry()):
    """Base of tables that live in each property's own database."""


def uuid_pk() -> Any:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def created_at_field() -> Any:
    return Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False)


def timestamp_field(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=AwareDateTime, nullable=nullable, index=index)


def money_field(default: Decimal | None = Decimal("0.00"), *, nullable: bool = False) -> Any:
    """A money amount: exact Decimal with 2 places (the currency code lives beside it)."""
    return Field(default=default, sa_type=Numeric(14, 2, asdecimal=True), nullable=nullable)


def decimal_field(default: Decimal | None = None, *, places: int = 4, nullable: bool = True) -> Any:
    """An exact non-money decimal such as a tax percentage."""
    return Field(default=default, sa_type=Numeric(14, places, asdecimal=True), nullable=nullable)


__all__ = [
    "ControlModel",
    "PropertyModel",
    "uuid_pk",
    "created_at_field",
    "timestamp_field",
    "money_field",
    "decimal_field",
    "datetime",
]
