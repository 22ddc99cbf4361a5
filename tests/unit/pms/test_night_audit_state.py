"""The night audit screen: the night auditor sees what closing the date does, runs it once (a
repeat click changes nothing), and downloads the day's reports with the browser session;
other roles see no button and the service refuses them anyway."""

from __future__ import annotations

from datetime import date, timedelta

from pms_support import make_state, run

from pms_app.nav import visible_entries
from pms_app.state.night_audit import NightAuditState as S


def _page(desk, role: str):
    state = make_state(S, desk.cookies[role])
    assert run(S.load, state) == S.follow_live  # then it follows the audit live
    return state


def test_night_auditor_runs_the_audit_and_downloads_its_reports(desk):
    from desk_support import DESK
    from fastapi.testclient import TestClient

    from core.api import create_api
    from core.frontdesk.actions import check_in_guest

    hotel = desk.hotel
    stay = hotel.book(hotel.today, nights=2).reservations[0].id
    hotel.book(hotel.today, nights=1)  # never arrives: a no-show tonight
    with hotel.uow(DESK) as uow:
        check_in_guest(uow, stay)
        uow.commit()
    state = _page(desk, "night_auditor")
    assert state.allowed and state.can_run
    assert "Night audit" in [e["label"] for e in state.nav]
    day = state.audit_date
    assert (state.in_house, state.arrivals_pending, state.already_run) == ("1", "1", False)
    assert state.runs == []

    run(S.run_audit, state)

    assert state.error == "" and state.notice.startswith(f"Closed {day}: 1 room and tax")
    assert "1 no-shows" in state.notice
    assert state.audit_date == (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    row = state.runs[0]
    assert (row["date"], row["balanced"], row["no_shows"]) == (day, "yes", "1")

    # The links are the API's report route, which takes the same HttpOnly session cookie.
    client = TestClient(create_api("pms_app"))
    client.cookies.set("gj_session", desk.cookies["night_auditor"])
    pdf = client.get(row["flash_pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(row["trial_balance_csv"])
    assert csv.status_code == 200 and "balanced,True" in csv.text
    client.cookies.clear()
    assert client.get(row["flash_pdf"]).status_code == 401


def test_a_stale_second_click_does_not_close_the_next_day(desk):
    first, second = _page(desk, "night_auditor"), _page(desk, "night_auditor")
    day = first.audit_date

    run(S.run_audit, first)
    assert first.error == "" and first.audit_date != day
    run(S.run_audit, second)  # still showing `day`: the run already made is returned

    assert second.error == "" and second.notice.startswith(f"Closed {day}")
    assert second.audit_date == first.audit_date
    assert [r["date"] for r in second.runs].count(day) == 1


def test_front_desk_has_no_audit_and_a_crafted_run_is_refused(desk):
    state = _page(desk, "front_desk")
    assert not state.allowed and not state.can_run
    assert "Night audit" not in [e["label"] for e in state.nav]
    before = _page(desk, "night_auditor").audit_date

    run(S.run_audit, state)

    assert "permission" in state.error
    assert _page(desk, "night_auditor").audit_date == before


def test_nav_shows_night_audit_only_with_its_permission():
    assert "Night audit" in [e["label"] for e in visible_entries({"night_audit.run"})]
    assert "Night audit" not in [e["label"] for e in visible_entries({"folio.view"})]


def test_a_run_from_another_tab_or_the_scheduler_shows_on_an_open_page(desk):
    from core.jobs.night_audit import night_audit_job

    state = _page(desk, "night_auditor")
    day = state.audit_date
    mark = _last_event_id(desk)
    with desk.hotel.uow() as uow:  # another auditor's run has started and not ended yet
        uow.record_event("night_audit", "night_audit.started", None,
                         {"business_date": day, "by": "Otto Other"})
        uow.commit()
    state._apply_live(_events_after(desk, mark))  # what the page's follower applies
    assert state.running_by == "Otto Other" and state.audit_date == day

    mark = _last_event_id(desk)
    night_audit_job(str(desk.hotel.property_id))  # the scheduler closes the date meanwhile
    state._apply_live(_events_after(desk, mark))
    assert state.notice.startswith(f"Closed {day}: ") and state.error == ""
    assert state.running_by == ""
    assert state.audit_date == (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    assert state.runs[0]["date"] == day and state.runs[0]["run_by"] == "night-audit"


def _last_event_id(desk) -> int:
    from sqlalchemy import func
    from sqlmodel import select

    from core.events.models import OutboxEvent

    with desk.hotel.uow() as uow:
        return uow.session.exec(select(func.max(OutboxEvent.id))).one() or 0


def _events_after(desk, mark: int):
    from sqlmodel import col, select

    from core.events.envelope import EventEnvelope
    from core.events.models import OutboxEvent

    with desk.hotel.uow() as uow:
        rows = uow.session.exec(select(OutboxEvent).where(col(OutboxEvent.id) > mark)
                                .order_by(col(OutboxEvent.id))).all()
        return [EventEnvelope.from_row(desk.hotel.property_id, r) for r in rows]
