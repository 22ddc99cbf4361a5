"""The audit log: every identity change is recorded with who, where, from where; append-only."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from core import audit
from core.actor import Actor
from core.audit.models import AuditEntry, AuditLogIsAppendOnly, OperatorAuditEntry
from core.db.uow import control_uow, property_uow
from core.errors import PermissionDenied, ValidationFailed
from core.identity import chain_settings, login, services
from core.identity.permissions import ROLE_PERMISSIONS
from core.timeutil import utcnow

PASSWORD = "correct horse battery staple"


def _operator(hotels) -> Actor:
    return Actor(kind="staff", user_id=uuid.uuid4(), name="Olga Operator", chain_id=hotels.chain_id,
                 permissions=ROLE_PERMISSIONS["chain_operator"], session_id="s-1",
                 ip="192.0.2.7", user_agent="Firefox")


def test_every_mutating_identity_service_writes_an_operator_audit_entry(hotels):
    op = _operator(hotels)
    steps = [
        ("users.create", lambda uow: services.create_user(uow, "a@example.com", "A", PASSWORD)),
        ("users.invite", lambda uow: services.invite_user(uow, "b@example.com", "B")),
    ]
    ids = {}
    for action, call in steps:
        with control_uow(op) as uow:
            result = call(uow)
            ids[action] = getattr(result, "id", None) or result.user.id
            uow.commit()
    uid = ids["users.create"]
    more = [
        ("users.grant_role", lambda uow: services.grant_role(uow, uid, "front_desk",
                                                             property_id=hotels.a)),
        ("users.revoke_role", lambda uow: services.revoke_role(uow, uid, "front_desk",
                                                               property_id=hotels.a)),
        ("users.set_password", lambda uow: services.set_password(uow, uid, PASSWORD + " two")),
        ("users.disable", lambda uow: services.set_disabled(uow, uid, True)),
        ("users.enable", lambda uow: services.set_disabled(uow, uid, False)),
        ("users.unlock", lambda uow: services.unlock_user(uow, uid)),
        ("users.reset_mfa", lambda uow: services.reset_mfa(uow, uid)),
        ("chain.update_security", lambda uow: chain_settings.update_security(
            uow, hotels.chain_id, browser_idle_minutes=60)),
        ("chain.update_brand", lambda uow: chain_settings.update_brand(
            uow, hotels.chain_id, display_name="Group")),
        ("chain.update_sso", lambda uow: chain_settings.update_oidc(
            uow, hotels.chain_id, enabled=False, issuer=None, client_id=None)),
    ]
    for _action, call in more:
        with control_uow(op) as uow:
            call(uow)
            uow.commit()
    with control_uow(op, write=False) as uow:
        page = audit.query(uow, user_id=op.user_id, per_page=200)
    recorded = [e.action for e in reversed(page.items)]
    assert recorded == [a for a, _ in steps[:1]] + ["users.create", "users.invite"] + [
        a for a, _ in more]
    entry = page.items[0]
    assert (entry.actor_name, entry.ip, entry.user_agent, entry.session_id, entry.chain_id) == (
        "Olga Operator", "192.0.2.7", "Firefox", "s-1", hotels.chain_id)
    grant = next(e for e in page.items if e.action == "users.grant_role")
    assert grant.entity_id == str(uid) and grant.changes["role"] == "front_desk"
    assert grant.changes["property_id"] == str(hotels.a)


def test_sign_ins_and_failures_are_audited_without_secrets(hotels):
    hotels.staff("front_desk", email="ana@example.com")
    login.password_login("ana@example.com", PASSWORD, property_id=hotels.a, ip="198.51.100.4")
    with pytest.raises(Exception):  # noqa: B017 - the error itself is tested elsewhere
        login.password_login("ana@example.com", "wrong password here", property_id=hotels.a)
    with control_uow(Actor.system(), write=False) as uow:
        rows = [r.model_copy() for r in uow.session.exec(select(OperatorAuditEntry)).all()]
    actions = [r.action for r in rows]
    assert "auth.login" in actions and "auth.login_failed" in actions
    signed_in = next(r for r in rows if r.action == "auth.login")
    assert signed_in.ip == "198.51.100.4" and signed_in.property_id == hotels.a
    assert PASSWORD not in str([r.model_dump() for r in rows])


def test_property_actions_go_to_the_property_log_and_are_filterable(hotels):
    desk = Actor(kind="staff", user_id=uuid.uuid4(), name="Dora Desk", property_id=hotels.a,
                 chain_id=hotels.chain_id, permissions=ROLE_PERMISSIONS["front_desk"],
                 ip="10.0.0.5")
    with property_uow(hotels.a, desk) as uow:
        audit.record(uow, "reservations.check_in", "reservation", "r-1", "Checked in Ana",
                     {"status": ["confirmed", "checked_in"]})
        audit.record(uow, "folio.post_charge", "folio", "f-1", "Minibar 12.50",
                     {"amount": "12.50"})
        uow.commit()
    with property_uow(hotels.a, desk) as uow:
        audit.record(uow, "reservations.cancel", "reservation", "r-2", "Rolled back")
        # no commit: the entry must vanish with the change it describes
    gm = Actor(kind="staff", user_id=uuid.uuid4(), property_id=hotels.a, chain_id=hotels.chain_id,
               permissions=ROLE_PERMISSIONS["general_manager"])
    with property_uow(hotels.a, gm, write=False) as uow:
        everything = audit.query(uow)
        reservations = audit.query(uow, action="reservations.")
        by_entity = audit.query(uow, entity_type="folio", entity_id="f-1")
        future = audit.query(uow, since=utcnow() + timedelta(minutes=1))
    assert everything.total == 2 and [e.action for e in everything.items] == [
        "folio.post_charge", "reservations.check_in"]
    assert [e.entity_id for e in reservations.items] == ["r-1"]
    assert by_entity.items[0].summary == "Minibar 12.50" and future.total == 0
    first = reservations.items[0]
    assert (first.actor_name, first.ip, first.property_id) == ("Dora Desk", "10.0.0.5", hotels.a)
    with property_uow(hotels.b, write=False) as uow:
        assert uow.session.exec(select(AuditEntry)).all() == []  # another property's database
    with property_uow(hotels.a, desk, write=False) as uow, pytest.raises(PermissionDenied):
        audit.query(uow)  # front desk cannot read the log
    with property_uow(hotels.a, gm, write=False) as uow, pytest.raises(ValidationFailed):
        audit.query(uow, per_page=10_000)


def test_audit_entries_cannot_be_changed_or_deleted(hotels):
    with property_uow(hotels.a) as uow:
        audit.record(uow, "setup.change", "room", "101", "Renamed")
        uow.commit()
    with property_uow(hotels.a) as uow:
        entry = uow.session.exec(select(AuditEntry)).one()
        entry.summary = "nothing happened"
        uow.session.add(entry)
        with pytest.raises(AuditLogIsAppendOnly):
            uow.session.flush()
    with property_uow(hotels.a) as uow:
        entry = uow.session.exec(select(AuditEntry)).one()
        uow.session.delete(entry)
        with pytest.raises(AuditLogIsAppendOnly):
            uow.session.flush()


def test_operators_read_only_their_own_chains_operator_log(hotels):
    op = _operator(hotels)
    with control_uow(op) as uow:
        services.create_user(uow, "a@example.com", "A", PASSWORD)
        uow.commit()
    stranger = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=uuid.uuid4(),
                     permissions=ROLE_PERMISSIONS["chain_operator"])
    with control_uow(stranger, write=False) as uow:
        assert audit.query(uow).total == 0
    with control_uow(op, write=False) as uow:
        assert audit.query(uow, action="users.create").total == 1


def test_the_database_itself_refuses_to_change_audit_rows(hotels):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with property_uow(hotels.a) as uow:
        audit.record(uow, "setup.change", "room", "101", "Renamed")
        uow.commit()
    for statement in ("UPDATE audit_log SET summary = 'x'", "DELETE FROM audit_log"):
        with property_uow(hotels.a) as uow, pytest.raises(DBAPIError, match="append-only"):
            uow.session.execute(text(statement))
    with control_uow() as uow, pytest.raises(DBAPIError, match="append-only"):
        uow.session.execute(text("DELETE FROM operator_audit_log"))
