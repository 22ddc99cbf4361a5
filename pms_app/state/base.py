"""The state every PMS page inherits: who is signed in (checked server-side), where, and the shell."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError, NotAuthenticated, NotFound
from core.identity.errors import InvalidToken
from core.identity.resolve import actor_from_session_cookie, session_cookie_from_header
from core.identity.session_cache import recent_actor
from pms_app.nav import visible_entries

T = TypeVar("T")
SIGN_OUT_JS = ("fetch('/auth/logout', {method: 'POST', credentials: 'same-origin'})"
               ".finally(() => window.location.assign('/login'))")


class PmsState(rx.State):
    property_id: str = ""
    property_name: str = ""
    user_name: str = ""
    permissions: list[str] = []
    nav: list[dict[str, str]] = []
    properties: list[dict[str, str]] = []
    business_date: str = ""
    error: str = ""
    field_errors: dict[str, str] = {}
    search_query: str = ""
    search_hits: list[dict[str, str]] = []
    # The socket's credentials as the last fresh session check read them from its headers.
    _cred_cookie: str = ""
    _cred_ip: str = ""
    _cred_agent: str = ""

    # --- the session, resolved from the HttpOnly cookie on every call ------------------
    def _session_cookie(self) -> str | None:
        return session_cookie_from_header(self.router.headers.cookie)

    def _actor(self, fresh: bool = True) -> Actor:
        """The signed-in user, checked now; `fresh=False` (reads) may reuse a check made at most
        core.identity.session_cache.MAX_AGE seconds ago, so a live tab refreshing on every event
        does not resolve its cookie each time."""
        pid = uuid.UUID(self.property_id) if self.property_id else None
        if fresh or not self._cred_cookie:
            router = self.router  # read once: Reflex computes it on every access
            self._cred_cookie = session_cookie_from_header(router.headers.cookie) or ""
            self._cred_ip = router.session.client_ip or ""
            self._cred_agent = router.headers.user_agent or ""
        # A socket's headers do not change while it lives (a reconnect runs on_load, which
        # resolves afresh), so reads go on with what the last fresh check saw.
        resolve = actor_from_session_cookie if fresh else recent_actor
        return resolve(self._cred_cookie or None, property_id=pid, ip=self._cred_ip or None,
                       user_agent=self._cred_agent or None)

    def _uow(self, write: bool = False):
        """A unit of work at the current property as the signed-in user (writes: checked now;
        reads: checked within the last couple of seconds)."""
        actor = self._actor(fresh=write)
        if actor.property_id is None:
            raise NotAuthenticated("Choose a property to work at.", code="no_property")
        return property_uow(actor.property_id, actor, write=write)

    def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one core read use case: fn(uow, *args, **kwargs)."""
        with self._uow(write=False) as uow:
            return fn(uow, *args, **kwargs)

    def _read_as(self, actor: Actor | None, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Like _read, with the actor this handler already resolved (one session check per
        event instead of one per read); None resolves it now."""
        if actor is None or actor.property_id is None:
            return self._read(fn, *args, **kwargs)
        with property_uow(actor.property_id, actor, write=False) as uow:
            return fn(uow, *args, **kwargs)

    def _write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run one core service and commit; a refusal is shown (message and fields), not raised."""
        self.error, self.field_errors = "", {}
        try:
            with self._uow(write=True) as uow:
                result = fn(uow, *args, **kwargs)
                uow.commit()
            return result
        except DomainError as exc:
            self.error = exc.message
            self.field_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
            return None

    def _can(self, permission: str) -> bool:
        return permission in self.permissions

    def _check_session(self):
        """Fill the shell for the signed-in user; a redirect to sign-in if there is no session."""
        return self._session()[0]

    def _session(self) -> tuple[Any, Actor | None]:
        """(redirect, None) without a valid session, else (None, the Actor) with the shell filled;
        a page's load passes the Actor on to its reads."""
        try:
            actor = self._actor()
        except NotFound:
            self.property_id = ""  # no longer works at the property this tab had chosen
            return self._session()
        except (InvalidToken, NotAuthenticated):
            return rx.redirect("/login"), None
        if actor.property_id is None:
            return rx.redirect("/login"), None
        if str(actor.property_id) != self.property_id or not self.user_name:
            self._fill_shell(actor)
        self.permissions = sorted(actor.permissions)
        self.nav = visible_entries(actor.permissions, actor.is_superuser)
        from core.frontdesk.services import business_day

        with property_uow(actor.property_id, actor, write=False) as uow:
            self.business_date = business_day(uow).strftime("%a %d %b %Y")
        return None, actor

    def _fill_shell(self, actor: Actor) -> None:
        from core.identity.services import whoami

        me = whoami(actor)
        self.property_id = str(actor.property_id)
        self.property_name = me.property_name or ""
        self.user_name = me.user.name
        self.properties = [{"id": str(p.id), "name": p.name} for p in me.properties]

    # --- shell actions -----------------------------------------------------------------
    @rx.event
    def switch_property(self, property_id: str):
        previous = self.property_id
        self.property_id = property_id
        try:
            actor = self._actor()
        except DomainError:
            self.property_id = previous
            self.error = "You do not work at that property."
            return None
        self._fill_shell(actor)
        return rx.redirect("/today")

    @rx.event
    def sign_out(self):
        return rx.call_script(SIGN_OUT_JS)

    @rx.event
    def search(self, query: str):
        from core.frontdesk.services import global_search

        self.search_query = query
        try:
            hits = self._read(global_search, query)
        except DomainError:
            hits = []
        self.search_hits = [
            {"title": h.title, "detail": h.detail,
             "href": f"/reservations/{h.id}" if h.kind == "reservation"
             else f"/tape-chart?room={h.title.removeprefix('Room ')}"}
            for h in hits]

    @rx.event
    def clear_search(self):
        self.search_query, self.search_hits = "", []
