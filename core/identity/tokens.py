"""Access tokens: short-lived JWTs signed with a rotating key set (joserfc)."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

from core.config import get_settings
from core.identity import rules
from core.identity.crypto import derive_key
from core.identity.errors import InvalidToken
from core.timeutil import utcnow

ISSUER = "guest-journey"
AUDIENCE = "guest-journey-api"
ALGORITHMS = ["HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA"]


@dataclass(frozen=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID
    property_id: uuid.UUID | None
    expires_at: datetime


@lru_cache(maxsize=4)
def _load_key_set(secret_key: str, jwks: str | None, jwks_file: str | None) -> KeySet:
    raw = jwks or (open(jwks_file, encoding="utf-8").read() if jwks_file else None)
    if raw:
        data = json.loads(raw)
        keys = data["keys"] if isinstance(data, dict) else data
        if not keys or any("kid" not in k for k in keys):
            raise ValueError("GJ_JWKS must hold at least one key, each with a 'kid'")
        return KeySet.import_key_set({"keys": keys})
    secret = derive_key("jwt-signing")
    kid = "dev-" + hashlib.sha256(secret).hexdigest()[:12]
    return KeySet([OctKey.import_key(secret, {"kid": kid, "alg": "HS256"})])


def key_set() -> KeySet:
    s = get_settings()
    return _load_key_set(s.secret_key, s.jwks, str(s.jwks_file) if s.jwks_file else None)


def _algorithm(key) -> str:
    alg = key.get("alg") if hasattr(key, "get") else None
    if alg:
        return alg
    return {"oct": "HS256", "RSA": "RS256", "EC": "ES256", "OKP": "EdDSA"}[key.key_type]


def issue_access_token(user_id: uuid.UUID, session_id: uuid.UUID, property_id: uuid.UUID | None,
                       now: datetime | None = None) -> tuple[str, datetime]:
    """Sign a token with the newest key of the set; returns it with its expiry."""
    now = now or utcnow()
    expires = now + rules.ACCESS_TOKEN_TTL
    key = key_set().keys[-1]
    claims = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": str(user_id), "sid": str(session_id),
        "pid": str(property_id) if property_id else None, "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()), "jti": uuid.uuid4().hex,
    }
    header = {"alg": _algorithm(key), "kid": key.kid, "typ": "JWT"}
    return jwt.encode(header, claims, key), expires


def decode_access_token(token: str, now: datetime | None = None) -> AccessClaims:
    """Verify signature (any key of the set, chosen by kid), issuer, audience and expiry."""
    now = now or utcnow()
    try:
        decoded = jwt.decode(token, key_set(), algorithms=ALGORITHMS)
        jwt.JWTClaimsRegistry(
            now=int(now.timestamp()), leeway=5,
            iss={"essential": True, "value": ISSUER}, aud={"essential": True, "value": AUDIENCE},
            exp={"essential": True}, sub={"essential": True}, sid={"essential": True},
        ).validate(decoded.claims)
        claims = decoded.claims
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]), session_id=uuid.UUID(claims["sid"]),
            property_id=uuid.UUID(claims["pid"]) if claims.get("pid") else None,
            expires_at=datetime.fromtimestamp(claims["exp"], tz=now.tzinfo),
        )
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken() from exc


def public_jwks() -> dict:
    """The verification half of the key set (asymmetric keys only; shared secrets stay secret)."""
    return {"keys": [k.as_dict(private=False) for k in key_set().keys if k.key_type != "oct"]}
