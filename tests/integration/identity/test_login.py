"""Password sign-in, throttling, browser sessions, API tokens and their revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from core.audit.models import OperatorAuditEntry
from core.db.uow import control_uow
from core.errors import NotFound, ValidationFailed
from core.identity import login, resolve, throttle
from core.identity.auth_models import LoginThrottle
from core.identity.errors import (
    InvalidCredentials,
    InvalidToken,
    RefreshTokenReused,
    TooManyAttempts,
)

PASSWORD = "correct horse battery staple"  # the one conftest.py gives every staff user


def _audit_actions() -> list[str]:
    with control_uow(write=False) as uow:
        return [e.action for e in uow.session.exec(
            select(OperatorAuditEntry).order_by(OperatorAuditEntry.id)).all()]


def test_front_desk_signs_in_and_gets_the_permissions_of_their_role(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    step = login.password_login("Ana@Example.com ", PASSWORD, kind="browser", app="pms",
                                property_id=hotels.a, ip="10.0.0.1", user_agent="pytest")
    creds = step.credentials
    assert creds is not None and creds.session_cookie and step.mfa_token is None
    actor = resolve.actor_from_session_cookie(creds.session_cookie, ip="10.0.0.1")
    assert actor.property_id == hotels.a
    assert actor.can("reservations.check_in") and not actor.can("rates.manage")
    assert "auth.login" in _audit_actions()


def test_wrong_password_and_unknown_user_get_the_same_answer(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    with pytest.raises(InvalidCredentials) as wrong:
        login.password_login("ana@example.com", "not the password at all", property_id=hotels.a)
    with pytest.raises(InvalidCredentials) as unknown:
        login.password_login("nobody@example.com", "not the password at all", property_id=hotels.a)
    assert wrong.value.message == unknown.value.message
    assert wrong.value.code == unknown.value.code == "invalid_credentials"


def test_bad_input_names_the_field(hotels):
    with pytest.raises(ValidationFailed) as err:
        login.password_login("not-an-email", PASSWORD)
    assert "email" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        login.password_login("ana@example.com", "")
    assert "password" in err.value.fields


def test_a_user_without_a_role_at_the_property_gets_not_found(hotels):
    hotels.staff("front_desk", hotels.a, email="ana@example.com")
    with pytest.raises(NotFound):
        login.password_login("ana@example.com", PASSWORD, property_id=hotels.b)
    with pytest.raises(ValidationFailed) as err:  # property staff must say where they work
        login.password_login("ana@example.com", PASSWORD)
    assert "property_id" in err.value.fields


def test_repeated_failures_back_off_and_a_correct_password_waits_too(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            login.password_login("ana@example.com", "wrong password here", property_id=hotels.a,
                                 ip="10.0.0.9")
    with pytest.raises(TooManyAttempts) as err:
        login.password_login("ana@example.com", PASSWORD, property_id=hotels.a, ip="10.0.0.2")
    assert err.value.retry_after >= 1
    assert "ana@example.com" not in err.value.message  # generic text


def test_the_source_address_is_throttled_across_accounts(hotels):
    for i in range(20):  # a shared office address gets more free tries than one account
        with pytest.raises(InvalidCredentials):
            login.password_login(f"guess{i}@example.com", "wrong password here", ip="10.6.6.6")
    with pytest.raises(TooManyAttempts):
        login.password_login("other@example.com", "wrong password here", ip="10.6.6.6")


def test_never_more_than_100_failures_per_account_per_hour(hotels):
    from core.timeutil import utcnow

    now = utcnow()
    counted = 0
    with control_uow() as uow:
        # Simulate an attacker retrying the moment each lock ends for one hour.
        t = now
        while t < now + timedelta(hours=1):
            try:
                throttle.check(uow.session, "victim@example.com", None, now=t)
            except TooManyAttempts as exc:
                t += timedelta(seconds=exc.retry_after)
                continue
            throttle.record_failure(uow.session, "victim@example.com", None, now=t)
            uow.session.flush()
            counted += 1
        row = uow.session.get(LoginThrottle, throttle.account_key("victim@example.com"))
        assert row is not None and row.window_failures <= 100
    assert counted <= 100


def test_locked_accounts_are_listed_and_an_operator_can_unlock_them(hotels):
    from core.identity.users import list_users, unlock_user

    uid = hotels.staff("front_desk", email="ana@example.com")
    for _ in range(6):
        with pytest.raises((InvalidCredentials, TooManyAttempts)):
            login.password_login("ana@example.com", "wrong password here", property_id=hotels.a)
    with control_uow(hotels.operator_actor()) as uow:
        locked = list_users(uow, locked_only=True)
        assert [u.email for u in locked] == ["ana@example.com"]
        assert unlock_user(uow, uid) is True
        uow.commit()
    step = login.password_login("ana@example.com", PASSWORD, property_id=hotels.a)
    assert step.credentials is not None


def test_api_tokens_refresh_rotates_and_reuse_revokes_the_family(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    creds = login.password_login("ana@example.com", PASSWORD, kind="api",
                                 property_id=hotels.a).credentials
    assert creds is not None and creds.access_token and creds.refresh_token
    actor = resolve.actor_from_access_token(creds.access_token)
    assert actor.property_id == hotels.a and actor.can("reservations.create")

    second = login.refresh(creds.refresh_token)
    assert second.refresh_token != creds.refresh_token
    resolve.actor_from_access_token(second.access_token)

    with pytest.raises(RefreshTokenReused):
        login.refresh(creds.refresh_token)  # replay of the spent token
    # The whole family is gone: the newest refresh and access tokens stop working too.
    with pytest.raises(InvalidToken):
        login.refresh(second.refresh_token)
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(second.access_token)
    assert "auth.refresh_reused" in _audit_actions()


def test_tampered_and_expired_access_tokens_are_refused(hotels):
    from core.identity import tokens
    from core.timeutil import utcnow

    hotels.staff("front_desk", email="ana@example.com")
    creds = login.password_login("ana@example.com", PASSWORD, kind="api",
                                 property_id=hotels.a).credentials
    head, body, sig = creds.access_token.split(".")
    tampered = f"{head}.{body}.{sig[:-4]}AAAA"
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(tampered)
    old, _ = tokens.issue_access_token(creds.user_id, creds.session_id, hotels.a,
                                       now=utcnow() - timedelta(minutes=20))
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(old)
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token("garbage")


def test_logout_and_session_revoke_take_effect_immediately(hotels):
    from core.identity.services import list_sessions, revoke_session

    hotels.staff("front_desk", email="ana@example.com")
    browser = login.password_login("ana@example.com", PASSWORD, kind="browser",
                                   property_id=hotels.a).credentials
    phone = login.password_login("ana@example.com", PASSWORD, kind="api",
                                 property_id=hotels.a).credentials
    assert browser.session_cookie != login.password_login(
        "ana@example.com", PASSWORD, kind="browser", property_id=hotels.a
    ).credentials.session_cookie  # a new id on every login

    me = resolve.actor_from_session_cookie(browser.session_cookie)
    with control_uow(me) as uow:
        listed = list_sessions(uow)
        assert {s.id for s in listed} >= {browser.session_id, phone.session_id}
        revoke_session(uow, phone.session_id)
        uow.commit()
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(phone.access_token)
    login.logout(browser.session_id, actor=me)
    with pytest.raises(InvalidToken):
        resolve.actor_from_session_cookie(browser.session_cookie)


def test_disabling_a_user_ends_every_session_at_once(hotels):
    from core.identity.users import set_disabled

    uid = hotels.staff("front_desk", email="ana@example.com")
    browser = login.password_login("ana@example.com", PASSWORD, kind="browser",
                                   property_id=hotels.a).credentials
    phone = login.password_login("ana@example.com", PASSWORD, kind="api",
                                 property_id=hotels.a).credentials
    with control_uow(hotels.operator_actor()) as uow:
        set_disabled(uow, uid, True)
        uow.commit()
    with pytest.raises(InvalidToken):
        resolve.actor_from_session_cookie(browser.session_cookie)
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(phone.access_token)
    with pytest.raises(InvalidToken):
        login.refresh(phone.refresh_token)
    with pytest.raises(InvalidCredentials):
        login.password_login("ana@example.com", PASSWORD, property_id=hotels.a)


def test_idle_browser_sessions_expire(hotels):
    from core.identity.auth_models import AuthSession
    from core.timeutil import utcnow

    hotels.staff("front_desk", email="ana@example.com")
    creds = login.password_login("ana@example.com", PASSWORD, kind="browser",
                                 property_id=hotels.a).credentials
    with control_uow() as uow:
        row = uow.session.get(AuthSession, creds.session_id)
        row.idle_expires_at = utcnow() - timedelta(seconds=1)
        uow.session.add(row)
        uow.commit()
    with pytest.raises(InvalidToken):
        resolve.actor_from_session_cookie(creds.session_cookie)


def test_a_reflex_app_reads_the_session_from_the_raw_cookie_header(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    creds = login.password_login("ana@example.com", PASSWORD, kind="browser",
                                 property_id=hotels.a).credentials
    header = f"theme=dark; gj_session={creds.session_cookie}; other=1"
    cookie = resolve.session_cookie_from_header(header)
    assert cookie == creds.session_cookie
    assert resolve.actor_from_session_cookie(cookie).user_id == creds.user_id
    assert resolve.session_cookie_from_header("theme=dark") is None
    with pytest.raises(InvalidToken):
        resolve.actor_from_session_cookie(None)


def test_an_actor_signed_in_at_one_property_cannot_open_another(hotels):
    from core.db.uow import property_uow

    hotels.staff("general_manager", email="gm@example.com")
    creds = login.password_login("gm@example.com", PASSWORD, property_id=hotels.a).credentials
    actor = resolve.actor_from_access_token(creds.access_token)
    with pytest.raises(NotFound):
        property_uow(hotels.b, actor)
    with pytest.raises(NotFound):  # asking for the other property explicitly changes nothing
        resolve.actor_from_access_token(creds.access_token, property_id=hotels.b)


def test_purging_forgets_old_sessions_and_tokens_but_keeps_live_ones(hotels):
    from core.identity.housekeeping import purge_expired
    from core.timeutil import utcnow

    hotels.staff("front_desk", email="ana@example.com")
    live = login.password_login("ana@example.com", PASSWORD, kind="api",
                                property_id=hotels.a).credentials
    with pytest.raises(InvalidCredentials):
        login.password_login("ana@example.com", "wrong password here", property_id=hotels.a)
    from core.jobs.sign_ins import purge_sign_ins_job

    nothing_yet = purge_sign_ins_job()  # what the daily job does
    assert nothing_yet["sessions"] == 0 and nothing_yet["throttles"] == 0
    later = purge_expired(now=utcnow() + timedelta(days=200))
    assert later.sessions == 1 and later.refresh_tokens == 1 and later.throttles >= 1
    with pytest.raises(InvalidToken):
        login.refresh(live.refresh_token)
