"""The night audit: close one business date in one transaction, or change nothing.

Steps: post room and tax for every in-house stay, process the day's no-shows (fee per the sold
policy), check that the ledger balances, store the flash and trial-balance reports, and roll
the business date (room moves planned for the new date take effect: the rooms left turn dirty).
Postings carry source keys ("audit:<date>:<reservation>:<what>"), and a completed run is looked
up first, so running the audit twice for a date changes nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.folio.models import Folio, FolioKind, FolioStatus, Posting, RoutingRule
from core.folio.services import TOPIC as FOLIO_TOPIC
from core.night_audit.errors import WrongBusinessDate
from core.night_audit.models import NightAuditReport, NightAuditRun
from core.night_audit.rules import NightCharge, night_charges
from core.reservations.assignment import vacate_rooms_moved_on
from core.timeutil import utcnow

ZERO = Decimal("0.00")


def _settings_locked(uow: UnitOfWork):
    from core.properties.models import PropertySettings

    # One audit at a time per property: the settings row is the lock (and holds the date).
    return uow.session.exec(select(PropertySettings).with_for_update()
                            .execution_options(populate_existing=True)).one()


def run_night_audit(uow: UnitOfWork, business_date: date | None = None) -> NightAuditRun:
    """Close the property's current business date (or return the run that already closed it)."""
    uow.actor.require("night_audit.run")
    from core.timeutil import local_today

    settings = _settings_locked(uow)
    current = settings.business_date or local_today(settings.timezone)
    day = business_date or current
    done = uow.session.exec(select(NightAuditRun).where(NightAuditRun.business_date == day)).first()
    if done is not None:
        return done
    if day != current:
        raise WrongBusinessDate(f"The business date is {current.isoformat()}; only that day can "
                                "be audited now.", fields={"business_date": f"must be {current}"})
    posted = post_room_and_tax(uow, day)
    no_shows = process_no_shows(uow, day)
    # The next day's planned room moves happen now: the rooms left become vacant dirty.
    vacated = vacate_rooms_moved_on(uow, day + timedelta(days=1))
    from core.night_audit.reports import build_reports

    summary, files = build_reports(uow, day, settings)
    summary.update({"postings": posted, "no_shows": no_shows, "rooms_vacated": vacated})
    run = NightAuditRun(business_date=day, summary=summary, finished_at=utcnow(),
                        run_by=(uow.actor.name or uow.actor.kind)[:200])
    uow.session.add(run)
    for (kind, fmt), content in files.items():
        uow.session.add(NightAuditReport(business_date=day, kind=kind, format=fmt,
                                         content=content))
    settings.business_date = day + timedelta(days=1)
    settings.updated_at = utcnow()
    uow.session.add(settings)
    uow.session.flush()
    uow.record_event("night_audit", "night_audit.completed", run.id,
                     {"business_date": day, "next_business_date": settings.business_date,
                      "postings": posted, "no_shows": no_shows, "by": run.run_by,
                      "occupancy_pct": summary.get("flash", {}).get("occupancy_pct")})
    audit.record(uow, "night_audit.run", "business_date", day.isoformat(),
                 f"Night audit closed {day.isoformat()}: {posted} postings, {no_shows} no-shows",
                 {"balanced": summary["trial_balance"]["balanced"]})
    return run


def _in_house(uow: UnitOfWork, day: date):
    from core.reservations.models import Reservation, ReservationStatus

    return uow.session.exec(select(Reservation).where(
        Reservation.status == ReservationStatus.checked_in.value,
        col(Reservation.arrival) <= day,
        or_(col(Reservation.departure) > day,
            and_(col(Reservation.day_use).is_(True), col(Reservation.arrival) == day)),
    ).order_by(col(Reservation.id))).all()


def _guest_folios(uow: UnitOfWork, reservations) -> dict[uuid.UUID, Folio]:
    """The first guest folio of each reservation, opening the missing ones in one go."""
    from core.guests.models import Guest

    ids = [r.id for r in reservations]
    folios: dict[uuid.UUID, Folio] = {}
    for chunk in _chunks(ids):
        for folio in uow.session.exec(select(Folio).where(
                col(Folio.reservation_id).in_(chunk), Folio.kind == FolioKind.guest.value)
                .order_by(col(Folio.created_at))).all():
            reservation_id = folio.reservation_id
            if reservation_id is None:  # excluded by the query; narrows the type
                continue
            best = folios.get(reservation_id)
            # The oldest open guest folio; a closed one only if the stay has no open one.
            if best is None or (best.status != FolioStatus.open.value
                                and folio.status == FolioStatus.open.value):
                folios[reservation_id] = folio
    missing = [r for r in reservations if r.id not in folios]
    if missing:
        guests = {g.id: g for chunk in _chunks([r.guest_id for r in missing])
                  for g in uow.session.exec(select(Guest).where(col(Guest.id).in_(chunk))).all()}
        for r in missing:
            g = guests.get(r.guest_id)
            name = f"{g.first_name} {g.last_name}".strip() if g else "Guest"
            folio = Folio(name=name or "Guest", reservation_id=r.id, currency=r.currency)
            uow.session.add(folio)
            folios[r.id] = folio
        uow.session.flush()
    return folios


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def post_room_and_tax(uow: UnitOfWork, day: date) -> int:
    """Room, tax and per-stay fees of `day` for every stay in house, routed, each once."""
    stays = _in_house(uow, day)
    if not stays:
        return 0
    guest_folios = _guest_folios(uow, stays)
    rules: dict[uuid.UUID, list[tuple[list[str], uuid.UUID]]] = defaultdict(list)
    for chunk in _chunks([r.id for r in stays]):
        for rule in uow.session.exec(select(RoutingRule).where(
                col(RoutingRule.reservation_id).in_(chunk)).order_by(col(RoutingRule.created_at))):
            rules[rule.reservation_id].append((rule.charge_types, rule.target_folio_id))
    prefix = f"audit:{day.isoformat()}:"
    done = set(uow.session.exec(select(Posting.source_key).where(
        col(Posting.source_key).startswith(prefix))).all())
    planned: list[tuple[uuid.UUID, NightCharge, str]] = []
    for res in stays:
        for charge in night_charges(res.price, day, first_night=(day == res.arrival)):
            key = f"{prefix}{res.id}:{charge.key}"
            if key in done:
                continue
            target = guest_folios[res.id].id
            for types, folio_id in rules.get(res.id, []):
                if charge.charge_type in types:
                    target = folio_id
                    break
            planned.append((target, charge, key))
    if not planned:
        return 0
    # Lock every folio we post to, in id order (a desk posting at the same time waits).
    folio_ids = sorted({t for t, _, _ in planned})
    locked: dict[uuid.UUID, Folio] = {}
    lines: dict[uuid.UUID, int] = {}
    for chunk in _chunks(folio_ids):
        for folio in uow.session.exec(select(Folio).where(col(Folio.id).in_(chunk))
                                      .order_by(col(Folio.id)).with_for_update()):
            locked[folio.id] = folio
        for folio_id, last in uow.session.exec(
                select(Posting.folio_id, func.max(Posting.line_no))
                .where(col(Posting.folio_id).in_(chunk)).group_by(col(Posting.folio_id))).all():
            lines[folio_id] = int(last)
    # An invoiced (closed) folio takes no more lines: the stay continues on a new one.
    for closed in [f for f in locked.values() if f.status != FolioStatus.open.value]:
        successor = Folio(name=f"{closed.name} (continued)"[:200], kind=closed.kind,
                          reservation_id=closed.reservation_id, currency=closed.currency,
                          city_ledger_account_id=closed.city_ledger_account_id)
        uow.session.add(successor)
        uow.session.flush()
        locked[successor.id] = successor
        planned = [(successor.id if t == closed.id else t, c, k) for t, c, k in planned]
    actor = uow.actor
    rows = []
    for folio_id, charge, key in planned:
        folio = locked[folio_id]
        lines[folio_id] = lines.get(folio_id, 0) + 1
        rows.append(Posting(
            folio_id=folio_id, line_no=lines[folio_id], charge_type=charge.charge_type,
            description=charge.description, amount=charge.amount, currency=folio.currency,
            business_date=day, tax_code=charge.tax_code, included_tax=charge.included_tax,
            reservation_id=folio.reservation_id, source_key=key, created_by=actor.user_id,
            created_by_name=(actor.name or actor.kind)[:200]))
    uow.session.add_all(rows)
    uow.session.flush()
    # One event for the batch: screens refresh folios once, not 1,000 times.
    uow.record_event(FOLIO_TOPIC, "folio.audit_posted", None,
                     {"business_date": day, "postings": len(rows)})
    return len(rows)


def process_no_shows(uow: UnitOfWork, day: date) -> int:
    """Guaranteed arrivals of `day` who never came: marked no-show, the policy's fee posted."""
    from core.folio.services import ensure_guest_folio, find_by_source, insert_posting, lock_folio
    from core.reservations.lifecycle import mark_no_show
    from core.reservations.models import Reservation, ReservationStatus

    due = uow.session.exec(select(Reservation.id).where(
        Reservation.status == ReservationStatus.confirmed.value, Reservation.arrival == day)
        .order_by(col(Reservation.id))).all()
    for reservation_id in due:
        fee = mark_no_show(uow, reservation_id).no_show_fee or ZERO
        key = f"audit:{day.isoformat()}:{reservation_id}:no_show"
        if fee > 0 and find_by_source(uow, key) is None:
            folio = lock_folio(uow, ensure_guest_folio(uow, reservation_id).id)
            insert_posting(uow, folio, charge_type="no_show", amount=fee,
                           description=f"No-show fee {day.isoformat()}", business_day=day,
                           source_key=key)
    return len(due)


def get_report(uow: UnitOfWork, business_date: date, kind: str, fmt: str) -> bytes:
    """A stored report (flash | trial_balance, as csv | pdf) for download."""
    uow.actor.require("reports.view")
    from core.night_audit.errors import ReportNotFound

    row = uow.session.exec(select(NightAuditReport).where(
        NightAuditReport.business_date == business_date, NightAuditReport.kind == kind,
        NightAuditReport.format == fmt)).first()
    if row is None:
        raise ReportNotFound(f"No {kind} report in {fmt} for {business_date.isoformat()}.",
                             fields={"business_date": "no audit for this date"})
    return row.content


def due_business_date(uow: UnitOfWork) -> date | None:
    """The business date to close now, if its scheduled local time has passed (the cron asks)."""
    from zoneinfo import ZoneInfo

    from core.night_audit.models import NightAuditSchedule
    from core.night_audit.rules import audit_due
    from core.properties.models import get_settings_row

    settings = get_settings_row(uow.session)
    schedule = uow.session.get(NightAuditSchedule, 1) or NightAuditSchedule()
    if not schedule.enabled:
        return None
    due = audit_due(settings.business_date, utcnow().astimezone(ZoneInfo(settings.timezone)),
                    schedule.run_at)
    return settings.business_date if due else None
