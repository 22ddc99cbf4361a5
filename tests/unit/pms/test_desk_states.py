"""PMS desk states: sign-in is checked server-side, handlers call the core services, permissions
hide actions and the services still refuse them, forms name the field that is wrong."""

from __future__ import annotations

from datetime import timedelta

from pms_support import make_state, run

from pms_app.state.booking import BookingState
from pms_app.state.reservation import ReservationState
from pms_app.state.reservations import ReservationsState
from pms_app.state.tape_chart import TapeChartState
from pms_app.state.today import TodayState


def _redirect_target(spec) -> str:
    return dict((k._js_expr, v) for k, v in spec.args)["path"]._var_value


def test_pages_send_visitors_without_a_session_to_sign_in(desk):
    for cls in (TodayState, ReservationsState, TapeChartState, BookingState):
        state = make_state(cls, None)
        assert _redirect_target(run(cls.load, state)) == "/login"
    forged = make_state(TodayState, "not-a-real-session")
    assert _redirect_target(run(TodayState.load, forged)) == "/login"


def test_today_shows_the_shell_and_checks_a_guest_in_from_the_row(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today, last_name="Rowcheck").reservations[0].id)
    state = make_state(TodayState, desk.cookies["front_desk"])

    assert run(TodayState.load, state) == TodayState.follow_live  # then it goes live
    assert state.property_name == "State Hotel"
    assert [e["label"] for e in state.nav][:2] == ["Today", "Reservations"]
    assert state.business_date
    assert rid in {r["id"] for r in state.shown_rows()}
    arrivals = int(state.counts["arrivals"])

    run(TodayState.check_in, state, rid)

    assert state.notice == "Checked in." and state.error == ""
    assert int(state.counts["arrivals"]) == arrivals - 1
    run(TodayState.set_tab, state, "in_house")
    assert rid in {r["id"] for r in state.shown_rows()}
    run(TodayState.set_filter, state, "rowcheck")
    assert [r["id"] for r in state.shown_rows()] == [rid]


def test_a_housekeeper_is_sent_to_their_own_screen_not_the_desk(desk):
    state = make_state(TodayState, desk.cookies["housekeeper"])

    target = _redirect_target(run(TodayState.load, state))

    assert target != "/today"
    assert "Today" not in [e["label"] for e in state.nav]


def test_cancel_is_hidden_from_a_concierge_and_refused_if_called_anyway(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=9)).reservations[0].id)
    state = make_state(ReservationState, desk.cookies["guest_services"], params={"rid": rid})

    run(ReservationState.load, state)
    assert state.res["status"] == "confirmed"
    assert state.can_cancel is False
    run(ReservationState.cancel, state)  # a crafted event: the service must still refuse

    assert "permission" in state.error
    run(ReservationState.load, state)
    assert state.res["status"] == "confirmed"


def test_cancelling_shows_the_fee_first_then_cancels(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=12)).reservations[0].id)
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": rid})
    run(ReservationState.load, state)

    run(ReservationState.ask_cancel, state)
    assert state.confirm_cancel and state.res["cancel_fee"].endswith("EUR")
    run(ReservationState.set_cancel_reason, state, "flight cancelled")
    run(ReservationState.cancel, state)

    assert state.res["status"] == "cancelled" and state.notice == "Cancelled."
    assert state.history[0]["what"].startswith("Cancelled")


def test_walk_in_books_and_lands_on_the_reservation(desk):
    state = make_state(BookingState, desk.cookies["front_desk"], query="walk_in=1")
    run(BookingState.load, state)
    assert state.walk_in and state.arrival == desk.hotel.today.isoformat()

    run(BookingState.search, state)
    assert state.offers and state.offers[0]["room_type"] == "Double"
    run(BookingState.choose, state, 0)
    run(BookingState.confirm, state)
    assert state.field_errors == {"last_name": "is required"}

    run(BookingState.set_field, state, "last_name", "Walkin")
    run(BookingState.confirm, state)
    assert "email or a phone" in state.error  # the core's rule, shown with its field
    run(BookingState.set_field, state, "phone", "+351 912 000 000")
    spec = run(BookingState.confirm, state)

    assert state.error == ""
    assert _redirect_target(spec).startswith("/reservations/")
    detail = make_state(ReservationState, desk.cookies["front_desk"],
                        params={"rid": _redirect_target(spec).rsplit("/", 1)[1]})
    run(ReservationState.load, detail)
    assert detail.res["source"] == "walk_in" and detail.guest["name"].endswith("Walkin")


def test_booking_form_names_bad_fields_and_stores_nothing(desk):
    state = make_state(BookingState, desk.cookies["front_desk"])
    run(BookingState.load, state)
    run(BookingState.set_field, state, "adults", "zero")
    run(BookingState.set_field, state, "departure", "31/02")

    run(BookingState.search, state)

    assert state.field_errors == {"adults": "must be a whole number, at least 1",
                                  "departure": "is not a date (YYYY-MM-DD)"}
    assert state.offers == []


def test_reservations_list_filters_and_rejects_a_backwards_date_range(desk):
    hotel = desk.hotel
    hotel.book(hotel.today + timedelta(days=50), last_name="Filterable")
    state = make_state(ReservationsState, desk.cookies["front_desk"])
    run(ReservationsState.load, state)

    run(ReservationsState.set_filter, state, "query", "filterable")
    assert [r["guest"] for r in state.rows] == ["Ana Filterable"]
    run(ReservationsState.set_filter, state, "status", "cancelled")
    assert state.rows == []
    run(ReservationsState.set_filter, state, "status", "any")
    run(ReservationsState.set_filter, state, "arrival_from", "2030-01-10")
    run(ReservationsState.set_filter, state, "arrival_to", "2030-01-01")
    assert state.field_errors == {"arrival_to": "is before the start of the range"}


def test_tape_chart_moves_a_stay_by_picking_it_and_clicking_a_room(desk):
    hotel = desk.hotel
    res = hotel.book(hotel.today + timedelta(days=2), nights=2, last_name="Mover")
    rid = str(res.reservations[0].id)
    state = make_state(TapeChartState, desk.cookies["front_desk"])
    run(TapeChartState.load, state)
    assert rid in {r["id"] for r in state.unassigned}

    target = state.lanes[-1]
    run(TapeChartState.pick, state, rid, "Ana Mover")
    run(TapeChartState.drop, state, target.room_id, target.number)

    assert state.notice == f"Ana Mover is now in room {target.number}."
    lane = next(lane for lane in state.lanes if lane.number == target.number)
    assert rid in {b.reservation_id for b in lane.bars}
    assert rid not in {r["id"] for r in state.unassigned}


def test_tape_chart_drag_assigns_moves_and_shows_a_refused_drop(desk):
    hotel = desk.hotel
    first, second = (str(hotel.book(hotel.today + timedelta(days=9), nights=2, last_name=n)
                         .reservations[0].id) for n in ("Dragfirst", "Dragsecond"))
    state = make_state(TapeChartState, desk.cookies["front_desk"])
    run(TapeChartState.load, state)
    room, other = state.lanes[0], state.lanes[1]

    # An unassigned reservation dragged onto a room's lane gets that room.
    run(TapeChartState.grab, state, first, "Ana Dragfirst", "")
    assert (state.selected, state.dragging) == (first, True)
    run(TapeChartState.drop, state, room.room_id, room.number)
    run(TapeChartState.end_drag, state)
    assert state.notice == f"Ana Dragfirst is now in room {room.number}."
    assert first in {b.reservation_id for b in state.lanes[0].bars}

    # A drop on a room taken on those nights is refused with the domain's words, nothing moves.
    run(TapeChartState.grab, state, second, "Ana Dragsecond", "")
    run(TapeChartState.drop, state, room.room_id, room.number)
    assert "occupied" in state.error and state.notice == ""
    run(TapeChartState.end_drag, state)
    assert (state.selected, state.dragging) == ("", False)
    assert "occupied" in state.error  # the refusal stays on screen after the drag ends
    assert second in {r["id"] for r in state.unassigned}

    # Let go on its own lane: nothing happens; dropped on another room: moved there.
    run(TapeChartState.grab, state, first, "Ana Dragfirst", room.room_id)
    run(TapeChartState.drop, state, room.room_id, room.number)
    assert (state.notice, state.error) == ("", "")
    run(TapeChartState.drop, state, other.room_id, other.number)
    run(TapeChartState.end_drag, state)
    assert first in {b.reservation_id for b in state.lanes[1].bars}
    assert first not in {b.reservation_id for b in state.lanes[0].bars}


def test_tape_chart_moves_with_the_keyboard(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=11), nights=1, last_name="Keys")
              .reservations[0].id)
    state = make_state(TapeChartState, desk.cookies["front_desk"])
    run(TapeChartState.load, state)
    target = state.lanes[2]
    run(TapeChartState.pick_by_key, state, rid, "Ana Keys", "Tab")
    assert state.selected == ""
    run(TapeChartState.pick_by_key, state, rid, "Ana Keys", "Enter")
    assert (state.selected, state.dragging) == (rid, False)
    run(TapeChartState.drop_by_key, state, target.room_id, target.number, " ")
    assert state.notice == f"Ana Keys is now in room {target.number}."


def test_payment_form_refuses_a_bad_amount_and_records_a_good_one(desk):
    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=60)).reservations[0].id)
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": rid})
    run(ReservationState.load, state)

    run(ReservationState.set_payment, state, "amount", "-5")
    run(ReservationState.take_payment, state)
    assert "amount" in state.field_errors and state.notice == ""

    run(ReservationState.set_payment, state, "amount", "50.00")
    run(ReservationState.take_payment, state)
    assert state.notice == "Payment recorded."
    assert state.res["balance"] == "-50.00 EUR"


class _Upload:
    """What Reflex hands an upload handler: a name and an async read()."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    async def read(self, size: int = -1) -> bytes:
        return self._data if size < 0 else self._data[:size]


def test_id_upload_stores_a_real_image_and_names_the_field_for_anything_else(desk):
    import asyncio
    import io

    from PIL import Image

    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=61)).reservations[0].id)
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": rid})
    run(ReservationState.load, state)
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, format="JPEG")

    asyncio.run(ReservationState.upload_id.fn(state, [_Upload("evil.jpg", b"MZ\x90\x00exe")]))
    assert "file" in state.field_errors and state.id_docs == []

    asyncio.run(ReservationState.upload_id.fn(state, [_Upload("id.jpg", buf.getvalue())]))
    assert state.notice == "ID document stored."
    assert [d["kind"] for d in state.id_docs] == ["JPEG"]


def test_an_open_balance_can_be_billed_to_a_company_account_then_the_guest_checks_out(desk):
    import uuid as _uuid

    from core.actor import Actor
    from core.folio.city_ledger import create_account
    from core.folio.services import post_to_reservation

    hotel = desk.hotel
    rid = str(hotel.book(hotel.today, last_name="Corporate").reservations[0].id)
    with hotel.uow(Actor.system("test")) as uow:
        create_account(uow, code=f"C{_uuid.uuid4().hex[:6]}", name="Acme Travel")
        post_to_reservation(uow, _uuid.UUID(rid), charge_type="fnb", amount="30.00",
                            description="Dinner")
        uow.commit()
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": rid})
    run(ReservationState.load, state)
    run(ReservationState.check_in, state)
    run(ReservationState.check_out, state)
    assert "open balance" in state.error and state.res["status"] == "checked_in"

    run(ReservationState.bill_to_account, state)
    assert state.field_errors == {"account_id": "is required"}
    run(ReservationState.choose_account, state,
        next(a["id"] for a in state.accounts if a["label"].startswith("Acme Travel")))
    run(ReservationState.bill_to_account, state)
    assert state.notice == "The balance is now on the company's account."
    run(ReservationState.check_out, state)

    assert state.error == "" and state.res["status"] == "checked_out"


def test_a_group_room_is_picked_up_from_its_block(desk):
    from core.actor import Actor
    from core.blocks.schemas import BlockCreate, BlockRooms
    from core.blocks.services import create_block, get_block, to_public

    hotel = desk.hotel
    arrival = hotel.today + timedelta(days=80)
    with hotel.uow(Actor.system("test")) as uow:
        block = create_block(uow, BlockCreate(
            code="WEDDING80", name="Silva wedding", release_date=arrival - timedelta(days=7),
            rooms=[BlockRooms(room_type_id=hotel.room_type_id, start=arrival,
                              end=arrival + timedelta(days=2), count=2)]))
        uow.commit()
    state = make_state(BookingState, desk.cookies["front_desk"])
    run(BookingState.load, state)
    for name, value in (("arrival", arrival.isoformat()),
                        ("departure", (arrival + timedelta(days=2)).isoformat()),
                        ("block_code", "nosuchblock")):
        run(BookingState.set_field, state, name, value)
    run(BookingState.search, state)
    assert state.field_errors == {"block": "not found"}

    run(BookingState.set_field, state, "block_code", "wedding80")
    run(BookingState.search, state)
    assert [(o["room_type"], o["units_left"]) for o in state.offers] == [("Double", "2")]
    run(BookingState.choose, state, 0)
    for name, value in (("last_name", "Guestofhonour"), ("email", "g@wedding.example")):
        run(BookingState.set_field, state, name, value)
    run(BookingState.confirm, state)

    assert state.error == ""
    with hotel.uow(write=False) as uow:
        nights = to_public(uow, get_block(uow, block.id)).nights
    assert {n.picked_up for n in nights} == {1}


def test_the_stay_can_change_guests_rate_and_refuses_a_bad_number(desk):
    from core.actor import Actor
    from core.rates.services import create_rate_plan, set_rate_days

    hotel = desk.hotel
    rid = str(hotel.book(hotel.today + timedelta(days=90), nights=2).reservations[0].id)
    with hotel.uow(Actor.system("test")) as uow:
        flex = create_rate_plan(uow, {"code": "FLEX90", "name": "Flexible",
                                      "room_type_id": hotel.room_type_id, "adult_prices": {}})
        set_rate_days(uow, flex.id, {"start": hotel.today, "end": hotel.today + timedelta(
            days=120), "price": "150.00"})
        uow.commit()
    state = make_state(ReservationState, desk.cookies["front_desk"], params={"rid": rid})
    run(ReservationState.load, state)

    run(ReservationState.set_dates, state, "adults", "none")
    run(ReservationState.change_dates, state)
    assert state.field_errors == {"adults": "must be a whole number, at least 1"}
    run(ReservationState.set_dates, state, "adults", "3")
    run(ReservationState.change_dates, state)
    assert state.error == "" and state.res["adults"] == "3"

    run(ReservationState.show_change_options, state)
    index = next(i for i, o in enumerate(state.change_offers) if o["rate_plan"] == "Flexible")
    run(ReservationState.change_to, state, index)

    assert state.notice == "Now Double on Flexible." and state.res["rate_plan"] == "Flexible"
    assert [n["amount"] for n in state.nights] == ["150.00", "150.00"]
