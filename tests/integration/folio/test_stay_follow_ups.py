"""What the folio does when a stay changes state: the cancellation fee lands on the guest's bill."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.folio import services as folios  # noqa: E402
from core.reservations.lifecycle import cancel_reservation  # noqa: E402
from core.reservations.services import create_booking  # noqa: E402

# No free-cancellation window: any cancellation costs the first night.
NON_REFUNDABLE = {"cancellation_fee_kind": "first_night", "no_show_fee_kind": "first_night"}


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _booked(hotel, rt):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, *hotel.stay(2))).reservations[0]
        uow.commit()
    return res.id


def test_a_late_cancellation_posts_its_fee_to_the_guest_folio_once(hotel):
    rt = hotel.room_type(rooms=1, price="120.00", policy=NON_REFUNDABLE)
    rid = _booked(hotel, rt)
    with hotel.uow() as uow:
        cancelled = cancel_reservation(uow, rid, reason="Flight cancelled", idempotency_key="c1")
        uow.commit()
    assert cancelled.cancellation_fee == Decimal("120.00")
    with hotel.uow() as uow:  # the desk retries the same cancellation
        cancel_reservation(uow, rid, reason="Flight cancelled", idempotency_key="c1")
        uow.commit()
    with hotel.uow(Actor.system(), write=False) as uow:
        (folio,) = folios.reservation_folios(uow, rid)
        assert folio.balance == Decimal("120.00")


def test_a_waived_fee_puts_nothing_on_the_bill(hotel):
    rt = hotel.room_type(rooms=1, price="120.00", policy=NON_REFUNDABLE)
    rid = _booked(hotel, rt)
    with hotel.uow() as uow:
        cancel_reservation(uow, rid, waive_fee=True)
        uow.commit()
    with hotel.uow(Actor.system(), write=False) as uow:
        assert folios.reservation_folios(uow, rid) == []
