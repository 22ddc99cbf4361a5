"""Accepting an invitation: choose a password, then set up two-step sign-in right away."""

from __future__ import annotations

import reflex as rx

from core.actor import Actor
from core.db.uow import control_uow
from core.errors import DomainError
from core.identity.access import properties_for
from core.identity.users import accept_invitation
from tenant_admin.state.base import fields_of
from tenant_admin.state.signin import post_fields_js

LOGOUT_JS = "fetch('/auth/logout', {method: 'POST', credentials: 'same-origin'}).then(() => true)"


class InvitationState(rx.State):
    step: str = "password"  # password | code | done
    email: str = ""
    mfa_token: str = ""
    enrol_secret: str = ""
    enrol_qr: str = ""
    recovery_codes: list[str] = []
    error: str = ""
    field_errors: dict[str, str] = {}

    @rx.event
    def load(self):
        self.step, self.error, self.field_errors, self.recovery_codes = "password", "", {}, []
        if not self.router.url.query_parameters.get("token"):
            self.error = "This link is incomplete: open the link from your invitation email."

    @rx.event
    def choose_password(self, form: dict):
        self.error, self.field_errors = "", {}
        password = form.get("password", "")
        if password != form.get("confirm", ""):
            self.field_errors = {"confirm": "does not match the password"}
            self.error = "The two passwords are different."
            return None
        token = self.router.url.query_parameters.get("token", "")
        actor = Actor(kind="staff", name="invitation link", ip=self.router.session.client_ip,
                      user_agent=self.router.headers.user_agent or None)
        try:
            with control_uow(actor) as uow:
                user = accept_invitation(uow, token, password)
                first = next(iter(properties_for(uow.session, user)), None)
                email, first_id = user.email, str(first.id) if first else None
                uow.commit()
        except DomainError as exc:
            self.error, self.field_errors = exc.message, fields_of(exc)
            return None
        self.email = email
        # Sign in once, here, so two-step sign-in is set up before the first working day.
        return rx.call_script(
            post_fields_js("/auth/session/login", {"password": "accept-password"},
                           {"email": self.email, "app": "tenant_admin",
                            "property_id": first_id}),
            callback=InvitationState.answer)

    @rx.event
    def submit_code(self):
        self.error, self.field_errors = "", {}
        return rx.call_script(
            post_fields_js("/auth/session/mfa", {"code": "accept-code"},
                           {"mfa_token": self.mfa_token}),
            callback=InvitationState.answer)

    @rx.event
    def answer(self, body: dict):
        body = body or {}
        if not body.get("success"):
            err = body.get("error") or {}
            self.error = err.get("message") or "That did not work; try again."
            self.field_errors = {k: str(v) for k, v in (err.get("fields") or {}).items()}
            return None
        data = body.get("data") or {}
        if data.get("mfa_required"):
            enrolment = data.get("enrolment") or {}
            self.step, self.mfa_token = "code", data.get("mfa_token", "")
            self.enrol_secret, self.enrol_qr = enrolment.get("secret", ""), enrolment.get(
                "qr_svg", "")
            return None
        self.recovery_codes = list(data.get("recovery_codes") or [])
        self.step = "done"
        # The console is not where this person works: end the set-up session at once.
        return rx.call_script(LOGOUT_JS)
