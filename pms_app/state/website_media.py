"""The Website section's media library: upload, alt text, delete, and the block editor's picker.

Mixed into WebsiteState, which provides _write/_read, the block forms and _set_value.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from core.media import library
from core.media.rules import MAX_UPLOAD_BYTES
from core.media.schemas import AssetView

# Block fields that hold an image (hero: one address; gallery: one image per line).
IMAGE_FIELDS = ("image", "images")


def _card(a: AssetView) -> dict[str, str]:
    return {"id": str(a.id), "ref": a.ref, "name": a.original_name, "thumb": a.thumb,
            "size": f"{a.width} × {a.height}", "alt_en": a.alt.get("en", ""),
            "alt_pt": a.alt.get("pt", ""), "variants": ", ".join(
                str(v.width) for v in a.variants)}


class WebsiteMedia(rx.State, mixin=True):
    media: list[dict[str, str]] = []
    media_notice: str = ""
    picker_open: bool = False
    picker_index: int = -1
    picker_field: str = ""
    # The library as the preview needs it (srcset, sizes), keyed by "media:<id>"; server-only.
    _assets: dict[str, Any] = {}

    def _reload_media(self) -> None:
        views = self._read(library.list_assets)
        self._assets = {a.ref: a for a in views}
        self.media = [_card(a) for a in views]

    @rx.event
    async def upload_media(self, files: list[rx.UploadFile]):
        """Each file is checked and processed by core (size, type by content); rx.upload's own
        limits run only in the browser."""
        self.media_notice = ""
        if not files:
            self.error, self.field_errors = "Choose an image to upload.", {"file": "is required"}
            return
        added = 0
        for upload in files:
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            if self._write(library.upload_asset, data, filename=upload.name) is None:
                self.error = f"{upload.name}: {self.error}"
                break
            added += 1
        self._reload_media()
        if added:
            self.media_notice = f"{added} image(s) added to the media library."

    @rx.event
    def set_media_alt(self, asset_id: str, locale: str, text: str):
        self.media_notice = ""
        if self._write(library.set_alt, asset_id, locale, text) is not None:
            self.media_notice = "Alt text saved."
        self._reload_media()
        self._refresh_preview()

    @rx.event
    def delete_media(self, asset_id: str):
        self.media_notice = ""
        self._write(library.delete_asset, asset_id)  # returns nothing; a refusal sets error
        if not self.error:
            self.media_notice = "Image deleted."
        self._reload_media()
        self._refresh_preview()

    @rx.event
    def open_picker(self, index: int, field: str):
        if field in IMAGE_FIELDS:
            self.picker_index, self.picker_field, self.picker_open = index, field, True

    @rx.event
    def close_picker(self, open_: bool = False):
        self.picker_open = open_

    @rx.event
    def pick_media(self, ref: str):
        """Put the image into the field the picker was opened from (a gallery gets a new line)."""
        self.picker_open = False
        if not 0 <= self.picker_index < len(self.blocks):
            return
        if self.picker_field == "images":
            current = self._value(self.picker_index, "images").rstrip("\n")
            self._set_value(self.picker_index, "images",
                            (current + "\n" if current else "") + f"{ref} | ")
        else:
            self._set_value(self.picker_index, "image", ref)
