"""Property-based tests (hypothesis) of the pricing invariants guests and auditors rely on."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.rates import rules
from core.rates.policy_rules import cancellation_fee, policy_snapshot
from core.rates.pricing import assemble_nights
from core.rates.taxes import TaxRule

ARR = date(2027, 1, 1)
money = st.decimals(min_value=Decimal("0"), max_value=Decimal("5000"), places=2,
                    allow_nan=False, allow_infinity=False)
signed = st.decimals(min_value=Decimal("-5000"), max_value=Decimal("5000"), places=2,
                     allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=Decimal("0"), max_value=Decimal("30"), places=2,
                      allow_nan=False, allow_infinity=False)
tax_rules = st.lists(st.builds(
    TaxRule, code=st.sampled_from(["A", "B", "C"]), name=st.just("t"),
    kind=st.sampled_from(["percent", "per_night", "per_person_night", "per_stay"]),
    value=percent, inclusive=st.booleans(), exempt_below_age=st.none() | st.integers(0, 17)),
    max_size=4)


@st.composite
def stays(draw):
    n = draw(st.integers(1, 14))
    rooms = draw(st.lists(money, min_size=n, max_size=n))
    promo_kind = draw(st.sampled_from(["percent", "amount", None]))
    value = draw(st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2))
    discounts = (rules.promo_discounts(promo_kind, value, rooms) if promo_kind
                 else [Decimal("0.00")] * n)
    return ([ARR + timedelta(days=i) for i in range(n)], rooms, discounts,
            draw(money), draw(tax_rules), draw(st.integers(1, 4)),
            tuple(draw(st.lists(st.integers(0, 12), max_size=3))))


@given(stays())
@settings(max_examples=200)
def test_the_total_is_exactly_the_sum_of_the_lines(stay):
    dates, rooms, discounts, meals, taxes, adults, ages = stay
    nights, lines, total = assemble_nights(dates, rooms, discounts, meals, taxes, adults=adults,
                                           children_ages=ages, arrival=ARR)
    exclusive = sum((t.amount for t in lines if not t.inclusive), Decimal(0))
    assert total == sum(n.amount for n in nights) + exclusive
    assert all(n.amount == n.room + n.meals - n.discount for n in nights)
    assert total.as_tuple().exponent == -2
    # Per-night exclusive taxes plus the per-stay fees are the exclusive tax lines.
    per_stay = sum((t.amount for t in lines if t.kind == "per_stay" and not t.inclusive),
                   Decimal(0))
    assert sum(n.tax for n in nights) + per_stay == exclusive


@given(stays())
def test_inclusive_taxes_never_change_what_the_guest_pays(stay):
    dates, rooms, discounts, meals, taxes, adults, ages = stay
    exclusive_only = [t for t in taxes if not t.inclusive]
    with_all = assemble_nights(dates, rooms, discounts, meals, taxes, adults=adults,
                               children_ages=ages, arrival=ARR)[2]
    without_inclusive = assemble_nights(dates, rooms, discounts, meals, exclusive_only,
                                        adults=adults, children_ages=ages, arrival=ARR)[2]
    assert with_all == without_inclusive


@given(st.lists(money, min_size=1, max_size=14),
       st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2))
def test_a_fixed_promo_takes_exactly_its_amount_capped_at_the_room_total(rooms, value):
    shares = rules.promo_discounts("amount", value, rooms)
    assert sum(shares) == min(value, sum(rooms))
    assert all(Decimal(0) <= s <= r for s, r in zip(shares, rooms, strict=True))


@given(st.lists(money, min_size=1, max_size=14), st.decimals(
    min_value=Decimal("0"), max_value=Decimal("100"), places=2))
def test_a_percentage_promo_never_makes_a_night_negative(rooms, pct):
    shares = rules.promo_discounts("percent", pct, rooms)
    assert all(Decimal(0) <= s <= r for s, r in zip(shares, rooms, strict=True))


@given(money, st.sampled_from(["amount", "percent"]), signed)
def test_a_derived_price_is_never_negative_and_always_in_cents(parent, kind, value):
    if kind == "percent":
        value = max(value, Decimal("-100")) / 50
    price = rules.derive_price(parent, kind, value)
    assert price >= 0
    assert price.as_tuple().exponent == -2


@given(money, st.integers(1, 6), money)
def test_more_adults_never_cost_less_without_explicit_occupancy_prices(base, adults, extra):
    occ = rules.Occupancy(base_occupancy=2, adult_prices={}, extra_adult=extra, child_bands=[])
    assert rules.occupancy_price(base, occ, adults + 1, []) >= rules.occupancy_price(
        base, occ, adults, [])


@given(st.lists(money, min_size=1, max_size=14), st.integers(0, 240),
       st.sampled_from(["first_night", "nights", "percent", "fixed", "full"]),
       st.decimals(min_value=Decimal("1"), max_value=Decimal("100"), places=0),
       st.integers(-400, 400))
def test_a_cancellation_fee_is_zero_before_the_deadline_and_never_above_the_stay(
        nights, hours, kind, value, minutes_from_deadline):
    from types import SimpleNamespace

    policy = policy_snapshot(SimpleNamespace(
        code="P", name="P", text="", free_cancellation_hours=hours, cancellation_fee_kind=kind,
        cancellation_fee_value=value, no_show_fee_kind="none", no_show_fee_value=0,
        deposit_kind="none", deposit_value=0), check_in_time=time(15, 0), currency="EUR")
    deadline = datetime(2027, 1, 1, 15, 0, tzinfo=UTC) - timedelta(hours=hours)
    at = deadline + timedelta(minutes=minutes_from_deadline)
    fee = cancellation_fee(policy, nights, arrival=ARR, cancelled_at=at, tz="UTC")
    assert Decimal(0) <= fee <= sum(nights)
    if at < deadline:
        assert fee == 0
