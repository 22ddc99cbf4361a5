"""Media library in Chromium: marketing uploads a photo in the PMS Website section (a renamed
non-image is refused), puts it in a gallery with the picker, publishes, and the booking site shows
it as a responsive <img>; the photo cannot be deleted while the published page shows it."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from playwright.sync_api import expect

from .desk_helpers import ANY_PAGE, PASSWORD, _relax_mfa, sign_in

pytestmark = pytest.mark.e2e

EDITOR = "media.editor@harbour.example"


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    img = Image.new("RGB", (1200, 800), (20, 110, 170))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (38.0, 42.0, 0.0)}  # GPS the site must never publish
    img.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


@pytest.fixture(scope="module")
def editor(apps):
    from core.identity.grants import ensure_user

    _relax_mfa(apps)
    with apps.in_process():
        ensure_user(EDITOR, "Mel Media", PASSWORD, [("marketing", apps.property_id, None)],
                    chain_id=apps.chain_id)
    return EDITOR


def _upload(page, name: str, data: bytes, mime: str) -> None:
    page.locator("#media-upload input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data})
    expect(page.locator("#media-selected")).to_contain_text(name)
    page.locator("#media-upload-submit").click()


def test_upload_pick_publish_and_see_a_responsive_image_on_the_site(apps, editor, page, browser):
    sign_in(page, apps, editor, lands=ANY_PAGE)
    page.goto(f"{apps.pms}/website")
    expect(page.locator("#media-library")).to_be_visible()

    # A program renamed to .jpg is refused by its content; nothing joins the library.
    _upload(page, "holiday.jpg", b"MZ\x90\x00" + b"\0" * 400, "image/jpeg")
    expect(page.locator("#page-error")).to_contain_text("a program, not an image")
    expect(page.locator("#media-grid")).not_to_contain_text("holiday.jpg")

    _upload(page, "terrace.jpg", _photo(), "image/jpeg")
    expect(page.locator("#media-notice")).to_contain_text("1 image(s) added")
    card = page.locator(".media-asset").filter(has_text="terrace.jpg")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("1200 × 800")
    asset_id = card.get_attribute("id").removeprefix("media-")
    alt = page.locator(f"#media-alt-en-{asset_id}")
    alt.fill("The roof terrace at sunset")
    alt.blur()
    expect(page.locator("#media-notice")).to_contain_text("Alt text saved")

    # A new page with a gallery whose image comes from the picker.
    page.locator("#new-page-title").fill("Photos")
    page.locator("#new-page-slug").fill("photos")
    page.locator("#new-page-create").click()
    expect(page.locator("#cms-notice")).to_contain_text("Page created")
    page.locator("#add-block-gallery").click()
    page.locator("#pick-0-images").click()
    page.locator(f"#pick-media-{asset_id}").click()
    expect(page.locator("#block-0-images")).to_have_value(f"media:{asset_id} | ")
    expect(page.locator("#cms-preview img")).to_have_attribute("srcset", re.compile("480w"))
    page.locator("#cms-publish").click()
    expect(page.locator("#cms-notice")).to_contain_text("Published as version 1")

    site = browser.new_context().new_page()
    site.goto(f"{apps.booking}/p/{apps.property_slug}/page/photos")
    img = site.locator(".block-gallery img")
    expect(img).to_have_count(1)
    expect(img).to_have_attribute("alt", "The roof terrace at sunset")
    expect(img).to_have_attribute("loading", "lazy")
    expect(img).to_have_attribute("width", "1200")
    expect(img).to_have_attribute("height", "800")
    srcset = img.get_attribute("srcset")
    assert re.fullmatch(r"\S+-480\.webp 480w, \S+-960\.webp 960w, \S+-1200\.webp 1200w", srcset)
    assert img.get_attribute("sizes")
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("i => i.naturalWidth") > 0  # the browser really loaded a variant
    for entry in srcset.split(", "):
        got = httpx.get(apps.booking + entry.split(" ")[0])
        assert got.status_code == 200 and got.headers["content-type"] == "image/webp"
        assert b"GPS" not in got.content and b"Exif" not in got.content
    site.context.close()

    # While the published page shows it, the photo cannot be deleted; the message names the page.
    page.locator(f"#media-delete-{asset_id}").click()
    page.locator(f"#media-delete-confirm-{asset_id}").click()
    expect(page.locator("#page-error")).to_contain_text("'Photos' (photos)")
    expect(card).to_have_count(1)

    # An image no published page shows is deleted once confirmed.
    _upload(page, "spare.jpg", _photo(), "image/jpeg")
    spare = page.locator(".media-asset").filter(has_text="spare.jpg")
    expect(spare).to_have_count(1)
    spare_id = spare.get_attribute("id").removeprefix("media-")
    page.locator(f"#media-delete-{spare_id}").click()
    page.locator(f"#media-delete-confirm-{spare_id}").click()
    expect(page.locator("#media-notice")).to_contain_text("Image deleted")
    expect(spare).to_have_count(0)
    expect(card).to_have_count(1)
