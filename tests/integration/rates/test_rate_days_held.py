"""Rate days held per process: every change is priced at once, and old stays still price."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from rates_support import BACKENDS, MANAGER, hotel_fixture

from core.db.uow import property_uow
from core.errors import DomainError
from core.properties import services as setup
from core.rates import services as rates
from core.rates.catalogue import load_catalogue, load_settings
from core.rates.pricing import price_offers, quote_stay

D = Decimal
ARRIVAL = date(2027, 6, 7)


@pytest.fixture(scope="module", params=BACKENDS)
def plan(request, tmp_path_factory):
    for hotel in hotel_fixture(request, tmp_path_factory):
        with property_uow(hotel.property_id, MANAGER) as uow:
            rt = setup.create_room_type(uow, {"code": "TWN", "name": "Twin"})
            bar = rates.create_rate_plan(uow, {"code": "BAR", "name": "Best rate",
                                               "room_type_id": rt.id})
            nr = rates.create_rate_plan(uow, {
                "code": "NR", "name": "Prepaid", "room_type_id": rt.id, "parent_id": bar.id,
                "derive_kind": "amount", "derive_value": "-10"})
            rates.set_rate_days(uow, bar.id, {"start": date(2026, 1, 1), "end": date(2027, 12, 31),
                                              "price": "100"})
            uow.commit()
        yield hotel.property_id, rt.id, bar.id, nr.id


def quote(plan, arrival=ARRIVAL, nights=2, today=date(2027, 5, 1), which=2):
    pid, rt, *plans = plan
    with property_uow(pid, write=False) as uow:
        return quote_stay(uow.session, room_type_id=rt, rate_plan_id=plans[which - 2],
                          arrival=arrival, departure=arrival + timedelta(days=nights), adults=2,
                          today=today)


def change(plan, start, end, **fields):
    with property_uow(plan[0], MANAGER) as uow:
        rates.set_rate_days(uow, plan[2], {"start": start, "end": end, **fields})
        uow.commit()


def test_a_committed_price_change_is_quoted_by_the_next_request(plan):
    assert quote(plan).room_total == D("200.00")  # the days are now held by this process
    change(plan, ARRIVAL, ARRIVAL, price="150")
    assert quote(plan).room_total == D("250.00")
    assert quote(plan, which=3).room_total == D("230.00")  # the derived plan follows at once
    change(plan, ARRIVAL, ARRIVAL, price="100")


def test_a_committed_restriction_is_enforced_by_the_next_request(plan):
    pid = plan[0]
    with property_uow(pid, write=False) as uow:
        assert price_offers(uow.session, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1),
                            adults=2, today=date(2027, 5, 1))
    change(plan, ARRIVAL, ARRIVAL, closed_to_arrival=True)
    with pytest.raises(DomainError) as err:
        quote(plan)
    assert err.value.code == "restricted" and "arrival" in err.value.fields
    with property_uow(pid, write=False) as uow:  # offers leave both plans out
        assert price_offers(uow.session, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1),
                            adults=2, today=date(2027, 5, 1)) == {}
    change(plan, ARRIVAL, ARRIVAL, closed_to_arrival=False)
    assert quote(plan).room_total == D("200.00")


def test_a_stay_before_the_held_days_is_priced_from_the_database(plan):
    later = date(2027, 10, 1)
    assert quote(plan, arrival=later, today=later).room_total == D("200.00")
    with property_uow(plan[0], write=False) as uow:
        settings = load_settings(uow.session)
        held = load_catalogue(uow.session, settings.property_id,
                              settings.catalogue_stamp).compiled["days"]
    early = date(2026, 3, 2)
    assert early < held.floor
    assert quote(plan, arrival=early, today=early).room_total == D("200.00")
    change(plan, early, early, price="80")
    assert quote(plan, arrival=early, today=early).room_total == D("180.00")


def test_nights_priced_once_are_never_served_after_what_prices_them_changed(plan):
    """Quotes without a promo reuse nights priced once per catalogue stamp and guests."""
    from core.rates.pricing import ZERO, assemble_nights

    two = quote(plan)
    assert quote(plan) == two  # a second request reuses the priced nights: same answer
    pid = plan[0]
    with property_uow(pid, MANAGER) as uow:  # a city tax per person per night, added now
        setup.create_tax(uow, {"code": "CITY", "name": "City tax", "kind": "per_person_night",
                               "value": "2.50"})
        uow.commit()
    taxed = quote(plan)
    assert taxed.total == two.total + D("10.00")  # 2 guests x 2 nights, at the next request
    assert [n.tax for n in taxed.nights] == [D("5.00"), D("5.00")]
    # The lines served from held nights are those the pure rules give for the same rooms.
    with property_uow(pid, write=False) as uow:
        settings = load_settings(uow.session)
        taxes = load_catalogue(uow.session, settings.property_id, settings.catalogue_stamp).taxes
    nights, lines, total = assemble_nights(
        [n.date for n in taxed.nights], [n.room for n in taxed.nights],
        [ZERO] * len(taxed.nights), taxed.nights[0].meals, taxes, adults=2, children_ages=(),
        arrival=ARRIVAL)
    assert (nights, lines, total) == (taxed.nights, taxed.taxes, taxed.total)
    change(plan, ARRIVAL, ARRIVAL, price="120")
    assert quote(plan).total == taxed.total + D("20.00")
    assert quote(plan, which=3).total == D("210.00")  # NR: 110 + 90 a night, + 10.00 tax
    change(plan, ARRIVAL, ARRIVAL, price="100")
    with property_uow(pid, MANAGER) as uow:
        tax = next(t for t in setup.list_taxes(uow.session) if t.code == "CITY")
        setup.update_tax(uow, tax.id, {"active": False})
        uow.commit()
    assert quote(plan) == two
