"""OpenID Connect sign-in against a local provider the test starts (real HTTP, real JWTs)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from fastapi.testclient import TestClient
from oidc_provider import LocalProvider

from core.actor import Actor
from core.api import create_api
from core.db.uow import control_uow


@pytest.fixture(scope="module")
def provider():
    with LocalProvider() as idp:
        yield idp


@pytest.fixture
def sso(tenant, provider):
    from core.identity.chain_settings import update_oidc, update_security
    from core.identity.grants import ensure_user
    from core.tenancy.models import Chain

    hotel = tenant.make_property("Hotel A")
    with control_uow(Actor.system()) as uow:
        update_oidc(uow, tenant.chain_id, enabled=True, issuer=provider.issuer,
                    client_id=provider.client_id, client_secret=provider.client_secret)
        update_security(uow, tenant.chain_id, mfa_required_roles=["general_manager"])
        slug = uow.session.get(Chain, tenant.chain_id).slug
        uow.commit()
    ensure_user("gm@example.com", "GM", "correct horse battery staple",
                [("general_manager", hotel, None)])
    return {"slug": slug, "hotel": str(hotel), "client": TestClient(create_api("pms_app"))}


def _round_trip(sso, provider, **params):
    """Browser: our /start → provider /authorize → our /callback (following by hand)."""
    client = sso["client"]
    start = client.get(f"/auth/oidc/{sso['slug']}/start",
                       params={"property_id": sso["hotel"], **params}, follow_redirects=False)
    assert start.status_code == 302
    authorize_url = start.headers["location"]
    assert authorize_url.startswith(provider.issuer + "/authorize")
    back = httpx.get(authorize_url, follow_redirects=False)
    assert back.status_code in (302, 307)
    callback = urlparse(back.headers["location"])
    return client.get(f"{callback.path}?{callback.query}", follow_redirects=False), callback


def test_a_verified_email_with_a_grant_signs_in_with_a_session_cookie(sso, provider):
    provider.next_user = {"email": "GM@example.com", "email_verified": True, "name": "GM"}
    response, _ = _round_trip(sso, provider, return_to="/front-desk")
    assert response.status_code == 303 and response.headers["location"] == "/front-desk"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("gj_session=") and "HttpOnly" in cookie
    me = sso["client"].get("/auth/me").json()["data"]
    assert me["user"]["email"] == "gm@example.com" and me["roles"] == ["general_manager"]


def test_api_kind_returns_tokens(sso, provider):
    provider.next_user = {"email": "gm@example.com", "email_verified": True}
    response, _ = _round_trip(sso, provider, kind="api")
    assert response.status_code == 200 and response.json()["data"]["access_token"]


def test_unverified_or_unknown_emails_are_refused_and_nothing_is_created(sso, provider):
    provider.next_user = {"email": "gm@example.com", "email_verified": False}
    response, _ = _round_trip(sso, provider)
    assert response.status_code == 401 and response.json()["error"]["code"] == "sso_failed"
    provider.next_user = {"email": "stranger@example.com", "email_verified": True}
    response, _ = _round_trip(sso, provider)
    assert response.status_code == 401
    assert sso["client"].get("/auth/me").status_code == 401


def test_a_replayed_callback_and_an_open_redirect_are_refused(sso, provider):
    provider.next_user = {"email": "gm@example.com", "email_verified": True}
    first, callback = _round_trip(sso, provider, return_to="//evil.example/")
    assert first.status_code == 303 and first.headers["location"] == "/"
    replay = TestClient(sso["client"].app).get(f"{callback.path}?{callback.query}")
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "sso_failed"
    forged = parse_qs(callback.query)
    tampered = TestClient(sso["client"].app).get(
        callback.path, params={"code": forged["code"][0], "state": "made-up"})
    assert tampered.status_code == 401


def test_a_chain_without_sso_is_not_found(tenant):
    from core.tenancy.provisioning import create_chain

    create_chain("Plain", "plain-chain")
    client = TestClient(create_api("pms_app"))
    assert client.get("/auth/oidc/plain-chain/start", follow_redirects=False).status_code == 404



def test_an_unsigned_id_token_is_refused_even_if_the_provider_offers_none(sso, provider):
    provider.next_user = {"email": "gm@example.com", "email_verified": True}
    from core.identity import oidc

    provider.unsigned = True  # a hostile or broken provider: alg "none", no signature
    oidc._discovery_cache.clear()  # so the client reads the provider's "none" offer
    try:
        response, _ = _round_trip(sso, provider)
    finally:
        provider.unsigned = False
        oidc._discovery_cache.clear()
    assert response.status_code == 401 and response.json()["error"]["code"] == "sso_failed"
    assert sso["client"].get("/auth/me").status_code == 401
