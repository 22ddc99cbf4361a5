"""The desk's cancel dialog says what cancelling does to the guest's card, from core; with card
payments not set up, the cancellation still stands and the card settlement waits for a retry
with the reason recorded."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

from pms_support import make_state, run
from sqlmodel import select

from core.actor import Actor
from core.db.uow import property_uow
from core.payments.models import CardSettlement, Payment
from core.timeutil import utcnow
from pms_app.state.reservation import ReservationState


def _card_hold(property_id, reservation_id, amount: str) -> None:
    """A card hold as the booking site records it (pre-authorised at Stripe)."""
    with property_uow(property_id, Actor.system()) as uow:
        uow.session.add(Payment(reservation_id=reservation_id, method="card", purpose="guarantee",
                                status="authorized", currency="EUR", amount=Decimal(amount),
                                provider_id=f"pi_dialog_{uuid.uuid4().hex[:12]}",
                                authorized_at=utcnow(), expires_at=utcnow() + timedelta(days=7)))
        uow.commit()


def test_the_cancel_dialog_says_the_card_hold_is_released(desk):
    hotel = desk.hotel
    rid = hotel.book(hotel.today + timedelta(days=20)).reservations[0].id
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": str(rid)})
    run(ReservationState.load, state)
    run(ReservationState.ask_cancel, state)
    assert state.res["cancel_card"] == ""  # no card payment: nothing to say

    _card_hold(hotel.property_id, rid, "240.00")
    run(ReservationState.ask_cancel, state)
    assert state.res["cancel_card"] == "Card hold of 240.00 EUR released."

    run(ReservationState.cancel, state)
    assert state.res["status"] == "cancelled" and state.notice == "Cancelled."
    with property_uow(hotel.property_id, Actor.system(), write=False) as uow:
        waiting = uow.session.exec(select(CardSettlement).where(
            CardSettlement.reservation_id == rid)).one()
        hold = uow.session.exec(select(Payment).where(Payment.reservation_id == rid)).one()
    # This test hotel has no Stripe: the hold stays, and the reason waits for the next try.
    assert (waiting.status, waiting.attempts) == ("retrying", 1)
    assert "not set up" in waiting.last_error and hold.status == "authorized"
