"""What an upload may be: decided from its bytes (magic numbers), never from its name or header."""

from __future__ import annotations

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
THUMBNAIL_SIZE = (320, 320)
MAX_IMAGE_SIDE = 2560  # re-encoded originals are capped: phone photos are 4000+ px wide

IMAGE_KINDS = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PDF = "pdf"


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
    return None


def content_type(kind: str) -> str:
    return "application/pdf" if kind == PDF else IMAGE_KINDS[kind]


def safe_name(name: str | None) -> str:
    """A display name only (never a path): last path part, printable, at most 120 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:120] or "upload"
