"""robots.txt, sitemap.xml and JSON-LD for the booking site."""

from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.testclient import TestClient

from core.api.site import router
from core.demo.site import seed_site
from core.site.resolve import clear_cache, resolve_site
from core.site.seo import hotel_json_ld, offer_json_ld


def test_sitemap_lists_every_published_page_and_robots_points_to_it(sqlite_tenant):
    pid = sqlite_tenant.make_property("Sitemap Hotel", slug="sitemap-hotel")
    seed_site(pid, name="Sitemap Hotel", address="Rua 2, Lisboa")
    app = FastAPI()
    app.include_router(router)
    client = TestClient(app, base_url="http://hotels.example")
    xml = client.get("/sitemap.xml")
    assert xml.status_code == 200 and xml.headers["content-type"].startswith("application/xml")
    slug = "sitemap-hotel"
    assert f"<loc>http://hotels.example/p/{slug}</loc>" in xml.text
    assert f"http://hotels.example/p/{slug}/page/policies" in xml.text
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://hotels.example/sitemap.xml" in robots and "Disallow: /p/*/book" in robots
    clear_cache()


def test_json_ld_is_valid_and_cannot_close_its_script_tag(sqlite_tenant):
    pid = sqlite_tenant.make_property("Json Hotel", slug="json-hotel")
    site = resolve_site(slug="json-hotel")
    assert site.property_id == pid
    rooms = [{"name": "King </script><script>alert(1)", "description": "d", "max_occupancy": 2}]
    text = hotel_json_ld(site, rooms, "http://x/p/json-hotel")
    assert "</script>" not in text
    data = json.loads(text)
    assert data["@type"] == "Hotel" and data["containsPlace"][0]["@type"] == "HotelRoom"
    offers = json.loads(offer_json_ld(site, [{"name": "King", "plans": [
        {"name": "Flex", "total": "200.00"}]}], "http://x"))
    assert offers["makesOffer"][0]["@type"] == "Offer" and offers["makesOffer"][0]["price"] == "200.00"
    clear_cache()


def test_a_mapped_host_wins_over_the_path_and_unknown_sites_are_not_found(sqlite_tenant):
    import pytest
    from sqlmodel import Session

    from core.db.engines import control_engine
    from core.errors import DomainError
    from core.tenancy.models import PropertyDomain

    a = sqlite_tenant.make_property("Host Hotel", slug="host-hotel")
    sqlite_tenant.make_property("Path Hotel", slug="path-hotel")
    with Session(control_engine()) as s:
        s.add(PropertyDomain(host="www.host-hotel.example", property_id=a))
        s.commit()
    clear_cache()
    assert resolve_site("WWW.Host-Hotel.example:443", "path-hotel").property_id == a
    assert resolve_site("localhost:3001", "path-hotel").slug == "path-hotel"
    with pytest.raises(DomainError) as err:
        resolve_site("localhost", "no-such-hotel")
    assert err.value.code == "site_not_found"
    clear_cache()
