"""The editor's view of blocks: every block as labelled text fields, and back (pure functions).

List fields are one entry per line; FAQ lines are "question | answer", gallery lines
"image | description", where an image is a media library reference (media:<id>, put there
by the editor's picker) or an address. core.cms.rules checks the result when the draft is saved.
"""

from __future__ import annotations

from typing import Any

from core.cms.rules import BLOCK_FIELDS

LABELS = {
    "heading": "Heading", "subheading": "Subheading", "image": "Image (library or address)",
    "cta_label": "Button text", "cta_href": "Button link", "markdown": "Text (Markdown)",
    "images": "Images (one per line: image | description)", "intro": "Introduction",
    "items": "Entries (one per line)", "address": "Address", "lat": "Latitude",
    "lng": "Longitude", "text": "Text", "label": "Button text", "href": "Button link",
}
MULTILINE = {"markdown", "images", "items"}


def _field_text(kind: str, name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "images":
        return "\n".join(f"{i.get('src', '')} | {i.get('alt', '')}" for i in value)
    if name == "items" and kind == "faq":
        return "\n".join(f"{i.get('q', '')} | {i.get('a', '')}" for i in value)
    if name == "items":
        return "\n".join(str(i) for i in value)
    return str(value)


def to_form(block: dict[str, Any]) -> dict[str, Any]:
    kind = block["type"]
    label = LABELS.get
    fields = [{"name": name, "label": label(name, name) + (" *" if required else ""),
               "value": _field_text(kind, name, block.get(name)),
               "multiline": "yes" if name in MULTILINE else "no"}
              for name, required in BLOCK_FIELDS[kind].items()]
    if kind == "faq":
        fields[-1]["label"] = "Questions (one per line: question | answer) *"
    return {"type": kind, "fields": fields}


def _pairs(text: str, keys: tuple[str, str]) -> list[dict[str, str]]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        first, _, second = line.partition("|")
        out.append({keys[0]: first.strip(), keys[1]: second.strip()})
    return out


def from_form(form: dict[str, Any]) -> dict[str, Any]:
    kind = form["type"]
    block: dict[str, Any] = {"type": kind}
    for f in form["fields"]:
        name, value = f["name"], (f["value"] or "")
        if not value.strip():
            continue
        if name == "images":
            block[name] = _pairs(value, ("src", "alt"))
        elif name == "items" and kind == "faq":
            block[name] = _pairs(value, ("q", "a"))
        elif name == "items":
            block[name] = [line.strip() for line in value.splitlines() if line.strip()]
        else:
            block[name] = value
    return block


def empty_block(kind: str) -> dict[str, Any]:
    return to_form({"type": kind})
