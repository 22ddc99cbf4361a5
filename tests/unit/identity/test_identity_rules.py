"""Pure identity rules: passwords, back-off, grant scopes, TOTP steps, token signing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from core.actor import Actor
from core.errors import ValidationFailed
from core.identity import mfa, passwords, rules
from core.identity.errors import WeakPassword
from core.identity.permissions import ROLE_PERMISSIONS


def test_common_password_list_ships_at_least_ten_thousand_entries():
    assert len(passwords.common_passwords()) >= 10_000


@pytest.mark.parametrize(("password", "field_text"), [
    ("short", "at least 12"),
    ("1234567890123", "common"),
    ("Password1234", "common"),
    ("x" * 300, "at most"),
    ("ana.silva-secret-2024", "email"),
])
def test_weak_passwords_are_refused_with_the_reason(password, field_text):
    with pytest.raises(WeakPassword) as err:
        passwords.check_policy(password, email="ana.silva@example.com")
    assert field_text in err.value.fields["password"]


def test_a_long_uncommon_password_is_hashed_with_argon2id_and_verifies():
    passwords.check_policy("violet tram under the bridge", email="ana@example.com")
    hashed = passwords.hash_password("violet tram under the bridge")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password(hashed, "violet tram under the bridge")
    assert not passwords.verify_password(hashed, "violet tram under the bridgE")
    assert not passwords.verify_password(None, "anything at all here")


def test_backoff_is_free_at_first_then_doubles_up_to_a_cap():
    delays = [rules.backoff_delay(n).total_seconds() for n in range(1, 12)]
    assert delays[:4] == [0, 0, 0, 0]
    assert delays[4:8] == [1, 2, 4, 8]
    assert rules.backoff_delay(60) == rules.MAX_DELAY


def test_email_is_normalised_and_bad_ones_name_the_field():
    assert rules.normalise_email("  Ana@Example.COM ") == "ana@example.com"
    with pytest.raises(ValidationFailed) as err:
        rules.normalise_email("ana at example")
    assert "email" in err.value.fields


def test_grant_scope_needs_a_chain_for_chain_roles_and_a_property_otherwise():
    pid, cid = uuid.uuid4(), uuid.uuid4()
    assert rules.grant_scope("front_desk", pid, None) == f"property:{pid}"
    assert rules.grant_scope("chain_operator", None, cid) == f"chain:{cid}"
    with pytest.raises(ValidationFailed, match="chain"):
        rules.grant_scope("chain_operator", pid, None)
    with pytest.raises(ValidationFailed) as err:
        rules.grant_scope("front_desk", None, cid)
    assert "property_id" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        rules.grant_scope("king", pid, None)
    assert "role" in err.value.fields


def test_nobody_grants_more_than_they_hold():
    gm = Actor(kind="staff", property_id=uuid.uuid4(), permissions=ROLE_PERMISSIONS["general_manager"])
    assert rules.may_grant(gm, "front_desk")
    assert not rules.may_grant(gm, "chain_operator")
    desk = Actor(kind="staff", permissions=ROLE_PERMISSIONS["front_desk"])
    assert not rules.may_grant(desk, "accountant")


def test_totp_codes_match_their_step_and_one_either_side_only():
    secret = pyotp.random_base32()
    now = datetime(2026, 1, 1, 12, 0, 15, tzinfo=UTC)
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // 30
    assert mfa.matching_step(secret, totp.at(now), now) == step
    assert mfa.matching_step(secret, totp.at(now - timedelta(seconds=30)), now) == step - 1
    assert mfa.matching_step(secret, totp.at(now - timedelta(seconds=90)), now) is None
    assert mfa.matching_step(secret, "12ab56", now) is None


def test_enrolment_gives_a_scannable_qr_svg():
    enrolment = mfa.new_enrolment("ana@example.com")
    assert enrolment.otpauth_uri.startswith("otpauth://totp/Guest%20Journey:ana%40example.com")
    assert "<svg" in enrolment.qr_svg and "<path" in enrolment.qr_svg


def test_outside_tests_passwords_use_the_full_argon2id_profile(monkeypatch):
    from core.config import reset_settings

    monkeypatch.setenv("GJ_ENV", "development")
    reset_settings()
    try:
        hashed = passwords.hash_password("violet tram under the bridge")
        assert hashed.startswith("$argon2id$") and "m=65536,t=3,p=4" in hashed
    finally:
        monkeypatch.setenv("GJ_ENV", "test")
        reset_settings()
