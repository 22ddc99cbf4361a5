"""The registration card at check-in: stored per stay (shared with online check-in), checked field
by field with nothing stored on bad input, audited and announced without the personal details."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

sys.path.append(str(Path(__file__).resolve().parents[1] / "frontdesk"))
from desk_support import CONCIERGE, DESK, make_desk_hotel  # noqa: E402

from core import audit  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.errors import PermissionDenied, ValidationFailed  # noqa: E402
from core.events.models import OutboxEvent  # noqa: E402
from core.guests.registration import get_registration, record_registration  # noqa: E402
from core.site.models import OnlineCheckIn  # noqa: E402

CARD = {"nationality": "pt", "date_of_birth": "1984-05-17", "document_type": "passport",
        "document_number": " CB123456 ", "address": "Rua das Flores 12, 1200-195 Lisboa",
        "consent": "on"}


@pytest.fixture(scope="module")
def hotel(module_tenant):
    return make_desk_hotel(module_tenant.make_property("Registration Hotel"), rooms=20)


def _save(hotel, rid, data, actor=DESK):
    with hotel.uow(actor) as uow:
        row = record_registration(uow, rid, data)
        uow.commit()
    return row


def _stored(hotel, rid):
    with hotel.uow(write=False) as uow:
        return get_registration(uow, rid)


def test_the_desk_records_the_card_and_reads_it_back_audited_and_announced(hotel):
    res = hotel.book(hotel.today).reservations[0]

    _save(hotel, res.id, CARD)

    row = _stored(hotel, res.id)
    assert (row.nationality, row.date_of_birth, row.document_type, row.document_number) == (
        "PT", date(1984, 5, 17), "passport", "CB123456")
    assert row.address.startswith("Rua das Flores") and row.consent_at is not None
    with hotel.uow(Actor.system("test"), write=False) as uow:
        entries = audit.query(uow, action="reservations.registration", entity_id=str(res.id))
        events = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.type == "reservation.registration_recorded",
            OutboxEvent.entity_id == str(res.id))).all()
    assert [e.actor_name for e in entries.items] == ["Fran Frontdesk"]
    assert "CB123456" not in str(entries.items[0].changes) + entries.items[0].summary
    assert [e.topic for e in events] == ["reservations"]
    assert "CB123456" not in str(events[0].payload)


def test_the_desk_completes_what_the_guest_gave_online_without_a_second_record(hotel):
    res = hotel.book(hotel.today + timedelta(days=1)).reservations[0]
    with hotel.uow(Actor.system("site")) as uow:  # as core.site.portal.check_in_online stores it
        uow.session.add(OnlineCheckIn(reservation_id=res.id, address="Old Street 1, Porto",
                                      nationality="ES", document_type="id_card",
                                      arrival_time="16:30"))
        uow.commit()

    _save(hotel, res.id, {**CARD, "nationality": "ES", "document_type": "id_card"})

    with hotel.uow(write=False) as uow:
        rows = uow.session.exec(select(OnlineCheckIn).where(
            OnlineCheckIn.reservation_id == res.id)).all()
    assert len(rows) == 1
    assert (rows[0].arrival_time, rows[0].document_number, rows[0].nationality) == (
        "16:30", "CB123456", "ES")


@pytest.mark.parametrize("change,field", [
    ({"date_of_birth": (date.today() + timedelta(days=3)).isoformat()}, "date_of_birth"),
    ({"date_of_birth": ""}, "date_of_birth"),
    ({"date_of_birth": "17/05/1984"}, "date_of_birth"),
    ({"document_number": "AB"}, "document_number"),
    ({"document_number": "X" * 31}, "document_number"),
    ({"consent": ""}, "consent"),
    ({"nationality": "Portugal"}, "nationality"),
    ({"document_type": "library_card"}, "document_type"),
    ({"address": "  "}, "address"),
])
def test_bad_input_names_the_field_and_stores_nothing(hotel, change, field):
    res = hotel.book(hotel.today + timedelta(days=10), nights=1).reservations[0]

    with pytest.raises(ValidationFailed) as err:
        _save(hotel, res.id, {**CARD, **change})

    assert field in err.value.fields
    assert _stored(hotel, res.id) is None


def test_a_concierge_may_neither_record_nor_read_a_card(hotel):
    res = hotel.book(hotel.today + timedelta(days=3)).reservations[0]

    with pytest.raises(PermissionDenied):
        _save(hotel, res.id, CARD, actor=CONCIERGE)
    with pytest.raises(PermissionDenied), hotel.uow(CONCIERGE, write=False) as uow:
        get_registration(uow, res.id)
    assert _stored(hotel, res.id) is None


def test_a_cancelled_stay_takes_no_card(hotel):
    from core.reservations.lifecycle import cancel_reservation

    res = hotel.book(hotel.today + timedelta(days=4)).reservations[0]
    with hotel.uow() as uow:
        cancel_reservation(uow, res.id)
        uow.commit()

    with pytest.raises(ValidationFailed) as err:
        _save(hotel, res.id, CARD)
    assert err.value.code == "registration_not_open"
    assert _stored(hotel, res.id) is None
