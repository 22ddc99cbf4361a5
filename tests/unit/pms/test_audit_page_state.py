"""PMS audit log screen: managers read the property's log newest first in hotel time, filter it
(action, entity type, user, dates; a backwards range names the field); the desk cannot read it."""

from __future__ import annotations

import uuid

import pytest
from pms_support import PASSWORD, make_state, run, sign_in

from core import audit
from core.actor import Actor
from core.db.uow import property_uow
from pms_app.state.audit import AuditLogState


@pytest.fixture(scope="module")
def log(desk, module_tenant):
    """A manager's session and a few entries by two named people at the desk hotel."""
    from core.identity.grants import ensure_user
    from core.properties.models import get_settings_row

    pid = desk.hotel.property_id
    email = f"gm.{uuid.uuid4().hex[:6]}@desk.example"
    ensure_user(email, "Gina Manager", PASSWORD, [("general_manager", pid, None)],
                chain_id=module_tenant.chain_id)
    people = {"ana": Actor(kind="staff", user_id=uuid.uuid4(), name="Ana Desk", property_id=pid,
                           ip="10.0.0.7"),
              "rui": Actor(kind="staff", user_id=uuid.uuid4(), name="Rui Night", property_id=pid,
                           ip="10.0.0.9")}
    with property_uow(pid, Actor.system("test")) as uow:
        get_settings_row(uow.session).timezone = "Europe/Lisbon"
        uow.commit()
    for who, action, entity, summary in (
            ("ana", "reservations.cancel", "reservation", "Cancelled AUDIT-1"),
            ("rui", "folio.post", "folio", "Posted minibar"),
            ("ana", "reservations.check_in", "reservation", "Checked in AUDIT-2")):
        with property_uow(pid, people[who]) as uow:
            audit.record(uow, action, entity, uuid.uuid4(), summary=summary)
            uow.commit()
    return {"cookie": sign_in(email, pid), "people": people}


def _loaded(desk, log) -> AuditLogState:
    state = make_state(AuditLogState, log["cookie"])
    assert run(AuditLogState.load, state) is None
    return state


def _filter(state, **form) -> None:
    run(AuditLogState.apply, state, {"action": "", "entity_type": "", "user_id": "", "since": "",
                                     "until": "", **form})


def test_a_manager_sees_the_log_newest_first_with_who_where_and_hotel_time(desk, log):
    state = _loaded(desk, log)

    assert "Audit log" in [e["label"] for e in state.nav]
    assert state.error == "" and state.timezone == "Europe/Lisbon"
    mine = [e for e in state.entries if e["summary"] in
            {"Cancelled AUDIT-1", "Posted minibar", "Checked in AUDIT-2"}]
    assert [e["summary"] for e in mine] == ["Checked in AUDIT-2", "Posted minibar",
                                           "Cancelled AUDIT-1"]
    assert mine[0]["who"] == "Ana Desk" and mine[0]["ip"] == "10.0.0.7"
    assert mine[0]["action"] == "reservations.check_in"
    assert mine[0]["entity"].startswith("reservation ")
    assert {"Ana Desk", "Rui Night"} <= {u["name"] for u in state.users}
    assert state.total >= 3 and state.page_count == 1
    run(AuditLogState.turn_page, state, 1)  # no older page: it stays put
    run(AuditLogState.turn_page, state, -1)
    assert state.page == 1 and len(state.entries) == state.total


def test_filters_narrow_the_log_by_action_entity_type_and_user(desk, log):
    state = _loaded(desk, log)

    _filter(state, action="reservations.")
    assert {e["summary"] for e in state.entries} >= {"Cancelled AUDIT-1", "Checked in AUDIT-2"}
    assert all(e["action"].startswith("reservations.") for e in state.entries)

    _filter(state, entity_type="folio")
    assert [e["summary"] for e in state.entries] == ["Posted minibar"]

    _filter(state, user_id=str(log["people"]["ana"].user_id))
    assert [e["summary"] for e in state.entries] == ["Checked in AUDIT-2", "Cancelled AUDIT-1"]

    run(AuditLogState.clear, state)
    assert len(state.entries) >= 3


def test_dates_filter_and_a_backwards_range_names_the_field(desk, log):
    state = _loaded(desk, log)
    today = desk.hotel.today.isoformat()

    _filter(state, since=today, until=today)
    assert state.error == "" and "Posted minibar" in {e["summary"] for e in state.entries}

    _filter(state, since="2026-03-10", until="2026-03-01")
    assert "until" in state.field_errors and state.entries == []

    _filter(state, since="10/03/2026")
    assert state.field_errors == {"since": "use YYYY-MM-DD"}

    _filter(state, user_id="not-a-user")
    assert "user_id" in state.field_errors


def test_the_desk_does_not_see_the_log_or_its_nav_entry(desk, log):
    state = make_state(AuditLogState, desk.cookies["front_desk"])

    run(AuditLogState.load, state)

    assert "Audit log" not in [e["label"] for e in state.nav]
    assert state.entries == [] and "managers" in state.error
    _filter(state, action="")  # a crafted event: the core query refuses it anyway
    assert "permission" in state.error.lower() and state.entries == []


def test_without_a_session_the_page_sends_you_to_sign_in():
    state = make_state(AuditLogState, None)
    spec = run(AuditLogState.load, state)
    assert dict((k._js_expr, v) for k, v in spec.args)["path"]._var_value == "/login"
