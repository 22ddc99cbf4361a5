"""Website section: the marketing team edits, previews, publishes and rolls back site pages."""

from __future__ import annotations

from typing import Any

import reflex as rx

from core.cms import editing
from core.cms import services as cms
from core.cms.rules import BLOCK_TYPES, LOCALES, PAGE_KINDS
from core.site.content import flat_block, room_type_cards
from pms_app.state.base import PmsState
from pms_app.state.website_media import WebsiteMedia


class WebsiteState(PmsState, WebsiteMedia):
    pages: list[dict[str, str]] = []
    selected: str = ""
    locale: str = "en"
    title: str = ""
    description: str = ""
    blocks: list[dict[str, Any]] = []
    preview: list[dict[str, Any]] = []
    room_types: list[dict[str, Any]] = []
    versions: list[dict[str, str]] = []
    notice: str = ""
    dirty: bool = False
    block_types: list[str] = list(BLOCK_TYPES)
    page_kinds: list[str] = list(PAGE_KINDS)
    locales: list[str] = list(LOCALES)

    @rx.var
    def can_publish(self) -> bool:
        return "content.publish" in self.permissions

    @rx.event
    def load(self):
        if (redirect := self._check_session()) is not None:
            return redirect
        self.notice = ""
        if not self._can("content.edit"):
            self.error = "The Website section is for the marketing team (content.edit)."
            return None
        self.room_types = self._read(room_type_cards)
        self._reload_media()
        self._reload_pages()
        wanted = self.router.url.query_parameters.get("page", "")
        slugs = [p["slug"] for p in self.pages]
        self._open(wanted if wanted in slugs else (self.selected if self.selected in slugs
                                                   else (slugs[0] if slugs else "")))
        return None

    def _reload_pages(self) -> None:
        self.pages = [{"slug": p.slug, "title": p.title, "kind": p.kind,
                       "status": (f"live v{p.published_number}" if p.published_number
                                  else "not published")
                       + (" · unpublished changes" if p.draft_dirty and p.published_number
                          else "")}
                      for p in self._read(cms.list_pages)]

    def _open(self, slug: str) -> None:
        self.selected, self.dirty = slug, False
        if not slug:
            self.blocks, self.preview, self.versions = [], [], []
            return
        draft = self._read(cms.get_draft, slug)
        content = draft.locales.get(self.locale) or draft.locales.get(draft.default_locale, {})
        self.title = content.get("title", "")
        self.description = content.get("description", "")
        self.blocks = [editing.to_form(b) for b in content.get("blocks", [])]
        self._refresh_preview()
        self.versions = [{"number": str(v.number), "note": v.note, "by": v.published_by,
                          "at": v.created_at.strftime("%d %b %Y %H:%M"),
                          "live": "yes" if v.live else "no"}
                         for v in self._read(cms.versions, slug)]

    def _refresh_preview(self) -> None:
        self.preview = [flat_block(editing.from_form(b), self._assets, self.locale)
                        for b in self.blocks]

    def _changed(self) -> None:
        self.dirty, self.notice = True, ""
        self._refresh_preview()

    @rx.event
    def open_page(self, slug: str):
        self.error, self.field_errors, self.notice = "", {}, ""
        self._open(slug)

    @rx.event
    def set_locale(self, locale: str):
        self.locale = locale if locale in LOCALES else "en"
        self._open(self.selected)

    @rx.event
    def set_title(self, value: str):
        self.title = value
        self.dirty = True

    @rx.event
    def set_description(self, value: str):
        self.description = value
        self.dirty = True

    def _value(self, index: int, name: str) -> str:
        return next((f["value"] for f in self.blocks[index]["fields"] if f["name"] == name), "")

    def _set_value(self, index: int, name: str, value: str) -> None:
        for f in self.blocks[index]["fields"]:
            if f["name"] == name:
                f["value"] = value
        self._changed()

    @rx.event
    def set_field(self, index: int, name: str, value: str):
        self._set_value(index, name, value)

    @rx.event
    def add_block(self, kind: str):
        if kind in BLOCK_TYPES:
            self.blocks.append(editing.empty_block(kind))
            self._changed()

    @rx.event
    def move_block(self, index: int, delta: int):
        other = index + delta
        if 0 <= index < len(self.blocks) and 0 <= other < len(self.blocks):
            self.blocks[index], self.blocks[other] = self.blocks[other], self.blocks[index]
            self._changed()

    @rx.event
    def remove_block(self, index: int):
        if 0 <= index < len(self.blocks):
            self.blocks.pop(index)
            self._changed()

    def _content(self) -> dict[str, Any]:
        return {"title": self.title, "description": self.description,
                "blocks": [editing.from_form(b) for b in self.blocks]}

    @rx.event
    def save(self):
        if self._write(cms.save_draft, self.selected, self.locale, self._content()) is None:
            return
        self.dirty, self.notice = False, "Draft saved. The site shows it once published."
        self._reload_pages()

    @rx.event
    def publish(self):
        if self.dirty and self._write(cms.save_draft, self.selected, self.locale,
                                      self._content()) is None:
            return
        number = self._write(cms.publish, self.selected)
        if number is None:
            return
        self.notice = f"Published as version {number}: it is live on the site."
        self._reload_pages()
        self._open(self.selected)

    @rx.event
    def rollback(self, number: str):
        new = self._write(cms.rollback, self.selected, int(number))
        if new is None:
            return
        self.notice = f"Version {number} is live again (as version {new})."
        self._reload_pages()
        self._open(self.selected)

    @rx.event
    def create_page(self, form: dict[str, Any]):
        draft = self._write(cms.create_page, slug=form.get("slug", ""),
                            kind=form.get("kind", "custom"), title=form.get("title", ""),
                            locale=self.locale, sort_order=len(self.pages))
        if draft is None:
            return
        self._reload_pages()
        self._open(draft.slug)
        self.notice = "Page created. Add blocks, then save and publish."
