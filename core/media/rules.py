"""What an upload may be: decided from its bytes (magic numbers), never from its name or header."""

from __future__ import annotations

import re

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
THUMBNAIL_SIZE = (320, 320)
MAX_IMAGE_SIDE = 2560  # re-encoded originals are capped: phone photos are 4000+ px wide

IMAGE_KINDS = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PDF = "pdf"
HEIC = "heic"  # iPhone photos: decoded with pillow-heif and stored as JPEG, never as HEIC
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
SNIFF_BYTES = 512  # enough to recognise the kinds above and to name common refused ones


def sniff(head: bytes) -> str | None:
    """The file kind from its first bytes: "jpeg", "png", "webp", "pdf" or None (refused)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return PDF
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    return None


def refused_reason(head: bytes) -> str:
    """Why a file that is none of the accepted kinds is refused, when it is recognisable."""
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in lowered:
        return "SVG images can carry scripts and are not accepted"
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        return "the file is a program, not an image"
    if head.startswith(b"GIF8"):
        return "GIF images are not accepted"
    return ""


def content_type(kind: str) -> str:
    return "application/pdf" if kind == PDF else IMAGE_KINDS[kind]


def safe_name(name: str | None) -> str:
    """A display name only (never a path): last path part, printable, at most 120 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:120] or "upload"


# The public media library (the site's images): resized variants, never upscaled.
VARIANT_WIDTHS = (480, 960, 1600)
MAX_ALT = 200
MEDIA_REF_PREFIX = "media:"
MEDIA_REF_RE = re.compile(r"^media:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
PUBLIC_FILE_RE = re.compile(r"^[0-9a-f-]{36}-[0-9]{1,4}\.webp$")


def variant_widths(width: int) -> list[int]:
    """The widths to make of an image `width` px wide: the standard ones below it, plus the image
    itself up to the largest standard width (a 700 px image gives [480, 700])."""
    below = [w for w in VARIANT_WIDTHS if w < width]
    top = min(width, VARIANT_WIDTHS[-1])
    return below + ([top] if top not in below else [])


def media_ref(asset_id: object) -> str:
    """How a CMS block refers to a library image."""
    return f"{MEDIA_REF_PREFIX}{asset_id}"


def parse_media_ref(value: object) -> str | None:
    """The asset id in a "media:<id>" reference, else None (a plain image address)."""
    match = MEDIA_REF_RE.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None
PUBLIC_URL_PREFIX = "/site-media"  # served by core.api.site_media from data_dir/public


def public_url(property_id: object, file: str) -> str:
    return f"{PUBLIC_URL_PREFIX}/{property_id}/{file}"
