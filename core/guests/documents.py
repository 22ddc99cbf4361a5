"""A guest's ID document scanned at check-in: stored privately, readable only by the desk."""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.media.models import MediaFile
from core.media.storage import store_upload
from core.reservations.queries import get_reservation

OWNER_TYPE = "guest_id_document"
VIEW_PERMISSION = "reservations.check_in"


def attach_id_document(uow: UnitOfWork, reservation_id: uuid.UUID, data: bytes, *,
                       filename: str | None = None) -> MediaFile:
    """Check (10 MB, image or PDF by content) and store the scan under the property's private
    folder, referenced from the reservation's guest. Nothing is stored if the file is refused."""
    uow.actor.require("reservations.check_in")
    res = get_reservation(uow, reservation_id)
    row = store_upload(uow, data, filename=filename, view_permission=VIEW_PERMISSION,
                       owner_type=OWNER_TYPE, owner_id=res.guest_id)
    # No file name or bytes in the event: webhooks and streams must not carry ID details.
    uow.record_event("guests", "guest.id_document_added", res.guest_id,
                     {"reservation_id": res.id, "media_id": row.id, "kind": row.kind})
    return row


def id_documents(uow: UnitOfWork, guest_id: uuid.UUID) -> list[MediaFile]:
    uow.actor.require(VIEW_PERMISSION)
    return list(uow.session.exec(select(MediaFile).where(
        MediaFile.owner_type == OWNER_TYPE, MediaFile.owner_id == guest_id)
        .order_by(col(MediaFile.created_at).desc())).all())
