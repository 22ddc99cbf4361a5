"""Public shapes of identity data (what the admin UI and the API show; never hashes or secrets)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


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


class OwnSessionPublic(SessionPublic):
    current: bool = False  # the session this request was made with


class MfaEnrolmentPublic(BaseModel):
    """A TOTP secret to add to an authenticator app (shown until the first code confirms it)."""

    secret: str
    otpauth_uri: str
    qr_svg: str


class MfaChallenge(BaseModel):
    """The password was right; a TOTP or recovery code (POST /auth/mfa/verify) must follow."""

    mfa_required: Literal[True] = True
    mfa_token: str = Field(description="Send back with the code; valid for a few minutes")
    enrolment: MfaEnrolmentPublic | None = Field(
        default=None, description="Set when two-step sign-in must first be set up")


class SignedIn(BaseModel):
    mfa_required: Literal[False] = False
    user_id: uuid.UUID
    property_id: uuid.UUID | None
    session_id: uuid.UUID
    recovery_codes: list[str] | None = Field(
        default=None, description="Only right after two-step sign-in was set up: shown once")


class TokensIssued(SignedIn):
    """API sign-in: a Bearer access token and the refresh token that renews it."""

    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime = Field(description="When the access token expires")
    refresh_token: str


class BrowserSessionStarted(SignedIn):
    """Browser sign-in: the HttpOnly session cookie is set; no token is in the body."""

    session_expires_at: datetime


class MfaEnrolmentStarted(MfaEnrolmentPublic):
    enrolment_token: str = Field(description="Send back with the first code to confirm")


class RecoveryCodes(BaseModel):
    recovery_codes: list[str] = Field(description="Each signs in once instead of a code; shown once")


class SignedOut(BaseModel):
    signed_out: Literal[True] = True


class SessionRevoked(BaseModel):
    revoked: Literal[True] = True


class Jwks(BaseModel):
    """A JSON Web Key Set (RFC 7517), bare as verifiers expect it."""

    keys: list[dict[str, Any]] = Field(description="Public keys (kty, kid, alg, use, ...)")
