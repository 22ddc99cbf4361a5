"""Promo code and tax rules (pure, no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import ValidationFailed
from core.rates import rules
from core.rates.taxes import TaxRule, compute_taxes

D = Decimal
ARR = date(2027, 6, 1)
NIGHTS = [ARR + timedelta(days=i) for i in range(3)]
TODAY = date(2027, 5, 1)


def promo(**kw) -> rules.Promo:
    return rules.Promo(**{"code": "SUMMER", "kind": "percent", "value": D("10"), **kw})


def test_promo_codes_are_matched_case_and_space_insensitively():
    assert rules.normalise_code("  summer10 ") == "SUMMER10"
    assert rules.normalise_code("   ") is None
    assert rules.normalise_code(None) is None


def test_a_valid_promo_passes():
    rules.check_promo(promo(stay_from=ARR, stay_to=NIGHTS[-1], book_from=TODAY, book_to=TODAY,
                            min_nights=3, max_uses=5, uses=4), arrival=ARR, dates=NIGHTS,
                      today=TODAY)


@pytest.mark.parametrize("kw,why", [
    ({"active": False}, "is no longer valid"),
    ({"max_uses": 3, "uses": 3}, "has been used up"),
    ({"book_to": TODAY - timedelta(days=1)}, "cannot be used for bookings made today"),
    ({"book_from": TODAY + timedelta(days=1)}, "cannot be used for bookings made today"),
    ({"stay_to": NIGHTS[1]}, "is not valid for these dates"),
    ({"stay_from": NIGHTS[1]}, "is not valid for these dates"),
    ({"min_nights": 4}, "needs a stay of at least 4 nights"),
    ({"rate_plan_ids": frozenset({"other-plan"})}, "does not apply to this rate"),
])
def test_promo_refusals_say_why(kw, why):
    with pytest.raises(ValidationFailed) as err:
        rules.check_promo(promo(**kw), arrival=ARR, dates=NIGHTS, today=TODAY,
                          rate_plan_id="this-plan")
    assert err.value.code == "promo_not_applicable"
    assert err.value.message == f"Promo code SUMMER {why}."
    assert err.value.fields == {"promo_code": why}


def test_percent_promo_is_taken_off_each_night_and_rounded_per_night():
    assert rules.promo_discounts("percent", D("15"), [D("99.99"), D("100.00")]) == [
        D("15.00"), D("15.00")]
    assert rules.promo_discounts("percent", D("150"), [D("80.00")]) == [D("80.00")]


def test_amount_promo_is_spread_over_the_nights_and_adds_up_exactly():
    shares = rules.promo_discounts("amount", D("50.00"), [D("100.00"), D("100.00"), D("100.00")])
    assert shares == [D("16.67"), D("16.67"), D("16.66")]
    assert sum(shares) == D("50.00")


def test_amount_promo_never_exceeds_the_room_price():
    assert rules.promo_discounts("amount", D("500"), [D("100.00"), D("50.00")]) == [
        D("100.00"), D("50.00")]
    assert rules.promo_discounts("amount", D("20"), [D("0.00"), D("0.00")]) == [D("0"), D("0")]


def tax(**kw) -> TaxRule:
    return TaxRule(**{"code": "T", "name": "Tax", "kind": "percent", "value": D("10"), **kw})


def nights(*amounts: str):
    return [(ARR + timedelta(days=i), D(a)) for i, a in enumerate(amounts)]


def test_exclusive_percentage_is_added_per_night_rounded_per_night():
    lines, per_night = compute_taxes(nights("33.33", "33.33"), [tax(value=D("10"))], adults=2,
                                     children_ages=(), arrival=ARR)
    assert [(t.code, t.amount, t.inclusive) for t in lines] == [("T", D("6.66"), False)]
    assert list(per_night.values()) == [D("3.33"), D("3.33")]


def test_inclusive_percentage_is_carved_out_of_the_price():
    lines, per_night = compute_taxes(nights("106.00"), [tax(value=D("6"), inclusive=True)],
                                     adults=2, children_ages=(), arrival=ARR)
    assert lines[0].amount == D("6.00") and lines[0].inclusive
    assert list(per_night.values()) == [D("0.00")]  # nothing added to the night


def test_two_inclusive_percentages_share_one_net_price():
    lines, _ = compute_taxes(nights("120.00"), [tax(code="A", value=D("10"), inclusive=True),
                                                tax(code="B", value=D("10"), inclusive=True)],
                             adults=1, children_ages=(), arrival=ARR)
    assert [t.amount for t in lines] == [D("10.00"), D("10.00")]


def test_city_tax_per_person_per_night_exempts_young_children():
    city = tax(code="CITY", kind="per_person_night", value=D("2.50"), exempt_below_age=13)
    lines, per_night = compute_taxes(nights("100", "100"), [city], adults=2,
                                     children_ages=(4, 13), arrival=ARR)
    assert lines[0].amount == D("15.00")  # 3 paying guests x 2 nights x 2.50
    assert list(per_night.values()) == [D("7.50"), D("7.50")]


def test_fixed_fees_per_night_and_per_stay():
    lines, per_night = compute_taxes(
        nights("100", "100", "100"),
        [tax(code="RESORT", kind="per_night", value=D("5")),
         tax(code="CLEAN", kind="per_stay", value=D("25"))],
        adults=2, children_ages=(), arrival=ARR)
    assert {t.code: t.amount for t in lines} == {"RESORT": D("15.00"), "CLEAN": D("25.00")}
    assert sum(per_night.values()) == D("15.00")  # the per-stay fee is not a night's


def test_taxes_apply_only_on_nights_inside_their_date_range():
    new_rate = tax(value=D("10"), valid_from=ARR + timedelta(days=1))
    old_rate = tax(code="OLD", value=D("5"), valid_to=ARR)
    lines, _ = compute_taxes(nights("100", "100", "100"), [new_rate, old_rate], adults=1,
                             children_ages=(), arrival=ARR)
    assert {t.code: t.amount for t in lines} == {"T": D("20.00"), "OLD": D("5.00")}


def test_a_per_stay_fee_follows_the_arrival_date():
    fee = tax(kind="per_stay", value=D("25"), valid_from=ARR + timedelta(days=1))
    lines, _ = compute_taxes(nights("100", "100"), [fee], adults=1, children_ages=(), arrival=ARR)
    assert lines == []
