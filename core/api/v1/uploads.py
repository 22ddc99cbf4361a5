"""POST /api/v1/uploads/photo: a private photo or PDF, checked by content, re-encoded, stored.

HEIC/HEIF photos (what iPhones take) are decoded by core.media and stored as JPEG. The file is
private: it is downloaded through GET /api/v1/properties/{id}/media/{media_id} by callers who
hold the permission of its `purpose`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel

from core.api.deps import CurrentActor
from core.api.v1.common import Envelope, ok
from core.db.uow import property_uow
from core.errors import DomainError, NotFound, ValidationFailed
from core.media.errors import FileTooLarge, UnsupportedFileType
from core.media.rules import MAX_UPLOAD_BYTES
from core.media.storage import store_upload

router = APIRouter(prefix="/api/v1/uploads", tags=["uploads"])
MULTIPART_OVERHEAD = 64 * 1024
# Who may see an upload follows from what it is for.
PURPOSES = {"maintenance": "maintenance.view", "housekeeping": "housekeeping.view",
            "guest_request": "guest_services.manage", "chat": "chat.use"}


class TooLarge(DomainError):
    code = "file_too_large"
    http_status = 413


class UnsupportedMedia(DomainError):
    code = "unsupported_file_type"
    http_status = 415


class UploadOut(BaseModel):
    id: uuid.UUID
    property_id: uuid.UUID
    kind: str
    content_type: str
    size: int
    original_name: str
    purpose: str
    url: str
    thumbnail_url: str | None = None
    created_at: datetime


@router.post("/photo", status_code=201, response_model=Envelope[UploadOut],
             summary="Upload a photo (JPEG, PNG, WebP, HEIC) or a PDF, at most 10 MB")
async def upload_photo(request: Request, actor: CurrentActor,
                       file: Annotated[UploadFile, File(description="The image or PDF")],
                       property_id: Annotated[uuid.UUID | None, Form(
                           description="Default: the property the token was issued for")] = None,
                       purpose: Annotated[str, Form(max_length=40)] = "maintenance") -> dict:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD:
        raise TooLarge("The upload is larger than 10 MB.", fields={"file": "larger than 10 MB"})
    if purpose not in PURPOSES:
        raise ValidationFailed("Say what the file is for.",
                               fields={"purpose": "must be one of " + ", ".join(PURPOSES)},
                               code="invalid_purpose")
    pid = property_id or actor.property_id
    if pid is None:
        raise ValidationFailed("Say which property the file belongs to.",
                               fields={"property_id": "is required"}, code="invalid_property")
    if pid != actor.property_id:
        raise NotFound("Property not found.", fields={"property_id": "not found"})
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise TooLarge(f"The file is larger than the {MAX_UPLOAD_BYTES // 1_048_576} MB limit.",
                       fields={"file": "larger than 10 MB"})
    with property_uow(pid, actor) as uow:
        uow.actor.require(PURPOSES[purpose])
        try:
            row = store_upload(uow, data, filename=file.filename,
                               view_permission=PURPOSES[purpose], owner_type=f"upload:{purpose}")
        except FileTooLarge as exc:
            raise TooLarge(exc.message, fields=exc.fields) from None
        except UnsupportedFileType as exc:
            raise UnsupportedMedia(exc.message, fields=exc.fields) from None
        uow.commit()
    base = f"/api/v1/properties/{pid}/media/{row.id}"
    return ok(UploadOut(id=row.id, property_id=pid, kind=row.kind,
                        content_type=row.content_type, size=row.size,
                        original_name=row.original_name, purpose=purpose, url=base,
                        thumbnail_url=f"{base}?thumbnail=true" if row.thumb_path else None,
                        created_at=row.created_at))
