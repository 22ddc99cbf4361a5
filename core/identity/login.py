"""Signing in: password (+ second factor) → a browser session or an API token pair."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from core import audit
from core.actor import Actor
from core.db.uow import UnitOfWork, control_uow
from core.errors import NotFound, ValidationFailed
from core.identity import mfa, passwords, rules, sessions, throttle, tokens
from core.identity.access import all_roles, build_actor, mfa_required_roles
from core.identity.auth_models import OneTimeToken
from core.identity.crypto import decrypt, encrypt, new_token, token_hash
from core.identity.errors import (
    InvalidCredentials,
    InvalidMfaCode,
    InvalidToken,
    RefreshTokenReused,
)
from core.identity.models import User, UserStatus
from core.timeutil import utcnow

KINDS = ("browser", "api")


@dataclass
class Credentials:
    """What a successful sign-in hands the client (only the fields of its kind are set)."""

    kind: str
    user_id: uuid.UUID
    property_id: uuid.UUID | None
    session_id: uuid.UUID
    session_cookie: str | None = None
    session_expires_at: datetime | None = None
    access_token: str | None = None
    access_expires_at: datetime | None = None
    refresh_token: str | None = None
    recovery_codes: list[str] = field(default_factory=list)  # only right after MFA enrolment


@dataclass
class LoginStep:
    """Either signed in (`credentials`), or a second step is needed (`mfa_token`)."""

    credentials: Credentials | None = None
    mfa_token: str | None = None
    enrolment: mfa.Enrolment | None = None  # the user must set up TOTP with this first


def _login_actor(user: User | None, ip: str | None, user_agent: str | None,
                 session_id: uuid.UUID | None = None,
                 property_id: uuid.UUID | None = None) -> Actor:
    """Who the sign-in's audit entries name (it has no permissions: it only signs in)."""
    return Actor(kind="staff", user_id=user.id if user else None, name=user.name if user else "",
                 chain_id=user.chain_id if user else None, ip=ip, user_agent=user_agent,
                 session_id=str(session_id) if session_id else None, property_id=property_id)


def password_login(email: str, password: str, *, kind: str = "api", app: str = "",
                   property_id: uuid.UUID | None = None, ip: str | None = None,
                   user_agent: str | None = None) -> LoginStep:
    """Check the password (throttled), the property, and whether a second factor is needed."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    email = rules.normalise_email(email)
    if not password:
        raise ValidationFailed("Enter your password.", fields={"password": "is required"})
    with control_uow(_login_actor(None, ip, user_agent)) as uow:
        throttle.check(uow.session, email, ip)
        user = uow.session.exec(select(User).where(User.email == email)).first()
        usable = user is not None and user.status == UserStatus.active
        if not passwords.verify_password(user.password_hash if usable and user else None, password):
            throttle.record_failure(uow.session, email, ip)
            uow.actor = _login_actor(user, ip, user_agent)
            audit.record(uow, "auth.login_failed", "user", user.id if user else None,
                         f"Failed sign-in for {email}")
            uow.commit()
            raise InvalidCredentials()
        assert user is not None
        uow.actor = _login_actor(user, ip, user_agent)
        throttle.record_success(uow.session, email)
        if user.password_hash and passwords.needs_rehash(user.password_hash):
            user.password_hash = passwords.hash_password(password)
        _check_property(uow, user, property_id)
        if user.mfa_enabled or rules.mfa_required(all_roles(uow.session, user),
                                                  mfa_required_roles(uow.session, user.chain_id)):
            step = _mfa_challenge(uow, user, kind=kind, app=app, property_id=property_id)
            uow.commit()
            return step
        creds = _issue(uow, user, property_id, kind=kind, app=app, method="password")
        uow.commit()
        return LoginStep(credentials=creds)


def _check_property(uow: UnitOfWork, user: User, property_id: uuid.UUID | None) -> None:
    """NotFound when the user has no role at the property; a clear hint when none was chosen."""
    try:
        build_actor(uow.session, user, property_id)
    except NotFound:
        if property_id is None:
            raise ValidationFailed("Choose the hotel to sign in to.",
                                   fields={"property_id": "is required"}) from None
        raise


def _mfa_challenge(uow: UnitOfWork, user: User, *, kind: str, app: str,
                   property_id: uuid.UUID | None) -> LoginStep:
    enrolment = None if user.mfa_enabled else mfa.new_enrolment(user.email)
    raw = new_token()
    payload = {"kind": kind, "app": app, "property_id": str(property_id) if property_id else None}
    if enrolment:
        payload["pending_secret"] = encrypt(enrolment.secret)
    uow.session.add(OneTimeToken(token_hash=token_hash(raw), purpose="mfa", user_id=user.id,
                                 payload=payload, expires_at=utcnow() + rules.MFA_CHALLENGE_TTL))
    return LoginStep(mfa_token=raw, enrolment=enrolment)


def verify_mfa(mfa_token: str, code: str, *, ip: str | None = None,
               user_agent: str | None = None) -> Credentials:
    """Second step: a TOTP or recovery code (or, when enrolling, the first TOTP code)."""
    if not code:
        raise ValidationFailed("Enter the code from your authenticator app.",
                               fields={"code": "is required"})
    with control_uow(_login_actor(None, ip, user_agent)) as uow:
        now = utcnow()
        challenge = uow.session.exec(select(OneTimeToken).where(
            OneTimeToken.token_hash == token_hash(mfa_token or ""), OneTimeToken.purpose == "mfa",
        ).with_for_update()).first()
        if (challenge is None or challenge.used_at or challenge.expires_at <= now
                or challenge.attempts >= rules.MFA_CHALLENGE_MAX_ATTEMPTS):
            raise InvalidToken("This sign-in step has expired. Please sign in again.")
        user = uow.session.get(User, challenge.user_id)
        if user is None or user.status != UserStatus.active:
            raise InvalidToken("This sign-in step has expired. Please sign in again.")
        uow.actor = _login_actor(user, ip, user_agent)
        payload = dict(challenge.payload)
        recovery_codes: list[str] = []
        if payload.get("pending_secret"):
            secret = decrypt(payload["pending_secret"])
            step = mfa.matching_step(secret, code, now)
            ok = step is not None
            if step is not None:
                recovery_codes = mfa.enable(uow.session, user, secret, step)
                audit.record(uow, "auth.mfa_enrolled", "user", user.id, "Set up two-step sign-in")
        else:
            ok = mfa.consume_second_factor(uow.session, user, code)
        if not ok:
            challenge.attempts += 1
            uow.session.add(challenge)
            audit.record(uow, "auth.mfa_failed", "user", user.id, "Wrong or reused sign-in code")
            uow.commit()
            raise InvalidMfaCode()
        challenge.used_at = now
        uow.session.add(challenge)
        pid = uuid.UUID(payload["property_id"]) if payload.get("property_id") else None
        build_actor(uow.session, user, pid)
        creds = _issue(uow, user, pid, kind=payload["kind"], app=payload.get("app", ""),
                       method="password+mfa")
        creds.recovery_codes = recovery_codes
        uow.commit()
        return creds


def _issue(uow: UnitOfWork, user: User, property_id: uuid.UUID | None, *, kind: str, app: str,
           method: str) -> Credentials:
    """Create the session (browser) or token family (api) and audit the sign-in."""
    s: Session = uow.session
    actor = uow.actor
    user.last_login_at = utcnow()
    s.add(user)
    if kind == "browser":
        cookie, row = sessions.start_browser_session(
            s, user, property_id, app=app, method=method, ip=actor.ip, user_agent=actor.user_agent)
        creds = Credentials(kind=kind, user_id=user.id, property_id=property_id, session_id=row.id,
                            session_cookie=cookie, session_expires_at=row.expires_at)
    else:
        refresh, row = sessions.start_api_session(
            s, user, property_id, method=method, ip=actor.ip, user_agent=actor.user_agent)
        access, expires = tokens.issue_access_token(user.id, row.id, property_id)
        creds = Credentials(kind=kind, user_id=user.id, property_id=property_id, session_id=row.id,
                            access_token=access, access_expires_at=expires, refresh_token=refresh)
    uow.actor = _login_actor(user, actor.ip, actor.user_agent, row.id, property_id)
    audit.record(uow, "auth.login", "session", row.id, f"Signed in ({kind}, {method})",
                 {"property_id": property_id, "app": app})
    return creds


def issue_for_user(session_user_id: uuid.UUID, property_id: uuid.UUID | None, *, kind: str,
                   app: str, method: str, ip: str | None, user_agent: str | None) -> LoginStep:
    """Sign in a user already identified by another means (single sign-on)."""
    with control_uow(_login_actor(None, ip, user_agent)) as uow:
        user = uow.session.get(User, session_user_id)
        if user is None or user.status != UserStatus.active:
            raise InvalidCredentials("You cannot sign in with this account.")
        uow.actor = _login_actor(user, ip, user_agent)
        build_actor(uow.session, user, property_id)
        if user.mfa_enabled and method != "oidc":
            step = _mfa_challenge(uow, user, kind=kind, app=app, property_id=property_id)
            uow.commit()
            return step
        creds = _issue(uow, user, property_id, kind=kind, app=app, method=method)
        uow.commit()
        return LoginStep(credentials=creds)


def refresh(refresh_token: str, *, ip: str | None = None,
            user_agent: str | None = None) -> Credentials:
    """Rotate a refresh token and mint a new access token; reuse ends the whole family."""
    with control_uow(_login_actor(None, ip, user_agent)) as uow:
        try:
            new_refresh, family = sessions.rotate_refresh_token(uow.session, refresh_token)
        except RefreshTokenReused:
            audit.record(uow, "auth.refresh_reused", "session", None,
                         "A spent refresh token was presented; its sign-in was ended")
            uow.commit()  # the family's revocation must stick
            raise
        user = uow.session.get(User, family.user_id)
        if user is None or user.status != UserStatus.active:
            raise InvalidToken()
        access, expires = tokens.issue_access_token(user.id, family.id, family.property_id)
        uow.commit()
        return Credentials(kind="api", user_id=user.id, property_id=family.property_id,
                           session_id=family.id, access_token=access, access_expires_at=expires,
                           refresh_token=new_refresh)


def logout(session_id: uuid.UUID, *, actor: Actor | None = None, ip: str | None = None,
           user_agent: str | None = None) -> None:
    """End one browser session or API token family (idempotent)."""
    with control_uow(actor) as uow:
        if actor is None:  # audited as the session's own user
            from core.identity.auth_models import AuthSession

            row = uow.session.get(AuthSession, session_id)
            owner = uow.session.get(User, row.user_id) if row else None
            uow.actor = _login_actor(owner, ip, user_agent, session_id,
                                     row.property_id if row else None)
        if sessions.revoke(uow.session, session_id, "logout"):
            audit.record(uow, "auth.logout", "session", session_id, "Signed out")
        uow.commit()


def session_id_for_refresh_token(refresh_token: str) -> uuid.UUID | None:
    from core.identity.auth_models import RefreshToken

    with control_uow(write=False) as uow:
        row = uow.session.exec(select(RefreshToken).where(
            RefreshToken.token_hash == token_hash(refresh_token or ""))).first()
        return row.session_id if row else None


__all__ = ["Credentials", "LoginStep", "password_login", "verify_mfa", "refresh", "logout",
           "issue_for_user"]
