"""Access-token signing: rotation through a configured key set, tampering and expiry."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from joserfc.jwk import OctKey, RSAKey

from core.config import reset_settings
from core.identity import tokens
from core.identity.errors import InvalidToken
from core.timeutil import utcnow


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    monkeypatch.delenv("GJ_JWKS", raising=False)
    monkeypatch.delenv("GJ_JWKS_FILE", raising=False)
    reset_settings()
    yield
    reset_settings()


def _use_keys(monkeypatch, *keys) -> None:
    monkeypatch.setenv("GJ_JWKS", json.dumps({"keys": [k.as_dict(private=True) for k in keys]}))
    reset_settings()


def test_a_token_round_trips_and_expires():
    uid, sid, pid = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    token, expires = tokens.issue_access_token(uid, sid, pid)
    claims = tokens.decode_access_token(token)
    assert (claims.user_id, claims.session_id, claims.property_id) == (uid, sid, pid)
    assert timedelta(minutes=14) < expires - utcnow() <= timedelta(minutes=15)
    with pytest.raises(InvalidToken):
        tokens.decode_access_token(token, now=utcnow() + timedelta(minutes=16))


def test_keys_rotate_newest_signs_and_older_still_verify(monkeypatch):
    old = RSAKey.generate_key(2048, {"kid": "2026-01"})
    new = OctKey.generate_key(256, {"kid": "2026-02", "alg": "HS256"})
    _use_keys(monkeypatch, old)
    issued_with_old, _ = tokens.issue_access_token(uuid.uuid4(), uuid.uuid4(), None)
    _use_keys(monkeypatch, old, new)
    issued_with_new, _ = tokens.issue_access_token(uuid.uuid4(), uuid.uuid4(), None)
    assert '"kid":"2026-02"' in _header(issued_with_new)
    tokens.decode_access_token(issued_with_old)
    tokens.decode_access_token(issued_with_new)
    assert [k["kid"] for k in tokens.public_jwks()["keys"]] == ["2026-01"]  # secrets never listed
    _use_keys(monkeypatch, new)  # old key retired: its tokens stop working
    with pytest.raises(InvalidToken):
        tokens.decode_access_token(issued_with_old)


def test_a_token_signed_by_another_key_or_edited_is_refused(monkeypatch):
    token, _ = tokens.issue_access_token(uuid.uuid4(), uuid.uuid4(), None)
    _use_keys(monkeypatch, OctKey.generate_key(256, {"kid": "other", "alg": "HS256"}))
    with pytest.raises(InvalidToken):
        tokens.decode_access_token(token)


def _header(token: str) -> str:
    import base64

    head = token.split(".")[0]
    return base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode().replace(" ", "")
