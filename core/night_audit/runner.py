"""Run the night audit so everyone watching sees it: announced, then closed or failed.

The audit itself is one transaction (run_night_audit), so nothing of it is visible until it
commits. Screens and the API stream still need to know an audit is under way (a second
auditor should not start another) and how it ended, so the start and a failure are each
committed as an event on the night_audit topic in a transaction of their own; a successful
run records night_audit.completed in its own transaction, as before.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date

from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.errors import DomainError
from core.night_audit.models import NightAuditRun
from core.night_audit.services import run_night_audit

log = logging.getLogger(__name__)
TOPIC = "night_audit"


def close_business_date(property_id: uuid.UUID | str, actor: Actor,
                        business_date: date | None = None) -> NightAuditRun:
    """Announce, run and commit the night audit of `business_date` (default: the current one)."""
    with property_uow(property_id, actor) as uow:
        uow.actor.require("night_audit.run")
        from core.folio.services import business_date as current_business_date

        day = business_date or current_business_date(uow)
        done = uow.session.exec(select(NightAuditRun).where(
            NightAuditRun.business_date == day)).first()
        if done is not None:  # a repeat click or a second sweep: nothing to announce
            return done
        uow.record_event(TOPIC, "night_audit.started", None,
                         {"business_date": day, "by": actor.name or actor.kind})
        uow.commit()
    try:
        with property_uow(property_id, actor) as uow:
            run = run_night_audit(uow, day)
            uow.commit()
            return run
    except Exception as exc:
        message = exc.message if isinstance(exc, DomainError) else \
            "The audit stopped on an unexpected error; nothing was changed."
        try:
            with property_uow(property_id, actor) as uow:
                uow.record_event(TOPIC, "night_audit.failed", None,
                                 {"business_date": day, "by": actor.name or actor.kind,
                                  "error": message})
                uow.commit()
        except Exception:  # the audit's own error is the one to report
            log.exception("could not record the failed night audit of %s", property_id)
        raise
