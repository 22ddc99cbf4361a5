"""CMS content rules: what each block may hold, unsafe links refused, and language fallback."""

from __future__ import annotations

import pytest

from core.cms import rules
from core.cms.errors import InvalidContent


def test_a_page_is_normalised_block_by_block():
    page = rules.check_content({"title": "  Home ", "blocks": [
        {"type": "hero", "heading": "Welcome", "cta_href": "/p/x/search"},
        {"type": "faq", "items": [{"q": "Pets?", "a": "Yes"}]},
        {"type": "map", "address": "Rua 1", "lat": "38.7"}]})
    assert page["title"] == "Home" and page["description"] == ""
    assert page["blocks"][0] == {"type": "hero", "heading": "Welcome", "cta_href": "/p/x/search"}
    assert page["blocks"][2]["lat"] == 38.7


@pytest.mark.parametrize(("block", "field"), [
    ({"type": "video"}, "blocks.0"),
    ({"type": "hero"}, "blocks.0.heading"),
    ({"type": "hero", "heading": "x", "colour": "red"}, "blocks.0"),
    ({"type": "cta", "heading": "x", "label": "Go", "href": "javascript:alert(1)"}, "blocks.0.href"),
    ({"type": "gallery", "images": [{"alt": "no source"}]}, "blocks.0.images.0"),
    ({"type": "faq", "items": [{"q": "only a question"}]}, "blocks.0.items.0"),
    ({"type": "map", "address": "x", "lat": "north"}, "blocks.0.lat"),
    ({"type": "amenities", "items": []}, "blocks.0.items"),
])
def test_bad_blocks_are_refused_naming_the_field(block, field):
    with pytest.raises(InvalidContent) as err:
        rules.check_content({"title": "Home", "blocks": [block]})
    assert field in err.value.fields


def test_a_page_needs_a_title_and_a_clean_slug():
    with pytest.raises(InvalidContent) as err:
        rules.check_content({"title": " ", "blocks": []})
    assert "title" in err.value.fields
    with pytest.raises(InvalidContent):
        rules.check_slug("../etc")
    assert rules.check_slug("Spa-Offers") == "spa-offers"


def test_a_missing_translation_falls_back_to_the_default_language():
    locales = {"en": {"title": "Rooms"}, "pt": {"title": "Quartos"}}
    assert rules.localized(locales, "pt", "en") == ("pt", {"title": "Quartos"})
    assert rules.localized({"en": {"title": "Rooms"}}, "pt", "en") == ("en", {"title": "Rooms"})
    assert rules.localized({"pt": {"title": "Quartos"}}, "fr", "en")[0] == "pt"
