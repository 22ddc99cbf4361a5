"""The state every console page inherits: the signed-in operator, checked server-side each call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from core.actor import Actor
from core.db.uow import control_uow
from core.errors import DomainError, NotAuthenticated, NotFound
from core.identity.errors import InvalidToken
from core.identity.resolve import actor_from_session_cookie, session_cookie_from_header
from tenant_admin.nav import visible_entries

T = TypeVar("T")
SIGN_OUT_JS = ("fetch('/auth/logout', {method: 'POST', credentials: 'same-origin'})"
               ".finally(() => window.location.assign('/login'))")


def fields_of(exc: DomainError) -> dict[str, str]:
    return {k: str(v) for k, v in (exc.fields or {}).items()}


class AdminState(rx.State):
    """Who is signed in, what they may see; `error`/`notice` are the page's one-line answers."""

    user_name: str = ""
    chain_name: str = ""
    permissions: list[str] = []
    nav: list[dict[str, str]] = []
    signed_in: bool = False
    error: str = ""
    notice: str = ""
    field_errors: dict[str, str] = {}

    def _actor(self) -> Actor:
        """The operator behind this tab's session cookie, resolved now (revocation is instant).

        The console works at chain level (no property), so only chain roles count here.
        """
        cookie = session_cookie_from_header(self.router.headers.cookie)
        return actor_from_session_cookie(cookie, ip=self.router.session.client_ip or None,
                                         user_agent=self.router.headers.user_agent or None)

    def _chain_actor(self) -> Actor:
        actor = self._actor()
        if actor.property_id is not None and not actor.is_superuser:
            raise NotAuthenticated("This console is for chain operators; sign in again.")
        return actor

    def _check_session(self):
        """Fill the shell, or send the visitor to sign in. Pages call it first in on_load."""
        self.error, self.notice, self.field_errors = "", "", {}
        try:
            actor = self._chain_actor()
        except (InvalidToken, NotAuthenticated, NotFound):
            self.signed_in = False
            return rx.redirect(f"/login?next={self.router.url.path or '/'}")
        self.signed_in = True
        self.permissions = sorted(actor.permissions)
        self.nav = visible_entries(actor.permissions, actor.is_superuser)
        if not self.user_name:
            self._fill_names(actor)
        return None

    def _fill_names(self, actor: Actor) -> None:
        from core.tenancy.models import Chain

        with control_uow(write=False) as uow:
            chain = uow.session.get(Chain, actor.chain_id) if actor.chain_id else None
            self.chain_name = chain.name if chain else "All chains"
        self.user_name = actor.name

    def _run(self, fn: Callable[..., T], *args: Any, notice: str = "", **kwargs: Any) -> T | None:
        """One control-plane use case as the signed-in operator, committed; a refusal is shown."""
        self.error, self.notice, self.field_errors = "", "", {}
        try:
            actor = self._chain_actor()
            with control_uow(actor) as uow:
                result = fn(uow, *args, **kwargs)
                uow.commit()
        except (InvalidToken, NotAuthenticated):
            self._expired()
            return None
        except DomainError as exc:
            self.error, self.field_errors = exc.message, fields_of(exc)
            return None
        self.notice = notice
        return result

    def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with control_uow(self._chain_actor(), write=False) as uow:
            return fn(uow, *args, **kwargs)

    def _expired(self) -> None:
        self.signed_in = False
        self.error = "Your session has ended. Please sign in again."
        return None

    def _can(self, permission: str) -> bool:
        return permission in self.permissions

    @rx.event
    def sign_out(self):
        return rx.call_script(SIGN_OUT_JS)
