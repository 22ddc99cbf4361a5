"""Control-plane tables: chains and the registry of properties with their database URLs."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field

from core.db.base import ControlModel, created_at_field, timestamp_field, uuid_pk


class PropertyStatus(str, enum.Enum):
    provisioning = "provisioning"
    active = "active"
    failed = "failed"
    disabled = "disabled"


class Chain(ControlModel, table=True):
    __tablename__ = "chains"

    id: uuid.UUID = uuid_pk()
    name: str = Field(max_length=200)
    slug: str = Field(max_length=80, unique=True, index=True)
    created_at: datetime = created_at_field()


class Property(ControlModel, table=True):
    __tablename__ = "properties"

    id: uuid.UUID = uuid_pk()
    chain_id: uuid.UUID = Field(foreign_key="chains.id", index=True)
    name: str = Field(max_length=200)
    slug: str = Field(max_length=80, unique=True, index=True)
    timezone: str = Field(default="UTC", max_length=64)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    country: str | None = Field(default=None, max_length=2)
    address: str | None = Field(default=None, max_length=500)
    # Where this property's own database lives. Secrets in it never leave the control plane.
    database_url: str = Field(sa_column=Column(String(1000), nullable=False))
    status: PropertyStatus = Field(default=PropertyStatus.provisioning, max_length=20)
    status_detail: str | None = Field(default=None, max_length=1000)
    created_at: datetime = created_at_field()
    provisioned_at: datetime | None = timestamp_field()


class PropertyDomain(ControlModel, table=True):
    """A host name that serves a property's booking site (e.g. www.seaside-resort.example)."""

    __tablename__ = "property_domains"

    host: str = Field(primary_key=True, max_length=253)
    property_id: uuid.UUID = Field(foreign_key="properties.id", index=True)
