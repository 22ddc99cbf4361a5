"""Pure identity rules: email shape, back-off, grant scopes, MFA requirement, session expiry."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from core.actor import Actor
from core.errors import ValidationFailed
from core.identity.permissions import CHAIN_ROLES, ROLE_PERMISSIONS, ROLES

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")

# Throttling: the first free failures cost nothing, then each one doubles the wait. An address
# gets more free tries than an account: a hotel's whole staff often shares one public address.
FREE_FAILURES = 5
FREE_FAILURES_PER_ADDRESS = 20
MAX_DELAY = timedelta(minutes=30)
# Hard ceiling whatever the back-off says (issue 3: never more than 100 per account per hour).
MAX_FAILURES_PER_HOUR = 100
WINDOW = timedelta(hours=1)

ACCESS_TOKEN_TTL = timedelta(minutes=15)
REFRESH_TOKEN_TTL = timedelta(days=14)  # each refresh token; rotation extends the family
API_SESSION_MAX = timedelta(days=90)  # a refresh family never outlives this
MFA_CHALLENGE_TTL = timedelta(minutes=5)
MFA_CHALLENGE_MAX_ATTEMPTS = 5
INVITATION_TTL = timedelta(days=7)


def normalise_email(email: str | None, *, field: str = "email") -> str:
    value = (email or "").strip().lower()
    if not EMAIL_RE.match(value) or len(value) > 254:
        raise ValidationFailed("The email address is not valid.",
                               fields={field: "enter an address like name@example.com"})
    return value


def backoff_delay(consecutive_failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long an account or address must wait after this many failures in a row."""
    if consecutive_failures < free:
        return timedelta(0)
    exponent = consecutive_failures - free
    return min(timedelta(seconds=2 ** min(exponent, 20)), MAX_DELAY)


def grant_scope(role: str, property_id: uuid.UUID | None, chain_id: uuid.UUID | None) -> str:
    """Check a grant's shape and return its scope key; chain roles need a chain, others a property."""
    if role not in ROLES:
        raise ValidationFailed(f"'{role}' is not a role.",
                               fields={"role": f"choose one of: {', '.join(sorted(ROLES))}"})
    if role in CHAIN_ROLES:
        if chain_id is None or property_id is not None:
            raise ValidationFailed(f"The {role} role is granted for a whole chain.",
                                   fields={"chain_id": "required for this role"})
        return f"chain:{chain_id}"
    if property_id is None:
        raise ValidationFailed(f"The {role} role is granted at a property.",
                               fields={"property_id": "required for this role"})
    return f"property:{property_id}"


def may_grant(actor: Actor, role: str) -> bool:
    """Nobody hands out more than they hold (a general manager cannot mint a chain operator)."""
    return actor.is_superuser or ROLE_PERMISSIONS[role] <= actor.permissions and (
        role not in CHAIN_ROLES or actor.property_id is None)


def manages_property(actor: Actor, property_id: uuid.UUID, property_chain_id: uuid.UUID) -> bool:
    """Operators manage every property of their chain; property staff only their own property."""
    if actor.is_superuser:
        return True
    if actor.property_id is not None:
        return actor.property_id == property_id
    return actor.chain_id is not None and actor.chain_id == property_chain_id


def mfa_required(roles: set[str], required_roles: set[str] | frozenset[str]) -> bool:
    return bool(roles & set(required_roles))


def session_expiry(now: datetime, idle: timedelta, absolute_end: datetime) -> datetime:
    """The next idle deadline, never past the absolute end of the session."""
    return min(now + idle, absolute_end)
