"""Pure folio rules: money parsing, card-number detection, routing, invoice lines, aging."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.folio.errors import CardNumberRefused, InvalidAmount
from core.folio.models import SETTLEMENT_TYPES
from core.folio.rules import (
    LineView,
    aging,
    contains_card_number,
    invoice_lines,
    luhn_valid,
    money,
    refuse_card_numbers,
    route_target,
)

D = Decimal
amounts = st.decimals(min_value=D("-9999.99"), max_value=D("9999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


def _luhn_complete(body: str) -> str:
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError


@given(st.text(alphabet="0123456789", min_size=12, max_size=18), st.sampled_from(["", " ", "-"]))
def test_every_luhn_valid_card_number_is_caught_however_it_is_grouped(body, sep):
    pan = _luhn_complete(body)
    grouped = sep.join(pan[i:i + 4] for i in range(0, len(pan), 4))
    assert contains_card_number(f"paid with {grouped} thanks")
    with pytest.raises(CardNumberRefused) as err:
        refuse_card_numbers(note=grouped)
    assert list(err.value.fields) == ["note"]


@pytest.mark.parametrize("text", ["Room 412, 2 nights", "Invoice INV-000123", "tel +351 912 345 678",
                                  "4242424242424241", "123456789012"])
def test_ordinary_text_and_luhn_invalid_numbers_pass(text):
    assert not contains_card_number(text)


@given(amounts)
def test_money_round_trips_two_place_decimals(value):
    assert money(str(value)) == value


@pytest.mark.parametrize("bad", ["1.001", "x", 1.5, "NaN", "1e20"])
def test_money_refuses_inexact_or_invalid_amounts(bad):
    with pytest.raises(InvalidAmount):
        money(bad)


def test_routing_picks_the_first_rule_naming_the_charge_type():
    guest, company, extras = "g", "c", "e"
    rules = [(["room", "tax"], company), (["minibar"], extras)]
    assert route_target("room", guest, rules) == company
    assert route_target("minibar", guest, rules) == extras
    assert route_target("fnb", guest, rules) == guest


@given(st.lists(st.tuples(st.sampled_from(["room", "fnb", "payment", "tax"]), amounts,
                          st.booleans()), max_size=30))
def test_invoice_lines_drop_settlements_and_reversed_pairs(ops):
    postings: list[LineView] = []
    for charge_type, amount, reverse in ops:
        line = LineView(uuid.uuid4(), charge_type, "x", amount, date(2026, 1, 1), None, D("0"),
                        None)
        postings.append(line)
        if reverse:
            postings.append(LineView(uuid.uuid4(), charge_type, "rev", -amount, date(2026, 1, 1),
                                     None, D("0"), line.id))
    lines = invoice_lines(postings, SETTLEMENT_TYPES)
    expected = sum((a for t, a, r in ops if not r and t not in SETTLEMENT_TYPES), D("0"))
    assert sum((line.amount for line in lines), D("0")) == expected
    # The ledger itself still balances to the sum of every posting.
    assert sum((p.amount for p in postings), D("0")) == sum((a for _, a, r in ops if not r), D("0"))


@given(st.lists(st.tuples(st.integers(-200, 200), st.decimals(min_value=D("0.01"),
                                                               max_value=D("999.99"), places=2)),
                max_size=15),
       st.decimals(min_value=D("0"), max_value=D("5000"), places=2))
def test_aging_buckets_sum_to_the_open_balance(charges, paid):
    today = date(2026, 6, 1)
    dated = [(today - timedelta(days=days), amount) for days, amount in charges]
    buckets = aging(dated, paid, today)
    assert sum(buckets.values(), D("0")) == sum((a for _, a in dated), D("0")) - paid


def test_payments_settle_the_oldest_charges_first():
    today = date(2026, 6, 1)
    buckets = aging([(today - timedelta(days=100), D("50")), (today, D("80"))], D("50"), today)
    assert buckets["over_90"] == 0 and buckets["current"] == D("80")
