"""The day's reports: the manager's flash and the trial balance, as data, CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.folio.models import SETTLEMENT_TYPES, Posting
from core.night_audit.rules import kpis

ZERO = Decimal("0.00")


def _dec(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _room_counts(uow: UnitOfWork, day: date) -> dict[str, int]:
    from core.inventory.models import RoomStay, RoomStayKind
    from core.properties.models import Room
    from core.reservations.models import Reservation
    from core.reservations.models import ReservationStatus as S

    rooms = uow.session.exec(select(func.count()).select_from(Room)
                             .where(col(Room.active).is_(True))).one()
    ooo = uow.session.exec(select(func.count(func.distinct(RoomStay.room_id))).where(
        RoomStay.kind == RoomStayKind.out_of_order, col(RoomStay.start_date) <= day,
        col(RoomStay.end_date) > day)).one()

    def count(*where) -> int:
        return int(uow.session.exec(select(func.count()).select_from(Reservation)
                                    .where(*where)).one())

    stayed = (S.checked_in.value, S.checked_out.value)
    return {
        "rooms_total": int(rooms), "out_of_order": int(ooo),
        "rooms_available": int(rooms) - int(ooo),
        "rooms_sold": count(col(Reservation.status).in_(stayed), col(Reservation.day_use).is_(False),
                            col(Reservation.arrival) <= day, col(Reservation.departure) > day),
        "arrivals": count(col(Reservation.status).in_(stayed), Reservation.arrival == day),
        "departures": count(Reservation.status == S.checked_out.value,
                            or_(col(Reservation.departure) == day,
                                and_(col(Reservation.day_use).is_(True),
                                     col(Reservation.arrival) == day))),
        "in_house": count(Reservation.status == S.checked_in.value,
                          col(Reservation.arrival) <= day, col(Reservation.departure) > day),
        "no_shows": count(Reservation.status == S.no_show.value, Reservation.arrival == day),
    }


def _by_type(uow: UnitOfWork, *where) -> dict[str, tuple[Decimal, Decimal]]:
    """charge type → (debits, credits) of the postings matching `where`."""
    debit = func.sum(case((col(Posting.amount) > 0, Posting.amount), else_=0))
    credit = func.sum(case((col(Posting.amount) < 0, -col(Posting.amount)), else_=0))
    rows = uow.session.exec(select(Posting.charge_type, debit, credit).where(*where)
                            .group_by(Posting.charge_type)).all()
    return {t: (_dec(d), _dec(c)) for t, d, c in rows}


def build_reports(uow: UnitOfWork, day: date, settings) -> tuple[dict[str, Any],
                                                                  dict[tuple[str, str], bytes]]:
    from core.folio.city_ledger import city_ledger_total
    from core.folio.deposits import held_deposits_total

    counts = _room_counts(uow, day)
    movements = _by_type(uow, Posting.business_date == day)
    revenue = {t: d - c for t, (d, c) in movements.items() if t not in SETTLEMENT_TYPES}
    room_revenue = revenue.get("room", ZERO)
    total_revenue = sum(revenue.values(), ZERO)
    figures = kpis(rooms_available=counts["rooms_available"], rooms_sold=counts["rooms_sold"],
                   room_revenue=room_revenue, total_revenue=total_revenue)
    flash = {"business_date": day.isoformat(), "currency": settings.currency, **counts,
             **{k: str(v) for k, v in figures.items()}, "room_revenue": str(room_revenue),
             "total_revenue": str(total_revenue),
             "revenue_by_department": {k: str(v) for k, v in sorted(revenue.items())},
             "month_to_date": _month_to_date(uow, day, counts, room_revenue, total_revenue)}
    opening = _dec(uow.session.exec(select(func.sum(Posting.amount))
                                    .where(col(Posting.business_date) < day)).one())
    day_total = sum((d - c for d, c in movements.values()), ZERO)
    closing = _dec(uow.session.exec(select(func.sum(Posting.amount))
                                    .where(col(Posting.business_date) <= day)).one())
    folio_sum = _dec(uow.session.exec(select(func.sum(func.coalesce(_folio_balances().c.bal, 0))))
                     .one())
    debits = sum((d for d, _ in movements.values()), ZERO)
    credits = sum((c for _, c in movements.values()), ZERO)
    trial = {
        "business_date": day.isoformat(), "currency": settings.currency,
        "lines": [{"charge_type": t, "debit": str(d), "credit": str(c)}
                  for t, (d, c) in sorted(movements.items())],
        "total_debit": str(debits), "total_credit": str(credits),
        "guest_ledger_opening": str(opening), "day_net": str(day_total),
        "guest_ledger_closing": str(closing), "sum_of_folio_balances": str(folio_sum),
        "city_ledger_balance": str(city_ledger_total(uow)),
        "deposits_held": str(held_deposits_total(uow)),
        "departed_with_balance": _departed_with_balance(uow),
        # The ledger balances when yesterday's close plus today's movements is today's close
        # and every folio's balance adds up to the same total (nothing posted beyond today).
        "balanced": opening + day_total == closing and folio_sum == closing,
    }
    files = {("flash", "csv"): _flash_csv(flash), ("flash", "pdf"): _flash_pdf(flash, settings),
             ("trial_balance", "csv"): _trial_csv(trial),
             ("trial_balance", "pdf"): _trial_pdf(trial, settings)}
    return {"flash": flash, "trial_balance": trial}, files


def _departed_with_balance(uow: UnitOfWork) -> list[dict[str, str]]:
    """Folios of checked-out stays that are not at zero: the auditor's exception list."""
    from core.folio.models import Folio
    from core.reservations.models import Reservation, ReservationStatus

    balances = _folio_balances()
    rows = uow.session.exec(
        select(Folio.id, Folio.name, balances.c.bal)
        .join(balances, balances.c.folio_id == Folio.id)
        .join(Reservation, col(Reservation.id) == col(Folio.reservation_id))
        .where(Reservation.status == ReservationStatus.checked_out.value, balances.c.bal != 0)
        .order_by(Folio.name)).all()
    return [{"folio_id": str(i), "name": n, "balance": str(_dec(b))} for i, n, b in rows]


def _folio_balances():
    return (select(Posting.folio_id, func.sum(Posting.amount).label("bal"))
            .group_by(col(Posting.folio_id)).subquery())


def _month_to_date(uow: UnitOfWork, day: date, counts: dict[str, int], room_revenue: Decimal,
                   total_revenue: Decimal) -> dict[str, str]:
    """Earlier runs of this month hold their day's figures; add today's."""
    from core.night_audit.models import NightAuditRun

    runs = uow.session.exec(select(NightAuditRun).where(
        col(NightAuditRun.business_date) >= day.replace(day=1),
        col(NightAuditRun.business_date) < day)).all()
    available = counts["rooms_available"] + sum(r.summary["flash"]["rooms_available"] for r in runs)
    sold = counts["rooms_sold"] + sum(r.summary["flash"]["rooms_sold"] for r in runs)
    rooms = room_revenue + sum((Decimal(r.summary["flash"]["room_revenue"]) for r in runs), ZERO)
    total = total_revenue + sum((Decimal(r.summary["flash"]["total_revenue"]) for r in runs), ZERO)
    figures = kpis(rooms_available=available, rooms_sold=sold, room_revenue=rooms,
                   total_revenue=total)
    return {"rooms_available": str(available), "rooms_sold": str(sold),
            "room_revenue": str(rooms), "total_revenue": str(total),
            **{k: str(v) for k, v in figures.items()}}


def _safe(value: Any) -> str:
    """Spreadsheet-safe text: a leading = + - @ would be run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not
                                                          _numeric(text)) else text


def _numeric(text: str) -> bool:
    try:
        Decimal(text)
        return True
    except ArithmeticError:
        return False


def _flash_rows(flash: dict[str, Any]) -> list[tuple[str, str]]:
    keys = ["rooms_total", "out_of_order", "rooms_available", "rooms_sold", "occupancy_pct",
            "adr", "revpar", "trevpar", "room_revenue", "total_revenue", "arrivals",
            "departures", "in_house", "no_shows"]
    rows = [(k, str(flash[k])) for k in keys]
    rows += [(f"revenue.{k}", v) for k, v in flash["revenue_by_department"].items()]
    rows += [(f"mtd.{k}", v) for k, v in flash["month_to_date"].items()]
    return rows


def _flash_csv(flash: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["business_date", flash["business_date"]])
    writer.writerow(["metric", "value"])
    writer.writerows((_safe(k), _safe(v)) for k, v in _flash_rows(flash))
    return out.getvalue().encode()


def _trial_csv(trial: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["charge_type", "debit", "credit"])
    writer.writerows((_safe(x["charge_type"]), x["debit"], x["credit"]) for x in trial["lines"])
    writer.writerow(["total", trial["total_debit"], trial["total_credit"]])
    for key in ("guest_ledger_opening", "day_net", "guest_ledger_closing",
                "sum_of_folio_balances", "city_ledger_balance", "deposits_held", "balanced"):
        writer.writerow([key, trial[key], ""])
    return out.getvalue().encode()


def _flash_pdf(flash: dict[str, Any], settings) -> bytes:
    from core.folio.pdf import table_pdf

    return table_pdf(f"Manager's flash {flash['business_date']}",
                     [settings.name, f"Currency: {flash['currency']}"],
                     [("Metric", 90, "L"), ("Value", 60, "R")], _flash_rows(flash))


def _trial_pdf(trial: dict[str, Any], settings) -> bytes:
    from core.folio.pdf import table_pdf

    rows = [(x["charge_type"], x["debit"], x["credit"]) for x in trial["lines"]]
    rows.append(("Total", trial["total_debit"], trial["total_credit"]))
    footer = [f"{k.replace('_', ' ').capitalize()}: {trial[k]}" for k in
              ("guest_ledger_opening", "day_net", "guest_ledger_closing", "sum_of_folio_balances",
               "city_ledger_balance", "deposits_held", "balanced")]
    return table_pdf(f"Trial balance {trial['business_date']}", [settings.name],
                     [("Charge type", 70, "L"), ("Debit", 50, "R"), ("Credit", 50, "R")], rows,
                     footer)
