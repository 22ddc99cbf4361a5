"""Opaque secrets for users: random tokens, their hashes, and encryption of stored secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken

from core.config import get_settings


def new_token(nbytes: int = 32) -> str:
    """A URL-safe random secret handed to a client (cookie, refresh token, invitation)."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    """What we store instead of a token: a keyed hash, so a leaked table cannot be replayed."""
    key = _derive(b"token-hash")
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def _derive(label: bytes) -> bytes:
    return hmac.new(get_settings().secret_key.encode(), label, hashlib.sha256).digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"secret-box")))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken as exc:  # SECRET_KEY changed: the stored secret cannot be read
        raise ValueError("stored secret cannot be decrypted with the current SECRET_KEY") from exc


def derive_key(label: str) -> bytes:
    """A 32-byte key for `label` derived from SECRET_KEY (development JWT signing key)."""
    return _derive(label.encode())
