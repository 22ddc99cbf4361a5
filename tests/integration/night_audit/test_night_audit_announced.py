"""The night audit tells everyone watching: started, then completed (with its figures) or
failed (with the reason, nothing changed), each committed on the night_audit topic."""

from __future__ import annotations

import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, make_hotel  # noqa: E402

from core.actor import Actor
from core.errors import DomainError
from core.events.models import OutboxEvent
from core.folio.services import business_date
from core.identity.permissions import ROLE_PERMISSIONS
from core.jobs.night_audit import night_audit_job
from core.night_audit.queries import audit_preview
from core.night_audit.runner import close_business_date

AUDITOR = Actor(kind="staff", user_id=uuid.uuid4(), name="Nina Night",
                permissions=ROLE_PERMISSIONS["night_auditor"])


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _audit_events(hotel, after: int = 0) -> list[OutboxEvent]:
    with hotel.uow(write=False) as uow:
        return list(uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.topic == "night_audit", col(OutboxEvent.id) > after)
            .order_by(col(OutboxEvent.id))).all())


def _last_id(hotel) -> int:
    with hotel.uow(write=False) as uow:
        return max((e.id or 0 for e in uow.session.exec(select(OutboxEvent)).all()), default=0)


def _today(hotel):
    with hotel.uow(AUDITOR, write=False) as uow:
        return business_date(uow)


def test_a_run_is_announced_then_completed_with_its_figures_and_a_repeat_is_silent(hotel):
    mark, day = _last_id(hotel), _today(hotel)
    run = close_business_date(hotel.property_id, AUDITOR)
    assert run.business_date == day
    events = _audit_events(hotel, mark)
    assert [e.type for e in events] == ["night_audit.started", "night_audit.completed"]
    assert events[0].payload == {"business_date": day.isoformat(), "by": "Nina Night"}
    done = events[1].payload
    assert done["business_date"] == day.isoformat() and done["by"] == "Nina Night"
    assert done["next_business_date"] == (day + timedelta(days=1)).isoformat()
    assert {"postings", "no_shows", "occupancy_pct"} <= set(done)
    # The same date again (a stale second click): the first run, and nothing announced.
    again = close_business_date(hotel.property_id, AUDITOR, day)
    assert again.id == run.id and _audit_events(hotel, events[-1].id or 0) == []


def test_a_refused_run_is_announced_as_failed_and_changes_nothing(hotel):
    mark, day = _last_id(hotel), _today(hotel)
    with pytest.raises(DomainError) as err:
        close_business_date(hotel.property_id, AUDITOR, day + timedelta(days=3))
    assert err.value.code == "wrong_business_date"
    events = _audit_events(hotel, mark)
    assert [e.type for e in events] == ["night_audit.started", "night_audit.failed"]
    assert events[1].payload["error"] == err.value.message
    assert _today(hotel) == day  # not rolled


def test_an_announced_run_shows_as_running_until_it_ends(hotel):
    day = _today(hotel)
    with hotel.uow(AUDITOR) as uow:  # what a run in another process shows while it works
        uow.record_event("night_audit", "night_audit.started", None,
                         {"business_date": day, "by": "Otto Other"})
        uow.commit()
    with hotel.uow(AUDITOR, write=False) as uow:
        assert audit_preview(uow).running_by == "Otto Other"
    close_business_date(hotel.property_id, AUDITOR)
    with hotel.uow(AUDITOR, write=False) as uow:
        preview = audit_preview(uow)
    assert preview.running_by is None and preview.business_date == day + timedelta(days=1)


def test_staff_without_the_permission_announce_nothing(hotel):
    mark = _last_id(hotel)
    clerk = Actor(kind="staff", user_id=uuid.uuid4(), permissions=ROLE_PERMISSIONS["front_desk"])
    with pytest.raises(DomainError) as err:
        close_business_date(hotel.property_id, clerk)
    assert err.value.code == "forbidden" and _audit_events(hotel, mark) == []


def test_the_scheduled_job_is_announced_like_a_run_from_the_desk(hotel):
    mark, day = _last_id(hotel), _today(hotel)
    assert night_audit_job(str(hotel.property_id), day.isoformat()) == day.isoformat()
    events = _audit_events(hotel, mark)
    assert [e.type for e in events] == ["night_audit.started", "night_audit.completed"]
    assert events[0].payload["by"] == "night-audit"
