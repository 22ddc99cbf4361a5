"""Races on real Postgres: a refresh token spent twice at once, failures counted in parallel."""

from __future__ import annotations

import threading

import pytest

from core.actor import Actor
from core.db.uow import control_uow
from core.identity import login, throttle
from core.identity.auth_models import LoginThrottle
from core.identity.errors import InvalidCredentials, InvalidToken, TooManyAttempts

PASSWORD = "correct horse battery staple"


def _race(n: int, fn) -> list:
    barrier = threading.Barrier(n)
    results: list = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(fn())
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_a_refresh_token_spent_twice_at_once_has_one_winner_and_ends_the_family(pg_tenant):
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    hotel = pg_tenant.make_property("Hotel A")
    with control_uow(Actor.system()) as uow:
        update_security(uow, pg_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    ensure_user("ana@example.com", "Ana", PASSWORD, [("front_desk", hotel, None)])
    creds = login.password_login("ana@example.com", PASSWORD, property_id=hotel).credentials

    results = _race(4, lambda: login.refresh(creds.refresh_token))
    winners = [r for r in results if isinstance(r, login.Credentials)]
    assert len(winners) == 1
    assert all(isinstance(r, InvalidToken | login.Credentials) or
               getattr(r, "code", "") == "refresh_token_reused" for r in results)
    # The losers presented a spent token: the family (including the winner's) is revoked.
    with pytest.raises(InvalidToken):
        login.refresh(winners[0].refresh_token)


def test_parallel_failures_on_a_new_account_are_all_counted(pg_tenant):
    results = _race(6, lambda: login.password_login("nobody@example.com", "wrong password!!",
                                                    ip="203.0.113.5"))
    assert all(isinstance(r, InvalidCredentials | TooManyAttempts) for r in results), results
    with control_uow(write=False) as uow:
        row = uow.session.get(LoginThrottle, throttle.account_key("nobody@example.com"))
        counted = row.window_failures
    refused = [r for r in results if isinstance(r, TooManyAttempts)]
    assert counted + len(refused) == 6
