"""Managing staff: creating, inviting, granting across properties, disabling, and who may do it."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from core.actor import Actor
from core.db.uow import control_uow
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.identity import login, resolve, services
from core.identity.errors import DuplicateUser, InvalidToken, UserNotFound, WeakPassword
from core.identity.models import RoleGrant
from core.identity.permissions import ROLE_PERMISSIONS

PASSWORD = "correct horse battery staple"


def _as(actor: Actor, fn, *args, **kwargs):
    with control_uow(actor) as uow:
        result = fn(uow, *args, **kwargs)
        uow.commit()
        return result


def test_invited_user_sets_a_password_once_and_signs_in(hotels):
    op = hotels.operator_actor()
    invitation = _as(op, services.invite_user, "new@example.com", "New Hire")
    _as(op, services.grant_role, invitation.user.id, "housekeeper", property_id=hotels.a)
    assert invitation.user.status == "invited"
    with pytest.raises(WeakPassword):
        _as(Actor.system(), services.accept_invitation, invitation.token, "password")
    _as(Actor.system(), services.accept_invitation, invitation.token, PASSWORD)
    with pytest.raises(InvalidToken):
        _as(Actor.system(), services.accept_invitation, invitation.token, PASSWORD + "!")
    step = login.password_login("new@example.com", PASSWORD, property_id=hotels.a)
    actor = resolve.actor_from_access_token(step.credentials.access_token)
    assert actor.can("housekeeping.update_status") and not actor.can("folio.view")


def test_one_user_holds_different_roles_at_two_properties(hotels):
    uid = hotels.staff("front_desk", hotels.a, email="ana@example.com")
    _as(hotels.operator_actor(), services.grant_role, uid, "revenue_manager", property_id=hotels.b)
    at_a = login.password_login("ana@example.com", PASSWORD, property_id=hotels.a).credentials
    at_b = login.password_login("ana@example.com", PASSWORD, property_id=hotels.b).credentials
    actor_a = resolve.actor_from_access_token(at_a.access_token)
    actor_b = resolve.actor_from_access_token(at_b.access_token)
    assert actor_a.can("reservations.check_in") and not actor_a.can("rates.manage")
    assert actor_b.can("rates.manage") and not actor_b.can("reservations.check_in")


def test_a_chain_operator_acts_at_every_property_of_the_chain_only(hotels, tenant):
    from core.tenancy.provisioning import create_chain

    hotels.staff("chain_operator", email="op@example.com")
    for pid in (hotels.a, hotels.b):
        creds = login.password_login("op@example.com", PASSWORD, property_id=pid).credentials
        assert resolve.actor_from_access_token(creds.access_token).can("properties.manage")
    other_chain = create_chain("Rival", f"rival-{uuid.uuid4().hex[:6]}")
    tenant.chain_id, keep = other_chain.id, tenant.chain_id  # provision one in the rival chain
    try:
        rival_hotel = tenant.make_property("Rival Hotel")
    finally:
        tenant.chain_id = keep
    with pytest.raises(NotFound):
        login.password_login("op@example.com", PASSWORD, property_id=rival_hotel)


def test_revoking_a_role_takes_effect_on_the_next_request(hotels):
    uid = hotels.staff("front_desk", email="ana@example.com")
    _as(hotels.operator_actor(), services.grant_role, uid, "night_auditor", property_id=hotels.a)
    creds = login.password_login("ana@example.com", PASSWORD, property_id=hotels.a).credentials
    assert resolve.actor_from_access_token(creds.access_token).can("night_audit.run")
    assert _as(hotels.operator_actor(), services.revoke_role, uid, "night_auditor",
               property_id=hotels.a) is True
    assert not resolve.actor_from_access_token(creds.access_token).can("night_audit.run")


def test_a_grant_at_a_property_the_manager_does_not_run_is_not_found_and_stores_nothing(hotels):
    uid = hotels.staff("front_desk", hotels.a, email="ana@example.com")
    gm_a = hotels.manager_actor(hotels.a)
    with pytest.raises(NotFound) as err:
        _as(gm_a, services.grant_role, uid, "front_desk", property_id=hotels.b)
    assert "property_id" in err.value.fields
    with pytest.raises(NotFound):
        _as(gm_a, services.grant_role, uid, "front_desk", property_id=uuid.uuid4())
    with pytest.raises(NotFound):  # a property manager does not manage the chain
        _as(gm_a, services.grant_role, uid, "chain_operator", chain_id=hotels.chain_id)
    with control_uow(write=False) as uow:
        grants = uow.session.exec(select(RoleGrant).where(RoleGrant.user_id == uid)).all()
        assert [(g.role, g.property_id) for g in grants] == [("front_desk", hotels.a)]


def test_an_operator_of_another_chain_cannot_see_or_touch_our_users(hotels):
    uid = hotels.staff("front_desk", email="ana@example.com")
    stranger = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=uuid.uuid4(),
                     permissions=ROLE_PERMISSIONS["chain_operator"])
    with pytest.raises(UserNotFound):
        _as(stranger, services.set_disabled, uid, True)
    with pytest.raises(NotFound):
        _as(stranger, services.grant_role, uid, "front_desk", property_id=hotels.a)
    assert _as(stranger, services.list_users) == []


def test_staff_without_users_manage_cannot_create_users(hotels):
    desk = Actor(kind="staff", user_id=uuid.uuid4(), chain_id=hotels.chain_id,
                 property_id=hotels.a, permissions=ROLE_PERMISSIONS["front_desk"])
    with pytest.raises(PermissionDenied):
        _as(desk, services.create_user, "x@example.com", "X", PASSWORD)


def test_create_user_refuses_duplicates_and_bad_fields(hotels):
    op = hotels.operator_actor()
    _as(op, services.create_user, "ana@example.com", "Ana", PASSWORD)
    with pytest.raises(DuplicateUser):
        _as(op, services.create_user, "ANA@example.com", "Ana again", PASSWORD)
    with pytest.raises(ValidationFailed) as err:
        _as(op, services.create_user, "bob@example.com", " ", PASSWORD)
    assert "name" in err.value.fields


def test_a_manager_lists_the_people_of_their_property(hotels):
    hotels.staff("front_desk", hotels.a, email="ana@example.com")
    hotels.staff("front_desk", hotels.b, email="bob@example.com")
    listed = _as(hotels.manager_actor(hotels.a), services.list_users)
    assert [u.email for u in listed] == ["ana@example.com"]
    everyone = _as(hotels.operator_actor(), services.list_users)
    assert {u.email for u in everyone} == {"ana@example.com", "bob@example.com"}


def test_reset_mfa_makes_the_user_enrol_again(hotels):
    import pyotp

    from core.identity.chain_settings import update_security

    uid = hotels.staff("accountant", email="acc@example.com")
    _as(Actor.system(), update_security, hotels.chain_id, mfa_required_roles=["accountant"])
    step = login.password_login("acc@example.com", PASSWORD, property_id=hotels.a)
    login.verify_mfa(step.mfa_token, pyotp.TOTP(step.enrolment.secret).now())
    assert login.password_login("acc@example.com", PASSWORD,
                                property_id=hotels.a).enrolment is None
    _as(hotels.operator_actor(), services.reset_mfa, uid)
    again = login.password_login("acc@example.com", PASSWORD, property_id=hotels.a)
    assert again.enrolment is not None and again.credentials is None


def test_mfa_challenges_allow_a_few_wrong_codes_then_expire(hotels):
    from core.identity.chain_settings import update_security
    from core.identity.errors import InvalidMfaCode

    hotels.staff("owner", email="own@example.com")
    _as(Actor.system(), update_security, hotels.chain_id, mfa_required_roles=["owner"])
    step = login.password_login("own@example.com", PASSWORD, property_id=hotels.a)
    for _ in range(5):
        with pytest.raises(InvalidMfaCode):
            login.verify_mfa(step.mfa_token, "000000")
    import pyotp

    with pytest.raises(InvalidToken):
        login.verify_mfa(step.mfa_token, pyotp.TOTP(step.enrolment.secret).now())


def test_brand_settings_are_validated_and_saved(hotels):
    from core.identity.chain_settings import get_settings_row, update_brand

    op = hotels.operator_actor()
    with pytest.raises(ValidationFailed) as err:
        _as(op, update_brand, hotels.chain_id, primary_color="blue", logo_url="ftp://x")
    assert set(err.value.fields) == {"primary_color", "logo_url"}
    _as(op, update_brand, hotels.chain_id, display_name="Seaside Group", primary_color="#0a7cff")
    row = _as(op, get_settings_row, hotels.chain_id)
    assert (row.brand_display_name, row.brand_primary_color) == ("Seaside Group", "#0a7cff")
    with pytest.raises(PermissionDenied):
        _as(hotels.manager_actor(hotels.a), update_brand, hotels.chain_id, display_name="X")


def test_a_signed_in_chain_operator_manages_users_in_tenant_admin(hotels):
    hotels.staff("chain_operator", email="op@example.com")
    creds = login.password_login("op@example.com", PASSWORD, kind="browser",
                                 app="tenant_admin").credentials
    operator = resolve.actor_from_session_cookie(creds.session_cookie)
    assert operator.property_id is None and operator.chain_id == hotels.chain_id
    new = _as(operator, services.create_user, "hk@example.com", "Hana", PASSWORD)
    _as(operator, services.grant_role, new.id, "housekeeper", property_id=hotels.b)
    listed = {u.email: u for u in _as(operator, services.list_users)}
    assert [g.role for g in listed["hk@example.com"].grants] == ["housekeeper"]


def test_a_general_manager_hires_someone_for_their_own_hotel(hotels):
    gm = hotels.manager_actor(hotels.a)
    hire = _as(gm, services.create_user, "new@example.com", "New Hire", PASSWORD)
    _as(gm, services.grant_role, hire.id, "front_desk", property_id=hotels.a)
    creds = login.password_login("new@example.com", PASSWORD, property_id=hotels.a).credentials
    assert resolve.actor_from_access_token(creds.access_token).can("reservations.check_in")
    # A colleague who also works at Hotel B can get a role here, but not be disabled from here.
    other = hotels.staff("front_desk", hotels.b, email="bob@example.com")
    _as(gm, services.grant_role, other, "night_auditor", property_id=hotels.a)
    with pytest.raises(UserNotFound):
        _as(gm, services.set_disabled, other, True)


def test_an_operator_sees_and_ends_a_users_sessions_but_a_stranger_cannot(hotels):
    uid = hotels.staff("front_desk", email="ana@example.com")
    phone = login.password_login("ana@example.com", PASSWORD, kind="api",
                                 property_id=hotels.a).credentials
    op = hotels.operator_actor()
    listed = _as(op, services.list_sessions, uid)
    assert [s.id for s in listed] == [phone.session_id] and listed[0].kind == "api"
    gm_b = hotels.manager_actor(hotels.b)  # Ana does not work at Hotel B
    with pytest.raises(UserNotFound):
        _as(gm_b, services.list_sessions, uid)
    with pytest.raises(NotFound):
        _as(op, services.revoke_session, uuid.uuid4(), uid)
    _as(op, services.revoke_session, phone.session_id, uid)
    with pytest.raises(InvalidToken):
        resolve.actor_from_access_token(phone.access_token)
