"""Screenshots of the main PMS desk screens, taken from the real app with demo data.

Seeds a small demo (Atlantic Hotels Group) into a throwaway data folder, starts the PMS the way
`gj run` does on a spare port, signs in as the city hotel's front desk in Chromium and saves
docs/screenshots/pms-*.png. Nothing outside that folder and a temporary directory is touched.

Run:  .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--scale 0.15]
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
DESK_LOGIN = "desk.city@atlantic-hotels.example"
SCREENS = [  # (file name, path or callable key, what must be visible before the shot)
    ("pms-today.png", "/today", "#today-list"),
    ("pms-reservations.png", "/reservations", "#reservation-list"),
    ("pms-reservation.png", "reservation", "#guest-name"),
    ("pms-new-booking.png", "walk-in", "#offers"),
    ("pms-tape-chart.png", "/tape-chart", "#tape-chart"),
    ("pms-login.png", "login", "#login-submit"),
]
# Housekeeping and maintenance: (file stem, login, path, ready), each at desktop and 375 px.
HK_SCREENS = [
    ("pms-housekeeping", "hk-supervisor.city@atlantic-hotels.example", "/housekeeping",
     "#hk-board"),
    ("pms-my-rooms", "housekeeper.city@atlantic-hotels.example", "/housekeeping/my-rooms",
     "#my-rooms"),
    ("pms-inspections", "hk-supervisor.city@atlantic-hotels.example",
     "/housekeeping/inspections", "#inspect-list"),
    ("pms-maintenance", "maintenance.city@atlantic-hotels.example", "/maintenance", "#wo-list"),
]
# Booking site (Harbour City Hotel): (file stem, path, ready), each at desktop and 375 px.
SITE_SCREENS = [
    ("site-home", "/p/harbour-city", ".block-hero"),
    ("site-home-pt", "/p/harbour-city?lang=pt", ".block-hero"),
    ("site-rooms", "/p/harbour-city/page/rooms", ".room-type-card"),
    ("site-results", "search", "#results .room-offer"),
    ("site-manage", "/p/harbour-city/manage", "#manage-reference"),
    ("site-my-stay", "/p/harbour-city/my-stay", "#stay-reference"),
]
HK_VIEWPORTS = [("", {"width": 1440, "height": 900}), ("-375", {"width": 375, "height": 812})]


def spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--scale", type=float, default=0.15, help="demo booking volume")
    parser.add_argument("--only", choices=("pms", "site"), help="shoot one app's screens only")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gj-shots-") as tmp:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "CONTROL_DATABASE_URL", "REDIS_URL",
                            "REFLEX_REDIS_URL")}
        env.update(GJ_ENV="development", GJ_DATA_DIR=str(Path(tmp) / "data"))
        os.environ.update(env)
        for var in ("DATABASE_URL", "CONTROL_DATABASE_URL", "REDIS_URL"):
            os.environ.pop(var, None)
        from core.config import reset_settings

        reset_settings()
        from core.demo.seed import seed_demo

        print("seeding a small demo ...", flush=True)
        seed_demo(past_days=7, future_days=21, scale=args.scale)
        from gj_cli.apps import AppTarget
        from gj_cli.run import serve

        target = AppTarget("pms_app", spare_port(), "shots", Path(tmp) / "builds")
        site = AppTarget("booking_site", spare_port(), "shots", Path(tmp) / "builds")
        print(f"starting the PMS on {target.url} and the booking site on {site.url} "
              "(building takes a few minutes) ...", flush=True)
        with serve([target, site], base_env=env, log_dir=Path(tmp) / "logs", echo=False,
                   migrate=False, background=False):
            if args.only != "site":
                shoot(target.url, out)
            if args.only != "pms":
                shoot_booking_site(site.url, out)
    return 0


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(f"{base}/login?property=harbour-city")
        page.locator("#login-email").fill(DESK_LOGIN)
        page.locator("#login-password").fill("harbour-lights-2026")
        login_shot = out / "pms-login.png"
        page.screenshot(path=str(login_shot))
        page.locator("#login-submit").click()
        page.wait_for_url("**/today**")
        for name, where, ready in SCREENS:
            if where == "login":
                continue
            if where == "reservation":
                page.goto(f"{base}/today")
                page.locator("#today-tabs").get_by_role("radio", name="In house").click()
                page.locator("#today-list a").first.click()
            elif where == "walk-in":
                page.goto(f"{base}/reservations/new?walk_in=1")
                page.locator("#booking-search").click()
                page.locator("#choose-offer-0").click()
            else:
                page.goto(base + where)
            expect(page.locator(ready).first).to_be_visible()
            page.wait_for_timeout(500)  # let the fonts and badges settle
            page.screenshot(path=str(out / name), full_page=name != "pms-tape-chart.png")
            print(f"saved {out / name}", flush=True)
        shoot_housekeeping(browser, base, out)
        browser.close()


def shoot_housekeeping(browser, base: str, out: Path) -> None:
    from playwright.sync_api import expect

    for stem, login, where, ready in HK_SCREENS:
        for suffix, viewport in HK_VIEWPORTS:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/login?property=harbour-city")
            page.locator("#login-email").fill(login)
            page.locator("#login-password").fill("harbour-lights-2026")
            page.locator("#login-submit").click()
            expect(page.locator("#property-name")).to_be_visible(timeout=30_000)
            page.goto(base + where)
            expect(page.locator(ready).first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(800)  # images (work order thumbnails) and badges settle
            page.screenshot(path=str(out / f"{stem}{suffix}.png"), full_page=not suffix)
            print(f"saved {out / f'{stem}{suffix}.png'}", flush=True)
            context.close()



def shoot_booking_site(base: str, out: Path) -> None:
    from datetime import timedelta

    from playwright.sync_api import expect, sync_playwright

    from core.timeutil import local_today

    arrival = local_today("Europe/Lisbon") + timedelta(days=10)
    search = (f"/p/harbour-city/search?arrival={arrival.isoformat()}"
              f"&departure={(arrival + timedelta(days=2)).isoformat()}&adults=2")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        for suffix, viewport in HK_VIEWPORTS:
            page = browser.new_page(viewport=viewport)
            page.set_default_timeout(30_000)
            for stem, where, ready in SITE_SCREENS:
                page.goto(base + (search if where == "search" else where))
                expect(page.locator(ready).first).to_be_visible()
                page.wait_for_timeout(500)
                name = f"{stem}{suffix}.png"
                page.screenshot(path=str(out / name), full_page=True)
                print(f"saved {out / name}", flush=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())

