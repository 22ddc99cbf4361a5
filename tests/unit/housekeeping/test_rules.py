"""Pure housekeeping, work order and upload rules."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import DomainError
from core.housekeeping import rules
from core.maintenance import rules as wo_rules
from core.media import rules as media


def test_cleaning_follows_open_cleaning_done_inspected_and_a_fail_reopens():
    rules.check_task_transition("open", "in_progress")
    rules.check_task_transition("in_progress", "done")
    rules.check_task_transition("done", "passed")
    rules.check_task_transition("done", "open")
    with pytest.raises(DomainError) as err:
        rules.check_task_transition("open", "passed")
    assert err.value.code == "invalid_task_transition"
    assert "to clean cannot become inspected" in err.value.message
    with pytest.raises(DomainError):
        rules.check_task_transition("passed", "open")


def test_what_cleaning_does_to_the_room():
    assert rules.condition_after_task("done") == "clean"
    assert rules.condition_after_task("passed") == "inspected"
    assert rules.condition_after_task("open") == "dirty"
    assert rules.condition_after_task("in_progress") is None


def test_the_kind_of_clean_follows_the_stay():
    assert rules.default_task_kind(occupied=True, departing_today=False) == "stay_over"
    assert rules.default_task_kind(occupied=True, departing_today=True) == "departure"
    assert rules.default_task_kind(occupied=False, departing_today=False) == "departure"


def test_the_board_says_ooo_and_oos_before_occupancy():
    kw = {"occupied": True, "condition": "dirty"}
    assert rules.board_label(**kw, out_of_order=False, out_of_service=False) == "Occupied dirty"
    assert rules.board_label(**kw, out_of_order=False, out_of_service=True) == "Out of service"
    assert rules.board_label(**kw, out_of_order=True, out_of_service=True) == "Out of order"


def test_unknown_conditions_and_kinds_are_named():
    with pytest.raises(DomainError) as err:
        rules.parse_kind("deep")
    assert err.value.fields == {"kind": "must be departure, stay_over or turndown"}
    assert rules.parse_condition("inspected") == "inspected"


def test_work_order_status_only_moves_forward_or_reopens():
    wo_rules.check_transition("open", "in_progress")
    wo_rules.check_transition("done", "in_progress")  # verification found it not fixed
    for current, target in (("open", "verified"), ("verified", "open")):
        with pytest.raises(DomainError) as err:
            wo_rules.check_transition(current, target)
        assert err.value.code == "invalid_work_order_transition"
    with pytest.raises(DomainError) as err:
        wo_rules.check_transition("open", "closed")
    assert err.value.fields == {"status": "unknown status"}


def test_a_work_order_needs_a_room_or_an_area():
    ok = dict(area=None, category="other", priority="normal", description="Fix it",
              due_date=None, today=date(2026, 1, 1), source="desk", out_of_order=False)
    assert wo_rules.validate_create(room_given=True, **ok) == {}
    assert wo_rules.validate_create(room_given=False, **ok) == {
        "room_id": "choose a room or name an area"}
    assert wo_rules.validate_create(room_given=False, **{**ok, "area": "Lobby"}) == {}


@pytest.mark.parametrize("head,kind", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"), (b"\x89PNG\r\n\x1a\n\x00", "png"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), (b"%PDF-1.7\n", "pdf"),
    (b"GIF89a", None), (b"<svg xmlns=", None), (b"MZ\x90\x00", None), (b"", None)])
def test_uploads_are_recognised_by_their_bytes(head, kind):
    assert media.sniff(head) == kind


def test_upload_names_are_display_names_never_paths():
    assert media.safe_name("../../etc/passwd") == "passwd"
    assert media.safe_name("C:\\photos\\leak.jpg") == "leak.jpg"
    assert media.safe_name("\x00\x01") == "upload"
    assert len(media.safe_name("a" * 500)) == 120
