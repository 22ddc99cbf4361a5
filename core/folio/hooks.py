"""Registers the folio's rules with the stay life cycle (imported by core.folio's __init__)."""

from __future__ import annotations

from core.db.uow import UnitOfWork


def _settled_before_check_out(uow: UnitOfWork, reservation) -> None:
    from core.folio.services import assert_settled_for_checkout

    assert_settled_for_checkout(uow, reservation.id)


def _apply_deposits(uow: UnitOfWork, reservation) -> None:
    from core.folio.deposits import apply_deposits_on_check_in

    apply_deposits_on_check_in(uow, reservation.id)


def _post_cancellation_fee(uow: UnitOfWork, reservation) -> None:
    from core.folio.stay_charges import post_cancellation_fee

    post_cancellation_fee(uow, reservation.id)


def _post_no_show_fee(uow: UnitOfWork, reservation) -> None:
    from core.folio.stay_charges import post_no_show_fee

    post_no_show_fee(uow, reservation.id)


def _settle_card_payments(uow: UnitOfWork, reservation) -> None:
    from core.payments.cancellation import queue_settlement

    queue_settlement(uow, reservation)


def register() -> None:
    from core.reservations.lifecycle import after_transition, on_check_out
    from core.reservations.models import ReservationStatus

    on_check_out(_settled_before_check_out)
    after_transition(ReservationStatus.checked_in, _apply_deposits)
    after_transition(ReservationStatus.cancelled, _post_cancellation_fee)
    # A cancelled stay never checks in: its held deposit moves onto the folio now, against the
    # fee, and whatever the policy does not keep is refunded from there (core.payments).
    after_transition(ReservationStatus.cancelled, _apply_deposits)
    after_transition(ReservationStatus.no_show, _post_no_show_fee)
    after_transition(ReservationStatus.no_show, _apply_deposits)
    # Then, once the change committed, a job refunds / releases / captures on the card.
    after_transition(ReservationStatus.cancelled, _settle_card_payments)
    after_transition(ReservationStatus.no_show, _settle_card_payments)


register()
