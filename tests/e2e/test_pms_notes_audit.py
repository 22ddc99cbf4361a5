"""Reservation notes and the night audit, live in Chromium: a note added in one browser shows in
another without reload (and a colleague's note offers no Edit), and the night-audit page follows
a run started in another tab, one announced by another process, and one made by the scheduler."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, book_stay, make_desk, sign_in

pytestmark = pytest.mark.e2e
LIVE = 5_000  # ms: "within a second" plus headroom for a shared 2-core machine


@pytest.fixture(scope="module")
def desk(apps):
    return make_desk(apps)


def _pages(browser, count: int = 2):
    contexts = [browser.new_context() for _ in range(count)]
    pages = [c.new_page() for c in contexts]
    for p in pages:
        p.set_default_timeout(20_000)
    return contexts, pages


def test_a_note_added_in_one_browser_appears_in_the_other_without_reload(apps, desk, browser):
    rid = book_stay(apps, desk, "Notetaker", arrival_offset=2)
    contexts, (writer, reader) = _pages(browser)
    try:
        sign_in(writer, apps, desk.desk_email)
        sign_in(reader, apps, desk.concierge_email)
        for p in (writer, reader):
            p.goto(f"{apps.pms}/reservations/{rid}")
            expect(p.locator("#no-notes")).to_be_visible()

        # Bad input is refused inline, naming the field, and nothing appears anywhere.
        writer.locator("#add-note").click()
        expect(writer.locator("#note-error-text")).to_have_text("is required")
        writer.locator("#note-text").fill("x" * 2001)
        writer.locator("#add-note").click()
        expect(writer.locator("#note-error-text")).to_have_text(
            "must be at most 2000 characters")
        expect(reader.locator("#no-notes")).to_be_visible()

        writer.locator("#note-text").fill("Guest arrives on the late flight; keep room 201")
        writer.locator("#add-note").click()
        expect(writer.locator("#note-error-text")).to_have_count(0)
        mine = writer.locator(".note").first
        expect(mine.locator(".note-text")).to_have_text(
            "Guest arrives on the late flight; keep room 201")

        theirs = reader.locator(".note").first  # no reload in the concierge's browser
        expect(theirs.locator(".note-text")).to_have_text(
            "Guest arrives on the late flight; keep room 201", timeout=LIVE)
        expect(theirs.locator(".note-author")).to_have_text("Dora Desk")
        expect(theirs.locator(".note-time")).to_have_text(re.compile(r"\d\d \w{3} \d{4} \d\d:\d\d"))
        expect(theirs.locator(".edit-note")).to_have_count(0)  # a colleague's note

        # The concierge answers; the desk sees it on top, then corrects its own note.
        reader.locator("#note-text").fill("Allergic to nuts: told the restaurant")
        reader.locator("#add-note").click()
        expect(writer.locator(".note").first.locator(".note-text")).to_have_text(
            "Allergic to nuts: told the restaurant", timeout=LIVE)
        writer.locator(".note").nth(1).locator(".edit-note").click()
        writer.locator("#edit-note-text").fill("Guest arrives at 01:00; keep room 201")
        writer.locator("#save-note").click()
        expect(reader.locator(".note").nth(1).locator(".note-text")).to_have_text(
            "Guest arrives at 01:00; keep room 201", timeout=LIVE)
        expect(reader.locator(".note")).to_have_count(2)
    finally:
        for c in contexts:
            c.close()


@pytest.fixture(scope="module")
def night_hotel(apps):
    """A property of its own: closing its business date leaves the shared e2e hotel's alone."""
    from core.identity.grants import ensure_user
    from core.tenancy.provisioning import provision_property

    with apps.in_process():
        prop = provision_property(chain_id=apps.chain_id, name="Night Owl Inn",
                                  slug="night-owl", timezone="Europe/Lisbon", currency="EUR",
                                  address="Rua da Noite 3, Lisbon")
        ensure_user("nina@nightowl.example", "Nina Night", PASSWORD,
                    [("night_auditor", prop.id, None)], chain_id=apps.chain_id)
        ensure_user("otto@nightowl.example", "Otto Owl", PASSWORD,
                    [("night_auditor", prop.id, None)], chain_id=apps.chain_id)
    return prop


def _audit_page(page, apps, hotel, email: str):
    sign_in(page, apps, email, hotel=hotel)
    page.goto(f"{apps.pms}/night-audit")
    expect(page.locator("#audit-date")).not_to_have_text("")
    return date.fromisoformat(page.locator("#audit-date").inner_text())


def test_the_night_audit_page_follows_runs_from_another_tab_and_from_core(
        apps, desk, night_hotel, browser):
    from core.actor import Actor
    from core.db.uow import property_uow
    from core.jobs.night_audit import night_audit_job

    contexts, (watcher, runner) = _pages(browser)
    try:
        day = _audit_page(watcher, apps, night_hotel, "nina@nightowl.example")
        assert _audit_page(runner, apps, night_hotel, "otto@nightowl.example") == day

        # Otto runs the audit in his tab; Nina's page shows the result and the next date.
        runner.locator("#run-audit").click()
        expect(runner.locator("#audit-notice")).to_contain_text(f"Closed {day.isoformat()}")
        expect(watcher.locator("#audit-notice")).to_contain_text(f"Closed {day.isoformat()}",
                                                                 timeout=LIVE)
        following = day.fromordinal(day.toordinal() + 1)
        expect(watcher.locator("#audit-date")).to_have_text(following.isoformat())
        expect(watcher.locator(".audit-run").first).to_contain_text("Otto Owl")

        # Another process announces a run of the next date: Nina sees it running, no button.
        with apps.in_process(), property_uow(night_hotel.id, Actor.system("e2e")) as uow:
            uow.record_event("night_audit", "night_audit.started", None,
                             {"business_date": following, "by": "night-audit"})
            uow.commit()
        expect(watcher.locator("#audit-running")).to_contain_text("night-audit", timeout=LIVE)
        expect(watcher.locator("#run-audit")).to_be_disabled()

        # The scheduler's job closes it: the banner goes, the result and new date arrive.
        with apps.in_process():
            assert night_audit_job(str(night_hotel.id)) == following.isoformat()
        expect(watcher.locator("#audit-running")).to_have_count(0, timeout=LIVE)
        expect(watcher.locator("#audit-notice")).to_contain_text(
            f"Closed {following.isoformat()}", timeout=LIVE)
        expect(watcher.locator("#audit-date")).to_have_text(
            following.fromordinal(following.toordinal() + 1).isoformat())
        expect(runner.locator("#audit-runs .audit-run")).to_have_count(2, timeout=LIVE)
    finally:
        for c in contexts:
            c.close()

