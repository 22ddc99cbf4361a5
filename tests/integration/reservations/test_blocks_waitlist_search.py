"""Group blocks, the waitlist and availability search, all keeping inventory exact."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from res_support import BACKENDS, booking, make_hotel, sellable
from sqlmodel import select

from core.blocks.schemas import BlockCreate, BlockRooms
from core.blocks.services import (
    create_block,
    pick_up,
    release_block,
    release_due_blocks,
    wash_block,
)
from core.errors import DomainError
from core.events.models import OutboxEvent
from core.guests.schemas import GuestCreate
from core.reservations.availability import search_availability
from core.reservations.lifecycle import cancel_reservation
from core.reservations.services import create_booking
from core.reservations.waitlist import join_waitlist


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _block(hotel, rt, arrival, departure, count, code):
    with hotel.uow() as uow:
        block = create_block(uow, BlockCreate(
            code=code, name="Smith wedding", release_date=arrival - timedelta(days=5),
            rooms=[BlockRooms(room_type_id=rt.id, start=arrival, end=departure, count=count)]))
        uow.commit()
    return block


def test_a_block_holds_rooms_out_of_general_inventory_and_pickup_uses_them(hotel):
    rt = hotel.room_type(rooms=4)
    arrival, departure = hotel.stay(2)
    block = _block(hotel, rt, arrival, departure, 3, "WED1")
    assert sellable(hotel, rt, arrival, departure) == 1
    with hotel.uow() as uow:
        made = pick_up(uow, block.id, booking(rt, arrival, departure, rooms=2))
        uow.commit()
    assert {r.block_id for r in made.reservations} == {block.id}
    assert sellable(hotel, rt, arrival, departure) == 1  # pickup moves blocked → sold
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        pick_up(uow, block.id, booking(rt, arrival, departure, rooms=2))
    assert err.value.code == "block_full"
    with hotel.uow() as uow:  # a cancelled pickup goes back to the block, not to the public
        cancel_reservation(uow, made.reservations[0].id)
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 1
    with hotel.uow() as uow:
        released = release_block(uow, block.id)
        uow.commit()
    assert released.status == "released"
    assert [n.held for n in released.nights] == [1, 1]
    assert sellable(hotel, rt, arrival, departure) == 3


def test_a_block_cannot_take_more_rooms_than_are_free(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        create_block(uow, BlockCreate(code="BIG1", name="Too big", release_date=arrival,
                                      rooms=[BlockRooms(room_type_id=rt.id, start=arrival,
                                                        end=departure, count=3)]))
    assert err.value.code == "not_available"
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        create_block(uow, BlockCreate(code="", name="", release_date=departure, rooms=[]))
    assert err.value.code == "invalid_block" and {"code", "name", "rooms"} <= set(err.value.fields)
    assert sellable(hotel, rt, arrival, departure) == 2


def test_washing_a_block_returns_rooms_but_never_below_pickup(hotel):
    rt = hotel.room_type(rooms=6)
    arrival, departure = hotel.stay(1)
    block = _block(hotel, rt, arrival, departure, 4, "WASH1")
    with hotel.uow() as uow:
        pick_up(uow, block.id, booking(rt, arrival, departure, rooms=2))
        washed = wash_block(uow, block.id, percent=75)
        uow.commit()
    assert [n.held for n in washed.nights] == [2]
    assert sellable(hotel, rt, arrival, departure) == 4


def test_the_release_job_releases_due_blocks_once(hotel):
    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(1)
    block = _block(hotel, rt, arrival, departure, 2, "JOB1")
    with hotel.uow() as uow:
        assert block.id not in release_due_blocks(uow, arrival - timedelta(days=6))
        assert block.id in release_due_blocks(uow, arrival - timedelta(days=5))
        uow.commit()
    with hotel.uow() as uow:
        assert block.id not in release_due_blocks(uow, arrival)
    assert sellable(hotel, rt, arrival, departure) == 2


def test_a_waiting_guest_is_offered_the_room_when_a_cancellation_frees_it(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, arrival, departure)).reservations[0]
        entry = join_waitlist(uow, GuestCreate(last_name="Waits", email="w@example.com"),
                              rt.id, arrival, departure)
        uow.commit()
    assert entry.status == "waiting"
    with hotel.uow() as uow:
        cancel_reservation(uow, res.id)
        uow.commit()
    with hotel.uow(write=False) as uow:
        offers = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.type == "waitlist.offered", OutboxEvent.entity_id == str(entry.id))).all()
    assert len(offers) == 1


def test_search_lists_room_types_with_units_left_and_their_priced_plans(hotel):
    cheap = hotel.room_type(rooms=2, price="70.00")
    gone = hotel.room_type(rooms=1, price="90.00")
    arrival, departure = hotel.stay(3)
    with hotel.uow() as uow:
        create_booking(uow, booking(gone, arrival, departure))
        uow.commit()
    with hotel.uow(write=False) as uow:
        offers = search_availability(uow, arrival=arrival, departure=departure, adults=2,
                                     room_type_ids=[cheap.id, gone.id])
    assert [(o.room_type_id, o.units_left) for o in offers] == [(cheap.id, 2)]
    quote = offers[0].quotes[0]
    assert quote.total == Decimal("210.00") and len(quote.nights) == 3
    assert quote.cancellation_policy["text"]
    with hotel.uow(write=False) as uow, pytest.raises(DomainError) as err:
        search_availability(uow, arrival=departure, departure=arrival, adults=2)
    assert err.value.code == "invalid_stay"


def test_the_jobs_run_inline_and_are_safe_to_run_twice(hotel):
    from core.jobs.reservations import expire_holds_job, release_blocks_job

    rt = hotel.room_type(rooms=2)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow:
        create_block(uow, BlockCreate(code="JOB2", name="Due today", release_date=hotel.today,
                                      rooms=[BlockRooms(room_type_id=rt.id, start=arrival,
                                                        end=departure, count=2)]))
        uow.commit()
    assert sellable(hotel, rt, arrival, departure) == 0
    assert release_blocks_job(hotel.property_id) >= 1
    assert sellable(hotel, rt, arrival, departure) == 2
    release_blocks_job(hotel.property_id)
    assert sellable(hotel, rt, arrival, departure) == 2
    assert expire_holds_job(str(hotel.property_id)) == 0


def test_the_cron_sweeps_run_every_property(hotel):
    from core.jobs.reservations import expire_all_holds_job, release_all_due_blocks_job
    from core.reservations.models import Reservation
    from core.timeutil import utcnow

    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(1)
    with hotel.uow() as uow:
        held = create_booking(uow, booking(rt, arrival, departure, hold_minutes=1))
        uow.commit()
    with hotel.uow() as uow:
        uow.session.get(Reservation, held.reservations[0].id).hold_expires_at = \
            utcnow() - timedelta(minutes=1)
        uow.commit()
    assert expire_all_holds_job() == [1]
    swept = release_all_due_blocks_job()  # one entry per active property: this hotel
    assert len(swept) == 1 and isinstance(swept[0], int)
    assert sellable(hotel, rt, arrival, departure) == 1


def test_rooms_a_released_block_gives_back_are_offered_to_the_waitlist(hotel):
    rt = hotel.room_type(rooms=1)
    arrival, departure = hotel.stay(2)
    block = _block(hotel, rt, arrival, departure, 1, "WAIT1")
    with hotel.uow() as uow:
        entry = join_waitlist(uow, GuestCreate(last_name="Hopeful", phone="+351 210 000 000"),
                              rt.id, arrival, departure, idempotency_key="wl-1")
        again = join_waitlist(uow, GuestCreate(last_name="Hopeful", phone="+351 210 000 000"),
                              rt.id, arrival, departure, idempotency_key="wl-1")
        uow.commit()
    assert again == entry
    with hotel.uow() as uow:
        release_block(uow, block.id)
        uow.commit()
    with hotel.uow(write=False) as uow:
        offered = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.type == "waitlist.offered", OutboxEvent.entity_id == str(entry.id))).all()
    assert len(offered) == 1
