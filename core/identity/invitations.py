"""Inviting a member of staff in one step: the account, their first role, and the email (a job)."""

from __future__ import annotations

import uuid

from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.identity.grants import grant_role
from core.identity.permissions import CHAIN_ROLES
from core.identity.schemas import Invitation
from core.identity.users import invite_user
from core.tenancy.models import Chain

ACCEPT_PATH = "/accept-invitation"


def accept_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{ACCEPT_PATH}?token={token}"


def invite_staff(uow: UnitOfWork, *, email: str, name: str, role: str,
                 property_id: uuid.UUID | None, base_url: str) -> Invitation:
    """Create the invited account with `role` (at `property_id`, or chain-wide for chain roles)
    and email the set-password link from a background job once this transaction commits, so
    nobody is emailed about an account that was rolled back. The caller commits."""
    if not base_url.startswith(("https://", "http://")):
        raise ValueError("base_url must be the console's absolute address")
    if role not in CHAIN_ROLES and property_id is None:
        raise ValidationFailed("Choose the property the person will work at.",
                               fields={"property_id": "is required for this role"})
    invitation = invite_user(uow, email, name)
    user = invitation.user
    chain_id = user.chain_id if role in CHAIN_ROLES else None
    grant_role(uow, user.id, role, property_id=None if role in CHAIN_ROLES else property_id,
               chain_id=chain_id)
    chain = uow.session.get(Chain, user.chain_id) if user.chain_id else None
    args = (user.email, user.name, accept_link(base_url, invitation.token),
            chain.name if chain else "Guest Journey", uow.actor.name,
            invitation.expires_at.strftime("%d %b %Y %H:%M UTC"))

    def send() -> None:
        from core.jobs import enqueue

        enqueue("core.jobs.identity.send_invitation_job", *args, queue="high")

    uow.after_commit(send)
    return invitation
