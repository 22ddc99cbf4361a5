"""Public shapes of identity data (what the admin UI and the API show; never hashes or secrets)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class GrantPublic(BaseModel):
    id: uuid.UUID
    role: str
    property_id: uuid.UUID | None
    chain_id: uuid.UUID | None


class UserPublic(BaseModel):
    id: uuid.UUID
    chain_id: uuid.UUID | None
    email: str
    name: str
    status: str
    mfa_enabled: bool
    locked_until: datetime | None = None
    last_login_at: datetime | None = None
    created_at: datetime
    grants: list[GrantPublic] = []


class SessionPublic(BaseModel):
    id: uuid.UUID
    kind: str
    app: str
    property_id: uuid.UUID | None
    method: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None


class Invitation(BaseModel):
    user: UserPublic
    token: str  # goes into the invitation link; only its hash is stored
    expires_at: datetime


class PropertyChoice(BaseModel):
    id: uuid.UUID
    name: str
    slug: str


class Me(BaseModel):
    user: UserPublic
    property_id: uuid.UUID | None
    property_name: str | None
    chain_id: uuid.UUID | None
    roles: list[str]
    permissions: list[str]
    session_id: str | None
    properties: list[PropertyChoice] = []  # where the user may work (property switcher)
