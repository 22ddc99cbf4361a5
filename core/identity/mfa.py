"""TOTP second factor: enrolment with a QR code, single-use codes, ten hashed recovery codes."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
import segno
from sqlalchemy import delete, or_, update
from sqlmodel import Session, col

from core.identity.crypto import decrypt, encrypt, token_hash
from core.identity.models import RecoveryCode, User
from core.timeutil import utcnow

ISSUER_NAME = "Guest Journey"
STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud safely


@dataclass(frozen=True)
class Enrolment:
    secret: str
    otpauth_uri: str
    qr_svg: str  # an <svg> document showing the otpauth URI, for authenticator apps


def new_enrolment(email: str, issuer: str = ISSUER_NAME) -> Enrolment:
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=4, xmldecl=False)
    return Enrolment(secret=secret, otpauth_uri=uri, qr_svg=buffer.getvalue().decode())


def matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30 s step (now, or one either side for clock drift) whose code equals `code`."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // STEP_SECONDS
    for candidate in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.at(candidate * STEP_SECONDS), code):
            return candidate
    return None


def consume_totp(session: Session, user: User, code: str, now: datetime | None = None) -> bool:
    """Accept a code once: the step is claimed with a conditional UPDATE, so a replay fails."""
    if not user.totp_secret:
        return False
    step = matching_step(decrypt(user.totp_secret), code, now or utcnow())
    if step is None:
        return False
    claimed = session.execute(update(User).where(
        col(User.id) == user.id,
        or_(col(User.totp_last_step).is_(None), col(User.totp_last_step) < step),
    ).values(totp_last_step=step))
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def consume_recovery_code(session: Session, user: User, code: str,
                          now: datetime | None = None) -> bool:
    bare = (code or "").strip().lower().replace(" ", "").replace("-", "")
    if len(bare) != 10:
        return False
    normalised = bare[:5] + "-" + bare[5:]
    used = session.execute(update(RecoveryCode).where(
        col(RecoveryCode.user_id) == user.id, col(RecoveryCode.code_hash) == token_hash(normalised),
        col(RecoveryCode.used_at).is_(None),
    ).values(used_at=now or utcnow()))
    return used.rowcount == 1  # type: ignore[attr-defined]


def consume_second_factor(session: Session, user: User, code: str) -> bool:
    return consume_totp(session, user, code) or consume_recovery_code(session, user, code)


def _recovery_code() -> str:
    chars = [secrets.choice(_RECOVERY_ALPHABET) for _ in range(10)]
    return "".join(chars[:5]) + "-" + "".join(chars[5:])


def enable(session: Session, user: User, secret: str, step: int) -> list[str]:
    """Turn TOTP on for `user` with a confirmed secret; returns fresh recovery codes (shown once)."""
    user.totp_secret = encrypt(secret)
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    session.add(user)
    return replace_recovery_codes(session, user)


def replace_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        session.add(RecoveryCode(user_id=user.id, code_hash=token_hash(code)))
    return codes


def disable(session: Session, user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    session.add(user)
    session.execute(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
