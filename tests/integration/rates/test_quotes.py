"""Quotes and offers on a real database: prices, taxes, derived plans, restrictions, promos."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from rates_support import BACKENDS, MANAGER, code, hotel_fixture

from core.db.uow import property_uow
from core.errors import DomainError
from core.properties import services as setup
from core.rates import promos
from core.rates import services as rates
from core.rates.pricing import price_offers, quote_stay

D = Decimal
TODAY = date(2026, 12, 1)
MON = date(2027, 3, 1)  # a Monday


@dataclass
class Catalogue:
    pid: uuid.UUID
    dbl: uuid.UUID
    ste: uuid.UUID
    bar: uuid.UUID
    nr: uuid.UUID
    bb: uuid.UUID
    ste_bar: uuid.UUID
    day: uuid.UUID


@pytest.fixture(scope="module", params=BACKENDS)
def cat(request, tmp_path_factory):
    for hotel in hotel_fixture(request, tmp_path_factory):
        with property_uow(hotel.property_id, MANAGER) as uow:
            setup.create_tax(uow, {"code": "VAT", "name": "VAT", "kind": "percent", "value": "6",
                                   "inclusive": True})
            setup.create_tax(uow, {"code": "CITY", "name": "City tax", "value": "2",
                                   "kind": "per_person_night", "exempt_below_age": 13})
            flex = setup.create_policy(uow, {"code": "FLEX", "name": "Flexible",
                                             "free_cancellation_hours": 48})
            nonref = setup.create_policy(uow, {"code": "NONREF", "name": "Non-refundable",
                                               "cancellation_fee_kind": "full",
                                               "no_show_fee_kind": "full",
                                               "deposit_kind": "full"})
            dbl = setup.create_room_type(uow, {"code": "DBL", "name": "Double", "max_occupancy": 3,
                                               "max_adults": 3, "max_children": 1})
            ste = setup.create_room_type(uow, {"code": "STE", "name": "Suite", "max_occupancy": 4,
                                               "max_adults": 4, "max_children": 2,
                                               "sort_order": 1})
            bar = rates.create_rate_plan(uow, {
                "code": "BAR", "name": "Flexible rate", "room_type_id": dbl.id,
                "policy_id": flex.id, "adult_prices": {1: "-10"}, "extra_adult": "30",
                "child_bands": [{"max_age": 2, "amount": "0"}, {"max_age": 12, "amount": "20"}]})
            nr = rates.create_rate_plan(uow, {
                "code": "NR", "name": "Non-refundable", "room_type_id": dbl.id,
                "parent_id": bar.id, "derive_kind": "percent", "derive_value": "-10",
                "policy_id": nonref.id, "guarantee_type": "card", "channels": ["direct", "ota"]})
            bb = rates.create_rate_plan(uow, {
                "code": "BB", "name": "Bed & breakfast", "room_type_id": dbl.id,
                "parent_id": bar.id, "derive_kind": "amount", "derive_value": "0",
                "meal_plan": "BB", "meal_price_adult": "12", "meal_price_child": "6"})
            ste_bar = rates.create_rate_plan(uow, {"code": "BAR", "name": "Suite flexible",
                                                   "room_type_id": ste.id})
            day = rates.create_rate_plan(uow, {"code": "DAY", "name": "Day use",
                                               "room_type_id": dbl.id, "day_use": True})
            year = {"start": date(2027, 1, 1), "end": date(2027, 12, 31)}
            rates.set_rate_days(uow, bar.id, {**year, "price": "100"})
            rates.set_rate_days(uow, bar.id, {**year, "weekdays": [4, 5], "price": "120"})
            rates.set_rate_days(uow, ste_bar.id, {**year, "price": "200"})
            rates.set_rate_days(uow, day.id, {**year, "price": "40"})
            promos.create_promo(uow, {"code": "welcome", "kind": "amount", "value": "30",
                                      "min_nights": 2})
            promos.create_promo(uow, {"code": "NRONLY", "kind": "percent", "value": "5",
                                      "rate_plan_ids": [nr.id]})
            uow.commit()
        yield Catalogue(hotel.property_id, dbl.id, ste.id, bar.id, nr.id, bb.id, ste_bar.id,
                        day.id)


def quote(cat, plan=None, arrival=MON, nights=3, adults=2, rt=None, **kw):
    with property_uow(cat.pid, write=False) as uow:
        return quote_stay(uow.session, room_type_id=rt or cat.dbl, rate_plan_id=plan or cat.bar,
                          arrival=arrival, departure=arrival + timedelta(days=nights),
                          adults=adults, today=kw.pop("today", TODAY), **kw)


def offers(cat, arrival=MON, nights=3, adults=2, **kw):
    with property_uow(cat.pid, write=False) as uow:
        return price_offers(uow.session, arrival=arrival, departure=arrival + timedelta(days=nights),
                            adults=adults, today=kw.pop("today", TODAY), **kw)


def refused(fn, *args, **kw) -> DomainError:
    with pytest.raises(DomainError) as err:
        fn(*args, **kw)
    return err.value


def restrict(cat, plan, start, end=None, **fields):
    with property_uow(cat.pid, MANAGER) as uow:
        n = rates.set_rate_days(uow, plan, {"start": start, "end": end or start, **fields})
        uow.commit()
    return n


def test_a_quote_breaks_down_nights_taxes_total_and_policy(cat):
    q = quote(cat)
    assert [(n.date, n.amount) for n in q.nights] == [
        (MON, D("100.00")), (MON + timedelta(days=1), D("100.00")), (MON + timedelta(days=2),
                                                                     D("100.00"))]
    assert {t.code: (t.amount, t.inclusive) for t in q.taxes} == {
        "VAT": (D("16.98"), True), "CITY": (D("12.00"), False)}
    assert (q.room_total, q.discount, q.total, q.currency) == (D("300.00"), D("0.00"),
                                                               D("312.00"), "EUR")
    assert q.cancellation_policy["text"].startswith("Free cancellation until 48 hours before")
    assert (q.rate_plan_code, q.meal_plan, q.guarantee_type, q.deposit) == ("BAR", "RO", "none",
                                                                          D("0.00"))
    json.dumps(q.to_dict())  # stored with the reservation


def test_weekday_prices_from_a_bulk_update(cat):
    q = quote(cat, arrival=MON + timedelta(days=3), nights=3)  # Thu, Fri, Sat
    assert [n.room for n in q.nights] == [D("100.00"), D("120.00"), D("120.00")]


@pytest.mark.parametrize("adults,ages,night,persons", [
    (1, (), "90.00", 1), (3, (), "130.00", 3), (2, (1,), "100.00", 2), (2, (5,), "120.00", 2),
    (2, (13,), "130.00", 3),  # older than the child age: priced and taxed as an adult
])
def test_occupancy_pricing_by_adults_and_child_age(cat, adults, ages, night, persons):
    q = quote(cat, adults=adults, children_ages=ages, nights=1)
    assert q.nights[0].room == D(night)
    assert {t.code: t.amount for t in q.taxes}["CITY"] == D(2 * persons)
    assert (q.adults, q.children_ages) == (adults, ages)


def test_more_guests_than_the_room_takes_is_refused(cat):
    err = refused(quote, cat, adults=2, children_ages=(4, 5))
    assert err.code == "too_many_guests" and "children_ages" in err.fields
    err = refused(quote, cat, adults=4)
    assert err.code == "too_many_guests" and "Double takes at most 3 adults" in err.message


def test_a_derived_plan_follows_its_parent_with_its_own_terms(cat):
    q = quote(cat, plan=cat.nr, adults=3, nights=1)
    assert q.nights[0].room == D("117.00")  # (100 + 30 extra adult) - 10%
    assert q.guarantee_type == "card"
    assert q.cancellation_policy["free_cancellation_hours"] is None
    assert q.deposit == q.total


def test_a_meal_plan_is_priced_per_guest_on_top_of_the_room(cat):
    q = quote(cat, plan=cat.bb, adults=2, children_ages=(5,), nights=2)
    assert [(n.room, n.meals, n.amount) for n in q.nights] == [
        (D("120.00"), D("30.00"), D("150.00"))] * 2
    assert [(e.name, e.amount) for e in q.extras] == [("Meals (BB)", D("60.00"))]
    assert q.total == D("300.00") + D("8.00")  # city tax: 2 adults x 2 nights, child exempt


def test_closed_to_arrival_blocks_arrivals_on_the_parent_and_its_derived_plans(cat):
    cta = date(2027, 4, 7)
    restrict(cat, cat.bar, cta, closed_to_arrival=True)
    err = refused(quote, cat, arrival=cta)
    assert (err.code, err.message) == ("restricted", "Closed to arrival on 2027-04-07.")
    result = offers(cat, arrival=cta, with_refusals=True)
    assert [q.rate_plan_code for q in result.quotes[cat.ste]] == ["BAR"]
    assert cat.dbl not in result.quotes
    assert {r.rate_plan_id: r.code for r in result.refusals} == {
        cat.bar: "restricted", cat.nr: "restricted", cat.bb: "restricted"}
    # Arriving the day before passes through the CTA date.
    assert quote(cat, arrival=cta - timedelta(days=1)).total > 0


def test_a_restriction_on_a_derived_plan_does_not_touch_its_parent(cat):
    day = date(2027, 4, 8)
    restrict(cat, cat.nr, day, closed=True)
    sold = {q.rate_plan_code for q in offers(cat, arrival=day, nights=1)[cat.dbl]}
    assert sold == {"BAR", "BB"}


def test_min_stay_is_counted_from_arrival_and_ctd_and_closed_apply(cat):
    arrival = date(2027, 4, 13)
    restrict(cat, cat.bar, arrival, min_los=3)
    restrict(cat, cat.bar, arrival + timedelta(days=1), min_los=7)  # binds arrivals that day only
    err = refused(quote, cat, arrival=arrival, nights=2)
    assert err.code == "min_stay" and "at least 3 nights" in err.message
    assert len(quote(cat, arrival=arrival, nights=3).nights) == 3

    restrict(cat, cat.bar, date(2027, 4, 23), closed_to_departure=True)
    err = refused(quote, cat, arrival=date(2027, 4, 20), nights=3)
    assert (err.code, err.message) == ("restricted", "Closed to departure on 2027-04-23.")
    restrict(cat, cat.bar, date(2027, 4, 27), closed=True)
    assert refused(quote, cat, arrival=date(2027, 4, 26), nights=2).code == "closed"
    assert quote(cat, arrival=date(2027, 4, 26), nights=1).total > 0


def test_bulk_updates_change_only_the_fields_given_on_the_chosen_weekdays(cat):
    start, end = date(2027, 5, 3), date(2027, 5, 16)  # two weeks from a Monday
    assert restrict(cat, cat.bar, start, end, weekdays=[0, 2], min_los=2) == 4
    with property_uow(cat.pid, write=False) as uow:
        days = rates.rate_calendar(uow.session, cat.bar, start, end)
        assert {d.day.weekday() for d in days.values() if d.min_los == 2} == {0, 2}
        assert {d.price for d in days.values()} == {D("100.00"), D("120.00")}  # prices kept
    restrict(cat, cat.bar, start, end, min_los=None)
    with property_uow(cat.pid, write=False) as uow:
        days = rates.rate_calendar(uow.session, cat.bar, start, end)
        assert all(d.min_los is None for d in days.values())


@pytest.mark.parametrize("change,code,field", [
    ({"price": "99"}, "invalid_rate_plan", "price"),  # on a derived plan
    ({}, "nothing_to_change", "price"),
    ({"end": date(2027, 1, 1), "price": "1"}, "validation_error", "__all__"),
    ({"weekdays": [7], "closed": True}, "validation_error", "weekdays"),
    ({"min_los": 0}, "validation_error", "min_los"),
])
def test_bad_bulk_updates_are_refused_naming_the_field(cat, change, code, field):
    with pytest.raises(DomainError) as err, property_uow(cat.pid, MANAGER) as uow:
        rates.set_rate_days(uow, cat.nr, {"start": date(2027, 6, 1), "end": date(2027, 6, 2),
                                          **change})
    assert err.value.code == code
    assert field in err.value.fields


def test_offers_list_every_sellable_room_type_cheapest_first(cat):
    result = offers(cat, arrival=date(2027, 6, 7), nights=2)
    assert list(result) == [cat.dbl, cat.ste]  # room types by sort order
    assert [q.rate_plan_code for q in result[cat.dbl]] == ["NR", "BAR", "BB"]
    totals = [q.total for q in result[cat.dbl]]
    assert totals == sorted(totals)
    only_suite = offers(cat, arrival=date(2027, 6, 7), nights=2, room_type_ids=[cat.ste])
    assert list(only_suite) == [cat.ste]
    # Four adults fit only the suite.
    assert list(offers(cat, arrival=date(2027, 6, 7), adults=4)) == [cat.ste]


def test_offers_respect_the_selling_channel(cat):
    ota = offers(cat, arrival=date(2027, 6, 7), channel="ota")
    assert [q.rate_plan_code for q in ota[cat.dbl]] == ["NR"] and cat.ste not in ota
    err = refused(quote, cat, arrival=date(2027, 6, 7), channel="ota")
    assert err.code == "not_sellable"


def test_day_use_is_a_distinct_product(cat):
    day = date(2027, 6, 9)
    result = offers(cat, arrival=day, nights=0)
    assert [q.rate_plan_code for q in result[cat.dbl]] == ["DAY"]
    q = result[cat.dbl][0]
    assert (q.day_use, [n.date for n in q.nights], q.room_total) == (True, [day], D("40.00"))
    assert refused(quote, cat, arrival=day, nights=0).code == "invalid_dates"
    assert refused(quote, cat, plan=cat.day, arrival=day, nights=1).code == "not_sellable"


def test_dates_without_a_price_are_not_sold(cat):
    result = offers(cat, arrival=date(2027, 12, 30), nights=3, with_refusals=True)
    assert result.quotes == {}
    assert {r.code for r in result.refusals} == {"no_price"}
    assert "no price on 2028-01-01" in refused(quote, cat, arrival=date(2027, 12, 30)).message


def test_bad_searches_are_refused_before_anything_else(cat):
    assert refused(offers, cat, nights=-1).code == "invalid_dates"
    assert refused(offers, cat, adults=0).code == "invalid_guests"
    assert refused(offers, cat, today=MON + timedelta(days=1)).code == "invalid_dates"
    err = refused(quote, cat, plan=uuid.uuid4())
    assert (err.code, err.fields) == ("not_found", {"rate_plan_id": "not found"})
    assert refused(quote, cat, plan=cat.ste_bar).code == "not_found"  # plan of another type


def test_an_amount_promo_is_spread_over_the_nights(cat):
    q = quote(cat, promo_code=" Welcome ")
    assert q.promo_code == "WELCOME"
    assert [n.discount for n in q.nights] == [D("10.00")] * 3
    assert (q.discount, q.total) == (D("30.00"), D("282.00"))
    err = refused(quote, cat, nights=1, promo_code="welcome")
    assert (err.code, err.fields) == ("promo_not_applicable",
                                      {"promo_code": "needs a stay of at least 2 nights"})
    assert refused(offers, cat, promo_code="NOPE").code == "promo_not_applicable"


def test_a_promo_for_one_plan_discounts_only_that_plan_in_offers(cat):
    result = offers(cat, arrival=date(2027, 6, 14), nights=2, promo_code="nronly")
    by_code = {q.rate_plan_code: q for q in result[cat.dbl]}
    assert by_code["NR"].promo_code == "NRONLY" and by_code["NR"].discount == D("9.00")
    assert by_code["BAR"].promo_code is None and by_code["BAR"].discount == D("0.00")
    err = refused(quote, cat, plan=cat.bar, promo_code="nronly")
    assert err.message == "Promo code NRONLY does not apply to this rate."


def test_lead_time_limits_of_a_plan(cat):
    with property_uow(cat.pid, MANAGER) as uow:
        rt = setup.create_room_type(uow, {"code": code(), "name": "Early bird room"})
        plan = rates.create_rate_plan(uow, {"code": "EARLY", "name": "Early bird",
                                            "room_type_id": rt.id, "min_advance_days": 30,
                                            "max_advance_days": 200})
        rates.set_rate_days(uow, plan.id, {"start": date(2027, 1, 1), "end": date(2027, 2, 1),
                                           "price": "80"})
        uow.commit()
    arrival = date(2027, 1, 20)
    assert quote(cat, plan=plan.id, rt=rt.id, arrival=arrival, today=arrival - timedelta(days=30))
    err = refused(quote, cat, plan=plan.id, rt=rt.id, arrival=arrival,
                  today=arrival - timedelta(days=29))
    assert err.code == "min_advance"
    assert refused(quote, cat, plan=plan.id, rt=rt.id, arrival=arrival,
                   today=arrival - timedelta(days=201)).code == "max_advance"


def test_an_offer_search_costs_a_fixed_handful_of_queries(cat):
    from sqlalchemy import event

    from core.db.engines import engines

    engine = engines.get(cat.pid)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):  # not SQLite's BEGIN
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        cold = offers(cat, arrival=date(2027, 7, 5), nights=14, promo_code="welcome")
        cold_count = len(statements)
        statements.clear()
        warm = offers(cat, arrival=date(2027, 7, 5), nights=14, promo_code="welcome")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert cold_count <= 7
    # Settings (with the catalogue stamp) and the promo code: the rate days of this stamp are
    # held by the process (core.rates.days).
    assert len(statements) == 2, statements
    assert [q.total for qs in warm.values() for q in qs] == [
        q.total for qs in cold.values() for q in qs]


def test_changes_to_plans_taxes_and_settings_reach_the_next_quote(cat):
    arrival = date(2027, 11, 8)
    with property_uow(cat.pid, MANAGER) as uow:
        rt = setup.create_room_type(uow, {"code": code(), "name": "Loft"})
        plan = rates.create_rate_plan(uow, {"code": "LOFT", "name": "Loft rate",
                                            "room_type_id": rt.id})
        rates.set_rate_days(uow, plan.id, {"start": arrival, "end": arrival, "price": "100"})
        uow.commit()
    before = quote(cat, plan=plan.id, rt=rt.id, arrival=arrival, nights=1)
    with property_uow(cat.pid, MANAGER) as uow:
        rates.update_rate_plan(uow, plan.id, {"meal_plan": "BB", "meal_price_adult": "10"})
        setup.create_tax(uow, {"code": "NOVFEE", "name": "November fee", "kind": "per_stay",
                               "value": "7", "valid_from": arrival, "valid_to": arrival})
        uow.commit()
    after = quote(cat, plan=plan.id, rt=rt.id, arrival=arrival, nights=1)
    assert after.total == before.total + D("20.00") + D("7.00")
    assert after.meal_plan == "BB"


def test_the_rate_grid_shows_derived_prices_and_inherited_restrictions(cat):
    from core.rates.grid import rate_grid

    thu, fri = date(2027, 5, 20), date(2027, 5, 21)
    restrict(cat, cat.bar, thu, closed_to_arrival=True)
    with property_uow(cat.pid, write=False) as uow:
        grid = rate_grid(uow.session, thu, fri, room_type_ids=[cat.dbl])
        assert refused(rate_grid, uow.session, fri, thu).code == "invalid_dates"
    assert cat.ste_bar not in grid
    assert [grid[cat.nr][d].price for d in (thu, fri)] == [D("90.00"), D("108.00")]
    assert grid[cat.nr][thu].derived and grid[cat.nr][thu].restrictions.closed_to_arrival
    assert not grid[cat.nr][fri].restrictions.closed_to_arrival
    assert (grid[cat.bar][fri].price, grid[cat.day][thu].price) == (D("120.00"), D("40.00"))
