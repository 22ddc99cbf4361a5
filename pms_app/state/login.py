"""Sign-in: the browser posts the credentials to /auth/session/login itself, so the session cookie
is set HttpOnly by the server and the password never travels over the websocket."""

from __future__ import annotations

import reflex as rx

from core.errors import DomainError
from core.identity.errors import InvalidToken
from core.identity.resolve import actor_from_session_cookie, session_cookie_from_header
from core.tenancy.registry import get_property_by_slug, list_properties

# Reads the form from the page, posts it, and on success loads the desk with the new cookie
# (a full navigation, so the new websocket carries the cookie).
_POST = """(async () => {
  const v = (id) => (document.getElementById(id) || {}).value || '';
  const r = await fetch(%(url)s, {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(%(body)s)});
  let body = {};
  try { body = await r.json(); } catch (e) { body = {success: false, error: {message:
    'The server did not answer; try again in a moment.'}}; }
  if (body.success && body.data && !body.data.mfa_required) {
    window.location.assign('/today'); return {success: true, data: {redirecting: true}};
  }
  return body;
})()"""
LOGIN_JS = _POST % {"url": "'/auth/session/login'", "body": "{email: v('login-email'), "
                    "password: v('login-password'), property_id: v('login-property') || null, "
                    "app: 'pms_app'}"}
MFA_JS = _POST % {"url": "'/auth/mfa/verify'",
                  "body": "{mfa_token: v('login-mfa-token'), code: v('login-code')}"}


class LoginState(rx.State):
    property_id: str = ""
    properties: list[dict[str, str]] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    mfa_token: str = ""
    busy: bool = False

    @rx.event
    def load(self):
        cookie = session_cookie_from_header(self.router.headers.cookie)
        if cookie:
            try:
                actor_from_session_cookie(cookie)
                return rx.redirect("/today")
            except (InvalidToken, DomainError):
                pass
        self.properties = [{"id": str(p.id), "name": p.name}
                           for p in list_properties(active_only=True)]
        slug = self.router.url.query_parameters.get("property", "")
        if slug:
            try:
                self.property_id = str(get_property_by_slug(slug).id)
            except DomainError:
                self.error = "That property does not exist; choose one from the list."
        if not self.property_id and len(self.properties) == 1:
            self.property_id = self.properties[0]["id"]
        return None

    @rx.event
    def choose_property(self, property_id: str):
        self.property_id = property_id

    @rx.event
    def submit(self):
        self.error, self.field_errors, self.busy = "", {}, True
        return rx.call_script(MFA_JS if self.mfa_token else LOGIN_JS,
                              callback=LoginState.result)

    @rx.event
    def result(self, body: dict):
        self.busy = False
        body = body or {}
        if body.get("success"):
            data = body.get("data") or {}
            if data.get("mfa_required"):
                self.mfa_token = data.get("mfa_token", "")
            return
        err = body.get("error") or {}
        self.error = err.get("message") or "Sign-in failed."
        self.field_errors = {k: str(v) for k, v in (err.get("fields") or {}).items()}
