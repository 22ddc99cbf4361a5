"""The reservation state machine and stay rules, without a database."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from core.reservations import rules
from core.reservations.errors import IllegalTransition, InvalidStay, PriceChanged, TooEarlyToCheckIn
from core.reservations.models import ReservationStatus as S

TODAY = date(2027, 3, 10)


@pytest.mark.parametrize("current,target", [
    (S.hold, S.confirmed), (S.hold, S.expired), (S.hold, S.cancelled),
    (S.confirmed, S.checked_in), (S.confirmed, S.cancelled), (S.confirmed, S.no_show),
    (S.checked_in, S.checked_out),
])
def test_the_allowed_transitions_are_allowed(current, target):
    rules.check_transition(current, target)


@pytest.mark.parametrize("current,target", [
    (S.hold, S.checked_in), (S.confirmed, S.checked_out), (S.checked_in, S.cancelled),
    (S.checked_in, S.no_show), (S.checked_out, S.checked_in), (S.cancelled, S.confirmed),
    (S.no_show, S.checked_in), (S.expired, S.confirmed), (S.confirmed, S.hold),
])
def test_illegal_transitions_are_refused_with_a_message_naming_both_states(current, target):
    with pytest.raises(IllegalTransition) as err:
        rules.check_transition(current, target)
    assert err.value.code == "illegal_transition"
    assert current.value.replace("_", " ") in err.value.message
    assert target.value.replace("_", " ") in err.value.message


def test_terminal_states_go_nowhere():
    for state in (S.checked_out, S.cancelled, S.no_show, S.expired):
        assert all(not rules.can_transition(state, t) for t in S)


def test_references_are_eight_unambiguous_characters_and_differ():
    refs = {rules.new_reference() for _ in range(500)}
    assert len(refs) == 500
    assert all(len(r) == 8 and not set(r) & set("01IO") for r in refs)
    assert rules.normalise_reference(" abcd-efgh ") == "ABCDEFGH"


def test_a_stay_must_not_end_before_it_starts_and_names_the_field():
    with pytest.raises(InvalidStay) as err:
        rules.validate_stay(date(2027, 3, 12), date(2027, 3, 11), 2, [], today=TODAY)
    assert set(err.value.fields) == {"departure"}


def test_every_bad_field_of_a_stay_is_named_at_once():
    with pytest.raises(InvalidStay) as err:
        rules.validate_stay(date(2027, 3, 1), date(2027, 3, 3), 0, [4, 19], today=TODAY)
    assert set(err.value.fields) == {"arrival", "adults", "children_ages"}


def test_a_same_day_stay_is_valid_day_use():
    rules.validate_stay(TODAY, TODAY, 1, [], today=TODAY)


def test_a_different_price_at_commit_is_refused_with_the_new_price():
    rules.check_price(None, Decimal("120.00"), "EUR")
    rules.check_price(Decimal("120.00"), Decimal("120.00"), "EUR")
    with pytest.raises(PriceChanged) as err:
        rules.check_price(Decimal("100.00"), Decimal("120.00"), "EUR")
    assert "120.00 EUR" in err.value.message and err.value.code == "price_changed"


def _check_in(today, local_time=time(16, 0), ready=True, arrival=TODAY, departure=date(2027, 3, 12)):
    rules.check_in_allowed(arrival=arrival, departure=departure, today=today,
                           local_time=local_time, check_in_time=time(15, 0), room_ready=ready)


def test_check_in_is_refused_before_the_arrival_date():
    with pytest.raises(TooEarlyToCheckIn) as err:
        _check_in(date(2027, 3, 9))
    assert err.value.code == "too_early_to_check_in"


def test_early_check_in_needs_a_ready_room():
    _check_in(TODAY, time(9, 0), ready=True)
    with pytest.raises(TooEarlyToCheckIn) as err:
        _check_in(TODAY, time(9, 0), ready=False)
    assert err.value.code == "room_not_ready"
    _check_in(TODAY, time(15, 30), ready=False)  # after the check-in hour the room is theirs


def test_a_late_arrival_can_check_in_during_the_stay_but_not_after_it():
    _check_in(date(2027, 3, 11))
    with pytest.raises(TooEarlyToCheckIn) as err:
        _check_in(date(2027, 3, 12))
    assert err.value.code == "stay_already_over"
