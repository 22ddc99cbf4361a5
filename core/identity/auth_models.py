"""Control-plane tables for signing in: sessions, refresh tokens, one-time tokens, throttles."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from core.db.base import ControlModel, created_at_field, timestamp_field, uuid_pk


class AuthSession(ControlModel, table=True):
    """One signed-in device: a browser session (cookie) or an API token family (refresh tokens).

    Access tokens carry this id, so revoking the row ends the browser session or the whole
    refresh family at once.
    """

    __tablename__ = "auth_sessions"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    property_id: uuid.UUID | None = Field(default=None, index=True)
    kind: str = Field(max_length=10)  # "browser" | "api"
    app: str = Field(default="", max_length=40)
    # Browser sessions: sha256 of the opaque cookie value (the value itself is never stored).
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    method: str = Field(default="password", max_length=20)  # password | password+mfa | oidc
    created_at: datetime = created_at_field()
    last_seen_at: datetime = created_at_field()
    idle_expires_at: datetime = created_at_field()
    expires_at: datetime = created_at_field()
    ip: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=400)
    revoked_at: datetime | None = timestamp_field()
    revoked_reason: str | None = Field(default=None, max_length=40)


class RefreshToken(ControlModel, table=True):
    __tablename__ = "refresh_tokens"

    id: uuid.UUID = uuid_pk()
    session_id: uuid.UUID = Field(foreign_key="auth_sessions.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    expires_at: datetime = created_at_field()
    # Set when the token was exchanged; presenting it again is reuse and revokes the family.
    used_at: datetime | None = timestamp_field()


class OneTimeToken(ControlModel, table=True):
    """Short-lived secrets: MFA challenges, invitations, OIDC login states."""

    __tablename__ = "one_time_tokens"

    id: uuid.UUID = uuid_pk()
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=20, index=True)  # mfa | invite | oidc
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    attempts: int = 0
    created_at: datetime = created_at_field()
    expires_at: datetime = created_at_field()
    used_at: datetime | None = timestamp_field()


class LoginThrottle(ControlModel, table=True):
    """Failed sign-ins per key ("account:<email>" or "address:<ip>"), with back-off state."""

    __tablename__ = "login_throttles"

    key: str = Field(primary_key=True, max_length=300)
    consecutive_failures: int = 0
    window_started_at: datetime = created_at_field()
    window_failures: int = 0
    last_failure_at: datetime | None = timestamp_field()
    locked_until: datetime | None = timestamp_field(index=True)
