"""The site's media library: upload an image as public resized variants, list, alt text, delete.

Files live under data_dir/public/<property>/media (served as /site-media/...), apart from the
private uploads (ID scans, work-order photos) that core.media.storage keeps under data_dir/private.
"""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path
from typing import Any

from PIL import Image
from sqlmodel import col, select

from core.audit import log as audit
from core.cms.models import CmsPage, CmsPageVersion
from core.cms.rules import LOCALES, localized
from core.config import get_settings
from core.db.uow import UnitOfWork
from core.media import rules
from core.media.errors import InvalidAltText, MediaInUse, MediaNotFound, UnsupportedFileType
from core.media.models import MediaAsset
from core.media.schemas import AssetView, Variant
from core.media.storage import decode_image, sniff_upload

TOPIC = "content"
PERMISSION = "content.edit"  # the marketing team's CMS permission


def public_root(property_id: uuid.UUID | None) -> Path:
    if property_id is None:
        raise RuntimeError("media live in a property's unit of work")
    return get_settings().data_dir / "public" / str(property_id) / "media"


def _view(uow: UnitOfWork, row: MediaAsset) -> AssetView:
    return AssetView(id=row.id, ref=rules.media_ref(row.id), original_name=row.original_name,
                     width=row.width, height=row.height, alt=dict(row.alt or {}),
                     variants=[Variant(width=v["width"], height=v["height"],
                                       url=rules.public_url(uow.property_id, v["file"]))
                               for v in row.variants],
                     uploaded_by=row.uploaded_by, created_at=row.created_at)


def _check_alt(alt: dict[str, str]) -> dict[str, str]:
    out = {}
    for locale, text in alt.items():
        where = f"alt.{locale}"
        if locale not in LOCALES:
            raise InvalidAltText("That language is not offered.",
                                 fields={where: "use " + ", ".join(LOCALES)})
        text = (text or "").strip()
        if len(text) > rules.MAX_ALT:
            raise InvalidAltText(f"Alt text is at most {rules.MAX_ALT} characters.",
                                 fields={where: f"at most {rules.MAX_ALT} characters"})
        if text:
            out[locale] = text
    return out


def make_variants(image: Image.Image) -> list[tuple[int, int, bytes]]:
    """WebP renditions at rules.variant_widths (never wider than the image): (w, h, bytes)."""
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    base = image.convert(mode)
    out = []
    for width in rules.variant_widths(base.width):
        height = max(1, round(base.height * width / base.width))
        resized = base if width == base.width else base.resize((width, height),
                                                               Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        resized.save(buf, "WEBP", quality=82, method=4)  # no exif= : nothing of EXIF survives
        out.append((width, height, buf.getvalue()))
    return out


def upload_asset(uow: UnitOfWork, data: bytes, *, filename: str | None,
                 alt: dict[str, str] | None = None) -> AssetView:
    """Check (10 MB, JPEG/PNG/WebP/HEIC by content, fully decodable), strip EXIF, store variants.

    Nothing is stored when the file is refused. Files are written before commit; a rolled-back
    upload leaves files no row points to, never a row without files.
    """
    uow.actor.require(PERMISSION)
    clean_alt = _check_alt(alt or {})
    kind = sniff_upload(data)
    if kind == rules.PDF:
        raise UnsupportedFileType("The media library takes JPEG, PNG, WebP or HEIC images "
                                  "(this file is a PDF).", fields={"file": "must be an image"})
    variants = make_variants(decode_image(kind, data))
    asset_id = uuid.uuid4()
    root = public_root(uow.property_id)
    root.mkdir(parents=True, exist_ok=True)
    stored: list[dict[str, Any]] = []
    for width, height, body in variants:
        name = f"{asset_id}-{width}.webp"
        (root / name).write_bytes(body)
        stored.append({"width": width, "height": height, "file": name, "bytes": len(body)})
    widest = stored[-1]
    row = MediaAsset(id=asset_id, original_name=rules.safe_name(filename),
                     width=widest["width"], height=widest["height"], alt=clean_alt,
                     variants=stored, uploaded_by=uow.actor.name[:200])
    uow.session.add(row)
    uow.session.flush()
    audit.record(uow, "media.uploaded", "media_asset", row.id, summary=row.original_name)
    uow.record_event(TOPIC, "media.asset_added", row.id,
                     {"width": row.width, "height": row.height, "variants": len(stored)})
    return _view(uow, row)


def _row(uow: UnitOfWork, asset_id: uuid.UUID | str) -> MediaAsset:
    try:
        key = asset_id if isinstance(asset_id, uuid.UUID) else uuid.UUID(str(asset_id))
    except ValueError:
        key = None
    row = uow.session.get(MediaAsset, key) if key else None
    if row is None:
        raise MediaNotFound("That image is not in the media library.",
                            fields={"asset_id": "no such image"})
    return row


def list_assets(uow: UnitOfWork) -> list[AssetView]:
    uow.actor.require(PERMISSION)
    rows = uow.session.exec(select(MediaAsset).order_by(col(MediaAsset.created_at).desc())).all()
    return [_view(uow, r) for r in rows]


def set_alt(uow: UnitOfWork, asset_id: uuid.UUID | str, locale: str, text: str) -> AssetView:
    """Describe the image for screen readers in one language (empty text removes it)."""
    uow.actor.require(PERMISSION)
    row = _row(uow, asset_id)
    alt = dict(row.alt or {})
    alt.pop(locale, None)
    alt.update(_check_alt({locale: text}))
    before = (row.alt or {}).get(locale, "")
    if before == alt.get(locale, ""):
        return _view(uow, row)  # the editor saves on leaving the field: no change, no audit entry
    row.alt = alt  # a new dict, so the JSON column is seen as changed
    uow.session.add(row)
    audit.record(uow, "media.alt_changed", "media_asset", row.id, summary=row.original_name,
                 changes={f"alt.{locale}": [before, alt.get(locale, "")]})
    return _view(uow, row)


def published_pages_using(uow: UnitOfWork, asset_id: uuid.UUID) -> list[str]:
    """'Title (slug)' of every page whose live version shows the image."""
    needle = json.dumps(rules.media_ref(asset_id))
    pages = uow.session.exec(select(CmsPage).where(col(CmsPage.published_number).is_not(None))
                             .order_by(col(CmsPage.sort_order), col(CmsPage.slug))).all()
    names = []
    for page in pages:
        live = uow.session.exec(select(CmsPageVersion).where(
            CmsPageVersion.page_id == page.id,
            CmsPageVersion.number == page.published_number)).first()
        if live is not None and needle in json.dumps(live.content):
            _, content = localized(live.content.get("locales", {}), page.default_locale,
                                   page.default_locale)
            names.append(f"'{content.get('title') or page.slug}' ({page.slug})")
    return names


def delete_asset(uow: UnitOfWork, asset_id: uuid.UUID | str) -> None:
    """Remove an image no published page shows; its files go once the removal commits."""
    uow.actor.require(PERMISSION)
    row = _row(uow, asset_id)
    used = published_pages_using(uow, row.id)
    if used:
        raise MediaInUse(f"The image is shown on the published page {', '.join(used)}; "
                         "remove it from that page and publish before deleting it.",
                         fields={"asset_id": "used on " + ", ".join(used)})
    files = [public_root(uow.property_id) / v["file"] for v in row.variants]
    audit.record(uow, "media.deleted", "media_asset", row.id, summary=row.original_name)
    uow.record_event(TOPIC, "media.asset_deleted", row.id, {})
    uow.session.delete(row)
    uow.after_commit(lambda: [f.unlink(missing_ok=True) for f in files])


def assets_for(uow: UnitOfWork, refs: list[Any]) -> dict[str, AssetView]:
    """Library images behind "media:<id>" references, keyed by reference (public read; a
    reference to a deleted image is simply absent)."""
    ids = {uuid.UUID(i) for i in (rules.parse_media_ref(r) for r in refs) if i}
    if not ids:
        return {}
    rows = uow.session.exec(select(MediaAsset).where(col(MediaAsset.id).in_(ids))).all()
    return {rules.media_ref(r.id): _view(uow, r) for r in rows}
