"""Sign-in to the console, in the browser: the page posts to the server's session routes itself,
so the session cookie is set HttpOnly by the server and the websocket never sees the password."""

from __future__ import annotations

import json

import reflex as rx

from core.errors import DomainError
from core.identity.errors import InvalidToken
from core.identity.resolve import actor_from_session_cookie, session_cookie_from_header


def post_fields_js(url: str, fields: dict[str, str], extra: dict | None = None) -> str:
    """JS that POSTs {name: value of #element_id, ...} plus `extra` as JSON and yields the reply.

    Values are read from the page when the script runs, never sent from the server.
    """
    reads = ", ".join(f"{json.dumps(name)}: value({json.dumps(el)})"
                      for name, el in fields.items())
    return f"""(async () => {{
  const value = (id) => (document.getElementById(id) || {{}}).value || '';
  const body = Object.assign({{{reads}}}, {json.dumps(extra or {})});
  try {{
    const r = await fetch({json.dumps(url)}, {{method: 'POST', credentials: 'same-origin',
      headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify(body)}});
    return await r.json();
  }} catch (e) {{
    return {{success: false, error: {{message: 'The server did not answer; try again.'}}}};
  }}
}})()"""


def go_to(path: str):
    """A full page load, so the new websocket carries the freshly set cookie."""
    return rx.call_script(f"window.location.assign({json.dumps(path)})")


def safe_next(path: str | None) -> str:
    """Only a path on this site (no //evil.example) may follow sign-in."""
    path = path or "/"
    return path if path.startswith("/") and not path.startswith("//") else "/"


class SignInState(rx.State):
    """The two steps: password, then a code (first setting up the authenticator if needed)."""

    step: str = "password"  # password | code | recovery
    mfa_token: str = ""
    enrol_secret: str = ""
    enrol_qr: str = ""
    recovery_codes: list[str] = []
    error: str = ""
    field_errors: dict[str, str] = {}
    busy: bool = False

    @rx.event
    def load(self):
        self.step, self.mfa_token, self.enrol_secret, self.enrol_qr = "password", "", "", ""
        self.recovery_codes, self.error, self.field_errors, self.busy = [], "", {}, False
        cookie = session_cookie_from_header(self.router.headers.cookie)
        if cookie:
            try:
                if actor_from_session_cookie(cookie).property_id is None:
                    return rx.redirect(self._next())
            except (InvalidToken, DomainError):
                pass
        return None

    def _next(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next"))

    @rx.event
    def submit_password(self):
        self.error, self.field_errors, self.busy = "", {}, True
        return rx.call_script(
            post_fields_js("/auth/session/login",
                           {"email": "signin-email", "password": "signin-password"},
                           {"app": "tenant_admin"}),
            callback=SignInState.answer)

    @rx.event
    def submit_code(self):
        self.error, self.field_errors, self.busy = "", {}, True
        return rx.call_script(
            post_fields_js("/auth/session/mfa", {"code": "signin-code"},
                           {"mfa_token": self.mfa_token}),
            callback=SignInState.answer)

    @rx.event
    def answer(self, body: dict):
        self.busy = False
        body = body or {}
        if not body.get("success"):
            err = body.get("error") or {}
            self.error = err.get("message") or "Sign-in failed."
            self.field_errors = {k: str(v) for k, v in (err.get("fields") or {}).items()}
            if err.get("code") in ("invalid_token",):  # the code step expired: start again
                self.step, self.mfa_token = "password", ""
            return None
        data = body.get("data") or {}
        if data.get("mfa_required"):
            self.step, self.mfa_token = "code", data.get("mfa_token", "")
            enrolment = data.get("enrolment") or {}
            self.enrol_secret = enrolment.get("secret", "")
            self.enrol_qr = enrolment.get("qr_svg", "")
            return None
        if data.get("recovery_codes"):
            self.step, self.recovery_codes = "recovery", list(data["recovery_codes"])
            return None
        return go_to(self._next())

    @rx.event
    def continue_after_codes(self):
        return go_to(self._next())
