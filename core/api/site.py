"""Booking site's robots.txt and sitemap.xml (the hotel of a mapped host, else every hotel)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from core.actor import Actor
from core.cms.services import site_pages
from core.db.uow import property_uow
from core.errors import DomainError
from core.site.resolve import resolve_site
from core.site.seo import robots_txt, sitemap_xml
from core.tenancy.registry import list_properties

router = APIRouter(tags=["site"])


def _sites(host: str) -> list[tuple[str, list[dict[str, str]]]]:
    try:
        one = resolve_site(host=host)
        targets = [(one.slug, one.property_id)]
    except DomainError:
        targets = [(p.slug, p.id) for p in list_properties(active_only=True)]
    out = []
    for slug, pid in targets:
        with property_uow(pid, Actor(kind="guest"), write=False) as uow:
            out.append((slug, site_pages(uow, "en")))
    return out


@router.get("/sitemap.xml", include_in_schema=False)
def sitemap(request: Request) -> Response:
    body = sitemap_xml(str(request.base_url), _sites(request.headers.get("host", "")))
    return Response(body, media_type="application/xml")


@router.get("/robots.txt", include_in_schema=False)
def robots(request: Request) -> PlainTextResponse:
    return PlainTextResponse(robots_txt(str(request.base_url)))
