"""Demo booking-site content: every page of both demo hotels, in English and Portuguese."""

from __future__ import annotations

import uuid
from typing import Any

from core.actor import Actor
from core.cms import services as cms
from core.cms.errors import PageExists
from core.db.uow import property_uow
from core.demo.site_images import seed_images

SEED_ACTOR = Actor.system("demo-seed")


def _gallery(name: str, resort: bool, photos: list[str] | None) -> list[dict[str, str]]:
    """Library photos (their alt text is per language) or, without them, the bundled drawings."""
    if photos:
        return [{"src": ref, "alt": ""} for ref in photos]
    return [{"src": "/site/beach.svg" if resort else "/site/harbour.svg",
             "alt": f"{name} from outside"},
            {"src": "/site/room.svg", "alt": "A guest room"},
            {"src": "/site/pool.svg", "alt": "The pool"}]


def _pages(name: str, address: str, resort: bool,
           photos: list[str] | None = None) -> dict[str, dict[str, Any]]:
    gallery = _gallery(name, resort, photos)
    image = gallery[0]["src"]
    place_en = "on the cliffs above Falésia beach" if resort else "by the river in downtown Lisbon"
    place_pt = "nas falésias sobre a praia da Falésia" if resort else "junto ao rio, na Baixa de Lisboa"
    amen_en = ["Free Wi-Fi", "Breakfast buffet", "24-hour front desk", "Bar and terrace",
               "Pool" if resort else "Gym", "Airport transfers"]
    amen_pt = ["Wi-Fi gratuito", "Pequeno-almoço buffet", "Receção 24 horas", "Bar e esplanada",
               "Piscina" if resort else "Ginásio", "Transferes do aeroporto"]
    return {
        "home": {"kind": "home", "sort": 0, "en": {
            "title": name, "description": f"{name}, {place_en}. Book direct for the best rate.",
            "blocks": [
                {"type": "hero", "heading": f"Welcome to {name}", "image": image,
                 "subheading": f"Stay {place_en}.", "cta_label": "Check availability",
                 "cta_href": "#search"},
                {"type": "text", "markdown": f"**{name}** is {place_en}. Book directly with us "
                 "for the best available rate, free changes on flexible rates and a warm welcome."},
                {"type": "room_types", "heading": "Our rooms"},
                {"type": "amenities", "heading": "At the hotel", "items": amen_en},
                {"type": "gallery", "heading": "Gallery", "images": gallery},
                {"type": "cta", "heading": "Ready to stay with us?", "label": "Book now",
                 "href": "#search", "text": "Best rate guaranteed when you book direct."}]},
            "pt": {
            "title": name, "description": f"{name}, {place_pt}. Reserve direto ao melhor preço.",
            "blocks": [
                {"type": "hero", "heading": f"Bem-vindo ao {name}", "image": image,
                 "subheading": f"Fique {place_pt}.", "cta_label": "Ver disponibilidade",
                 "cta_href": "#search"},
                {"type": "text", "markdown": f"O **{name}** fica {place_pt}. Reserve diretamente "
                 "connosco ao melhor preço disponível."},
                {"type": "room_types", "heading": "Os nossos quartos"},
                {"type": "amenities", "heading": "No hotel", "items": amen_pt},
                {"type": "gallery", "heading": "Galeria", "images": gallery},
                {"type": "cta", "heading": "Pronto para ficar connosco?", "label": "Reservar",
                 "href": "#search"}]}},
        "rooms": {"kind": "rooms", "sort": 1, "en": {
            "title": "Rooms", "description": f"Rooms and suites at {name}.",
            "blocks": [{"type": "room_types", "heading": "Rooms and suites",
                        "intro": "Every room has air conditioning, a safe and fast Wi-Fi."}]},
            "pt": {"title": "Quartos", "description": f"Quartos e suites no {name}.",
                   "blocks": [{"type": "room_types", "heading": "Quartos e suites"}]}},
        "offers": {"kind": "offers", "sort": 2, "en": {
            "title": "Offers", "description": "Direct booking offers.",
            "blocks": [{"type": "text", "markdown": "## Book early, save more\n\nBook 30 days "
                        "ahead with the promo code **EARLY10** and save 10 %."},
                       {"type": "cta", "heading": "Find your dates", "label": "Search",
                        "href": "#search"}]},
            "pt": {"title": "Ofertas", "description": "Ofertas de reserva direta.",
                   "blocks": [{"type": "text", "markdown": "## Reserve cedo e poupe\n\nCom 30 "
                               "dias de antecedência e o código **EARLY10** poupa 10 %."}]}},
        "location": {"kind": "location", "sort": 3, "en": {
            "title": "Location", "description": f"How to find {name}.",
            "blocks": [{"type": "map", "heading": "Find us", "address": address}]},
            "pt": {"title": "Localização", "description": f"Como chegar ao {name}.",
                   "blocks": [{"type": "map", "heading": "Onde estamos", "address": address}]}},
        "policies": {"kind": "policies", "sort": 4, "en": {
            "title": "Policies", "description": "Check-in, cancellation and house rules.",
            "blocks": [{"type": "faq", "heading": "Good to know", "items": [
                {"q": "When can I check in?", "a": "From 15:00. Check-out is until 11:00."},
                {"q": "Can I cancel?", "a": "Each rate shows its cancellation policy before you "
                 "book; manage your booking online with your reference."},
                {"q": "Are pets allowed?", "a": "Small pets are welcome on request."}]}]},
            "pt": {"title": "Políticas", "description": "Check-in, cancelamento e regras.",
                   "blocks": [{"type": "faq", "heading": "Bom saber", "items": [
                       {"q": "A que horas é o check-in?", "a": "A partir das 15:00."},
                       {"q": "Posso cancelar?", "a": "Cada tarifa mostra a sua política de "
                        "cancelamento antes de reservar."}]}]}},
    }


def seed_site(property_id: uuid.UUID, *, name: str, address: str, resort: bool = False) -> int:
    """Create and publish the site's pages (pages that exist are left alone); returns how many."""
    made = 0
    with property_uow(property_id, SEED_ACTOR) as uow:
        fresh = not any(p.slug == "home" for p in cms.list_pages(uow))
        photos = seed_images(uow, name, resort) if fresh else None
        for slug, page in _pages(name, address, resort, photos).items():
            try:
                cms.create_page(uow, slug=slug, kind=page["kind"], title=page["en"]["title"],
                                sort_order=page["sort"])
            except PageExists:
                continue
            for locale in ("en", "pt"):
                cms.save_draft(uow, slug, locale, page[locale])
            cms.publish(uow, slug, note="demo content")
            made += 1
        uow.commit()
    return made


def seed_demo_sites(hotels) -> dict[str, int]:
    return {h.name: seed_site(h.id, name=h.name, address=h.address, resort=h.key == "resort")
            for h in hotels}
