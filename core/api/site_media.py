"""GET /site-media/{property}/{file}: the media library's public image variants.

Only names the library writes (uuid-width.webp) are served, from the public folder; private
uploads (ID scans, work-order photos) live elsewhere and are never reachable from here.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import FileResponse

from core.errors import NotFound
from core.media.library import public_root
from core.media.rules import PUBLIC_FILE_RE, PUBLIC_URL_PREFIX

router = APIRouter(tags=["site"])
# A variant's name is new for every upload, so browsers and CDNs may keep it for good.
IMMUTABLE = "public, max-age=31536000, immutable"


@router.get(PUBLIC_URL_PREFIX + "/{property_id}/{file}", include_in_schema=False)
def site_media(property_id: uuid.UUID, file: str) -> FileResponse:
    path = public_root(property_id) / file
    if not PUBLIC_FILE_RE.match(file) or not path.is_file():
        raise NotFound("Image not found.", fields={"file": "no such image"})
    return FileResponse(path, media_type="image/webp", headers={"Cache-Control": IMMUTABLE})
