"""Audit log viewer: the chain's operator log or one property's own log, filtered and paged."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import reflex as rx

from core import audit
from core.db.uow import property_uow
from core.errors import DomainError, ValidationFailed
from core.tenancy.registry import list_properties
from tenant_admin.state.base import AdminState, fields_of

PER_PAGE = 50


def _day(value: str, field: str, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
    except ValueError:
        raise ValidationFailed("The date is not valid.", fields={field: "use YYYY-MM-DD"}) from None
    return day + timedelta(days=1) if end else day  # `until` includes the whole day


class AuditState(AdminState):
    entries: list[dict[str, str]] = []
    properties: list[dict[str, str]] = []
    filters: dict[str, str] = {"source": "", "action": "", "entity_id": "", "since": "",
                               "until": ""}
    page: int = 1
    total: int = 0

    @rx.event
    def load(self):
        redirect = self._check_session()
        if redirect:
            return redirect
        actor = self._chain_actor()
        self.properties = [{"id": str(p.id), "name": p.name}
                           for p in list_properties(actor.chain_id)]
        self._query()
        return None

    def _query(self) -> None:
        self.error, self.field_errors = "", {}
        f = self.filters
        try:
            actor = self._chain_actor()
            kwargs: dict[str, Any] = dict(action=f["action"].strip() or None,
                          entity_id=f["entity_id"].strip() or None,
                          since=_day(f["since"], "since"),
                          until=_day(f["until"], "until", end=True),
                          page=self.page, per_page=PER_PAGE)
            source = f["source"]
            if source and source not in {p["id"] for p in self.properties}:
                raise ValidationFailed("Choose a property of your chain.",
                                       fields={"source": "not a property of this chain"})
            if source:
                with property_uow(uuid.UUID(source), actor, write=False) as uow:
                    result = audit.query(uow, **kwargs)
            else:
                result = self._read(audit.query, **kwargs)
        except DomainError as exc:
            self.error, self.field_errors = exc.message, fields_of(exc)
            self.entries, self.total = [], 0
            return
        self.total = result.total
        self.entries = [{
            "when": e.occurred_at.strftime("%Y-%m-%d %H:%M:%S"), "who": e.actor_name or
            e.actor_kind, "action": e.action, "entity": f"{e.entity_type} {e.entity_id or ''}",
            "summary": e.summary, "ip": e.ip or "",
            "changes": json.dumps(e.changes, ensure_ascii=False)[:300] if e.changes else "",
        } for e in result.items]

    @rx.event
    def apply(self, form: dict):
        self.filters = {k: str(form.get(k, "") or "") for k in self.filters}
        self.page = 1
        self._query()

    @rx.event
    def next_page(self):
        if self.page * PER_PAGE < self.total:
            self.page += 1
            self._query()

    @rx.event
    def previous_page(self):
        if self.page > 1:
            self.page -= 1
            self._query()
