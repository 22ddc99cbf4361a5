"""Each app boots in production mode, serves its first page to Chromium and answers /health."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_pms_lists_the_property_to_sign_in_to(apps, page):
    page.goto(apps.pms)

    expect(page.locator("#pms-home")).to_be_visible()
    # The list arrives over the websocket from the page's on_load handler: proves state works.
    link = page.locator(f"#pms-property-{apps.property_slug}")
    expect(link).to_contain_text(apps.property_name)
    expect(link).to_have_attribute("href", f"/login?property={apps.property_slug}")


def test_the_booking_site_shows_the_hotel_with_its_address(apps, page):
    page.goto(apps.booking)

    expect(page.locator("#booking-home")).to_be_visible()
    hotel = page.locator(f"#hotel-{apps.property_slug}")
    expect(hotel).to_contain_text(apps.property_name)
    expect(hotel).to_contain_text("Rua do Porto 12, Lisbon")


def test_tenant_admin_asks_for_sign_in_before_showing_the_chain(apps, page):
    # The signed-in view of chains and properties is proven in test_tenant_admin.py.
    page.goto(apps.admin)

    expect(page.locator("#admin-signin")).to_be_visible()
    expect(page.locator("#signin-email")).to_be_visible()


@pytest.mark.parametrize("app", ["pms_app", "booking_site", "tenant_admin"])
def test_each_app_answers_health_and_metrics_on_its_own_port(apps, app):
    base = apps.url(app)

    health = httpx.get(f"{base}/health", timeout=10)
    metrics = httpx.get(f"{base}/metrics", timeout=10)

    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert health.json()["app"] == app
    assert health.json()["checks"]["control_db"]["ok"] is True
    assert metrics.status_code == 200
    assert f'gj_http_requests_total{{app="{app}",method="GET",route="/health",status="200"}}' \
        in metrics.text


def test_the_three_apps_share_one_theme(apps, page):
    colours = []
    # The console's root redirects anonymous visitors to /login: start there (no mid-check hop).
    for base in (apps.pms, apps.booking, f"{apps.admin}/login"):
        page.goto(base)
        header = page.locator("#app-header")
        expect(header).to_contain_text("Guest Journey")
        colours.append(header.evaluate("el => getComputedStyle(el).backgroundColor"))
    assert len(set(colours)) == 1, colours


def test_a_property_provisioned_while_the_apps_run_shows_on_the_next_visit(apps, page):
    from core.tenancy.provisioning import provision_property

    with apps.in_process():
        provision_property(chain_id=apps.chain_id, name="Cliffside Lodge", slug="cliffside",
                           timezone="Europe/Lisbon", currency="EUR")

    page.goto(apps.booking)

    expect(page.locator("#hotel-cliffside")).to_contain_text("Cliffside Lodge")
    expect(page.locator(f"#hotel-{apps.property_slug}")).to_be_visible()


def test_page_requests_are_counted_under_one_frontend_label(apps):
    assert httpx.get(f"{apps.booking}/", timeout=10).status_code == 200
    assert httpx.get(f"{apps.booking}/no-such-page", timeout=10).status_code == 404

    metrics = httpx.get(f"{apps.booking}/metrics", timeout=10).text

    assert 'route="<frontend>",status="200"' in metrics
    assert "/no-such-page" not in metrics  # raw paths never become labels
