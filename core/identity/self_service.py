"""What signed-in users do to their own account: turn on two-step sign-in, renew recovery codes."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import Conflict
from core.identity import mfa
from core.identity.auth_models import OneTimeToken
from core.identity.crypto import decrypt, encrypt, new_token, token_hash
from core.identity.errors import InvalidMfaCode, InvalidToken, UserNotFound
from core.identity.models import User
from core.timeutil import utcnow

ENROLMENT_TTL = timedelta(minutes=10)


def _me(uow: UnitOfWork) -> User:
    user = uow.session.get(User, uow.actor.user_id) if uow.actor.user_id else None
    if user is None:
        raise UserNotFound()
    return user


def start_enrolment(uow: UnitOfWork) -> tuple[str, mfa.Enrolment]:
    """A new TOTP secret to scan; nothing changes until `confirm_enrolment` gets a valid code."""
    user = _me(uow)
    if user.mfa_enabled:
        raise Conflict("Two-step sign-in is already on for your account.",
                       code="mfa_already_enabled")
    enrolment = mfa.new_enrolment(user.email)
    raw = new_token()
    uow.session.add(OneTimeToken(token_hash=token_hash(raw), purpose="mfa_enrol", user_id=user.id,
                                 payload={"pending_secret": encrypt(enrolment.secret)},
                                 expires_at=utcnow() + ENROLMENT_TTL))
    return raw, enrolment


def confirm_enrolment(uow: UnitOfWork, enrolment_token: str, code: str) -> list[str]:
    """Turn TOTP on with the first code from the app; returns the ten recovery codes (once)."""
    user = _me(uow)
    row = uow.session.exec(select(OneTimeToken).where(
        OneTimeToken.token_hash == token_hash(enrolment_token or ""),
        OneTimeToken.purpose == "mfa_enrol", OneTimeToken.user_id == user.id,
    ).with_for_update()).first()
    if row is None or row.used_at or row.expires_at <= utcnow():
        raise InvalidToken("This set-up has expired. Please start again.")
    secret = decrypt(row.payload["pending_secret"])
    step = mfa.matching_step(secret, code, utcnow())
    if step is None:
        raise InvalidMfaCode()
    row.used_at = utcnow()
    uow.session.add(row)
    codes = mfa.enable(uow.session, user, secret, step)
    audit.record(uow, "auth.mfa_enrolled", "user", user.id, "Set up two-step sign-in")
    return codes


def renew_recovery_codes(uow: UnitOfWork, code: str) -> list[str]:
    """Replace all recovery codes (the old ones stop working); needs a current TOTP code."""
    user = _me(uow)
    if not mfa.consume_totp(uow.session, user, code):
        raise InvalidMfaCode()
    codes = mfa.replace_recovery_codes(uow.session, user)
    audit.record(uow, "auth.recovery_codes_renewed", "user", user.id, "Renewed recovery codes")
    return codes
