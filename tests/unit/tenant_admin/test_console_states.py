"""Console states against real services: who gets in, and what each page does with bad input."""

from __future__ import annotations

import pytest
from console_support import call, tab
from sqlmodel import select

from core.db.uow import control_uow
from core.identity.models import User
from tenant_admin.state.audit import AuditState
from tenant_admin.state.brand import BrandState
from tenant_admin.state.home import OverviewState
from tenant_admin.state.users import UsersState


def test_without_a_session_every_page_sends_the_visitor_to_sign_in(console):
    state = tab(OverviewState, None)
    events = call(state, "load")
    assert "/login?next=" in str(events)
    assert state.signed_in is False and state.chains == []


def test_property_staff_cannot_use_the_chain_console(console):
    state = tab(UsersState, console["desk"])
    events = call(state, "load")
    assert "/login?next=" in str(events)
    assert state.users == []


def test_an_operator_sees_their_chain_and_the_pages_of_their_role(console):
    state = tab(OverviewState, console["operator"])
    assert call(state, "load") is None
    assert state.signed_in and state.user_name == "Olga Operator"
    [chain] = state.chains
    assert [p["name"] for p in chain["properties"]] == ["Console Hotel"]
    assert {e["label"] for e in state.nav} >= {"Dashboard", "Users", "Brand", "Audit log", "Jobs"}


def test_inviting_for_a_property_role_without_a_property_names_the_field(console):
    state = tab(UsersState, console["operator"], origin="http://admin.test")
    call(state, "load")
    call(state, "invite", {"email": "nobody@console.example", "name": "No Body",
                           "role": "housekeeper", "property_id": ""})
    assert state.field_errors == {"property_id": "is required for this role"}
    with control_uow(write=False) as uow:
        assert uow.session.exec(select(User).where(User.email == "nobody@console.example")
                                ).first() is None


def test_an_invited_person_is_listed_with_their_role_at_the_property(console):
    state = tab(UsersState, console["operator"], origin="http://admin.test")
    call(state, "load")
    call(state, "invite", {"email": "Rita@Console.example", "name": "Rita Rooms",
                           "role": "housekeeper", "property_id": str(console["hotel"])})
    assert state.error == "" and state.notice.startswith("Invitation sent")
    row = next(u for u in state.users if u["email"] == "rita@console.example")
    assert row["status"] == "invited"
    assert [g["label"] for g in row["grants"]] == ["housekeeper @ Console Hotel"]
    call(state, "revoke", row["id"], "housekeeper", str(console["hotel"]))
    row = next(u for u in state.users if u["email"] == "rita@console.example")
    assert row["grants"] == [] and state.notice == "Role revoked."


def test_an_operator_cannot_disable_themselves(console):
    state = tab(UsersState, console["operator"])
    call(state, "load")
    me = next(u for u in state.users if u["email"] == console["operator_email"])
    call(state, "set_disabled", me["id"], True)
    assert state.error == "You cannot disable your own account."
    assert next(u for u in state.users if u["id"] == me["id"])["status"] == "active"


def test_brand_settings_name_each_bad_field_and_keep_what_was_typed(console):
    state = tab(BrandState, console["operator"])
    call(state, "load")
    call(state, "save", {"display_name": "Console Hotels", "primary_color": "blue",
                         "accent_color": "#12", "font": "comic-sans",
                         "logo_url": "ftp://logo", "support_email": "nope"})
    assert set(state.field_errors) == {"primary_color", "accent_color", "font", "logo_url",
                                       "support_email"}
    assert state.brand["primary_color"] == "blue"
    call(state, "save", {"display_name": "Console Hotels", "primary_color": "#123abc",
                         "accent_color": "#f59e0b", "font": "classic",
                         "logo_url": "", "support_email": "help@console.example"})
    assert state.notice == "Brand settings saved." and state.brand["primary_color"] == "#123abc"
    assert state.font_stack.startswith("Georgia")


def test_the_audit_log_refuses_a_backwards_date_range_and_filters_by_action(console):
    state = tab(AuditState, console["operator"])
    call(state, "load")
    call(state, "apply", {"source": "", "action": "", "entity_id": "",
                          "since": "2026-11-20", "until": "2026-11-01"})
    assert state.field_errors == {"until": "must be after 'since'"} and state.entries == []
    call(state, "apply", {"source": "", "action": "auth.login", "entity_id": "", "since": "",
                          "until": ""})
    assert state.total >= 1 and {e["action"] for e in state.entries} == {"auth.login"}


def test_the_audit_log_of_another_chains_property_is_refused(console):
    state = tab(AuditState, console["operator"])
    call(state, "load")
    call(state, "apply", {"source": "00000000-0000-0000-0000-000000000001", "action": "",
                          "entity_id": "", "since": "", "until": ""})
    assert state.field_errors == {"source": "not a property of this chain"}


def test_a_locked_account_is_listed_as_locked_and_can_be_unlocked(console):
    from core.identity.errors import InvalidCredentials, TooManyAttempts
    from core.identity.grants import ensure_user
    from core.identity.login import password_login

    email = "locked.out@console.example"
    ensure_user(email, "Lou Locked", "harbour-lights-2026", [("front_desk", console["hotel"], None)])
    for i in range(6):  # the sixth failure in a row locks the account for a while
        with pytest.raises((InvalidCredentials, TooManyAttempts)):
            password_login(email, "wrong password", kind="browser", ip=f"10.0.0.{i}")
    state = tab(UsersState, console["operator"])
    call(state, "load")
    call(state, "filter", {"search": "", "locked_only": True})
    assert [u["email"] for u in state.users] == [email] and state.users[0]["locked"]
    call(state, "unlock", state.users[0]["id"])
    assert state.notice == "Account unlocked." and state.users == []


def test_ending_another_of_my_sessions_signs_that_browser_out(console):
    from console_support import browser_session

    from core.identity.errors import InvalidToken
    from core.identity.resolve import actor_from_session_cookie
    from tenant_admin.state.account import AccountState

    other = browser_session(console["operator_email"])  # e.g. a laptop left signed in
    state = tab(AccountState, console["operator"])
    call(state, "load")
    current = [s for s in state.sessions if s["current"]]
    assert len(current) == 1 and len(state.sessions) >= 2
    other_id = str(actor_from_session_cookie(other).session_id)
    call(state, "revoke", other_id)
    assert state.notice == "Session ended."
    assert other_id not in {s["id"] for s in state.sessions}
    with pytest.raises(InvalidToken):
        actor_from_session_cookie(other)


@pytest.mark.redis
def test_the_jobs_page_lists_a_failed_job_of_the_chain_and_retries_it(console, redis_url):
    from core.jobs import enqueue
    from core.jobs.rq_backend import connection, make_worker, queue
    from tenant_admin.state.jobs import JobsState

    ref = enqueue("core.jobs.diagnostics.echo", str(console["hotel"]), unexpected=True)
    make_worker(connection(), simple=True).work(burst=True)
    state = tab(JobsState, console["operator"])
    call(state, "load")
    assert state.mode == "rq"
    assert {q["name"]: q["failed"] for q in state.queues}["default"] == 1
    [job] = state.failed
    assert job["id"] == ref.id and "unexpected keyword argument" in job["headline"]
    call(state, "retry", ref.id)
    assert state.notice == "The job is back on its queue." and state.failed == []
    assert ref.id in queue("default").job_ids
    call(state, "delete", ref.id)  # no longer a failed job: refused, named
    assert state.error == "Job not found."


def test_without_redis_the_jobs_page_says_jobs_run_in_process(console):
    from tenant_admin.state.jobs import JobsState

    state = tab(JobsState, console["operator"])
    call(state, "load")
    assert state.mode in ("eager", "thread") and state.queues == [] and state.error == ""
