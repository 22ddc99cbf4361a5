"""The editor's text fields turn into the same blocks the rules accept, and back."""

from __future__ import annotations

from core.cms import editing, rules


def test_blocks_round_trip_through_the_editor_fields():
    blocks = [
        {"type": "faq", "heading": "FAQ", "items": [{"q": "Pets?", "a": "Small ones | on request"}]},
        {"type": "gallery", "images": [{"src": "/site/pool.svg", "alt": "The pool"}]},
        {"type": "amenities", "items": ["Wi-Fi", "Gym"]},
        {"type": "cta", "heading": "Book", "label": "Go", "href": "#search"},
    ]
    for block in blocks:
        form = editing.to_form(block)
        assert {f["name"] for f in form["fields"]} == set(rules.BLOCK_FIELDS[block["type"]])
        back = editing.from_form(form)
        assert rules.check_block(back, 0) == rules.check_block(block, 0)


def test_a_new_block_has_empty_fields_and_required_ones_are_marked():
    form = editing.empty_block("hero")
    heading = next(f for f in form["fields"] if f["name"] == "heading")
    assert heading["value"] == "" and heading["label"].endswith("*")
    assert editing.from_form(form) == {"type": "hero"}
    text = editing.empty_block("text")["fields"][0]
    assert text["multiline"] == "yes"
