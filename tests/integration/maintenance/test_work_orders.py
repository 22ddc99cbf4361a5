"""Work orders against the real engine: life cycle, out of order until done, photos kept
private and checked by content, validation and permissions."""

from __future__ import annotations

import io
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reservations"))
from res_support import BACKENDS, make_hotel, sellable  # noqa: E402
from staff_support import DESK, GM, MARIA, TECH, refusal, run_as, staff  # noqa: E402

from core.errors import DomainError  # noqa: E402
from core.maintenance import services as wo  # noqa: E402
from core.maintenance.schemas import WorkOrderCreate, WorkOrderUpdate  # noqa: E402
from core.media.storage import private_root, read_media  # noqa: E402


@pytest.fixture(scope="module", params=BACKENDS)
def hotel(request, tmp_path_factory):
    yield from make_hotel(request, tmp_path_factory)


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (800, 600), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (38.0, 42.0, 0.0)}  # GPS latitude: must not survive the re-encode
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_work_order_goes_open_in_progress_done_verified(hotel):
    rt = hotel.room_type(rooms=1)
    order = run_as(hotel, DESK, wo.create_work_order, WorkOrderCreate(
        room_id=rt.rooms[0], category="plumbing", priority="high",
        description="Shower drains slowly", due_date=hotel.today + timedelta(days=1)))
    assert (order.status, order.reported_by) == ("open", DESK.name)
    assert order.room_number and order.room_id == rt.rooms[0]
    assert refusal(hotel, DESK, wo.change_status, order.id, "in_progress").code == "forbidden"
    started = run_as(hotel, TECH, wo.change_status, order.id, "in_progress")
    assert started.assignee_name == TECH.name and started.started_at is not None
    err = refusal(hotel, TECH, wo.change_status, order.id, "verified")
    assert err.code == "invalid_work_order_transition" and "in progress" in err.message
    done = run_as(hotel, TECH, wo.change_status, order.id, "done", note="Cleared the trap")
    assert done.resolution == "Cleared the trap"
    verified = run_as(hotel, GM, wo.change_status, order.id, "verified")
    assert verified.verified_by == GM.name
    assert refusal(hotel, GM, wo.update_work_order, order.id,
                  WorkOrderUpdate(priority="low")).code == "invalid_work_order_transition"
    with hotel.uow(TECH, write=False) as uow:
        assert order.id not in {o.id for o in wo.list_work_orders(uow, open_only=True)}
        assert order.id in {o.id for o in wo.list_work_orders(uow, status="verified")}


def test_out_of_order_until_done_takes_the_room_out_of_inventory(hotel):
    rt = hotel.room_type(rooms=2)
    today, tomorrow = hotel.today, hotel.today + timedelta(days=1)
    assert sellable(hotel, rt, today, tomorrow + timedelta(days=1)) == 2
    order = run_as(hotel, MARIA, wo.create_work_order, WorkOrderCreate(
        room_id=rt.rooms[0], category="electrical", description="No power in the bathroom",
        source="housekeeping", out_of_order=True, due_date=tomorrow))
    assert order.out_of_order_id is not None
    assert sellable(hotel, rt, today, tomorrow + timedelta(days=1)) == 1
    run_as(hotel, TECH, wo.change_status, order.id, "done")
    assert sellable(hotel, rt, today, tomorrow + timedelta(days=1)) == 2


def test_out_of_order_that_would_oversell_stores_nothing(hotel):
    from res_support import booking

    from core.reservations.services import create_booking

    rt = hotel.room_type(rooms=1)
    with hotel.uow() as uow:
        create_booking(uow, booking(rt, hotel.today, hotel.today + timedelta(days=1)))
        uow.commit()
    err = refusal(hotel, DESK, wo.create_work_order, WorkOrderCreate(
        room_id=rt.rooms[0], category="hvac", description="AC broken", out_of_order=True))
    assert err.code == "not_available"
    with hotel.uow(TECH, write=False) as uow:
        assert wo.list_work_orders(uow, room_id=rt.rooms[0]) == []


def test_invalid_work_orders_name_every_bad_field(hotel):
    err = refusal(hotel, DESK, wo.create_work_order, WorkOrderCreate(
        category="magic", priority="asap", description="  ",
        due_date=hotel.today - timedelta(days=1), out_of_order=True))
    assert err.code == "invalid_work_order"
    assert set(err.fields) == {"room_id", "category", "priority", "description", "due_date",
                               "out_of_order"}
    assert refusal(hotel, staff("marketing", "Mo"), wo.create_work_order, WorkOrderCreate(
        area="Lobby", description="Lamp")).code == "forbidden"
    assert refusal(hotel, TECH, wo.get_work_order, uuid.uuid4()).code == "work_order_not_found"


def test_photos_are_reencoded_private_and_shown_only_to_maintenance_viewers(hotel):
    order = run_as(hotel, MARIA, wo.create_work_order, WorkOrderCreate(
        area="Pool terrace", category="furniture", description="Broken sun lounger",
        source="housekeeping"))
    with_photo = run_as(hotel, MARIA, wo.add_photo, order.id, _jpeg_with_gps(),
                      filename="../../IMG_0001.jpg")
    [media_id] = with_photo.photo_ids
    with hotel.uow(TECH, write=False) as uow:
        full = read_media(uow, media_id)
        thumb = read_media(uow, media_id, thumbnail=True)
    assert full.filename == "IMG_0001.jpg" and full.content_type == "image/jpeg"
    stored = Image.open(io.BytesIO(full.data))
    assert stored.size == (800, 600) and not stored.getexif()
    assert max(Image.open(io.BytesIO(thumb.data)).size) <= 320
    assert str(private_root(hotel.property_id)).endswith(f"private/{hotel.property_id}/media")
    with hotel.uow(MARIA, write=False) as uow, pytest.raises(DomainError) as err:
        read_media(uow, media_id)  # a housekeeper reports problems but does not browse them
    assert err.value.code == "forbidden"


def test_uploads_over_the_cap_or_of_the_wrong_type_are_refused_and_not_stored(hotel):
    order = run_as(hotel, DESK, wo.create_work_order, WorkOrderCreate(
        area="Lobby", description="Flickering light"))
    too_big = b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024)
    assert refusal(hotel, DESK, wo.add_photo, order.id, too_big).code == "file_too_large"
    err = refusal(hotel, DESK, wo.add_photo, order.id, b"MZ\x90\x00 not a photo", filename="x.jpg")
    assert err.code == "unsupported_file_type" and err.fields == {
        "file": "must be a JPEG, PNG, WebP, HEIC image or a PDF"}
    assert refusal(hotel, DESK, wo.add_photo, order.id,
                  b"\xff\xd8\xff\xe0 truncated").code == "unsupported_file_type"
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    # Only the PDF is attached: every refused upload left nothing behind.
    [pdf_id] = run_as(hotel, DESK, wo.add_photo, order.id, pdf, filename="quote.pdf").photo_ids
    with hotel.uow(TECH, write=False) as uow:
        got = read_media(uow, pdf_id)
    assert (got.content_type, got.data) == ("application/pdf", pdf)
