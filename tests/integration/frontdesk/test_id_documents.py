"""ID scans at check-in are stored privately, checked by size and content, and only for the desk."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from desk_support import CONCIERGE
from PIL import Image

from core.config import get_settings
from core.errors import DomainError, PermissionDenied
from core.guests.documents import attach_id_document, id_documents
from core.media.storage import read_media


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 40), (20, 120, 200)).save(buf, format="PNG")
    return buf.getvalue()


def test_a_scan_is_stored_in_the_private_folder_and_read_back_by_the_desk(hotel):
    res = hotel.book(hotel.today + timedelta(days=70)).reservations[0]

    with hotel.uow() as uow:
        row = attach_id_document(uow, res.id, _png(), filename="passport.png")
        uow.commit()
    with hotel.uow(write=False) as uow:
        docs = id_documents(uow, res.guest_id)
        download = read_media(uow, docs[0].id)

    private = get_settings().data_dir / "private" / str(hotel.property_id)
    assert [d.id for d in docs] == [row.id]
    assert (private / "media" / row.path).is_file()
    assert download.data[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")


@pytest.mark.parametrize("data,code", [
    (b"%!PS-Adobe not an image or a PDF", "unsupported_file_type"),
    (b"\x89PNG" + b"\0" * (10 * 1024 * 1024 + 1), "file_too_large"),
])
def test_wrong_or_oversized_files_are_refused_and_nothing_is_kept(hotel, data, code):
    res = hotel.book(hotel.today + timedelta(days=71)).reservations[0]

    with hotel.uow() as uow, pytest.raises(DomainError) as err:
        attach_id_document(uow, res.id, data, filename="id.jpg")
    with hotel.uow(write=False) as uow:
        docs = id_documents(uow, res.guest_id)

    assert err.value.code == code and "file" in err.value.fields
    assert docs == []


def test_a_concierge_may_not_attach_or_read_id_scans(hotel):
    res = hotel.book(hotel.today + timedelta(days=72)).reservations[0]

    with hotel.uow(CONCIERGE) as uow, pytest.raises(PermissionDenied):
        attach_id_document(uow, res.id, _png())
    with hotel.uow(CONCIERGE, write=False) as uow, pytest.raises(PermissionDenied):
        id_documents(uow, res.guest_id)
