"""POST /api/v1/uploads/photo: size cap, type by content, re-encoding, privacy of the stored file."""

from __future__ import annotations

import io

from PIL import Image

URL = "/api/v1/uploads/photo"


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (1200, 900), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (38.0, 42.0, 0.0)}  # GPS: where the housekeeper stood
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def upload(api, data: bytes, name: str, user: str = "hk", **form):
    return api.client.post(URL, files={"file": (name, data, "image/jpeg")},
                           data={"purpose": "housekeeping", **form}, headers=api.headers[user])


def test_a_photo_is_re_encoded_without_exif_and_served_only_to_permitted_staff(api):
    r = upload(api, jpeg_with_gps(), "room 101.jpg")
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["kind"] == "jpeg" and data["property_id"] == str(api.a.id)
    stored = api.client.get(data["url"], headers=api.headers["hk"])
    assert stored.status_code == 200 and stored.headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(stored.content))
    assert not image.getexif() and image.size == (1200, 900)
    thumb = api.client.get(data["thumbnail_url"], headers=api.headers["hk"])
    assert max(Image.open(io.BytesIO(thumb.content)).size) <= 320
    # Not public: no credentials, a user without the permission, or another hotel's staff.
    assert api.client.get(data["url"]).status_code == 401
    assert api.client.get(data["url"], headers=api.headers["rm"]).status_code == 403
    other = data["url"].replace(str(api.a.id), str(api.b.id))
    assert api.client.get(other, headers=api.headers["desk_b"]).status_code == 404


def test_one_byte_over_ten_megabytes_is_refused_with_413(api):
    big = b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 - 2)
    r = upload(api, big, "huge.jpg")
    assert r.status_code == 413 and r.json()["error"]["code"] == "file_too_large"
    assert "file" in r.json()["error"]["fields"]


def test_an_executable_renamed_jpg_is_refused_by_its_content(api):
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\0" * 200
    r = upload(api, elf, "holiday.jpg")
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_file_type"
    script = b"MZ\x90\x00" + b"\0" * 100
    assert upload(api, script, "scan.pdf").status_code == 415


def test_a_truncated_image_is_refused(api):
    whole = jpeg_with_gps()
    r = upload(api, whole[: len(whole) // 3], "cut.jpg")
    assert r.status_code == 415 and "file" in r.json()["error"]["fields"]


def test_a_valid_pdf_is_stored_as_is(api):
    r = upload(api, pdf(), "invoice.pdf", user="desk", purpose="maintenance")
    assert r.status_code == 201, r.text
    assert r.json()["data"]["kind"] == "pdf" and r.json()["data"]["thumbnail_url"] is None
    got = api.client.get(r.json()["data"]["url"], headers=api.headers["desk"])
    assert got.content == pdf() and got.headers["content-type"] == "application/pdf"


def test_a_heic_photo_is_stored_as_jpeg(api):
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (64, 48), (200, 10, 10))).save(out, quality=80)
    r = upload(api, out.getvalue(), "IMG_0001.HEIC")
    assert r.status_code == 201, r.text
    assert r.json()["data"]["kind"] == "jpeg" and r.json()["data"]["content_type"] == "image/jpeg"


def test_uploads_need_a_permission_for_their_purpose_and_a_known_purpose(api):
    assert upload(api, pdf(), "x.pdf", user="rm").status_code == 403
    bad = upload(api, pdf(), "x.pdf", purpose="anything")
    assert bad.status_code == 422 and "purpose" in bad.json()["error"]["fields"]
    elsewhere = upload(api, pdf(), "x.pdf", property_id=str(api.b.id))
    assert elsewhere.status_code == 404
    assert api.client.post(URL, files={"file": ("x.pdf", pdf())}).status_code == 401
