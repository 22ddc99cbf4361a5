"""The money side of a cancelled or no-show stay, whoever ended it (the guest online, the desk,
the REST API): card money taken (a deposit) comes back less the fee the sold policy keeps, and a
card hold is released (no fee) or the fee is captured from it.

The stay's change queues one settlement row in its own transaction (`queue_settlement`, a stay
hook) and, once that committed, a job (`core.jobs.payments.settle_stay_payments_job`) runs
`settle_stay_payments`: Stripe is never called inside the cancellation's transaction. The job
claims the row, so the stay is settled once however often it runs; each Stripe call carries a
key derived from the payment, and what is left to do is read from the payments' own state, so a
retry after a half-done try finishes the rest and never refunds twice. A failed try is kept with
its error and tried again later with back-off (`due_settlements`, swept every few minutes).
The folio already carries the fee and, applied, the deposit (core.folio.hooks), so the refund or
capture posted here brings the guest's folio back to zero.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlmodel import col, select

from core import audit
from core.actor import Actor
from core.db.uow import UnitOfWork, property_uow
from core.payments.card import capture_payment, release_authorization
from core.payments.models import (
    CardSettlement,
    Payment,
    PaymentStatus,
    SettlementStatus,
)
from core.payments.refunds import refund_payment, reserved_refunds
from core.timeutil import utcnow

log = logging.getLogger(__name__)
ZERO = Decimal("0.00")
MAX_ATTEMPTS = 10  # about 12 hours of tries; then the desk settles the card by hand
STUCK_AFTER = timedelta(minutes=15)  # a claim older than this died with its worker
_TAKEN = (PaymentStatus.captured.value,)
_HELD = (PaymentStatus.authorized.value, PaymentStatus.requires_action.value)
_Open = SettlementStatus


@dataclass(frozen=True)
class CardStep:
    payment_id: uuid.UUID
    action: str  # refund | capture | release
    amount: Decimal


@dataclass(frozen=True)
class CancellationSettlement:
    fee: Decimal  # what the policy keeps
    refunded: Decimal  # card money sent back
    captured: Decimal  # fee taken from a card hold
    released: Decimal  # card holds let go

    def describe(self, currency: str) -> str:
        """What happens to the guest's card, in the desk's words ("" when nothing does)."""
        parts = []
        if self.refunded:
            parts.append(f"{self.refunded:,.2f} {currency} refunded to the card")
        if self.captured:
            parts.append(f"fee {self.captured:,.2f} {currency} captured from the card hold")
        if self.released:
            parts.append(f"card hold of {self.released:,.2f} {currency} released")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "." if text else ""


NOTHING = CancellationSettlement(ZERO, ZERO, ZERO, ZERO)


def _open_card_payments(uow: UnitOfWork, reservation_id: uuid.UUID) -> list[Payment]:
    rows = uow.session.exec(select(Payment).where(
        Payment.reservation_id == reservation_id, Payment.method == "card",
        col(Payment.status).in_([*_TAKEN, *_HELD])).order_by(col(Payment.created_at))).all()
    # Money already taken covers the fee before a hold is touched.
    return sorted(rows, key=lambda p: p.status not in _TAKEN)


def plan_settlement(uow: UnitOfWork, reservation_id: uuid.UUID,
                    fee: Decimal | None) -> tuple[list[CardStep], CancellationSettlement]:
    """What settling the stay's card payments with `fee` kept does now, from their state: a
    refund already made (or under way) is not planned again, a released hold is gone."""
    keep = fee or ZERO
    steps: list[CardStep] = []
    for p in _open_card_payments(uow, reservation_id):
        if p.status in _TAKEN:  # a deposit, a payment, or a fee an earlier try captured
            left = p.amount_captured - reserved_refunds(uow, p.id)
            kept = min(keep, max(left, ZERO))
            keep -= kept
            if left - kept > 0:
                steps.append(CardStep(p.id, "refund", left - kept))
        elif keep > 0 and p.status == PaymentStatus.authorized.value:
            take = min(keep, p.amount)
            keep -= take
            steps.append(CardStep(p.id, "capture", take))
        else:
            steps.append(CardStep(p.id, "release", p.amount))

    def total(action: str) -> Decimal:
        return sum((s.amount for s in steps if s.action == action), ZERO)

    return steps, CancellationSettlement(fee or ZERO, total("refund"), total("capture"),
                                         total("release"))


def stay_fee(res) -> Decimal:
    """The fee the stay's end kept: the no-show fee for a no-show, else the cancellation fee."""
    from core.reservations.models import ReservationStatus

    fee = res.no_show_fee if res.status == ReservationStatus.no_show.value \
        else res.cancellation_fee
    return fee or ZERO


def queue_settlement(uow: UnitOfWork, res) -> None:
    """Stay hook (cancelled, no-show): note the settlement in this transaction and run it once
    the transaction committed. A stay without card payments needs none."""
    if not _open_card_payments(uow, res.id):
        return
    if uow.session.exec(select(CardSettlement.id).where(
            CardSettlement.reservation_id == res.id)).first() is not None:
        return
    row = CardSettlement(reservation_id=res.id, outcome=res.status, fee=stay_fee(res))
    uow.session.add(row)
    uow.session.flush()
    pid, rid = str(uow.property_id), str(res.id)
    uow.after_commit(lambda: enqueue_settlement(pid, rid))


def enqueue_settlement(property_id: str, reservation_id: str) -> None:
    from core.jobs import enqueue  # core.jobs wraps RQ; domain code reaches it only after commit

    enqueue("core.jobs.payments.settle_stay_payments_job", property_id, reservation_id,
            queue="high", job_id=f"settle-{reservation_id}")


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 ... minutes after each failed try, at most 4 hours."""
    return min(timedelta(minutes=2 ** max(attempts, 1)), timedelta(hours=4))


def _claim(property_id: uuid.UUID, reservation_id: uuid.UUID) -> CardSettlement | None:
    """The settlement, marked as being settled by this caller; None if it is done, given up,
    or another worker holds a fresh claim."""
    with property_uow(property_id, Actor.system("card settlement")) as uow:
        row = uow.session.exec(select(CardSettlement).where(
            CardSettlement.reservation_id == reservation_id).with_for_update()).first()
        if row is None or row.status in (_Open.done.value, _Open.failed.value):
            return None
        now = utcnow()
        if row.status == _Open.settling.value and row.updated_at and \
                row.updated_at > now - STUCK_AFTER:
            return None
        row.status, row.attempts, row.updated_at = _Open.settling.value, row.attempts + 1, now
        uow.session.add(row)
        uow.commit()
        uow.session.expunge(row)
        return row


def _finish(property_id: uuid.UUID, settlement_id: uuid.UUID, moved: CancellationSettlement,
            currency: str, error: str | None = None) -> None:
    """Record what this try moved (even a half-done one), and either done or a retry later."""
    with property_uow(property_id, Actor.system("card settlement")) as uow:
        row = uow.session.get(CardSettlement, settlement_id, with_for_update=True)
        assert row is not None  # settlements are never deleted
        now = utcnow()
        row.updated_at = now
        row.refunded += moved.refunded
        row.captured += moved.captured
        row.released += moved.released
        if error is None:
            row.status, row.next_attempt_at, row.last_error = _Open.done.value, None, None
            summary = CancellationSettlement(row.fee, row.refunded, row.captured, row.released)
            audit.record(uow, "payments.settled", "reservation", row.reservation_id,
                         summary.describe(currency) or "No card money to settle",
                         {"outcome": row.outcome, "attempts": row.attempts})
        else:
            give_up = row.attempts >= MAX_ATTEMPTS
            row.status = (_Open.failed if give_up else _Open.retrying).value
            row.next_attempt_at = None if give_up else now + backoff(row.attempts)
            row.last_error = error[:300]
            if give_up:
                audit.record(uow, "payments.settlement_failed", "reservation",
                             row.reservation_id, f"Card payments not settled after "
                             f"{row.attempts} tries: {row.last_error}")
        uow.session.add(row)
        uow.commit()


def settle_stay_payments(property_id: uuid.UUID | str,
                         reservation_id: uuid.UUID | str) -> CancellationSettlement | None:
    """Settle a cancelled or no-show stay's card payments per its policy, once. Returns what
    this run did (None when there was nothing for it to do); a failure is recorded for a later
    retry and raised, so the job log shows it."""
    from core.reservations.models import Reservation

    property_id, reservation_id = uuid.UUID(str(property_id)), uuid.UUID(str(reservation_id))
    claim = _claim(property_id, reservation_id)
    if claim is None:
        return None
    actor = Actor.system("card settlement")
    with property_uow(property_id, actor, write=False) as uow:
        res = uow.session.get(Reservation, reservation_id)
        assert res is not None  # the settlement was queued with the stay's change
        steps, _ = plan_settlement(uow, reservation_id, claim.fee)
        currency = res.currency
    done = {"refund": ZERO, "capture": ZERO, "release": ZERO}
    try:
        for step in steps:
            if step.action == "refund":
                refund_payment(property_id, actor, step.payment_id, step.amount,
                               reason=f"Stay {claim.outcome.replace('_', '-')}: card money "
                                      f"returned less the fee of {claim.fee}",
                               idempotency_key=f"gj-settle-refund-{step.payment_id}")
            elif step.action == "capture":
                capture_payment(property_id, actor, step.payment_id, step.amount)
            else:
                release_authorization(property_id, actor, step.payment_id)
            done[step.action] += step.amount
    except Exception as exc:
        message = str(getattr(exc, "message", exc)) or exc.__class__.__name__
        log.warning("could not settle the card payments of stay %s: %s", reservation_id, message)
        _finish(property_id, claim.id, _moved(claim.fee, done), currency, error=message)
        raise
    result = _moved(claim.fee, done)
    _finish(property_id, claim.id, result, currency)
    return result


def _moved(fee: Decimal, done: dict[str, Decimal]) -> CancellationSettlement:
    return CancellationSettlement(fee, done["refund"], done["capture"], done["release"])


def settlement_of(uow: UnitOfWork, reservation_id: uuid.UUID) -> CardSettlement | None:
    return uow.session.exec(select(CardSettlement).where(
        CardSettlement.reservation_id == reservation_id)).first()


def due_settlements(property_id: uuid.UUID | str) -> list[uuid.UUID]:
    """Stays whose settlement waits for a retry now, or whose worker died mid-way."""
    now = utcnow()
    with property_uow(uuid.UUID(str(property_id)), Actor.system("card settlement"),
                      write=False) as uow:
        return list(uow.session.exec(select(CardSettlement.reservation_id).where(
            (col(CardSettlement.status) == _Open.pending.value)
            | ((col(CardSettlement.status) == _Open.retrying.value)
               & (col(CardSettlement.next_attempt_at) <= now))
            | ((col(CardSettlement.status) == _Open.settling.value)
               & (col(CardSettlement.updated_at) <= now - STUCK_AFTER)))).all())
