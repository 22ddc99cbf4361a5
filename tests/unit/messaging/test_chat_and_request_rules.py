"""Pure rules of staff chat and guest requests: names, message bodies, life cycles."""

from __future__ import annotations

import pytest

from core.guest_requests import rules as requests
from core.guest_requests.errors import InvalidGuestRequest, InvalidGuestRequestTransition
from core.messaging import rules as chat
from core.messaging.errors import InvalidChannel, InvalidMessage


def test_channel_names_become_slugs_and_odd_ones_are_refused():
    assert chat.channel_name("  Front Desk ") == "front-desk"
    assert chat.channel_name("#housekeeping") == "housekeeping"
    for bad in ("", "no/slash", "x" * 61, "émoji"):
        with pytest.raises(InvalidChannel) as err:
            chat.channel_name(bad)
        assert "name" in err.value.fields


def test_a_message_is_trimmed_and_must_say_something_short_enough():
    assert chat.message_body("  hi  ") == "hi"
    with pytest.raises(InvalidMessage):
        chat.message_body("   ")
    with pytest.raises(InvalidMessage):
        chat.message_body("x" * (chat.MAX_MESSAGE + 1))


@pytest.mark.parametrize("current,target,allowed", [
    ("open", "in_progress", True), ("open", "done", True), ("in_progress", "open", True),
    ("done", "open", True), ("done", "cancelled", False), ("cancelled", "open", False),
    ("in_progress", "cancelled", True),
])
def test_guest_request_life_cycle(current, target, allowed):
    if allowed:
        requests.check_transition(current, target)
    else:
        with pytest.raises(InvalidGuestRequestTransition):
            requests.check_transition(current, target)


def test_guest_request_input_reports_every_problem_at_once():
    errors = requests.validate_create(category="x", priority="whenever", description="",
                                      place_given=False)
    assert set(errors) == {"category", "priority", "description", "reservation_id"}
    with pytest.raises(InvalidGuestRequest):
        requests.raise_if(errors)
    assert requests.validate_create(category="amenity", priority="normal", description="Cot",
                                    place_given=True) == {}
    with pytest.raises(InvalidGuestRequest):
        requests.check_transition("open", "teleported")
