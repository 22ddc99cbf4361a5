"""Web standards for the public site: schema.org JSON-LD, sitemap.xml and robots.txt bodies."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from core.site.resolve import Site


def hotel_json_ld(site: Site, room_types: list[dict[str, Any]], url: str) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Hotel", "name": site.name, "url": url,
        "address": {"@type": "PostalAddress", "streetAddress": site.address,
                    "addressCountry": site.country},
        "currenciesAccepted": site.currency,
        "containsPlace": [{"@type": "HotelRoom", "name": r["name"],
                           "description": r["description"],
                           "occupancy": {"@type": "QuantitativeValue",
                                         "maxValue": r["max_occupancy"]}}
                          for r in room_types],
    }
    # "</" would end the <script> element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def offer_json_ld(site: Site, offers: list[dict[str, Any]], url: str) -> str:
    items = [{"@type": "Offer", "name": f"{o['name']} – {p['name']}", "price": p["total"],
              "priceCurrency": site.currency, "url": url,
              "itemOffered": {"@type": "HotelRoom", "name": o["name"]}}
             for o in offers for p in o["plans"]]
    data = {"@context": "https://schema.org", "@type": "Hotel", "name": site.name,
            "makesOffer": items}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def sitemap_xml(base_url: str, sites: list[tuple[str, list[dict[str, str]]]]) -> str:
    """sites: [(slug, published pages)] -> one urlset over every hotel site served here."""
    base = base_url.rstrip("/")
    rows = []
    for slug, pages in sites:
        for p in pages:
            path = f"/p/{slug}" if p["slug"] == "home" else f"/p/{slug}/page/{p['slug']}"
            rows.append(f"<url><loc>{escape(base + path)}</loc>"
                        f"<lastmod>{p['updated']}</lastmod></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(rows) + "</urlset>\n")


def robots_txt(base_url: str) -> str:
    return ("User-agent: *\nDisallow: /p/*/book\nDisallow: /p/*/manage\nDisallow: /p/*/my-stay\n"
            "Disallow: /p/*/confirmation\n"
            f"Sitemap: {base_url.rstrip('/')}/sitemap.xml\n")
