"""CMS pages end to end on both backends: draft, publish, what the public sees, rollback."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.actor import Actor
from core.cms import services as cms
from core.db.uow import property_uow
from core.errors import DomainError, PermissionDenied
from core.events.models import OutboxEvent

EDITOR = Actor(kind="staff", name="Mia Marketing",
               permissions=frozenset({"content.edit", "content.publish"}))
WRITER = Actor(kind="staff", name="Will Writer", permissions=frozenset({"content.edit"}))
HOME_EN = {"title": "Harbour", "description": "By the river",
           "blocks": [{"type": "hero", "heading": "Welcome"}]}


@pytest.fixture(scope="module")
def pid(module_tenant):
    return module_tenant.make_property("CMS Hotel")


def test_draft_publish_fallback_and_rollback(pid):
    with property_uow(pid, EDITOR) as uow:
        cms.create_page(uow, slug="home", kind="home", title="Harbour")
        cms.save_draft(uow, "home", "en", HOME_EN)
        cms.save_draft(uow, "home", "pt", {**HOME_EN, "title": "Porto",
                                           "blocks": [{"type": "hero", "heading": "Bem-vindo"}]})
        assert cms.publish(uow, "home") == 1
        uow.commit()
    with property_uow(pid, Actor(kind="guest"), write=False) as uow:
        assert cms.published_page(uow, "home", "pt").blocks[0]["heading"] == "Bem-vindo"
        fallback = cms.published_page(uow, "home", "fr")
        assert (fallback.locale, fallback.title) == ("en", "Harbour")

    # An edited draft is not public until published.
    with property_uow(pid, EDITOR) as uow:
        cms.save_draft(uow, "home", "en", {**HOME_EN, "blocks": [
            {"type": "hero", "heading": "Spring sale"}]})
        uow.commit()
    with property_uow(pid, Actor(kind="guest"), write=False) as uow:
        assert cms.published_page(uow, "home", "en").blocks[0]["heading"] == "Welcome"
    with property_uow(pid, EDITOR) as uow:
        assert cms.publish(uow, "home", note="sale") == 2
        uow.commit()
    with property_uow(pid, Actor(kind="guest"), write=False) as uow:
        assert cms.published_page(uow, "home", "en").blocks[0]["heading"] == "Spring sale"

    with property_uow(pid, EDITOR) as uow:
        assert cms.rollback(uow, "home", 1) == 3
        uow.commit()
    with property_uow(pid, EDITOR, write=False) as uow:
        assert cms.published_page(uow, "home", "en").blocks[0]["heading"] == "Welcome"
        history = cms.versions(uow, "home")
        assert [(v.number, v.live) for v in history] == [(3, True), (2, False), (1, False)]
        assert history[0].note == "rollback to v1"
        assert cms.get_draft(uow, "home").locales["en"]["blocks"][0]["heading"] == "Welcome"
        events = uow.session.exec(select(OutboxEvent).where(OutboxEvent.topic == "content")).all()
        assert [e.payload["number"] for e in events] == [1, 2, 3]


def test_bad_content_and_unknown_pages_change_nothing(pid):
    with property_uow(pid, EDITOR) as uow:
        cms.create_page(uow, slug="faq", kind="custom", title="FAQ")
        uow.commit()
    with property_uow(pid, EDITOR) as uow, pytest.raises(DomainError) as err:
        cms.save_draft(uow, "faq", "en", {"title": "FAQ", "blocks": [
            {"type": "cta", "heading": "x", "label": "y", "href": "javascript:alert(1)"}]})
    assert err.value.code == "cms_invalid_content"
    with property_uow(pid, EDITOR) as uow:
        with pytest.raises(DomainError) as err:
            cms.create_page(uow, slug="faq", kind="custom", title="Again")
        assert err.value.code == "cms_page_exists"
        with pytest.raises(DomainError) as err:
            cms.rollback(uow, "faq", 7)
        assert err.value.code == "cms_version_not_found"
    with property_uow(pid, Actor(kind="guest"), write=False) as uow, \
            pytest.raises(DomainError) as err:
        cms.published_page(uow, "faq", "en")  # never published: not public
    assert err.value.code == "cms_page_not_found"


def test_publishing_needs_the_publish_permission(pid):
    with property_uow(pid, EDITOR) as uow:
        cms.create_page(uow, slug="offers", kind="offers", title="Offers")
        uow.commit()
    with property_uow(pid, WRITER) as uow, pytest.raises(PermissionDenied):
        cms.publish(uow, "offers")
    with property_uow(pid, Actor(kind="guest")) as uow, pytest.raises(PermissionDenied):
        cms.save_draft(uow, "offers", "en", {"title": "Hacked", "blocks": []})
    with property_uow(pid, EDITOR, write=False) as uow:
        assert [p.slug for p in cms.list_pages(uow) if p.published_number] == ["home"]


def test_demo_site_content_publishes_every_page_in_two_languages(module_tenant):
    from core.demo.site import seed_site

    other = module_tenant.make_property("Demo Site Hotel")
    assert seed_site(other, name="Demo Site Hotel", address="Rua 1, Lisboa") == 5
    assert seed_site(other, name="Demo Site Hotel", address="Rua 1, Lisboa") == 0
    with property_uow(other, Actor(kind="guest"), write=False) as uow:
        menu = cms.site_pages(uow, "pt")
        assert [p["slug"] for p in menu] == ["home", "rooms", "offers", "location", "policies"]
        assert menu[1]["title"] == "Quartos"
        assert cms.published_page(uow, "location", "en").blocks[0]["type"] == "map"
