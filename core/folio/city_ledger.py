"""City ledger: company and travel-agent accounts, balances moved from folios, payments, aging."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import Conflict, ValidationFailed
from core.folio.errors import AccountNotFound, CreditLimitExceeded, FolioClosed
from core.folio.ledger_models import (
    AccountKind,
    CityLedgerAccount,
    CityLedgerEntry,
    CityLedgerEntryKind,
)
from core.folio.models import ChargeType, FolioStatus
from core.folio.rules import ZERO, aging, money, positive_money, refuse_card_numbers
from core.folio.services import (
    TOPIC,
    _currency,
    business_date,
    folio_balance,
    insert_posting,
    lock_folio,
)


def create_account(uow: UnitOfWork, *, code: str, name: str,
                   kind: str = AccountKind.company.value, email: str | None = None,
                   address: str = "", tax_id: str | None = None, credit_limit: Any = None,
                   payment_terms_days: int = 30) -> CityLedgerAccount:
    uow.actor.require("folio.invoice")
    code, name = (code or "").strip().upper(), (name or "").strip()
    errors = {}
    if not code or len(code) > 20:
        errors["code"] = "1 to 20 characters"
    if not name:
        errors["name"] = "is required"
    if kind not in {k.value for k in AccountKind}:
        errors["kind"] = "company or travel_agent"
    if not 0 <= int(payment_terms_days) <= 365:
        errors["payment_terms_days"] = "between 0 and 365"
    if errors:
        raise ValidationFailed("The account is not valid.", fields=errors)
    refuse_card_numbers(name=name, address=address)
    if uow.session.exec(select(CityLedgerAccount).where(CityLedgerAccount.code == code)).first():
        raise Conflict(f"An account with code {code} exists.", fields={"code": "already used"},
                       code="account_code_taken")
    account = CityLedgerAccount(
        code=code, name=name[:200], kind=kind, currency=_currency(uow), email=email,
        address=address[:500], tax_id=tax_id,
        credit_limit=None if credit_limit is None else positive_money(credit_limit, "credit_limit"),
        payment_terms_days=int(payment_terms_days))
    uow.session.add(account)
    uow.session.flush()
    audit.record(uow, "city_ledger.account_created", "city_ledger_account", account.id, name)
    return account


def get_account(uow: UnitOfWork, account_id: uuid.UUID, *, lock: bool = False) -> CityLedgerAccount:
    query = select(CityLedgerAccount).where(CityLedgerAccount.id == account_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    account = uow.session.exec(query).first()
    if account is None:
        raise AccountNotFound("City-ledger account not found.",
                              fields={"account_id": "no such account"})
    return account


def account_balance(uow: UnitOfWork, account_id: uuid.UUID) -> Decimal:
    total = uow.session.exec(select(func.coalesce(func.sum(CityLedgerEntry.amount), 0))
                             .where(CityLedgerEntry.account_id == account_id)).one()
    return money(Decimal(str(total)).quantize(Decimal("0.01")))


def transfer_balance_to_city_ledger(uow: UnitOfWork, folio_id: uuid.UUID,
                                    account_id: uuid.UUID) -> CityLedgerEntry:
    """Settle a folio's open balance by billing it to a company's account (check-out)."""
    uow.actor.require("folio.transfer")
    account = get_account(uow, account_id, lock=True)  # account first, then folio: fixed order
    if not account.active:
        raise Conflict("This account is closed.", fields={"account_id": "inactive"},
                       code="account_inactive")
    folio = lock_folio(uow, folio_id)
    if folio.status != FolioStatus.open.value:
        raise FolioClosed("The folio is closed.", fields={"folio_id": "is closed"})
    amount = folio_balance(uow, folio.id)
    if amount <= 0:
        raise ValidationFailed("There is no open balance to transfer.",
                               fields={"folio_id": f"balance is {amount}"}, code="nothing_to_transfer")
    if account.currency != folio.currency:
        raise ValidationFailed("The account and the folio use different currencies.",
                               fields={"account_id": f"account is in {account.currency}"},
                               code="currency_mismatch")
    owed = account_balance(uow, account.id)
    if account.credit_limit is not None and owed + amount > account.credit_limit:
        raise CreditLimitExceeded(
            f"{account.name} would owe {owed + amount}, above its credit limit of "
            f"{account.credit_limit}.", fields={"account_id": "credit limit exceeded"})
    today = business_date(uow)
    posting = insert_posting(uow, folio, charge_type=ChargeType.city_ledger.value,
                             amount=-amount, description=f"Transferred to city ledger {account.code}")
    entry = CityLedgerEntry(
        account_id=account.id, kind=CityLedgerEntryKind.charge.value, amount=amount,
        currency=account.currency, description=f"Folio {folio.name}", business_date=today,
        due_on=today + timedelta(days=account.payment_terms_days), folio_id=folio.id,
        reference=str(posting.id), source_key=f"folio-transfer:{posting.id}")
    uow.session.add(entry)
    uow.session.flush()
    uow.record_event(TOPIC, "city_ledger.charged", account.id, {"folio_id": folio.id,
                                                                "amount": amount})
    audit.record(uow, "city_ledger.transfer", "folio", folio.id,
                 f"{amount} {folio.currency} billed to {account.name}")
    return entry


def record_account_payment(uow: UnitOfWork, account_id: uuid.UUID, amount: Any, *,
                           reference: str = "", source_key: str | None = None) -> CityLedgerEntry:
    """The company paid (bank transfer, cheque): the receivable goes down."""
    uow.actor.require("folio.take_payment")
    value = positive_money(amount)
    refuse_card_numbers(reference=reference)
    account = get_account(uow, account_id, lock=True)
    if source_key:
        existing = uow.session.exec(select(CityLedgerEntry)
                                    .where(CityLedgerEntry.source_key == source_key)).first()
        if existing is not None:
            return existing
    today = business_date(uow)
    entry = CityLedgerEntry(account_id=account.id, kind=CityLedgerEntryKind.payment.value,
                            amount=-value, currency=account.currency, description="Payment received",
                            business_date=today, due_on=today, reference=reference.strip()[:200],
                            source_key=source_key)
    uow.session.add(entry)
    uow.session.flush()
    uow.record_event(TOPIC, "city_ledger.paid", account.id, {"amount": value})
    return entry


def account_aging(uow: UnitOfWork, account_id: uuid.UUID, as_of: date | None = None
                  ) -> dict[str, Decimal]:
    uow.actor.require("folio.view")
    get_account(uow, account_id)
    entries = uow.session.exec(select(CityLedgerEntry)
                               .where(CityLedgerEntry.account_id == account_id)).all()
    charges = [(e.due_on, e.amount) for e in entries if e.amount > 0]
    credits = -sum((e.amount for e in entries if e.amount < 0), ZERO)
    return aging(charges, credits, as_of or business_date(uow))


@dataclass
class Statement:
    account: CityLedgerAccount
    start: date
    end: date
    opening_balance: Decimal
    entries: list[CityLedgerEntry]
    closing_balance: Decimal
    aging: dict[str, Decimal]


def account_statement(uow: UnitOfWork, account_id: uuid.UUID, start: date, end: date) -> Statement:
    """Entries of [start, end] by business date, with opening and closing balances and aging."""
    uow.actor.require("folio.view")
    if end < start:
        raise ValidationFailed("The period is not valid.", fields={"end": "must not be before start"})
    account = get_account(uow, account_id)
    entries = list(uow.session.exec(select(CityLedgerEntry)
                                    .where(CityLedgerEntry.account_id == account_id)
                                    .order_by(col(CityLedgerEntry.business_date),
                                              col(CityLedgerEntry.created_at))).all())
    opening = sum((e.amount for e in entries if e.business_date < start), ZERO)
    period = [e for e in entries if start <= e.business_date <= end]
    closing = opening + sum((e.amount for e in period), ZERO)
    return Statement(account, start, end, opening, period, closing,
                     account_aging(uow, account_id, end))


def statement_csv(statement: Statement) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "kind", "description", "reference", "due_on", "amount", "balance"])
    running = statement.opening_balance
    writer.writerow([statement.start.isoformat(), "opening", "Opening balance", "", "", "",
                     str(running)])
    for e in statement.entries:
        running += e.amount
        writer.writerow([e.business_date.isoformat(), e.kind, e.description, e.reference,
                         e.due_on.isoformat(), str(e.amount), str(running)])
    return out.getvalue()


def city_ledger_total(uow: UnitOfWork) -> Decimal:
    """What all companies and agents owe together (the trial balance shows it)."""
    total = uow.session.exec(select(func.coalesce(func.sum(CityLedgerEntry.amount), 0))).one()
    return money(Decimal(str(total)).quantize(Decimal("0.01")))


def statement_pdf(statement: Statement, hotel_name: str) -> bytes:
    """The statement a company receives: opening balance, the period's entries, aging."""
    from core.folio.pdf import table_pdf

    account, running, rows = statement.account, statement.opening_balance, []
    for e in statement.entries:
        running += e.amount
        rows.append((e.business_date.isoformat(), e.description, e.reference[:20],
                     e.due_on.isoformat(), str(e.amount), str(running)))
    header = [hotel_name, f"{account.name} ({account.code})", account.address,
              f"Period {statement.start.isoformat()} to {statement.end.isoformat()}",
              f"Opening balance: {statement.opening_balance} {account.currency}"]
    aging_line = ", ".join(f"{k.replace('_', '-')}: {v}" for k, v in statement.aging.items())
    return table_pdf(f"Statement {account.code}", header,
                     [("Date", 22, "L"), ("Description", 60, "L"), ("Reference", 30, "L"),
                      ("Due", 22, "L"), ("Amount", 25, "R"), ("Balance", 25, "R")], rows,
                     [f"Closing balance: {statement.closing_balance} {account.currency}",
                      f"Aging: {aging_line}"])
