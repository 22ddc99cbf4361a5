"""The site's media library on both backends, with real image bytes made by Pillow: variants,
EXIF stripped, refusals that name the problem and store nothing, alt text, delete rules, and
what the public page and the /site-media route serve."""

from __future__ import annotations

import io
import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import select

from core.actor import Actor
from core.audit.models import AuditEntry
from core.cms import services as cms
from core.db.uow import property_uow
from core.errors import DomainError, PermissionDenied
from core.events.models import OutboxEvent
from core.media import library
from core.media.models import MediaAsset
from core.media.storage import private_root
from core.site.content import page_view

EDITOR = Actor(kind="staff", name="Mia Marketing",
               permissions=frozenset({"content.edit", "content.publish"}))
DESK = Actor(kind="staff", name="Dan Desk", permissions=frozenset({"reservations.check_in"}))
GUEST = Actor(kind="guest")


def jpeg_with_gps(size=(2000, 1200)) -> bytes:
    img = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"                       # Make
    exif[0x8825] = {1: "N", 2: (38.0, 42.0, 0.0)}     # GPS: where the photo was taken
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png(size=(300, 200), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 10, 10, 128) if mode == "RGBA" else (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def pid(module_tenant):
    return module_tenant.make_property("Media Hotel")


def _upload(pid, data, name="photo.jpg", alt=None, actor=EDITOR):
    with property_uow(pid, actor) as uow:
        view = library.upload_asset(uow, data, filename=name, alt=alt)
        uow.commit()
    return view


def _publish_home(pid, blocks, locale="en"):
    with property_uow(pid, EDITOR) as uow:
        if not any(p.slug == "home" for p in cms.list_pages(uow)):
            cms.create_page(uow, slug="home", kind="home", title="Home")
        cms.save_draft(uow, "home", locale, {"title": "Home", "blocks": blocks})
        cms.publish(uow, "home")
        uow.commit()


def test_a_photo_becomes_public_webp_variants_without_exif(pid):
    view = _upload(pid, jpeg_with_gps(), "IMG_0042.jpg", alt={"en": "The river at dusk"})
    assert [(v.width, v.height) for v in view.variants] == [(480, 288), (960, 576), (1600, 960)]
    assert (view.width, view.height) == (1600, 960) and view.ref == f"media:{view.id}"
    assert view.srcset.endswith("-1600.webp 1600w") and view.alt == {"en": "The river at dusk"}
    root = library.public_root(pid)
    for v in view.variants:
        path = root / v.url.rsplit("/", 1)[1]
        assert v.url.startswith(f"/site-media/{pid}/")
        with Image.open(path) as stored:
            assert stored.format == "WEBP" and stored.size == (v.width, v.height)
            assert not stored.getexif() and "exif" not in stored.info
        assert b"PhoneMaker" not in path.read_bytes()
    # Public images never land in the private folder ID scans live in (and vice versa).
    assert not private_root(pid).exists() or not any(private_root(pid).glob(f"{view.id}*"))
    with property_uow(pid, EDITOR, write=False) as uow:
        row = uow.session.get(MediaAsset, view.id)
        assert row is not None and row.uploaded_by == "Mia Marketing"
        assert row.original_name == "IMG_0042.jpg"
        assert uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "media.uploaded", AuditEntry.entity_id == str(view.id))).first()
        event = uow.session.exec(select(OutboxEvent).where(
            OutboxEvent.type == "media.asset_added")).all()[-1]
        assert event.topic == "content" and event.payload["variants"] == 3


def test_small_images_are_never_upscaled_and_keep_transparency(pid):
    view = _upload(pid, png((300, 200)), "logo.png")
    assert [(v.width, v.height) for v in view.variants] == [(300, 200)]
    with Image.open(library.public_root(pid) / view.variants[0].url.rsplit("/", 1)[1]) as img:
        assert img.mode == "RGBA"
    middle = _upload(pid, png((1000, 500), "RGB"), "wide.png")
    assert [v.width for v in middle.variants] == [480, 960, 1000]


def test_a_heic_photo_is_accepted(pid):
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (640, 480), (200, 10, 10))).save(out, quality=80)
    view = _upload(pid, out.getvalue(), "IMG_0001.HEIC")
    assert [(v.width, v.height) for v in view.variants] == [(480, 360), (640, 480)]


@pytest.mark.parametrize(("data", "name", "words"), [
    (b"MZ\x90\x00" + b"\0" * 200, "holiday.jpg", "a program, not an image"),
    (jpeg_with_gps((800, 600))[:3000], "cut.jpg", "could not be read"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg",
     "SVG images can carry scripts"),
    (b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "menu.pdf", "this file is a PDF"),
    (b"", "empty.jpg", "the file is empty"),
])
def test_files_that_are_not_usable_images_are_refused_by_content_and_store_nothing(
        pid, data, name, words):
    before = set(library.public_root(pid).glob("*")) if library.public_root(pid).exists() \
        else set()
    with property_uow(pid, EDITOR, write=False) as uow:
        rows = len(uow.session.exec(select(MediaAsset)).all())
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        library.upload_asset(uow, data, filename=name)
    assert err.value.code == "unsupported_file_type" and words in err.value.message
    assert "file" in err.value.fields
    after = set(library.public_root(pid).glob("*")) if library.public_root(pid).exists() \
        else set()
    assert after == before
    with property_uow(pid, EDITOR, write=False) as uow:
        assert len(uow.session.exec(select(MediaAsset)).all()) == rows


def test_files_over_ten_megabytes_are_refused_before_decoding(pid):
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        library.upload_asset(uow, b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), filename="big.jpg")
    assert err.value.code == "file_too_large" and "limit is 10 MB" in err.value.message


def test_only_the_website_editors_may_use_the_library(pid):
    with property_uow(pid, DESK) as uow, pytest.raises(PermissionDenied):
        library.upload_asset(uow, png(), filename="x.png")
    with property_uow(pid, DESK, write=False) as uow, pytest.raises(PermissionDenied):
        library.list_assets(uow)


def test_alt_text_is_edited_per_language_and_checked(pid):
    view = _upload(pid, png((600, 400), "RGB"), "pool.png", alt={"en": "Pool"})
    with property_uow(pid, EDITOR) as uow:
        library.set_alt(uow, view.id, "pt", "Piscina ao pôr do sol")
        uow.commit()
    with property_uow(pid, EDITOR) as uow:
        with pytest.raises(DomainError) as err:
            library.set_alt(uow, view.id, "fr", "Piscine")
        assert err.value.fields == {"alt.fr": "use en, pt"}
        with pytest.raises(DomainError) as err:
            library.set_alt(uow, view.id, "en", "x" * 201)
        assert "200" in err.value.message
        with pytest.raises(DomainError) as err:
            library.set_alt(uow, uuid.uuid4(), "en", "x")
        assert err.value.code == "media_not_found"
    with property_uow(pid, EDITOR, write=False) as uow:
        got = next(a for a in library.list_assets(uow) if a.id == view.id)
        assert got.alt == {"en": "Pool", "pt": "Piscina ao pôr do sol"}
        changes = uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "media.alt_changed", AuditEntry.entity_id == str(view.id))).all()
        assert len(changes) == 1
    with property_uow(pid, EDITOR) as uow:  # saving the same text again records nothing
        library.set_alt(uow, view.id, "pt", "Piscina ao pôr do sol")
        uow.commit()
    with property_uow(pid, EDITOR, write=False) as uow:
        assert len(uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "media.alt_changed",
            AuditEntry.entity_id == str(view.id))).all()) == 1


def test_a_published_page_renders_library_images_with_srcset_size_and_alt(pid):
    photo = _upload(pid, jpeg_with_gps(), "front.jpg", alt={"en": "Front", "pt": "Fachada"})
    _publish_home(pid, [
        {"type": "hero", "heading": "Welcome", "image": photo.ref},
        {"type": "gallery", "images": [{"src": photo.ref, "alt": ""},
                                       {"src": "/site/room.svg", "alt": "A room"}]}])
    with property_uow(pid, GUEST, write=False) as uow:
        hero, gallery = page_view(uow, "home", "pt").blocks
    assert hero["image"] == photo.variants[1].url and hero["image_srcset"] == photo.srcset
    assert (hero["image_width"], hero["image_height"], hero["image_alt"]) == ("1600", "960",
                                                                             "Front")
    first, second = gallery["items"]
    assert first["srcset"] == photo.srcset and first["sizes"] and first["width"] == "1600"
    assert first["title"] == "Front"  # the page falls back to English: it has no Portuguese
    assert (second["src"], second["srcset"], second["title"]) == ("/site/room.svg", "", "A room")


def test_an_image_on_a_published_page_cannot_be_deleted_until_it_is_taken_off(pid):
    photo = _upload(pid, png((900, 600), "RGB"), "terrace.png")
    _publish_home(pid, [{"type": "gallery", "heading": "Terrace",
                         "images": [{"src": photo.ref, "alt": "Terrace"}]}])
    with property_uow(pid, EDITOR, write=False) as uow:
        with_photo = cms.versions(uow, "home")[0].number
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        library.delete_asset(uow, photo.id)
    assert err.value.code == "media_in_use" and "'Home' (home)" in err.value.message
    files = [library.public_root(pid) / v.url.rsplit("/", 1)[1] for v in photo.variants]
    assert all(f.exists() for f in files)

    # A draft still using it does not block: only what the public sees does.
    _publish_home(pid, [{"type": "text", "markdown": "No photos today."}])
    with property_uow(pid, EDITOR) as uow:
        cms.save_draft(uow, "home", "en", {"title": "Home", "blocks": [
            {"type": "hero", "heading": "Soon", "image": photo.ref}]})
        library.delete_asset(uow, photo.id)
        assert all(f.exists() for f in files)  # files go only once the removal commits
        uow.commit()
    assert not any(f.exists() for f in files)
    with property_uow(pid, GUEST, write=False) as uow:
        assert uow.session.exec(select(AuditEntry).where(
            AuditEntry.action == "media.deleted", AuditEntry.entity_id == str(photo.id))).first()

    # That draft can no longer be published or saved, and says which image is gone.
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        cms.publish(uow, "home")
    assert err.value.fields == {"blocks.0.image": "no longer in the media library; "
                                                  "choose another image"}
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        cms.save_draft(uow, "home", "en", {"title": "Home", "blocks": [
            {"type": "gallery", "images": [{"src": "/site/room.svg"}, {"src": photo.ref}]}]})
    assert list(err.value.fields) == ["blocks.0.images.1.src"]
    with property_uow(pid, GUEST, write=False) as uow:
        assert page_view(uow, "home", "en").blocks[0]["markdown"] == "No photos today."

    # Rolling back to the version that showed it leaves the image out, not a broken link.
    with property_uow(pid, EDITOR) as uow:
        cms.rollback(uow, "home", with_photo)
        uow.commit()
    with property_uow(pid, GUEST, write=False) as uow:
        assert page_view(uow, "home", "en").blocks[0]["items"] == []


def test_blocks_refuse_a_malformed_library_reference(pid):
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        cms.create_page(uow, slug="bad-media", kind="custom", title="Bad")
        cms.save_draft(uow, "bad-media", "en", {"title": "Bad", "blocks": [
            {"type": "hero", "heading": "x", "image": "media:../../etc/passwd"}]})
    assert err.value.fields == {"blocks.0.image": "pick the image from the media library"}


def test_the_site_media_route_serves_variants_and_nothing_else(pid):
    from core.api.site_media import router

    photo = _upload(pid, png((500, 300), "RGB"), "lobby.png")
    app = FastAPI()
    app.include_router(router)
    from core.api.errors import install_error_handlers

    install_error_handlers(app)
    client = TestClient(app)
    got = client.get(photo.variants[0].url)
    assert got.status_code == 200 and got.headers["content-type"] == "image/webp"
    assert "immutable" in got.headers["cache-control"]
    assert got.content[:4] == b"RIFF"
    assert client.get(f"/site-media/{pid}/..%2F..%2Fcontrol.db").status_code == 404
    assert client.get(f"/site-media/{pid}/{uuid.uuid4()}-480.webp").status_code == 404
    assert client.get(f"/site-media/{uuid.uuid4()}/{photo.variants[0].url.rsplit('/', 1)[1]}"
                      ).status_code == 404


def test_demo_sites_show_processed_library_photos_and_reseeding_adds_none(module_tenant):
    import time

    from core.demo.site import seed_site

    demo = module_tenant.make_property("Demo Media Hotel")
    started = time.perf_counter()
    seed_site(demo, name="Demo Media Hotel", address="Rua 1, Lisboa")
    assert time.perf_counter() - started < 10  # demo seeding stays quick
    seed_site(demo, name="Demo Media Hotel", address="Rua 1, Lisboa")
    with property_uow(demo, EDITOR, write=False) as uow:
        assets = library.list_assets(uow)
        assert len(assets) == 3 and all(set(a.alt) == {"en", "pt"} for a in assets)
    with property_uow(demo, GUEST, write=False) as uow:
        blocks = page_view(uow, "home", "pt").blocks
    hero = blocks[0]
    gallery = next(b for b in blocks if b["type"] == "gallery")
    assert hero["image_srcset"].count("w,") == 2 and hero["image_alt"].startswith("O Demo")
    assert [i["title"] for i in gallery["items"]][1] == "Um quarto com cama de casal"
