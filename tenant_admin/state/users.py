"""Users page: invite, grant and revoke roles per property, disable, unlock, reset two-step sign-in."""

from __future__ import annotations

import uuid

import reflex as rx

from core.identity import grants, invitations, users
from core.identity.permissions import CHAIN_ROLES, ROLES
from core.tenancy.registry import list_properties
from tenant_admin.state.base import AdminState

ROLE_CHOICES = [{"value": r, "label": label} for r, label in ROLES.items()]


def _pid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


class UsersState(AdminState):
    users: list[dict] = []
    properties: list[dict[str, str]] = []
    roles: list[dict[str, str]] = ROLE_CHOICES
    search: str = ""
    locked_only: bool = False
    last_invite_email: str = ""

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        self._refresh()
        return None

    def _refresh(self) -> None:
        actor = self._chain_actor()
        names = {p.id: p.name for p in list_properties(actor.chain_id)}
        self.properties = [{"id": str(k), "name": v} for k, v in names.items()]
        rows = self._read(users.list_users, search=self.search or None,
                          locked_only=self.locked_only)
        self.users = [{
            "id": str(u.id), "email": u.email, "name": u.name, "status": u.status,
            "mfa": "on" if u.mfa_enabled else "off",
            "locked": u.locked_until.strftime("%H:%M UTC") if u.locked_until else "",
            "grants": [{"role": g.role, "property_id": str(g.property_id or ""),
                        "label": ROLES.get(g.role, g.role) if g.property_id is None
                        else f"{g.role} @ {names.get(g.property_id, 'another chain')}"}
                       for g in u.grants],
        } for u in rows]

    @rx.event
    def filter(self, form: dict):
        self.search = (form.get("search") or "").strip()
        self.locked_only = bool(form.get("locked_only"))
        self._refresh()

    @rx.event
    def invite(self, form: dict):
        role = form.get("role", "")
        result = self._run(invitations.invite_staff, email=form.get("email", ""),
                           name=form.get("name", ""), role=role,
                           property_id=None if role in CHAIN_ROLES else _pid(
                               form.get("property_id", "")),
                           base_url=self.router.headers.origin or "http://localhost:3002",
                           notice=f"Invitation sent to {form.get('email', '').strip()}.")
        if result is not None:
            self.last_invite_email = result.user.email
            self._refresh()

    @rx.event
    def grant(self, form: dict):
        role = form.get("role", "")
        actor = self._chain_actor()
        chain_role = role in CHAIN_ROLES
        if self._run(grants.grant_role, _pid(form.get("user_id", "")) or uuid.UUID(int=0), role,
                     property_id=None if chain_role else _pid(form.get("property_id", "")),
                     chain_id=actor.chain_id if chain_role else None,
                     notice="Role granted.") is not None:
            self._refresh()

    @rx.event
    def revoke(self, user_id: str, role: str, property_id: str):
        actor = self._chain_actor()
        if self._run(grants.revoke_role, uuid.UUID(user_id), role, property_id=_pid(property_id),
                     chain_id=None if property_id else actor.chain_id,
                     notice="Role revoked.") is not None:
            self._refresh()

    @rx.event
    def set_disabled(self, user_id: str, disabled: bool):
        if self._run(users.set_disabled, uuid.UUID(user_id), disabled,
                     notice="Account disabled." if disabled else "Account enabled.") is not None:
            self._refresh()

    @rx.event
    def unlock(self, user_id: str):
        self._run(users.unlock_user, uuid.UUID(user_id), notice="Account unlocked.")
        self._refresh()

    @rx.event
    def reset_mfa(self, user_id: str):
        self._run(users.reset_mfa, uuid.UUID(user_id),
                  notice="Two-step sign-in reset: they set it up again at their next sign-in.")
        self._refresh()
