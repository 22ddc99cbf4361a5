"""Inviting staff: account + first role in one transaction, the email only after it commits."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import select

from core.db.uow import control_uow
from core.errors import ValidationFailed
from core.identity.access import build_actor
from core.identity.grants import ensure_user
from core.identity.invitations import invite_staff
from core.identity.models import User
from core.identity.users import accept_invitation

PASSWORD = "harbour-lights-2026"


@pytest.fixture
def operator(tenant):
    user = ensure_user("olga@chain.example", "Olga Operator", PASSWORD,
                       [("chain_operator", None, tenant.chain_id)])
    with control_uow(write=False) as uow:
        return build_actor(uow.session, uow.session.get(User, user.id), None)


def invite(operator, pid, **kw):
    args = dict(email="ana@chain.example", name="Ana Desk", role="front_desk", property_id=pid,
                base_url="http://admin.example:3002")
    args.update(kw)
    with control_uow(operator) as uow:
        invitation = invite_staff(uow, **args)
        uow.commit()
    return invitation


def test_the_invited_person_gets_a_working_link_for_their_property_only(tenant, operator,
                                                                       smtp_server):
    hotel, other = tenant.make_property("Invite Hotel"), tenant.make_property("Other Hotel")
    invitation = invite(operator, hotel)

    [msg] = smtp_server
    body = msg.get_payload(decode=True).decode()
    link = next(line for line in body.splitlines() if "/accept-invitation?" in line)
    assert link.startswith("http://admin.example:3002/accept-invitation?token=")
    assert "Olga Operator has invited you" in body
    token = parse_qs(urlparse(link).query)["token"][0]
    assert token == invitation.token
    with control_uow(operator) as uow:
        user = accept_invitation(uow, token, "a-long-new-passphrase-9")
        uow.commit()
    with control_uow(write=False) as uow:
        user = uow.session.get(User, user.id)
        assert build_actor(uow.session, user, hotel).permissions
        with pytest.raises(Exception, match="Property not found"):
            build_actor(uow.session, user, other)


def test_an_invitation_rolled_back_sends_no_email(tenant, operator, smtp_server):
    hotel = tenant.make_property("Quiet Hotel")
    with control_uow(operator) as uow:
        invite_staff(uow, email="bo@chain.example", name="Bo", role="housekeeper",
                     property_id=hotel, base_url="http://admin.example")
        # leaving without commit rolls back
    assert smtp_server == []
    with control_uow(write=False) as uow:
        assert uow.session.exec(select(User).where(User.email == "bo@chain.example")).first() \
            is None


def test_a_property_role_without_a_property_is_refused_and_nothing_is_stored(tenant, operator,
                                                                             smtp_server):
    with pytest.raises(ValidationFailed) as err:
        invite(operator, None)
    assert err.value.fields == {"property_id": "is required for this role"}
    assert smtp_server == []
