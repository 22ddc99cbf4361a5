"""The chain console in Chromium: an operator signs in with two-step sign-in, creates a property,
invites a manager; the manager sets a password, sets up two-step sign-in and signs in to the PMS
for that property only."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, open_sign_in

pytestmark = pytest.mark.e2e

OPERATOR = "olga@atlantic-coast.example"
MANAGER = "marta.gm@atlantic-coast.example"


@pytest.fixture(scope="module")
def operator(apps):
    from core.actor import Actor
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user
    from core.identity.permissions import DEFAULT_MFA_REQUIRED_ROLES

    with apps.in_process():
        # The e2e chain is shared by every module and the desk tests relax MFA for their
        # front-desk logins; this module proves the default, where operators must enrol.
        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id,
                            mfa_required_roles=sorted(DEFAULT_MFA_REQUIRED_ROLES))
            uow.commit()
        ensure_user(OPERATOR, "Olga Operator", PASSWORD, [("chain_operator", None, apps.chain_id)])
    return OPERATOR


def next_code(secret: str) -> str:
    """The code of the next 30 s step: accepted now (clock drift) and never the one just used."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def sign_in_operator(page, apps) -> None:
    page.goto(f"{apps.admin}/")
    expect(page).to_have_url(re.compile(r"/login\?next=/$"))
    page.locator("#signin-email").fill(OPERATOR)
    page.locator("#signin-password").fill(PASSWORD)
    page.locator("#signin-submit").click()
    # First sign-in of a chain operator: two-step sign-in must be set up now.
    secret = page.locator("#signin-secret").inner_text(timeout=20_000)
    page.locator("#signin-code").fill(pyotp.TOTP(secret).now())
    page.locator("#signin-verify").click()
    expect(page.locator("#signin-recovery-codes code")).to_have_count(10)
    page.locator("#signin-continue").click()
    expect(page.locator("#admin-home")).to_be_visible()
    expect(page.locator("#admin-user-name")).to_contain_text("Olga Operator")


@pytest.fixture(scope="module")
def admin(apps, browser, operator):
    """One operator browser for the module: two-step codes cannot be reused, so sign in once."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_operator(page, apps)
    yield page
    context.close()


def test_an_anonymous_visitor_is_sent_to_sign_in(apps, page):
    page.goto(f"{apps.admin}/users")
    expect(page).to_have_url(re.compile(r"/login\?next=/users/?$"))
    expect(page.locator("#admin-signin")).to_be_visible()


def test_operator_creates_a_property_and_invites_a_manager_who_signs_in_to_the_pms(
        apps, browser, admin, mailbox):
    page = admin
    page.goto(f"{apps.admin}/")
    expect(page.locator("#admin-chain-atlantic-coast")).to_contain_text(apps.property_name)

    # The wizard: details and one room type; provisioning shows its steps as they happen.
    page.locator("#admin-new-property").click()
    page.locator("#wizard-name").fill("Cliff Top Inn")
    page.locator("#wizard-slug").fill("Cliff Top!")
    page.locator("#wizard-address").fill("Estrada do Cabo 3, Sagres")
    page.locator("#rt-code-0").fill("DBL")
    page.locator("#rt-name-0").fill("Double room")
    page.locator("#rt-rooms-0").fill("4")
    page.locator("#wizard-submit").click()
    # Bad input: the field is named, nothing is provisioned, what was typed stays.
    expect(page.locator("#admin-error")).to_contain_text("The property details are not valid")
    expect(page.locator("#admin-wizard")).to_contain_text("lowercase letters, digits and dashes")
    expect(page.locator("#rt-code-0")).to_have_value("DBL")
    page.locator("#wizard-slug").fill("cliff-top")
    page.locator("#wizard-submit").click()
    expect(page.locator("#wizard-steps")).to_contain_text("database migrated", timeout=60_000)
    expect(page.locator("#wizard-done")).to_be_visible(timeout=60_000)
    expect(page.locator("#wizard-steps")).to_contain_text("room types created")
    page.locator("#wizard-done").click()
    expect(page.locator("#admin-property-cliff-top")).to_contain_text("active")

    # Invite a general manager for the new property: the email arrives from the job.
    page.goto(f"{apps.admin}/users")
    page.locator("#invite-email").fill(MANAGER)
    page.locator("#invite-name").fill("Marta Gomes")
    page.locator("#invite-role").select_option("general_manager")
    page.locator("#invite-property").select_option(label="Cliff Top Inn")
    page.locator("#invite-submit").click()
    expect(page.locator("#admin-notice")).to_contain_text(f"Invitation sent to {MANAGER}")
    expect(page.locator(f"[id='user-{MANAGER}']")).to_contain_text(
        "general_manager @ Cliff Top Inn")
    email = mailbox.wait_for(MANAGER)
    link = re.search(r"http://\S+/accept-invitation\?token=\S+",
                     email.get_payload(decode=True).decode()).group(0)

    # The manager, in a browser of their own, sets a password and two-step sign-in.
    manager = browser.new_context().new_page()
    manager.set_default_timeout(20_000)
    manager.goto(link)
    manager.locator("#accept-password").fill("cliff-top-sunrise-42")
    manager.locator("#accept-confirm").fill("cliff-top-sunrise-42")
    manager.locator("#accept-submit").click()
    secret = manager.locator("#accept-secret").inner_text()
    manager.locator("#accept-code").fill(pyotp.TOTP(secret).now())
    manager.locator("#accept-verify").click()
    expect(manager.locator("#accept-done")).to_be_visible()
    expect(manager.locator("#accept-recovery-codes code")).to_have_count(10)

    # ... and signs in to the PMS for the new property with password and code.
    open_sign_in(manager, apps, "cliff-top")
    manager.locator("#login-email").fill(MANAGER)
    manager.locator("#login-password").fill("cliff-top-sunrise-42")
    manager.locator("#login-submit").click()
    manager.locator("#login-code").fill(next_code(secret))
    manager.locator("#login-submit").click()
    expect(manager).to_have_url(re.compile(r"/today"))

    # The other hotel of the chain is not theirs: it answers as if it did not exist.
    other = manager.request.post(f"{apps.pms}/auth/session/login", data={
        "email": MANAGER, "password": "cliff-top-sunrise-42",
        "property_id": str(apps.property_id), "app": "pms_app"})
    assert other.status == 404
    assert other.json()["error"]["message"] == "Property not found."
    manager.context.close()


def test_the_dashboard_shows_each_hotel_and_the_chain_total(apps, admin):
    admin.goto(f"{apps.admin}/dashboard")
    expect(admin.locator("#kpi-table")).to_contain_text(apps.property_name)
    expect(admin.locator("[id='kpi-row-Chain (EUR)']")).to_be_visible()
    # The page shows what core computes for the chain (other e2e modules sell stays in the
    # shared hotel, so the figure itself depends on what ran before).
    from core.actor import Actor
    from core.reports.kpis import chain_kpis

    with apps.in_process():
        expected = chain_kpis(Actor(kind="staff", chain_id=apps.chain_id, is_superuser=True))
    mtd = expected.totals["EUR"]["mtd"].occupancy
    expect(admin.locator("[id='kpi-row-Chain (EUR)'] .kpi-mtd-occupancy")).to_have_text(f"{mtd}%")
    expect(admin.locator("#kpi-charts .recharts-wrapper")).to_have_count(2)


def test_the_audit_log_shows_operator_actions_and_filters_them(apps, admin):
    admin.goto(f"{apps.admin}/audit")
    expect(admin.locator(".audit-entry").first).to_be_visible()
    admin.locator("#audit-action").fill("users.")
    admin.locator("#audit-filter").click()
    entries = admin.locator(".audit-entry")
    expect(entries.first).to_contain_text("users.")
    for text in entries.all_inner_texts():
        assert "users." in text
    admin.locator("#audit-since").fill("2026-11-20")
    admin.locator("#audit-until").fill("2026-11-01")
    admin.locator("#audit-filter").click()
    expect(admin.locator("#admin-error")).to_contain_text("The date range is not valid")


def test_brand_settings_refuse_a_bad_colour_and_save_a_good_one(apps, admin):
    admin.goto(f"{apps.admin}/brand")
    admin.locator("#brand-display-name").fill("Atlantic Coast")
    admin.locator("#brand-primary-color").fill("teal")
    admin.locator("#brand-save").click()
    expect(admin.locator("#admin-error")).to_contain_text("brand settings are not valid")
    expect(admin.locator("#admin-brand")).to_contain_text("use a colour like #1a2b3c")
    admin.locator("#brand-primary-color").fill("#0e7c86")
    admin.locator("#brand-save").click()
    expect(admin.locator("#admin-notice")).to_contain_text("Brand settings saved")
    expect(admin.locator("#brand-preview")).to_contain_text("Atlantic Coast")


def test_jobs_page_says_plainly_that_embedded_jobs_run_in_process(apps, admin):
    admin.goto(f"{apps.admin}/jobs")
    expect(admin.locator("#jobs-in-process")).to_contain_text("Jobs run in-process")


def test_my_account_lists_this_browser_session(apps, admin):
    admin.goto(f"{apps.admin}/account")
    expect(admin.locator(".session-row").filter(has_text="this browser")).to_have_count(1)
