"""Cancellation, no-show and deposit rules on a policy snapshot (pure, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.rates.policy_rules import (
    cancellation_fee,
    deposit_amount,
    fee_amount,
    free_cancellation_deadline,
    no_show_fee,
    policy_snapshot,
)

D = Decimal
NIGHTS = [D("100.00"), D("120.00"), D("80.00")]
ARR = date(2027, 7, 10)


def policy(**kw):
    base = dict(code="FLEX48", name="Flexible 48h", text="", free_cancellation_hours=48,
                cancellation_fee_kind="first_night", cancellation_fee_value=D("0"),
                no_show_fee_kind="full", no_show_fee_value=D("0"), deposit_kind="none",
                deposit_value=D("0"))
    return SimpleNamespace(**{**base, **kw})


def snap(**kw):
    return policy_snapshot(policy(**kw), check_in_time=time(15, 0), currency="EUR")


def test_cancelling_before_the_deadline_is_free_and_after_it_costs_the_first_night():
    p = snap()
    # Lisbon is UTC+1 in July: check-in 15:00 local = 14:00 UTC; 48 h before = 8 July 14:00 UTC.
    assert free_cancellation_deadline(p, arrival=ARR, tz="Europe/Lisbon") == datetime(
        2027, 7, 8, 14, 0, tzinfo=UTC)
    just_before = datetime(2027, 7, 8, 13, 59, tzinfo=UTC)
    just_after = datetime(2027, 7, 8, 14, 0, tzinfo=UTC)
    assert cancellation_fee(p, NIGHTS, arrival=ARR, cancelled_at=just_before,
                            tz="Europe/Lisbon") == D("0.00")
    assert cancellation_fee(p, NIGHTS, arrival=ARR, cancelled_at=just_after,
                            tz="Europe/Lisbon") == D("100.00")


def test_a_non_refundable_policy_charges_whenever_you_cancel():
    p = snap(free_cancellation_hours=None, cancellation_fee_kind="full")
    early = datetime(2026, 1, 1, tzinfo=UTC)
    assert cancellation_fee(p, NIGHTS, arrival=ARR, cancelled_at=early, tz="UTC") == D("300.00")
    assert p["text"].startswith("Non-refundable")


@pytest.mark.parametrize("kind,value,expected", [
    ("none", "0", "0.00"), ("first_night", "0", "100.00"), ("nights", "2", "220.00"),
    ("nights", "9", "300.00"), ("percent", "33.333", "100.00"), ("fixed", "50", "50.00"),
    ("fixed", "1000", "300.00"), ("full", "0", "300.00"),
])
def test_fee_kinds(kind, value, expected):
    assert fee_amount({"kind": kind, "value": value}, NIGHTS) == D(expected)


def test_no_show_fee_uses_the_no_show_rule():
    assert no_show_fee(snap(no_show_fee_kind="first_night"), NIGHTS) == D("100.00")
    assert no_show_fee(snap(), NIGHTS) == D("300.00")


def test_fees_accept_nights_as_quote_lines_dicts_or_numbers():
    p = snap(no_show_fee_kind="nights", no_show_fee_value=D("2"))
    assert no_show_fee(p, [{"amount": "100.00"}, {"amount": "120.00"}]) == D("220.00")
    assert no_show_fee(p, [SimpleNamespace(amount=D("1.10"))]) == D("1.10")


def test_deposit_percent_is_of_the_total_the_guest_pays():
    p = snap(deposit_kind="percent", deposit_value=D("30"))
    assert deposit_amount(p, NIGHTS, D("330.00")) == D("99.00")
    assert "Deposit at booking: 30% of the stay." in p["summary"]


def test_cancelled_at_must_be_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        cancellation_fee(snap(), NIGHTS, arrival=ARR, cancelled_at=datetime(2027, 1, 1),
                         tz="UTC")


def test_without_a_policy_cancelling_is_free_until_check_in_and_no_show_costs_a_night():
    p = policy_snapshot(None, check_in_time=time(14, 0), currency="EUR")
    assert p["text"] == ("Free cancellation until 14:00 on the day of arrival; after that the "
                         "first night is charged. No-show: the first night is charged.")
    assert cancellation_fee(p, NIGHTS, arrival=ARR, cancelled_at=datetime(
        2027, 7, 10, 13, 59, tzinfo=UTC), tz="UTC") == D("0.00")


def test_the_hotels_own_wording_is_kept_and_the_summary_still_given():
    p = snap(text="Cancel free up to two days before.")
    assert p["text"] == "Cancel free up to two days before."
    assert p["summary"].startswith("Free cancellation until 48 hours before 15:00")
    import json

    json.dumps(p)  # stored with the booking as JSON
