"""Folio use cases: open folios, post charges (routed), reverse, transfer, and read balances.

Every change locks the folio row first (SELECT ... FOR UPDATE on Postgres; SQLite's write unit
of work is already serialised), so line numbers, the closed check and source-key dedupe are
decided by one writer at a time. Postings are only ever inserted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from core import audit
from core.db.uow import UnitOfWork
from core.errors import ValidationFailed
from core.folio.errors import (
    AlreadyReversed,
    FolioClosed,
    FolioNotFound,
    OpenBalance,
    PostingNotFound,
)
from core.folio.models import (
    SETTLEMENT_TYPES,
    ChargeType,
    Folio,
    FolioKind,
    FolioStatus,
    Posting,
)
from core.folio.routing import CHARGE_TYPES, routing_rules
from core.folio.rules import ZERO, money, refuse_card_numbers, route_target, same_currency

TOPIC = "folios"


def business_date(uow: UnitOfWork) -> date:
    """The hotel's accounting day: the settings' business date, else today in its time zone."""
    from core.properties.models import get_settings_row
    from core.timeutil import business_day

    settings = get_settings_row(uow.session)
    return business_day(settings.business_date, settings.timezone)


def _currency(uow: UnitOfWork) -> str:
    from core.properties.models import get_settings_row

    return get_settings_row(uow.session).currency


def lock_folio(uow: UnitOfWork, folio_id: uuid.UUID) -> Folio:
    folio = uow.session.exec(
        select(Folio).where(Folio.id == folio_id).with_for_update()
        .execution_options(populate_existing=True)).first()
    if folio is None:
        raise FolioNotFound("Folio not found.", fields={"folio_id": "no such folio"})
    return folio


def get_folio_row(uow: UnitOfWork, folio_id: uuid.UUID) -> Folio:
    folio = uow.session.get(Folio, folio_id)
    if folio is None:
        raise FolioNotFound("Folio not found.", fields={"folio_id": "no such folio"})
    return folio


def open_folio(uow: UnitOfWork, *, name: str, reservation_id: uuid.UUID | None = None,
               kind: str = FolioKind.guest.value, currency: str | None = None,
               city_ledger_account_id: uuid.UUID | None = None) -> Folio:
    uow.actor.require("folio.post_charge")
    if kind not in {k.value for k in FolioKind}:
        raise ValidationFailed("Unknown folio kind.", fields={"kind": "guest, company or extras"})
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("A folio needs a name.", fields={"name": "is required"})
    refuse_card_numbers(name=name)
    prop_currency = _currency(uow)
    if currency and currency.upper() != prop_currency:
        raise ValidationFailed(f"Folios of this property are in {prop_currency}.",
                               fields={"currency": f"must be {prop_currency}"},
                               code="currency_mismatch")
    if city_ledger_account_id is not None:
        from core.folio.city_ledger import get_account

        get_account(uow, city_ledger_account_id)
    folio = Folio(name=name[:200], reservation_id=reservation_id, kind=kind,
                  currency=prop_currency, city_ledger_account_id=city_ledger_account_id)
    uow.session.add(folio)
    uow.session.flush()
    uow.record_event(TOPIC, "folio.opened", folio.id,
                     {"reservation_id": reservation_id, "kind": kind})
    return folio


def ensure_guest_folio(uow: UnitOfWork, reservation_id: uuid.UUID) -> Folio:
    """The reservation's first guest folio, opened (named after the guest) if it has none."""
    folio = uow.session.exec(
        select(Folio).where(Folio.reservation_id == reservation_id,
                            Folio.kind == FolioKind.guest.value)
        .order_by(col(Folio.created_at))).first()
    if folio is not None:
        return folio
    from core.guests.models import Guest
    from core.reservations.models import Reservation

    reservation = uow.session.get(Reservation, reservation_id)
    if reservation is None:
        raise FolioNotFound("Reservation not found.", fields={"reservation_id": "no such reservation"},
                            code="reservation_not_found")
    guest = uow.session.get(Guest, reservation.guest_id)
    name = f"{guest.first_name} {guest.last_name}".strip() if guest else "Guest"
    folio = Folio(name=name or "Guest", reservation_id=reservation_id,
                  kind=FolioKind.guest.value, currency=reservation.currency)
    uow.session.add(folio)
    uow.session.flush()
    uow.record_event(TOPIC, "folio.opened", folio.id, {"reservation_id": reservation_id})
    return folio


def _next_line(uow: UnitOfWork, folio_id: uuid.UUID) -> int:
    last = uow.session.exec(select(func.max(Posting.line_no))
                            .where(Posting.folio_id == folio_id)).one()
    return int(last or 0) + 1


def find_by_source(uow: UnitOfWork, source_key: str) -> Posting | None:
    return uow.session.exec(select(Posting).where(Posting.source_key == source_key)).first()


def insert_posting(uow: UnitOfWork, folio: Folio, *, charge_type: str, amount: Decimal,
                   description: str, business_day: date | None = None,
                   tax_code: str | None = None, included_tax: Decimal = ZERO,
                   voids_posting_id: uuid.UUID | None = None,
                   transfer_id: uuid.UUID | None = None, payment_id: uuid.UUID | None = None,
                   source_key: str | None = None, allow_closed: bool = False) -> Posting:
    """Append one line to a folio the caller has locked. The one place postings are created."""
    if folio.status != FolioStatus.open.value and not allow_closed:
        raise FolioClosed(f"Folio {folio.name} is closed (invoiced); post to an open folio or "
                          "issue a credit note first.", fields={"folio_id": "is closed"})
    posting = Posting(
        folio_id=folio.id, line_no=_next_line(uow, folio.id), charge_type=charge_type,
        description=description[:300], amount=amount, currency=folio.currency,
        business_date=business_day or business_date(uow), tax_code=tax_code,
        included_tax=included_tax, voids_posting_id=voids_posting_id, transfer_id=transfer_id,
        payment_id=payment_id, reservation_id=folio.reservation_id, source_key=source_key,
        created_by=uow.actor.user_id, created_by_name=(uow.actor.name or uow.actor.kind)[:200],
    )
    uow.session.add(posting)
    uow.session.flush()
    uow.record_event(TOPIC, "folio.posting.posted", folio.id,
                     {"posting_id": posting.id, "charge_type": charge_type, "amount": amount})
    return posting


def post_charge(uow: UnitOfWork, folio_id: uuid.UUID, *, charge_type: str, amount: Any,
                description: str, currency: str | None = None, tax_code: str | None = None,
                included_tax: Any = ZERO, source_key: str | None = None,
                business_day: date | None = None, route: bool = True) -> Posting:
    """Post a charge (or a negative discount) to a folio, following the reservation's routing.

    With a `source_key` the charge is posted once: a repeat returns the first posting.
    """
    uow.actor.require("folio.post_charge")
    if charge_type not in CHARGE_TYPES:
        raise ValidationFailed("Unknown charge type.",
                               fields={"charge_type": f"one of {', '.join(sorted(CHARGE_TYPES))}"})
    value = money(amount)
    if value == 0:
        raise ValidationFailed("A charge needs an amount.", fields={"amount": "must not be zero"},
                               code="invalid_amount")
    if value < 0 and charge_type != ChargeType.discount.value:
        raise ValidationFailed("Only discounts are negative; correct a charge by reversing it.",
                               fields={"amount": "must be > 0"}, code="invalid_amount")
    description = (description or "").strip()
    if not description:
        raise ValidationFailed("Describe the charge.", fields={"description": "is required"})
    refuse_card_numbers(description=description)
    folio = get_folio_row(uow, folio_id)
    if route and folio.reservation_id is not None:
        target_id = route_target(charge_type, folio.id, routing_rules(uow, folio.reservation_id))
        folio = lock_folio(uow, target_id)
    else:
        folio = lock_folio(uow, folio.id)
    same_currency(folio.currency, currency or folio.currency)
    if source_key and (existing := find_by_source(uow, source_key)) is not None:
        return existing
    return insert_posting(uow, folio, charge_type=charge_type, amount=value,
                          description=description, business_day=business_day, tax_code=tax_code,
                          included_tax=money(included_tax, "included_tax"), source_key=source_key)


def post_to_reservation(uow: UnitOfWork, reservation_id: uuid.UUID, **kwargs: Any) -> Posting:
    """Post a charge for a reservation: to its guest folio, or wherever its routing sends it."""
    folio = ensure_guest_folio(uow, reservation_id)
    return post_charge(uow, folio.id, **kwargs)


def _posting(uow: UnitOfWork, posting_id: uuid.UUID) -> Posting:
    posting = uow.session.get(Posting, posting_id)
    if posting is None:
        raise PostingNotFound("Posting not found.", fields={"posting_id": "no such posting"})
    return posting


def _refuse_if_voided(uow: UnitOfWork, posting: Posting) -> None:
    if posting.voids_posting_id is not None:
        raise AlreadyReversed("This line is itself a correction; post a new charge instead.",
                              fields={"posting_id": "is a reversal or transfer"})
    if uow.session.exec(select(Posting.id).where(Posting.voids_posting_id == posting.id)).first():
        raise AlreadyReversed("This line was already reversed or transferred.",
                              fields={"posting_id": "already reversed"})


def reverse_posting(uow: UnitOfWork, posting_id: uuid.UUID, *, reason: str) -> Posting:
    """Cancel a charge with an equal and opposite line (never an edit)."""
    uow.actor.require("folio.post_charge")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("Say why the line is reversed.", fields={"reason": "is required"})
    refuse_card_numbers(reason=reason)
    original = _posting(uow, posting_id)
    folio = lock_folio(uow, original.folio_id)
    if original.charge_type in SETTLEMENT_TYPES:
        raise ValidationFailed("Payments are corrected by a refund, not a reversal.",
                               fields={"posting_id": "is a payment"}, code="use_refund")
    _refuse_if_voided(uow, original)
    reversal = insert_posting(
        uow, folio, charge_type=original.charge_type, amount=-original.amount,
        description=f"Reversal of line {original.line_no}: {reason}", tax_code=original.tax_code,
        included_tax=-original.included_tax, voids_posting_id=original.id)
    audit.record(uow, "folio.posting_reversed", "posting", original.id,
                 f"Reversed {original.description} ({original.amount} {original.currency})",
                 {"reason": reason})
    return reversal


def transfer_posting(uow: UnitOfWork, posting_id: uuid.UUID, target_folio_id: uuid.UUID
                     ) -> tuple[Posting, Posting]:
    """Move a charge to another folio: a cancelling line here, the same charge there."""
    uow.actor.require("folio.transfer")
    original = _posting(uow, posting_id)
    if original.folio_id == target_folio_id:
        raise ValidationFailed("Choose another folio.", fields={"target_folio_id": "is the same folio"})
    if original.charge_type in SETTLEMENT_TYPES:
        raise ValidationFailed("Payments cannot be transferred; refund and take them again.",
                               fields={"posting_id": "is a payment"}, code="use_refund")
    # Lock both folios in id order so two opposite transfers cannot deadlock.
    first, second = sorted([original.folio_id, target_folio_id])
    locked = {first: lock_folio(uow, first), second: lock_folio(uow, second)}
    source, target = locked[original.folio_id], locked[target_folio_id]
    same_currency(target.currency, source.currency, "target_folio_id")
    if target.status != FolioStatus.open.value:
        raise FolioClosed("The target folio is closed.", fields={"target_folio_id": "is closed"})
    _refuse_if_voided(uow, original)
    transfer_id = uuid.uuid4()
    out = insert_posting(uow, source, charge_type=original.charge_type, amount=-original.amount,
                         description=f"Transferred to {target.name}: {original.description}",
                         tax_code=original.tax_code, included_tax=-original.included_tax,
                         voids_posting_id=original.id, transfer_id=transfer_id)
    moved = insert_posting(uow, target, charge_type=original.charge_type, amount=original.amount,
                           description=original.description, business_day=original.business_date,
                           tax_code=original.tax_code, included_tax=original.included_tax,
                           transfer_id=transfer_id)
    audit.record(uow, "folio.posting_transferred", "posting", original.id,
                 f"Moved {original.description} from {source.name} to {target.name}")
    return out, moved


def folio_balance(uow: UnitOfWork, folio_id: uuid.UUID) -> Decimal:
    total = uow.session.exec(select(func.coalesce(func.sum(Posting.amount), 0))
                             .where(Posting.folio_id == folio_id)).one()
    return money(Decimal(str(total)).quantize(Decimal("0.01")))


@dataclass
class FolioView:
    folio: Folio
    postings: list[Posting]
    balance: Decimal


def get_folio(uow: UnitOfWork, folio_id: uuid.UUID) -> FolioView:
    uow.actor.require("folio.view")
    folio = get_folio_row(uow, folio_id)
    postings = list(uow.session.exec(select(Posting).where(Posting.folio_id == folio_id)
                                     .order_by(col(Posting.line_no))).all())
    return FolioView(folio, postings, sum((p.amount for p in postings), ZERO))


def reservation_folios(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[FolioView]:
    """The folios of a reservation of this property (NotFound for an unknown reservation)."""
    from core.reservations.queries import get_reservation

    uow.actor.require("folio.view")
    get_reservation(uow, reservation_id)
    folios = uow.session.exec(select(Folio).where(Folio.reservation_id == reservation_id)
                              .order_by(col(Folio.created_at))).all()
    return [get_folio(uow, f.id) for f in folios]


def assert_settled_for_checkout(uow: UnitOfWork, reservation_id: uuid.UUID) -> None:
    """Check-out calls this: every folio of the stay must be at zero (paid or sent to the
    city ledger with `transfer_balance_to_city_ledger`)."""
    folios = uow.session.exec(select(Folio).where(Folio.reservation_id == reservation_id)).all()
    open_ones = {f.name: folio_balance(uow, f.id) for f in folios}
    open_ones = {name: bal for name, bal in open_ones.items() if bal != 0}
    if open_ones:
        detail = ", ".join(f"{name}: {bal}" for name, bal in sorted(open_ones.items()))
        raise OpenBalance(f"The stay cannot be checked out with an open balance ({detail}); take "
                          "payment or transfer it to a city-ledger account.",
                          fields={"balance": detail})
