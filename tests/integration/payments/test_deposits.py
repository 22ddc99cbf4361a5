"""Deposits taken before arrival (bank transfer, card via localstripe): held, applied once at
check-in, and a held card deposit refunded in full never touches the folio."""

from __future__ import annotations

import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.folio import services as folios  # noqa: E402
from core.folio.deposits import apply_deposits_on_check_in, deposits_for  # noqa: E402
from core.payments import card, manual, refunds  # noqa: E402
from core.reservations.lifecycle import check_in  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402

D = Decimal
DESK = Actor(kind="staff", user_id=uuid.uuid4(), name="Desk", permissions=frozenset({
    "folio.view", "folio.post_charge", "folio.take_payment", "folio.refund",
    "reservations.check_in", "reservations.assign_room"}))


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _arriving_today(hotel):
    from datetime import timedelta

    rt = hotel.room_type(rooms=1)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=2),
                                          guest={"last_name": "Deposit",
                                                 "email": f"d{uuid.uuid4().hex[:6]}@x.example"})
                             ).reservations[0]
        uow.commit()
    return res.id


def test_deposits_are_held_until_check_in_then_applied_once(hotel, stripe_gateway, card_token):
    rid = _arriving_today(hotel)
    with hotel.uow(DESK) as uow:
        manual.take_deposit(uow, rid, "50.00", method="bank_transfer", reference="SEPA 77")
        uow.commit()
    paid_by_card = card.take_card_deposit(hotel.property_id, DESK, rid, amount="100.00",
                                          payment_method=card_token())
    assert paid_by_card.status == "captured"
    with hotel.uow(DESK, write=False) as uow:
        held = deposits_for(uow, rid)
        assert sorted((d.amount, d.status) for d in held) == [(D("50.00"), "held"),
                                                              (D("100.00"), "held")]
        assert folios.reservation_folios(uow, rid) == []  # nothing on a folio before arrival
    with hotel.uow(DESK) as uow:  # check-in applies the held deposits in its own transaction
        check_in(uow, rid, room_ready=lambda room_id: True)
        uow.commit()
    with hotel.uow(DESK) as uow:  # again (a retried check-in): nothing more
        assert apply_deposits_on_check_in(uow, rid) == []
        uow.commit()
    with hotel.uow(DESK, write=False) as uow:
        folio = folios.reservation_folios(uow, rid)[0]
        assert folio.balance == D("-150.00")
        assert {d.status for d in deposits_for(uow, rid)} == {"applied"}


def test_a_held_card_deposit_refunded_in_full_is_no_longer_owed(hotel, stripe_gateway,
                                                                card_token):
    rid = _arriving_today(hotel)
    deposit = card.take_card_deposit(hotel.property_id, DESK, rid, amount="80.00",
                                     payment_method=card_token())
    refunds.refund_payment(hotel.property_id, DESK, deposit.id, "80.00", reason="Cancelled")
    with hotel.uow(DESK) as uow:
        assert [d.status for d in deposits_for(uow, rid)] == ["refunded"]
        assert apply_deposits_on_check_in(uow, rid) == []
        assert folios.reservation_folios(uow, rid) == []
