"""Password hashing (argon2id) and the password policy: 12+ characters, not a common password."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.config import get_settings
from core.identity.errors import WeakPassword

MIN_LENGTH = 12
MAX_LENGTH = 256  # argon2 would accept more; a cap stops hashing megabytes per request
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"



@lru_cache(maxsize=2)
def _hasher_for(env: str) -> PasswordHasher:
    if env == "test":
        # Still argon2id and the same code paths, but cheap: the suite hashes hundreds of times.
        return PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile (t=3, 64 MiB, p=4)


def _hasher() -> PasswordHasher:
    return _hasher_for(get_settings().env)


@lru_cache(maxsize=2)
def _dummy_hash(env: str) -> str:
    # Verified when the user is unknown so an unknown email takes as long as a wrong password.
    return _hasher_for(env).hash("not-a-real-password-just-for-timing")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


def check_policy(password: str, *, email: str | None = None) -> None:
    """Refuse a password that is too short, too long, common, or the user's own email."""
    problem = None
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        problem = f"must be at least {MIN_LENGTH} characters"
    elif len(password) > MAX_LENGTH:
        problem = f"must be at most {MAX_LENGTH} characters"
    elif password.lower() in common_passwords() or password.strip().lower() in common_passwords():
        problem = "is one of the most common passwords; choose another"
    elif email and len(local := email.lower().split("@")[0]) >= 4 and local in password.lower():
        problem = "must not contain your email address"
    if problem:
        raise WeakPassword(f"The password {problem}.", fields={"password": problem})


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        _burn(password)
        return False
    try:
        return _hasher().verify(password_hash, password[:MAX_LENGTH])
    except (VerificationError, InvalidHashError):
        return False


def _burn(password: str) -> None:
    try:
        _hasher().verify(_dummy_hash(get_settings().env), password[:MAX_LENGTH])
    except (VerificationError, InvalidHashError):
        pass


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
