"""In Chromium: the desk takes a registration card (a field error first, then saved), and a
manager finds that action in the PMS audit log, filtered; the desk has no audit log entry."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, book_stay, make_desk, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk(apps):
    from core.identity.grants import ensure_user

    setup = make_desk(apps)
    with apps.in_process():
        ensure_user("gm@harbour.example", "Gil Manager", PASSWORD,
                    [("general_manager", apps.property_id, None)], chain_id=apps.chain_id)
    return setup


def test_the_desk_takes_the_card_and_a_manager_finds_it_in_the_audit_log(apps, desk, page,
                                                                           browser):
    rid = book_stay(apps, desk, "Cardholder", arrival_offset=3)
    sign_in(page, apps, desk.desk_email)
    expect(page.locator("#desk-nav")).not_to_contain_text("Audit log")
    page.goto(f"{apps.pms}/reservations/{rid}")

    expect(page.locator("#registration-card")).to_be_visible()
    page.locator("#reg-nationality").fill("PT")
    page.locator("#reg-date-of-birth").fill((desk.today + timedelta(days=2)).isoformat())
    page.locator("#reg-document-type").select_option("passport")
    page.locator("#reg-document-number").fill("CB123456")
    page.locator("#reg-address").fill("Rua das Flores 12, Lisboa")
    page.locator("#reg-consent").check()
    page.locator("#reg-save").click()
    expect(page.locator("#reg-date_of_birth-error")).to_have_text("must be in the past")

    page.locator("#reg-date-of-birth").fill("1984-05-17")
    page.locator("#reg-save").click()
    expect(page.locator("#reg-notice")).to_have_text("Registration card saved.")

    context = browser.new_context()  # the manager at another computer
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        _manager_reads_the_log(apps, page)
    finally:
        context.close()


def _manager_reads_the_log(apps, page) -> None:
    sign_in(page, apps, "gm@harbour.example")
    page.locator("#desk-nav").get_by_text("Audit log").click()
    expect(page).to_have_url(re.compile(r"/audit/?$"))
    page.locator("#audit-action").fill("reservations.registration")
    page.locator("#audit-filter").click()
    rows = page.locator(".audit-entry")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Dora Desk")
    expect(rows.first).to_contain_text("Registration card taken")
    expect(rows.first).not_to_contain_text("CB123456")

    page.locator("#audit-since").fill("2026-03-10")
    page.locator("#audit-until").fill("2026-03-01")
    page.locator("#audit-filter").click()
    expect(page.locator(".field-error")).to_contain_text("must be on or after")
