"""Control-plane tables for people: users, role grants, recovery codes and per-chain settings."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from core.db.base import ControlModel, created_at_field, timestamp_field, uuid_pk


class UserStatus(str, enum.Enum):
    invited = "invited"  # has no password yet; can only accept the invitation
    active = "active"
    disabled = "disabled"


class User(ControlModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = uuid_pk()
    # The chain the user works for; None only for platform superusers.
    chain_id: uuid.UUID | None = Field(default=None, foreign_key="chains.id", index=True)
    email: str = Field(max_length=254, unique=True, index=True)  # stored lower-case
    name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=200)
    status: UserStatus = Field(default=UserStatus.active, max_length=20)
    is_superuser: bool = False
    # TOTP secret encrypted with a key derived from SECRET_KEY (core.identity.crypto).
    totp_secret: str | None = Field(default=None, max_length=500)
    totp_enabled_at: datetime | None = timestamp_field()
    # The last 30-second step whose code was accepted: a code is single-use within its step.
    totp_last_step: int | None = None
    created_at: datetime = created_at_field()
    password_changed_at: datetime | None = timestamp_field()
    last_login_at: datetime | None = timestamp_field()
    disabled_at: datetime | None = timestamp_field()

    @property
    def mfa_enabled(self) -> bool:
        return self.totp_enabled_at is not None


class RoleGrant(ControlModel, table=True):
    """A role held at one property, or (chain roles) across a whole chain."""

    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("user_id", "role", "scope", name="uq_role_grant"),)

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    role: str = Field(max_length=40)
    property_id: uuid.UUID | None = Field(default=None, foreign_key="properties.id", index=True)
    chain_id: uuid.UUID | None = Field(default=None, foreign_key="chains.id", index=True)
    # "property:<id>" or "chain:<id>": lets one unique constraint refuse duplicate grants.
    scope: str = Field(max_length=80)
    granted_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class RecoveryCode(ControlModel, table=True):
    __tablename__ = "mfa_recovery_codes"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)
    used_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


class ChainSettings(ControlModel, table=True):
    """Security, single sign-on and brand settings of one chain (defaults until saved)."""

    __tablename__ = "chain_settings"

    chain_id: uuid.UUID = Field(foreign_key="chains.id", primary_key=True)
    mfa_required_roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    browser_idle_minutes: int = 120
    browser_absolute_hours: int = 12
    oidc_enabled: bool = False
    oidc_issuer: str | None = Field(default=None, max_length=500)
    oidc_client_id: str | None = Field(default=None, max_length=200)
    oidc_client_secret: str | None = Field(default=None, max_length=1000)  # encrypted
    brand_display_name: str | None = Field(default=None, max_length=200)
    brand_primary_color: str | None = Field(default=None, max_length=7)
    brand_accent_color: str | None = Field(default=None, max_length=7)
    brand_font: str | None = Field(default=None, max_length=40)  # a key of BRAND_FONTS
    brand_logo_url: str | None = Field(default=None, max_length=1000)
    brand_support_email: str | None = Field(default=None, max_length=254)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime | None = timestamp_field()
