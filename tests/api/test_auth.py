"""The auth routes: cookies and tokens, MFA step, refresh rotation, /auth/me, sessions, logout.
Bodies are checked against the shapes /api/openapi.json documents (tests/api/contract.py)."""

from __future__ import annotations

import pyotp
import pytest
from contract import documented
from fastapi.testclient import TestClient

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow

PASSWORD = "correct horse battery staple"


@pytest.fixture
def setup(tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    a = tenant.make_property("Hotel A")
    b = tenant.make_property("Hotel B")
    with control_uow(Actor.system()) as uow:
        update_security(uow, tenant.chain_id, mfa_required_roles=["general_manager"])
        uow.commit()
    ensure_user("desk@example.com", "Desk", PASSWORD, [("front_desk", a, None)])
    ensure_user("gm@example.com", "GM", PASSWORD, [("general_manager", a, None)])
    return {"a": str(a), "b": str(b), "client": TestClient(create_api("pms_app"))}


def _login(client, email="desk@example.com", password=PASSWORD, pid=None, path="/auth/login"):
    return client.post(path, json={"email": email, "password": password, "property_id": pid})


def test_login_sets_httponly_cookies_and_returns_tokens(setup):
    client = setup["client"]
    response = _login(client, pid=setup["a"])
    assert response.status_code == 200
    body = documented(response, client.app)
    assert body["success"] is True
    data = body["data"]
    assert data["access_token"] and data["refresh_token"] and data["token_type"] == "Bearer"
    assert data["mfa_required"] is False and data["property_id"] == setup["a"]
    assert "recovery_codes" not in data and "session_expires_at" not in data
    cookies = response.headers.get_list("set-cookie")
    access = next(c for c in cookies if c.startswith("access_token="))
    refresh = next(c for c in cookies if c.startswith("refresh_token="))
    assert "HttpOnly" in access and "samesite=lax" in access.lower()
    assert "Path=/auth" in refresh

    me = documented(client.get("/auth/me"), client.app)["data"]  # cookie auth
    assert me["user"]["email"] == "desk@example.com"
    assert me["roles"] == ["front_desk"] and "reservations.check_in" in me["permissions"]
    assert [p["name"] for p in me["properties"]] == ["Hotel A"]
    bearer = TestClient(client.app).get(
        "/auth/me", headers={"Authorization": f"Bearer {data['access_token']}"})
    assert bearer.status_code == 200 and bearer.json()["data"]["property_id"] == setup["a"]


def test_wrong_password_is_401_with_a_generic_message(setup):
    response = _login(setup["client"], password="wrong password entirely", pid=setup["a"])
    assert response.status_code == 401
    err = documented(response, setup["client"].app)["error"]
    assert err["code"] == "invalid_credentials" and "password" in err["message"]
    unknown = _login(setup["client"], email="who@example.com", password="wrong password entirely")
    assert unknown.json()["error"] == err


def test_throttled_login_is_429_with_retry_after(setup):
    client = setup["client"]
    for _ in range(5):
        assert _login(client, password="wrong password entirely").status_code == 401
    response = _login(client, pid=setup["a"])
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) >= 1
    assert documented(response, client.app)["error"]["code"] == "too_many_attempts"


def test_other_property_is_not_found_for_token_and_login(setup):
    client = setup["client"]
    assert _login(client, pid=setup["b"]).status_code == 404
    token = _login(client, pid=setup["a"]).json()["data"]["access_token"]
    response = TestClient(client.app).get(
        "/auth/me", headers={"Authorization": f"Bearer {token}x"})
    assert response.status_code == 401
    assert documented(response, client.app)["error"]["code"] == "invalid_token"
    assert TestClient(client.app).get("/auth/me").status_code == 401


def test_refresh_rotates_and_reuse_is_refused_and_revokes_the_family(setup):
    client = setup["client"]
    first = _login(client, pid=setup["a"]).json()["data"]
    fresh = TestClient(client.app)
    second = fresh.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    new = documented(second, client.app)["data"]
    assert new["refresh_token"] != first["refresh_token"]
    reuse = fresh.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert documented(reuse, client.app)["error"]["code"] == "refresh_token_reused"
    me = fresh.get("/auth/me", headers={"Authorization": f"Bearer {new['access_token']}"})
    assert me.status_code == 401


def test_mfa_enrolment_then_verify_and_totp_replay_is_refused(setup):
    client = setup["client"]
    step = documented(_login(client, email="gm@example.com", pid=setup["a"]), client.app)["data"]
    assert step["mfa_required"] is True and "access_token" not in step
    enrolment = step["enrolment"]
    assert enrolment["qr_svg"].startswith("<svg") and enrolment["otpauth_uri"].startswith("otpauth://")
    totp = pyotp.TOTP(enrolment["secret"])
    bad = client.post("/auth/mfa/verify", json={"mfa_token": step["mfa_token"], "code": "000000"})
    assert bad.status_code == 401
    assert documented(bad, client.app)["error"]["code"] == "invalid_mfa_code"
    first_code = totp.now()
    done = client.post("/auth/mfa/verify", json={"mfa_token": step["mfa_token"], "code": first_code})
    assert done.status_code == 200
    assert len(documented(done, client.app)["data"]["recovery_codes"]) == 10

    # Next sign-in: the same code within its step is refused (single use); a recovery code works.
    again = _login(client, email="gm@example.com", pid=setup["a"]).json()["data"]
    assert again["enrolment"] is None
    replay = client.post("/auth/mfa/verify", json={"mfa_token": again["mfa_token"],
                                                   "code": first_code})
    assert replay.status_code == 401
    code = done.json()["data"]["recovery_codes"][0]
    assert client.post("/auth/mfa/verify", json={"mfa_token": again["mfa_token"],
                                                 "code": code}).status_code == 200


def test_browser_session_cookie_and_logout(setup):
    client = setup["client"]
    response = _login(client, pid=setup["a"], path="/auth/session/login")
    assert response.status_code == 200
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("gj_session="))
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Secure" not in cookie
    data = documented(response, client.app)["data"]
    assert "access_token" not in data and data["session_expires_at"]
    sessions = documented(client.get("/auth/sessions"), client.app)
    assert [s["current"] for s in sessions["data"]] == [True] and sessions["meta"]["total"] == 1
    out = client.post("/auth/logout")
    assert out.status_code == 200 and documented(out, client.app)["data"] == {"signed_out": True}
    assert client.get("/auth/me").status_code == 401


def test_a_user_can_revoke_another_of_their_sessions(setup):
    client = setup["client"]
    _login(client, pid=setup["a"], path="/auth/session/login")
    phone = _login(TestClient(client.app), pid=setup["a"]).json()["data"]
    mine = client.get("/auth/sessions").json()["data"]
    other = next(s for s in mine if not s["current"])
    ended = client.delete(f"/auth/sessions/{other['id']}")
    assert ended.status_code == 200 and documented(ended, client.app)["data"] == {"revoked": True}
    headers = {"Authorization": f"Bearer {phone['access_token']}"}
    assert TestClient(client.app).get("/auth/me", headers=headers).status_code == 401
    assert client.delete(f"/auth/sessions/{other['id']}").status_code == 200  # idempotent


def test_anyone_can_turn_on_two_step_sign_in_and_renew_recovery_codes(setup):
    client = setup["client"]
    _login(client, pid=setup["a"])  # front desk: MFA not required
    started = documented(client.post("/auth/mfa/enrol"), client.app)["data"]
    assert started["enrolment_token"] and started["qr_svg"].startswith("<svg")
    totp = pyotp.TOTP(started["secret"])
    wrong = client.post("/auth/mfa/enrol/confirm",
                        json={"enrolment_token": started["enrolment_token"], "code": "123456"})
    assert wrong.status_code == 401 and documented(wrong, client.app)["success"] is False
    used = totp.now()
    done = client.post("/auth/mfa/enrol/confirm",
                       json={"enrolment_token": started["enrolment_token"], "code": used})
    assert done.status_code == 200
    assert len(documented(done, client.app)["data"]["recovery_codes"]) == 10
    twice = client.post("/auth/mfa/enrol")
    assert twice.status_code == 409 and documented(twice, client.app)["success"] is False
    # From now on sign-in asks for a code.
    step = _login(TestClient(client.app), pid=setup["a"]).json()["data"]
    assert step["mfa_required"] is True and step["enrolment"] is None
    old_code = done.json()["data"]["recovery_codes"][0]
    # The very code that confirmed (totp.now() could be a fresh step by now on a slow run).
    replay = client.post("/auth/mfa/recovery-codes", json={"code": used})
    assert replay.status_code == 401  # that TOTP step was already used to confirm
    fresh = TestClient(client.app)
    assert fresh.post("/auth/mfa/verify", json={"mfa_token": step["mfa_token"],
                                                "code": old_code}).status_code == 200


def test_the_public_key_set_lists_no_shared_secret(setup):
    body = documented(setup["client"].get("/auth/jwks.json"), setup["client"].app)
    assert body == {"keys": []}  # the default key is a shared HS256 secret: never published


def test_forwarded_addresses_are_trusted_only_through_configured_proxies(setup, monkeypatch):
    from core.config import reset_settings

    client = setup["client"]
    spoofed = {"X-Forwarded-For": "198.51.100.1"}
    for i in range(20):  # the attacker rotates the header to dodge the per-address limit
        spoofed["X-Forwarded-For"] = f"198.51.100.{i}"
        _ = client.post("/auth/login", headers=spoofed,
                        json={"email": f"x{i}@example.com", "password": "wrong password!!"})
    assert client.post("/auth/login", headers=spoofed, json={
        "email": "y@example.com", "password": "wrong password!!"}).status_code == 429

    monkeypatch.setenv("GJ_PROXY_HOPS", "1")
    reset_settings()
    try:  # behind our own proxy the last hop is the real client: a fresh address is not throttled
        fresh = client.post("/auth/login", headers={"X-Forwarded-For": "203.0.113.9"},
                            json={"email": "z@example.com", "password": "wrong password!!"})
        assert fresh.status_code == 401
    finally:
        monkeypatch.delenv("GJ_PROXY_HOPS")
        reset_settings()
