"""Website section in Chromium: marketing edits a page in the PMS, publishes it, sees it on the
booking site, and rolls it back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .desk_helpers import PASSWORD, sign_in

pytestmark = pytest.mark.e2e

MARKETING = "marketing@harbour.example"


@pytest.fixture(scope="module")
def marketing(apps):
    from core.actor import Actor
    from core.db.uow import control_uow
    from core.demo.site import seed_site
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    with apps.in_process():
        seed_site(apps.property_id, name=apps.property_name, address="Rua do Porto 12, Lisbon")
        with control_uow(Actor.system("e2e")) as uow:
            update_security(uow, apps.chain_id, mfa_required_roles=[])
            uow.commit()
        ensure_user(MARKETING, "Marta Marketing", PASSWORD,
                    [("marketing", apps.property_id, None)], chain_id=apps.chain_id)
    return MARKETING


def test_edit_publish_see_on_site_and_roll_back(apps, marketing, page, browser):
    sign_in(page, apps, marketing, lands=r"/website/?$")

    page.locator("#cms-page-offers").click()
    expect(page.locator("#cms-title")).to_have_value("Offers")
    text = page.locator("#block-0-markdown")
    text.fill("## Winter escape\n\nThree nights for the price of two.")
    expect(page.locator("#cms-preview")).to_contain_text("Winter escape")
    page.locator("#cms-publish").click()
    expect(page.locator("#cms-notice")).to_contain_text("Published as version 2")

    site = browser.new_context().new_page()
    site.goto(f"{apps.booking}/p/{apps.property_slug}/page/offers")
    expect(site.locator(".block-text")).to_contain_text("Winter escape")

    page.locator("#rollback-1").click()
    expect(page.locator("#cms-notice")).to_contain_text("Version 1 is live again")
    site.reload()
    expect(site.locator(".block-text")).to_contain_text("Book early, save more")
    expect(site.locator(".block-text")).not_to_contain_text("Winter escape")
    site.context.close()


def test_invalid_content_is_refused_with_the_field_named(apps, marketing, page):
    sign_in(page, apps, marketing, lands=r"/website/?$")
    page.locator("#cms-page-home").click()
    page.locator("#add-block-cta").click()
    page.locator("#cms-save").click()
    expect(page.locator("#page-error")).to_contain_text("cta")
