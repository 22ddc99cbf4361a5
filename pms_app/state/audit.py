"""Audit log screen: the property's own log for managers, newest first, filtered and paged."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx

from core import audit
from core.errors import DomainError, ValidationFailed
from core.properties.models import get_settings_row
from pms_app.state.base import PmsState

PER_PAGE = 50
FILTERS = ("action", "entity_type", "user_id", "since", "until")


def _local_day(value: str, field: str, tz: ZoneInfo, *, end: bool = False) -> datetime | None:
    """Midnight of a YYYY-MM-DD day at the hotel; `until` includes its whole day."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("The date is not valid.", fields={field: "use YYYY-MM-DD"},
                               code="invalid_date") from None
    return datetime.combine(day + timedelta(days=1) if end else day, time(), tzinfo=tz)


def _user_id(value: str) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValidationFailed("Choose a user from the list.", fields={"user_id": "unknown user"},
                               code="invalid_user") from None


def _timezone(uow) -> str:
    return get_settings_row(uow.session).timezone


class AuditLogState(PmsState):
    entries: list[dict[str, str]] = []
    # People seen in the log so far, for the user filter: {"id", "name"}.
    users: list[dict[str, str]] = []
    filters: dict[str, str] = {k: "" for k in FILTERS}
    page: int = 1
    total: int = 0
    timezone: str = "UTC"

    @rx.var
    def page_count(self) -> int:
        return max(1, -(-self.total // PER_PAGE))

    @rx.event
    def load(self):
        redirect, actor = self._session()
        if redirect is not None:
            return redirect
        if not self._can("audit.view"):
            self.entries, self.total = [], 0
            self.error = "The audit log is for managers."
            return None
        self.timezone = self._read_as(actor, _timezone)
        self.page = 1
        self._query()
        return None

    def _query(self) -> None:
        self.error, self.field_errors = "", {}
        f = self.filters
        try:
            tz = ZoneInfo(self.timezone or "UTC")
            kwargs: dict[str, Any] = dict(
                action=f["action"].strip() or None, entity_type=f["entity_type"].strip() or None,
                user_id=_user_id(f["user_id"]), since=_local_day(f["since"], "since", tz),
                until=_local_day(f["until"], "until", tz, end=True),
                page=self.page, per_page=PER_PAGE)
            since, until = kwargs["since"], kwargs["until"]
            if since and until and until <= since:  # `until` is already the day after
                raise ValidationFailed("The date range is not valid.",
                                       fields={"until": "must be on or after 'from'"},
                                       code="invalid_range")
            result = self._read(audit.query, **kwargs)
        except DomainError as exc:
            self.error = exc.message
            self.field_errors = {k: str(v) for k, v in (exc.fields or {}).items()}
            self.entries, self.total = [], 0
            return
        self.total = result.total
        self.entries = [{
            "when": e.occurred_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
            "who": e.actor_name or e.actor_kind, "ip": e.ip or "", "action": e.action,
            "entity": f"{e.entity_type} {e.entity_id or ''}".strip(), "summary": e.summary,
            "changes": json.dumps(e.changes, ensure_ascii=False)[:300] if e.changes else "",
        } for e in result.items]
        known = {u["id"] for u in self.users}
        seen = {str(e.user_id): e.actor_name or str(e.user_id) for e in result.items
                if e.user_id is not None and str(e.user_id) not in known}
        if seen:
            self.users = sorted([*self.users, *({"id": k, "name": v} for k, v in seen.items())],
                                key=lambda u: u["name"].lower())

    @rx.event
    def apply(self, form: dict):
        self.filters = {k: str(form.get(k, "") or "") for k in FILTERS}
        self.page = 1
        self._query()

    @rx.event
    def clear(self):
        self.filters = {k: "" for k in FILTERS}
        self.page = 1
        self._query()

    @rx.event
    def turn_page(self, step: int):
        """step -1 for newer entries, +1 for older; stays within the pages there are."""
        wanted = min(max(1, self.page + int(step)), self.page_count)
        if wanted != self.page:
            self.page = wanted
            self._query()
