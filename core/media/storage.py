"""Check, re-encode and store private uploads; read them back only for a permitted actor."""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from core.config import get_settings
from core.db.uow import UnitOfWork
from core.media import rules
from core.media.errors import FileTooLarge, MediaNotFound, UnsupportedFileType
from core.media.models import MediaFile

# A small file can still decode to a huge bitmap ("decompression bomb"); refuse those.
MAX_PIXELS = 50_000_000


@dataclass(frozen=True)
class Processed:
    kind: str
    data: bytes
    thumbnail: bytes | None


def _refuse_type(detail: str = "") -> UnsupportedFileType:
    return UnsupportedFileType("Only JPEG, PNG, WebP or HEIC photos and PDF documents can be "
                               "uploaded" + (f" ({detail})." if detail else "."),
                               fields={"file": "must be a JPEG, PNG, WebP, HEIC image or a PDF"})


def check_size(data: bytes) -> None:
    if len(data) > rules.MAX_UPLOAD_BYTES:
        raise FileTooLarge(f"The file is {len(data) / 1_048_576:.1f} MB; the limit is "
                           f"{rules.MAX_UPLOAD_BYTES // 1_048_576} MB.",
                           fields={"file": "larger than 10 MB"})
    if not data:
        raise _refuse_type("the file is empty")


def _open(kind: str, data: bytes) -> Image.Image:
    if kind == rules.HEIC:
        import pillow_heif  # imported on first HEIC only: it loads a native codec

        return pillow_heif.open_heif(io.BytesIO(data)).to_pillow()
    return Image.open(io.BytesIO(data))


def decode_image(kind: str, data: bytes) -> Image.Image:
    """Fully decode an image of a sniffed kind, upright; refuses truncated files and pixel bombs.

    The returned image carries no EXIF/GPS once saved again (nothing is passed to save()).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = _open(kind, data)
            if img.width * img.height > MAX_PIXELS:
                raise _refuse_type("the image is too large in pixels")
            img.load()
    except UnsupportedFileType:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not a usable image"
        raise _refuse_type("the image could not be read; it may be incomplete") from exc
    return ImageOps.exif_transpose(img)  # keep the photo upright once orientation EXIF is gone


def _reencode(kind: str, data: bytes) -> Processed:
    """Decode and save again: drops EXIF/GPS and anything appended to the image."""
    img = decode_image(kind, data)
    if kind == rules.HEIC:
        kind = "jpeg"
    if kind == "jpeg" and img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    img.thumbnail((rules.MAX_IMAGE_SIDE, rules.MAX_IMAGE_SIDE))
    out = io.BytesIO()
    fmt = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[kind]
    img.save(out, fmt, **({"quality": 85} if kind != "png" else {"optimize": True}))
    thumb = img.convert("RGB")
    thumb.thumbnail(rules.THUMBNAIL_SIZE)
    tout = io.BytesIO()
    thumb.save(tout, "JPEG", quality=80)
    return Processed(kind, out.getvalue(), tout.getvalue())


def sniff_upload(data: bytes) -> str:
    """The kind of an upload from its size and bytes, or a refusal naming the problem."""
    check_size(data)
    kind = rules.sniff(data[:16])
    if kind is None:
        raise _refuse_type(rules.refused_reason(data[:rules.SNIFF_BYTES]))
    return kind


def process_upload(data: bytes) -> Processed:
    """Refuse by size and content first; images come back re-encoded with a JPEG thumbnail."""
    kind = sniff_upload(data)
    if kind == rules.PDF:
        if b"%%EOF" not in data[-2048:]:
            raise _refuse_type("the PDF is incomplete")
        return Processed(kind, data, None)
    return _reencode(kind, data)


def private_root(property_id: uuid.UUID | None) -> Path:
    if property_id is None:  # a control-plane unit of work has no property folder
        raise RuntimeError("media live in a property's unit of work")
    return get_settings().data_dir / "private" / str(property_id) / "media"


def store_upload(uow: UnitOfWork, data: bytes, *, filename: str | None, view_permission: str,
                 owner_type: str | None = None, owner_id: uuid.UUID | None = None) -> MediaFile:
    """Check and store a file for the uow's property; the row is part of the uow's transaction.

    The bytes are written before commit; a rolled-back upload leaves an unreferenced file that
    nobody can reach (the download route looks the row up first).
    """
    processed = process_upload(data)
    media_id = uuid.uuid4()
    ext = "jpg" if processed.kind == "jpeg" else processed.kind
    root = private_root(uow.property_id)
    root.mkdir(parents=True, exist_ok=True)
    path = f"{media_id}.{ext}"
    (root / path).write_bytes(processed.data)
    thumb_path = None
    if processed.thumbnail is not None:
        thumb_path = f"{media_id}.thumb.jpg"
        (root / thumb_path).write_bytes(processed.thumbnail)
    row = MediaFile(id=media_id, kind=processed.kind, content_type=rules.content_type(processed.kind),
                    size=len(processed.data), original_name=rules.safe_name(filename), path=path,
                    thumb_path=thumb_path, view_permission=view_permission,
                    owner_type=owner_type, owner_id=owner_id, uploaded_by=uow.actor.name[:200])
    uow.session.add(row)
    uow.session.flush()
    return row


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    filename: str


def read_media(uow: UnitOfWork, media_id: uuid.UUID, *, thumbnail: bool = False) -> Download:
    """The file's bytes, if the actor holds the permission it was stored with."""
    row = uow.session.get(MediaFile, media_id)
    if row is None:
        raise MediaNotFound("File not found.", fields={"media_id": "no such file"})
    uow.actor.require(row.view_permission)
    rel = row.thumb_path if thumbnail and row.thumb_path else row.path
    try:
        data = (private_root(uow.property_id) / rel).read_bytes()
    except FileNotFoundError:
        raise MediaNotFound("The file is missing from storage.", fields={"media_id": "missing"}) \
            from None
    ctype = "image/jpeg" if rel.endswith(".thumb.jpg") else row.content_type
    return Download(data, ctype, row.original_name)


__all__ = ["process_upload", "store_upload", "read_media", "private_root", "Download",
           "Processed", "decode_image", "sniff_upload"]
