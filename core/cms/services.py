"""CMS use cases: create and edit drafts, publish, roll back, and read published pages."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import col, select

from core.audit import log as audit
from core.cms import rules
from core.cms.errors import NothingToPublish, PageExists, PageNotFound, VersionNotFound
from core.cms.models import CmsPage, CmsPageVersion
from core.cms.schemas import PageDraft, PageSummary, RenderedPage, VersionSummary
from core.db.uow import UnitOfWork
from core.media.models import MediaAsset
from core.media.rules import parse_media_ref
from core.timeutil import utcnow

TOPIC = "content"


def _page(uow: UnitOfWork, slug: str, *, for_update: bool = False) -> CmsPage:
    stmt = select(CmsPage).where(CmsPage.slug == slug)
    if for_update and uow.dialect == "postgresql":
        stmt = stmt.with_for_update()
    page = uow.session.exec(stmt).first()
    if page is None:
        raise PageNotFound(f"There is no page '{slug}'.", fields={"slug": "no such page"})
    return page


def _locales(page: CmsPage) -> dict[str, dict[str, Any]]:
    return dict((page.draft or {}).get("locales", {}))


def _draft(page: CmsPage) -> PageDraft:
    return PageDraft(id=page.id, slug=page.slug, kind=page.kind,
                     default_locale=page.default_locale, locales=_locales(page),
                     published_number=page.published_number, draft_dirty=page.draft_dirty)


def list_pages(uow: UnitOfWork) -> list[PageSummary]:
    uow.actor.require("content.edit")
    pages = uow.session.exec(select(CmsPage).order_by(col(CmsPage.sort_order),
                                                      col(CmsPage.slug))).all()
    out = []
    for p in pages:
        locs = _locales(p)
        _, content = rules.localized(locs, p.default_locale, p.default_locale)
        out.append(PageSummary(id=p.id, slug=p.slug, kind=p.kind, title=content.get("title", ""),
                               sort_order=p.sort_order, published_number=p.published_number,
                               draft_dirty=p.draft_dirty, locales=sorted(locs)))
    return out


def create_page(uow: UnitOfWork, *, slug: str, kind: str, title: str, locale: str = "en",
                sort_order: int = 0) -> PageDraft:
    uow.actor.require("content.edit")
    slug, kind, locale = rules.check_slug(slug), rules.check_kind(kind), rules.check_locale(locale)
    content = rules.check_content({"title": title, "blocks": []})
    if uow.session.exec(select(CmsPage).where(CmsPage.slug == slug)).first() is not None:
        raise PageExists(f"A page '{slug}' already exists.", fields={"slug": "already used"})
    page = CmsPage(slug=slug, kind=kind, sort_order=sort_order, default_locale=locale,
                   draft={"locales": {locale: content}})
    uow.session.add(page)
    uow.session.flush()
    audit.record(uow, "cms.page_created", "cms_page", page.id, summary=slug)
    return _draft(page)


def get_draft(uow: UnitOfWork, slug: str) -> PageDraft:
    uow.actor.require("content.edit")
    return _draft(_page(uow, slug))


def _check_library_images(uow: UnitOfWork, blocks: list[dict[str, Any]]) -> None:
    """Every "media:<id>" a block names must still be in the media library."""
    wanted: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if parse_media_ref(block.get("image")):
            wanted[f"blocks.{i}.image"] = parse_media_ref(block["image"]) or ""
        for j, item in enumerate(block.get("images") or []):
            if parse_media_ref(item.get("src")):
                wanted[f"blocks.{i}.images.{j}.src"] = parse_media_ref(item["src"]) or ""
    if not wanted:
        return
    known = {str(i) for i in uow.session.exec(select(MediaAsset.id).where(
        col(MediaAsset.id).in_([uuid.UUID(v) for v in set(wanted.values())]))).all()}
    missing = {where: "no longer in the media library; choose another image"
               for where, asset in wanted.items() if asset not in known}
    if missing:
        raise rules.InvalidContent("An image on this page was deleted from the media library.",
                                   fields=missing)


def save_draft(uow: UnitOfWork, slug: str, locale: str, content: dict[str, Any]) -> PageDraft:
    """Replace one locale's draft; the public site keeps showing the published version."""
    uow.actor.require("content.edit")
    locale = rules.check_locale(locale)
    clean = rules.check_content(content)
    _check_library_images(uow, clean["blocks"])
    page = _page(uow, slug, for_update=True)
    locs = _locales(page)
    locs[locale] = clean
    page.draft = {"locales": locs}  # a new dict, so the JSON column is seen as changed
    page.draft_dirty = True
    page.updated_at = utcnow()
    uow.session.add(page)
    audit.record(uow, "cms.draft_saved", "cms_page", page.id, summary=f"{slug} ({locale})")
    return _draft(page)


def remove_translation(uow: UnitOfWork, slug: str, locale: str) -> PageDraft:
    uow.actor.require("content.edit")
    page = _page(uow, slug, for_update=True)
    if locale == page.default_locale:
        raise rules.InvalidContent("The default language cannot be removed.",
                                   fields={"locale": "default language"})
    locs = _locales(page)
    locs.pop(locale, None)
    page.draft, page.draft_dirty, page.updated_at = {"locales": locs}, True, utcnow()
    uow.session.add(page)
    return _draft(page)


def _next_number(uow: UnitOfWork, page: CmsPage) -> int:
    numbers = uow.session.exec(select(CmsPageVersion.number)
                               .where(CmsPageVersion.page_id == page.id)).all()
    return max(numbers, default=0) + 1


def _publish(uow: UnitOfWork, page: CmsPage, content: dict[str, Any], note: str) -> int:
    number = _next_number(uow, page)
    uow.session.add(CmsPageVersion(page_id=page.id, number=number, content=content,
                                   note=note[:200], published_by=uow.actor.name[:200]))
    page.published_number, page.draft_dirty, page.updated_at = number, False, utcnow()
    uow.session.add(page)
    uow.record_event(TOPIC, "cms.page_published", page.id,
                     {"slug": page.slug, "number": number})
    return number


def publish(uow: UnitOfWork, slug: str, *, note: str = "") -> int:
    """Make the draft live as a new version; returns its number."""
    uow.actor.require("content.publish")
    page = _page(uow, slug, for_update=True)
    if not page.draft_dirty and page.published_number is not None:
        raise NothingToPublish("The draft is already live.", fields={"slug": "no changes"})
    for content in _locales(page).values():  # an image may have been deleted since the save
        _check_library_images(uow, content.get("blocks", []))
    number = _publish(uow, page, {"locales": _locales(page)}, note or "published")
    audit.record(uow, "cms.published", "cms_page", page.id, summary=f"{slug} v{number}")
    return number


def rollback(uow: UnitOfWork, slug: str, number: int) -> int:
    """Publish an earlier version again (as a new version, so history is never rewritten)."""
    uow.actor.require("content.publish")
    page = _page(uow, slug, for_update=True)
    old = uow.session.exec(select(CmsPageVersion).where(
        CmsPageVersion.page_id == page.id, CmsPageVersion.number == number)).first()
    if old is None:
        raise VersionNotFound(f"Page '{slug}' has no version {number}.",
                              fields={"number": "no such version"})
    page.draft = {"locales": dict(old.content.get("locales", {}))}
    new_number = _publish(uow, page, old.content, f"rollback to v{number}")
    audit.record(uow, "cms.rolled_back", "cms_page", page.id,
                 summary=f"{slug} v{number} -> v{new_number}")
    return new_number


def versions(uow: UnitOfWork, slug: str) -> list[VersionSummary]:
    uow.actor.require("content.edit")
    page = _page(uow, slug)
    rows = uow.session.exec(select(CmsPageVersion).where(CmsPageVersion.page_id == page.id)
                            .order_by(col(CmsPageVersion.number).desc())).all()
    return [VersionSummary(number=v.number, note=v.note, published_by=v.published_by,
                           created_at=v.created_at, live=v.number == page.published_number)
            for v in rows]


def published_page(uow: UnitOfWork, slug: str, locale: str) -> RenderedPage:
    """The live page in `locale`, falling back to the page's default language (public read)."""
    page = uow.session.exec(select(CmsPage).where(CmsPage.slug == slug)).first()
    if page is None or page.published_number is None:
        raise PageNotFound("This page does not exist.", fields={"slug": "no such page"})
    version = uow.session.exec(select(CmsPageVersion).where(
        CmsPageVersion.page_id == page.id,
        CmsPageVersion.number == page.published_number)).one()
    locs = version.content.get("locales", {})
    used, content = rules.localized(locs, locale, page.default_locale)
    return RenderedPage(slug=page.slug, kind=page.kind, locale=used, requested_locale=locale,
                        title=content.get("title", ""), description=content.get("description", ""),
                        blocks=content.get("blocks", []), version=version.number,
                        locales=sorted(locs))


def site_pages(uow: UnitOfWork, locale: str) -> list[dict[str, str]]:
    """Published pages in menu order: [{"slug", "kind", "title"}] (public read)."""
    pages = uow.session.exec(select(CmsPage).where(col(CmsPage.published_number).is_not(None))
                             .order_by(col(CmsPage.sort_order), col(CmsPage.slug))).all()
    if not pages:
        return []
    live = {(v.page_id, v.number): v for v in uow.session.exec(select(CmsPageVersion).where(
        col(CmsPageVersion.page_id).in_([p.id for p in pages]))).all()}
    out = []
    for p in pages:
        if p.published_number is None:  # excluded by the query; narrows the type
            continue
        version = live[(p.id, p.published_number)]
        _, content = rules.localized(version.content.get("locales", {}), locale, p.default_locale)
        out.append({"slug": p.slug, "kind": p.kind, "title": content.get("title", p.slug),
                    "updated": version.created_at.date().isoformat()})
    return out
