"""My account: the signed-in operator's live sessions (browsers and apps), each revocable."""

from __future__ import annotations

import uuid

import reflex as rx

from core.identity.services import list_sessions, revoke_session
from tenant_admin.state.base import AdminState

APP_NAMES = {"pms_app": "PMS", "tenant_admin": "Chain console", "booking_site": "Booking site",
             "": "API"}


class AccountState(AdminState):
    sessions: list[dict[str, str]] = []

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        self._refresh()
        return None

    def _refresh(self) -> None:
        current = self._chain_actor().session_id
        self.sessions = [{
            "id": str(s.id), "app": APP_NAMES.get(s.app, s.app), "kind": s.kind,
            "method": s.method, "ip": s.ip or "", "agent": (s.user_agent or "")[:80],
            "started": s.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            "seen": s.last_seen_at.strftime("%Y-%m-%d %H:%M UTC"),
            "current": "yes" if str(s.id) == current else "",
        } for s in self._read(list_sessions)]

    @rx.event
    def revoke(self, session_id: str):
        current = self._chain_actor().session_id
        self._run(revoke_session, uuid.UUID(session_id), notice="Session ended.")
        if session_id == current:
            return rx.redirect("/login")
        self._refresh()
        return None
