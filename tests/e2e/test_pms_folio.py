"""Folio panel and night audit screen in Chromium: the desk posts a charge (a bad amount is named
on its field), reverses it, and the night auditor sees what tonight's audit will do.

The audit itself is not run here: it would roll the shared e2e hotel's business date under the
other modules' feet; tests/unit/pms/test_night_audit_state.py runs it and downloads its reports.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, book_stay, make_desk, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk(apps):
    from core.identity.grants import ensure_user

    setup = make_desk(apps)
    with apps.in_process():
        ensure_user("night@harbour.example", "Nadia Night", PASSWORD,
                    [("night_auditor", apps.property_id, None)], chain_id=apps.chain_id)
    return setup


def test_desk_posts_and_reverses_a_charge_on_the_folio(apps, desk, page):
    rid = book_stay(apps, desk, "Foliofan", arrival_offset=40)
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/reservations/{rid}")
    panel = page.locator("#folio-panel")
    expect(panel).to_contain_text("No charges or payments yet.")
    expect(panel.locator(".issue-invoice")).to_have_count(0)  # the desk may not invoice

    page.locator("#charge-amount").fill("ten")
    page.locator("#charge-description").fill("Late checkout")
    page.locator("#post-charge").click()
    expect(panel.locator(".folio-field-error").first).to_be_visible()
    page.locator("#charge-amount").fill("25.00")
    page.locator("#post-charge").click()

    expect(page.locator("#reservation-notice")).to_have_text("Charge posted.")
    expect(panel.locator(".folio-line")).to_have_count(1)
    expect(panel.locator(".folio-balance")).to_contain_text("25.00 EUR")

    panel.locator(".reverse-line").first.click()
    page.locator("#line-reason").fill("goodwill")
    page.locator("#confirm-reverse").click()
    expect(page.locator("#reservation-notice")).to_have_text("Line reversed.")
    expect(panel.locator(".folio-line")).to_have_count(2)
    expect(panel.locator(".folio-balance")).to_contain_text("0.00 EUR")


def test_night_auditor_sees_tonights_audit(apps, desk, page):
    sign_in(page, apps, "night@harbour.example")
    page.locator("#nav--night-audit").click()
    expect(page.locator("#audit-date")).to_have_text(desk.today.isoformat())
    expect(page.locator("#audit-plan")).to_contain_text("in-house stays")
    expect(page.locator("#run-audit")).to_be_enabled()


def test_desk_is_told_the_audit_is_not_theirs(apps, desk, page):
    sign_in(page, apps, desk.desk_email)
    page.goto(f"{apps.pms}/night-audit")
    expect(page.locator("#audit-not-allowed")).to_be_visible()
    expect(page.locator("#run-audit")).to_have_count(0)
