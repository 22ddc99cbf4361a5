"""Live screens reuse a resolved session for a moment, but never past a logout or a lost role."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from core.db.uow import control_uow
from core.identity import login, resolve, services, session_cache, sessions
from core.identity.auth_models import AuthSession
from core.identity.errors import InvalidToken
from core.timeutil import utcnow

PASSWORD = "correct horse battery staple"  # the one conftest.py gives every staff user


@pytest.fixture(autouse=True)
def _fresh_cache():
    session_cache.forget_all()
    yield
    session_cache.forget_all()


def _sign_in(hotels):
    return login.password_login("ana@example.com", PASSWORD, kind="browser",
                                property_id=hotels.a).credentials


def test_a_session_is_resolved_once_then_reused_until_it_is_too_old(hotels, monkeypatch):
    hotels.staff("front_desk", email="ana@example.com")
    cookie = _sign_in(hotels).session_cookie
    resolved = []
    original = resolve.actor_from_session_cookie

    def counting(*args, **kwargs):
        resolved.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(resolve, "actor_from_session_cookie", counting)
    clock = [1000.0]
    monkeypatch.setattr(session_cache.time, "monotonic", lambda: clock[0])

    first = session_cache.recent_actor(cookie, property_id=hotels.a)
    again = session_cache.recent_actor(cookie, property_id=hotels.a)
    assert again is first and len(resolved) == 1
    clock[0] += session_cache.MAX_AGE + 0.1
    session_cache.recent_actor(cookie, property_id=hotels.a)
    assert len(resolved) == 2


def test_logout_in_this_process_ends_the_reuse_at_once(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    creds = _sign_in(hotels)
    me = session_cache.recent_actor(creds.session_cookie, property_id=hotels.a)

    login.logout(creds.session_id, actor=me)

    with pytest.raises(InvalidToken):
        session_cache.recent_actor(creds.session_cookie, property_id=hotels.a)


def test_a_revoked_role_is_gone_from_the_reused_session_at_once(hotels):
    uid = hotels.staff("front_desk", email="ana@example.com")
    with control_uow(hotels.operator_actor()) as uow:
        services.grant_role(uow, uid, "night_auditor", property_id=hotels.a)
        uow.commit()
    cookie = _sign_in(hotels).session_cookie
    assert session_cache.recent_actor(cookie, property_id=hotels.a).can("night_audit.run")

    with control_uow(hotels.operator_actor()) as uow:
        services.revoke_role(uow, uid, "night_auditor", property_id=hotels.a)
        uow.commit()

    assert not session_cache.recent_actor(cookie, property_id=hotels.a).can("night_audit.run")


def test_a_session_revoked_elsewhere_stops_within_max_age(hotels, monkeypatch):
    hotels.staff("front_desk", email="ana@example.com")
    creds = _sign_in(hotels)
    clock = [1000.0]
    monkeypatch.setattr(session_cache.time, "monotonic", lambda: clock[0])
    session_cache.recent_actor(creds.session_cookie, property_id=hotels.a)
    with control_uow() as uow:  # another process revokes it: this one's memo is not told
        uow.session.execute(update(AuthSession).where(AuthSession.id == creds.session_id)
                            .values(revoked_at=utcnow(), revoked_reason="elsewhere"))
        uow.commit()

    session_cache.recent_actor(creds.session_cookie, property_id=hotels.a)  # still reused
    clock[0] += session_cache.MAX_AGE + 0.1
    with pytest.raises(InvalidToken):
        session_cache.recent_actor(creds.session_cookie, property_id=hotels.a)


def test_a_read_racing_the_revoking_commit_is_not_kept(hotels):
    # Another tab refreshes between the memo's clear and the revoking commit: it still reads the
    # old grant and session (not committed yet). The next request after the commit is refused.
    uid = hotels.staff("front_desk", email="ana@example.com")
    with control_uow(hotels.operator_actor()) as uow:
        services.grant_role(uow, uid, "night_auditor", property_id=hotels.a)
        uow.commit()
    creds = _sign_in(hotels)
    cookie = creds.session_cookie

    with control_uow(hotels.operator_actor()) as uow:
        services.revoke_role(uow, uid, "night_auditor", property_id=hotels.a)
        uow.flush()
        assert session_cache.recent_actor(cookie, property_id=hotels.a).can("night_audit.run")
        uow.commit()
    assert not session_cache.recent_actor(cookie, property_id=hotels.a).can("night_audit.run")

    me = session_cache.recent_actor(cookie, property_id=hotels.a)
    with control_uow(me) as uow:
        assert sessions.revoke(uow.session, creds.session_id, "logout")
        uow.flush()
        assert session_cache.recent_actor(cookie, property_id=hotels.a).user_id == uid
        uow.commit()
    with pytest.raises(InvalidToken):
        session_cache.recent_actor(cookie, property_id=hotels.a)
