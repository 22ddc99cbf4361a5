"""The night audit: room and tax for stays in house (routed), no-shows, reports, date roll,
idempotence, and check-out refusing an open balance."""

from __future__ import annotations

import sys
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

# The reservations tests' hotel builder (real room types, bookings and check-ins).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, booking, make_hotel  # noqa: E402

from core.actor import Actor
from core.errors import DomainError
from core.folio import services as folios
from core.folio.models import Posting
from core.folio.routing import add_routing_rule
from core.identity.permissions import ROLE_PERMISSIONS
from core.jobs.night_audit import night_audit_job
from core.night_audit.errors import WrongBusinessDate
from core.night_audit.services import get_report, run_night_audit
from core.payments import manual
from core.properties.models import get_settings_row
from core.reservations.lifecycle import check_in, check_out
from core.reservations.models import Reservation
from core.reservations.services import create_booking

D = Decimal
AUDITOR = Actor(kind="staff", user_id=uuid.uuid4(), name="Nina Night",
                permissions=ROLE_PERMISSIONS["night_auditor"])
READY = lambda room_id: True  # noqa: E731


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _book(hotel, rt, nights, *, check_in_now=True):
    with hotel.uow() as uow:
        res = create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=nights))
                             ).reservations[0]
        uow.commit()
    if check_in_now:
        with hotel.uow() as uow:
            check_in(uow, res.id, room_ready=READY)
            uow.commit()
    return res.id


def _postings(hotel, reservation_id):
    with hotel.uow(write=False) as uow:
        return [(p.charge_type, p.amount, p.folio_id) for p in uow.session.exec(
            select(Posting).where(Posting.reservation_id == reservation_id)
            .order_by(Posting.created_at, Posting.line_no))]


def test_the_night_audit_closes_the_day_once_and_rolls_the_business_date(hotel):
    from core.properties.services import create_tax

    with hotel.uow(Actor.system()) as uow:
        create_tax(uow, {"code": "VAT", "name": "VAT", "kind": "percent", "value": "6",
                         "inclusive": False})
        uow.commit()
    rt = hotel.room_type(rooms=3, price="100.00")
    guest = _book(hotel, rt, 2)
    company_stay = _book(hotel, rt, 3)
    no_show = _book(hotel, rt, 1, check_in_now=False)
    with hotel.uow(Actor.system()) as uow:
        company = folios.open_folio(uow, name="ACME Ltd", reservation_id=company_stay,
                                    kind="company")
        add_routing_rule(uow, company_stay, ["room", "tax"], company.id)
        uow.commit()

    with hotel.uow(AUDITOR) as uow:
        run = run_night_audit(uow)
        uow.commit()
    day = hotel.today
    assert run.business_date == day
    assert sorted((t, a) for t, a, _ in _postings(hotel, guest)) == [("room", D("100.00")),
                                                                     ("tax", D("6.00"))]
    assert {f for _, _, f in _postings(hotel, company_stay)} == {company.id}
    assert _postings(hotel, no_show)[0][:2] == ("no_show", D("100.00"))
    with hotel.uow(write=False) as uow:
        assert uow.session.get(Reservation, no_show).status == "no_show"
        assert get_settings_row(uow.session).business_date == day + timedelta(days=1)
    flash, trial = run.summary["flash"], run.summary["trial_balance"]
    assert (flash["rooms_available"], flash["rooms_sold"], flash["no_shows"]) == (3, 2, 1)
    assert (flash["occupancy_pct"], flash["adr"], flash["revpar"]) == ("66.67", "100.00", "66.67")
    assert flash["revenue_by_department"] == {"no_show": "100.00", "room": "200.00",
                                              "tax": "12.00"}
    assert trial["balanced"] is True and trial["guest_ledger_closing"] == "312.00"
    assert trial["departed_with_balance"] == []

    # Again, by the job, twice: the same run, nothing posted twice.
    assert night_audit_job(hotel.property_id, day.isoformat()) == day.isoformat()
    assert night_audit_job(hotel.property_id, day.isoformat()) == day.isoformat()
    assert len(_postings(hotel, guest)) == 2 and len(_postings(hotel, no_show)) == 1
    with hotel.uow(AUDITOR, write=False) as uow:
        csv_flash = get_report(uow, day, "flash", "csv").decode()
        assert "occupancy_pct,66.67" in csv_flash
        assert get_report(uow, day, "trial_balance", "pdf").startswith(b"%PDF")
    with hotel.uow(AUDITOR) as uow, pytest.raises(WrongBusinessDate):
        run_night_audit(uow, day + timedelta(days=5))

    # The next day: the second night of each stay.
    with hotel.uow(AUDITOR) as uow:
        second = run_night_audit(uow)
        uow.commit()
    assert second.business_date == day + timedelta(days=1)
    assert [t for t, _, _ in _postings(hotel, guest)].count("room") == 2
    assert second.summary["flash"]["month_to_date"]["rooms_sold"] in ("2", "4")

    # Check-out needs the folio settled.
    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        check_out(uow, guest)
    assert err.value.code == "folio_open_balance"
    with hotel.uow(Actor.system()) as uow:
        folio = folios.ensure_guest_folio(uow, guest)
        manual.take_payment(uow, folio.id, folios.folio_balance(uow, folio.id), method="cash")
        uow.commit()
    with hotel.uow() as uow:
        assert check_out(uow, guest).status == "checked_out"
        uow.commit()

    # A late minibar charge after departure shows up on the next audit's exception list.
    with hotel.uow(Actor.system()) as uow:
        folios.post_charge(uow, folio.id, charge_type="minibar", amount="4.00",
                           description="Late minibar")
        uow.commit()
    with hotel.uow(AUDITOR) as uow:
        third = run_night_audit(uow)
        uow.commit()
    assert third.summary["trial_balance"]["departed_with_balance"] == [
        {"folio_id": str(folio.id), "name": folio.name, "balance": "4.00"}]


def test_staff_without_night_audit_permission_cannot_run_it(hotel):
    clerk = Actor(kind="staff", user_id=uuid.uuid4(), permissions=ROLE_PERMISSIONS["front_desk"])
    with hotel.uow(clerk) as uow, pytest.raises(DomainError) as err:
        run_night_audit(uow)
    assert err.value.code == "forbidden"


def test_a_cancellation_fee_lands_on_the_folio_once(hotel):
    from core.folio.stay_charges import post_cancellation_fee
    from core.reservations.lifecycle import cancel_reservation

    strict = hotel.room_type(rooms=1, price="90.00", policy={
        "free_cancellation_hours": None, "cancellation_fee_kind": "full"})
    with hotel.uow() as uow:
        res = create_booking(uow, booking(strict, *hotel.stay(2))).reservations[0]
        uow.commit()
    with hotel.uow() as uow:
        cancel_reservation(uow, res.id, reason="plans changed")
        first = post_cancellation_fee(uow, res.id)
        again = post_cancellation_fee(uow, res.id)
        uow.commit()
    assert first.id == again.id and first.amount == D("180.00")
    assert [(t, a) for t, a, _ in _postings(hotel, res.id)] == [("cancellation", D("180.00"))]


def test_a_stay_invoiced_mid_stay_continues_on_a_new_folio(hotel):
    from core.folio.invoices import issue_invoice
    from core.night_audit.services import post_room_and_tax

    with hotel.uow(Actor.system()) as uow:  # the desk works the day audited below (the tests
        settings = get_settings_row(uow.session)  # above rolled the business date past it,
        settings.business_date = hotel.today  # and check-in is judged on the business date)
        uow.session.add(settings)
        uow.commit()
    rt = hotel.room_type(rooms=1, price="70.00")
    rid = _book(hotel, rt, 3)
    with hotel.uow(Actor.system()) as uow:
        folio = folios.ensure_guest_folio(uow, rid)
        folios.post_charge(uow, folio.id, charge_type="fnb", amount="10.00", description="Bar")
        manual.take_payment(uow, folio.id, "10.00", method="cash")
        issue_invoice(uow, folio.id)
        uow.commit()
    for _ in range(2):  # the second run finds the night posted
        with hotel.uow(AUDITOR) as uow:
            post_room_and_tax(uow, hotel.today)
            uow.commit()
    rooms = [(f, a) for t, a, f in _postings(hotel, rid) if t == "room"]
    assert len(rooms) == 1 and rooms[0][0] != folio.id
    with hotel.uow(AUDITOR, write=False) as uow:
        names = sorted(v.folio.name for v in folios.reservation_folios(uow, rid))
    assert names == [folio.name, f"{folio.name} (continued)"]
