"""Single sign-on with OpenID Connect, configured per chain (authlib client, joserfc validation).

Flow: `start()` stores state, nonce and a PKCE verifier and returns the provider's authorisation
URL; the provider redirects back with a code; `finish()` exchanges it, validates the id_token
against the provider's JWKS (issuer, audience, expiry, nonce) and signs in the user whose
*verified* email matches an account of that chain that holds a role. The provider is trusted for
the second factor, so SSO sign-ins skip our TOTP step.
"""

from __future__ import annotations

import time
import uuid
import warnings
from dataclasses import dataclass
from datetime import timedelta

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlmodel import select

from core.db.uow import control_uow
from core.errors import NotAuthenticated, NotFound
from core.identity import login, rules
from core.identity.auth_models import OneTimeToken
from core.identity.crypto import decrypt, new_token, token_hash
from core.identity.models import ChainSettings, User, UserStatus
from core.tenancy.models import Chain
from core.timeutil import utcnow

with warnings.catch_warnings():  # authlib nudges towards httpx2, which is not installed here
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import OAuth2Client

STATE_TTL_SECONDS = 600
HTTP_TIMEOUT = 10.0
SAFE_ID_TOKEN_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                            "ES384", "ES512", "EdDSA")
_discovery_cache: dict[str, tuple[float, dict]] = {}


class SsoFailed(NotAuthenticated):
    code = "sso_failed"

    def __init__(self, message: str = "Single sign-on did not succeed. Please try again."):
        super().__init__(message)


@dataclass(frozen=True)
class _Provider:
    chain_id: uuid.UUID
    issuer: str
    client_id: str
    client_secret: str


def _provider(chain_slug: str) -> _Provider:
    with control_uow(write=False) as uow:
        chain = uow.session.exec(select(Chain).where(Chain.slug == chain_slug)).first()
        settings = uow.session.get(ChainSettings, chain.id) if chain else None
        if chain is None or settings is None or not settings.oidc_enabled:
            raise NotFound("Single sign-on is not set up for this chain.")
        return _Provider(chain.id, (settings.oidc_issuer or "").rstrip("/"),
                         settings.oidc_client_id or "", decrypt(settings.oidc_client_secret or ""))


def discovery(issuer: str) -> dict:
    cached = _discovery_cache.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        doc = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=HTTP_TIMEOUT)
        doc.raise_for_status()
        data = doc.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoFailed("The sign-on provider cannot be reached right now.") from exc
    if data.get("issuer", "").rstrip("/") != issuer:
        raise SsoFailed("The sign-on provider's configuration does not match its issuer.")
    _discovery_cache[issuer] = (time.monotonic() + 3600, data)
    return data


def _client(provider: _Provider, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(provider.client_id, provider.client_secret, scope="openid email profile",
                        redirect_uri=redirect_uri, code_challenge_method="S256",
                        timeout=HTTP_TIMEOUT)


def start(chain_slug: str, redirect_uri: str, *, property_id: uuid.UUID | None = None,
          kind: str = "browser", app: str = "", return_to: str = "/") -> str:
    """Remember this attempt and return the URL to send the browser to."""
    if kind not in login.KINDS:
        raise ValueError(f"kind must be one of {login.KINDS}")
    provider = _provider(chain_slug)
    meta = discovery(provider.issuer)
    state, nonce, verifier = new_token(), new_token(), new_token(48)
    # Only a local path: an attacker must not turn the callback into an open redirect.
    safe_return = return_to if return_to.startswith("/") and not return_to.startswith("//") else "/"
    with control_uow() as uow:
        uow.session.add(OneTimeToken(
            token_hash=token_hash(state), purpose="oidc",
            payload={"chain_id": str(provider.chain_id), "nonce": nonce, "verifier": verifier,
                     "redirect_uri": redirect_uri, "kind": kind, "app": app,
                     "property_id": str(property_id) if property_id else None,
                     "return_to": safe_return},
            expires_at=utcnow() + timedelta(seconds=STATE_TTL_SECONDS)))
        uow.commit()
    url, _ = _client(provider, redirect_uri).create_authorization_url(
        meta["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier)
    return url


def _take_state(state: str) -> dict:
    with control_uow() as uow:
        row = uow.session.exec(select(OneTimeToken).where(
            OneTimeToken.token_hash == token_hash(state or ""), OneTimeToken.purpose == "oidc",
        ).with_for_update()).first()
        if row is None or row.used_at or row.expires_at <= utcnow():
            raise SsoFailed("This sign-on attempt has expired. Please start again.")
        row.used_at = utcnow()
        uow.session.add(row)
        uow.commit()
        return dict(row.payload)


def _verified_claims(provider: _Provider, meta: dict, id_token: str, nonce: str) -> dict:
    try:
        keys = httpx.get(meta["jwks_uri"], timeout=HTTP_TIMEOUT).raise_for_status().json()
        offered = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
        # Only asymmetric algorithms: never "none", never an HMAC keyed with public material.
        algorithms = [a for a in offered if a in SAFE_ID_TOKEN_ALGORITHMS] or ["RS256"]
        decoded = jwt.decode(id_token, KeySet.import_key_set(keys), algorithms=algorithms)
        jwt.JWTClaimsRegistry(
            leeway=30, iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            exp={"essential": True}, nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
    except (JoseError, httpx.HTTPError, ValueError, KeyError) as exc:
        raise SsoFailed() from exc
    return decoded.claims


def finish(state: str, code: str, *, ip: str | None = None,
           user_agent: str | None = None) -> tuple[login.LoginStep, str]:
    """Complete the sign-in; returns the login step and the local path to return to."""
    payload = _take_state(state)
    chain_id = uuid.UUID(payload["chain_id"])
    with control_uow(write=False) as uow:
        chain = uow.session.get(Chain, chain_id)
        slug = chain.slug if chain else ""
    provider = _provider(slug)
    meta = discovery(provider.issuer)
    try:
        token = _client(provider, payload["redirect_uri"]).fetch_token(
            meta["token_endpoint"], code=code, code_verifier=payload["verifier"])
    except Exception as exc:  # authlib raises several types for a refused exchange
        raise SsoFailed() from exc
    claims = _verified_claims(provider, meta, token.get("id_token", ""), payload["nonce"])
    if claims.get("email_verified") is not True or not claims.get("email"):
        raise SsoFailed("Your sign-on account has no verified email address.")
    email = rules.normalise_email(claims["email"])
    with control_uow() as uow:
        user = uow.session.exec(select(User).where(User.email == email)).first()
        if user is None or user.chain_id != chain_id or user.status == UserStatus.disabled:
            raise SsoFailed("There is no account for you here. Ask your manager to invite you.")
        if user.status == UserStatus.invited:
            # The provider has verified the address the invitation went to: that accepts it.
            user.status = UserStatus.active
            uow.session.add(user)
            uow.commit()
        user_id = user.id
    pid = uuid.UUID(payload["property_id"]) if payload.get("property_id") else None
    step = login.issue_for_user(user_id, pid, kind=payload["kind"], app=payload.get("app", ""),
                                method="oidc", ip=ip, user_agent=user_agent)
    return step, payload.get("return_to") or "/"
