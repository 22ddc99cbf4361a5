"""Pure CMS rules: what a page and each block type may hold, and locale fallback."""

from __future__ import annotations

import re
from typing import Any

from core.cms.errors import InvalidContent
from core.media.rules import MEDIA_REF_PREFIX, parse_media_ref

PAGE_KINDS = ("home", "rooms", "offers", "location", "policies", "custom")
LOCALES = ("en", "pt")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
LINK_RE = re.compile(r"^(/|https://|mailto:|tel:|#)")
MAX_BLOCKS = 40
MAX_TEXT = 20_000

# Per block type: its fields and which are required. Lists hold dicts or strings as noted.
BLOCK_FIELDS: dict[str, dict[str, bool]] = {
    "hero": {"heading": True, "subheading": False, "image": False, "cta_label": False,
             "cta_href": False},
    "text": {"markdown": True},
    "gallery": {"heading": False, "images": True},  # images: [{"src", "alt"}], src may be media:<id>
    "room_types": {"heading": False, "intro": False},       # lists the property's room types
    "amenities": {"heading": False, "items": True},         # items: [str]
    "map": {"heading": False, "address": True, "lat": False, "lng": False},
    "faq": {"heading": False, "items": True},               # items: [{"q", "a"}]
    "cta": {"heading": True, "text": False, "label": True, "href": True},
}
BLOCK_TYPES = tuple(BLOCK_FIELDS)


def check_slug(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug):
        raise InvalidContent("A page address uses lowercase letters, digits and dashes.",
                             fields={"slug": "use a-z, 0-9 and -, up to 60 characters"})
    return slug


def check_kind(kind: str) -> str:
    if kind not in PAGE_KINDS:
        raise InvalidContent("Unknown page kind.", fields={"kind": ", ".join(PAGE_KINDS)})
    return kind


def check_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise InvalidContent("That language is not offered.", fields={"locale": ", ".join(LOCALES)})
    return locale


def _text(value: Any, where: str, limit: int = 500) -> str:
    if not isinstance(value, str):
        raise InvalidContent(f"{where} must be text.", fields={where: "must be text"})
    if len(value) > limit:
        raise InvalidContent(f"{where} is too long.", fields={where: f"at most {limit} characters"})
    return value.strip()


def _link(value: str, where: str) -> str:
    if value and not LINK_RE.match(value):
        # javascript: and data: links would run script on the public site.
        raise InvalidContent(f"{where} must start with /, https://, mailto: or tel:.",
                             fields={where: "use a site path or an https:// address"})
    return value


def _image(value: str, where: str) -> str:
    """An image is a media-library reference ("media:<id>") or an address."""
    if value.startswith(MEDIA_REF_PREFIX):
        if parse_media_ref(value) is None:
            raise InvalidContent(f"{where} is not a media library image.",
                                 fields={where: "pick the image from the media library"})
        return value
    return _link(value, where)


def _items(kind: str, value: Any, where: str) -> list:
    if not isinstance(value, list) or not value or len(value) > 50:
        raise InvalidContent(f"{where} needs 1 to 50 entries.", fields={where: "1 to 50 entries"})
    out: list = []
    for i, item in enumerate(value):
        at = f"{where}.{i}"
        if kind == "amenities":
            out.append(_text(item, at, 120))
        elif kind == "faq":
            if not isinstance(item, dict):
                raise InvalidContent(f"{at} needs a question and an answer.", fields={at: "q and a"})
            q, a = _text(item.get("q", ""), at + ".q", 300), _text(item.get("a", ""), at + ".a", 2000)
            if not q or not a:
                raise InvalidContent(f"{at} needs a question and an answer.", fields={at: "q and a"})
            out.append({"q": q, "a": a})
        else:  # gallery
            if not isinstance(item, dict) or not item.get("src"):
                raise InvalidContent(f"{at} needs an image.", fields={at: "src is required"})
            out.append({"src": _image(_text(item["src"], at + ".src", 500), at + ".src"),
                        "alt": _text(item.get("alt", ""), at + ".alt", 200)})
    return out


def check_block(block: Any, index: int) -> dict[str, Any]:
    where = f"blocks.{index}"
    if not isinstance(block, dict) or block.get("type") not in BLOCK_FIELDS:
        raise InvalidContent(f"Block {index + 1} has an unknown type.",
                             fields={where: "type is one of " + ", ".join(BLOCK_TYPES)})
    kind = block["type"]
    spec = BLOCK_FIELDS[kind]
    unknown = set(block) - set(spec) - {"type"}
    if unknown:
        raise InvalidContent(f"Block {index + 1} ({kind}) has unknown fields.",
                             fields={where: "unknown: " + ", ".join(sorted(unknown))})
    out: dict[str, Any] = {"type": kind}
    for name, required in spec.items():
        value = block.get(name)
        at = f"{where}.{name}"
        if value in (None, "", []):
            if required:
                raise InvalidContent(f"Block {index + 1} ({kind}) needs {name}.",
                                     fields={at: "required"})
            continue
        if name in ("images", "items"):
            out[name] = _items(kind, value, at)
        elif name in ("lat", "lng"):
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise InvalidContent(f"{at} must be a number.", fields={at: "a number"}) from None
            if not (-180 <= number <= 180):
                raise InvalidContent(f"{at} is out of range.", fields={at: "-180 to 180"})
            out[name] = number
        elif name == "markdown":
            out[name] = _text(value, at, MAX_TEXT)
        elif name == "image":
            out[name] = _image(_text(value, at), at)
        elif name in ("cta_href", "href"):
            out[name] = _link(_text(value, at), at)
        else:
            out[name] = _text(value, at)
    return out


def check_content(content: Any) -> dict[str, Any]:
    """One locale's page content, normalised: {"title", "description", "blocks"}."""
    if not isinstance(content, dict):
        raise InvalidContent("Page content must be an object.", fields={"content": "an object"})
    title = _text(content.get("title", ""), "title", 120)
    if not title:
        raise InvalidContent("A page needs a title.", fields={"title": "required"})
    description = _text(content.get("description", ""), "description", 300)
    blocks = content.get("blocks", [])
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        raise InvalidContent(f"A page has at most {MAX_BLOCKS} blocks.",
                             fields={"blocks": f"a list of at most {MAX_BLOCKS} blocks"})
    return {"title": title, "description": description,
            "blocks": [check_block(b, i) for i, b in enumerate(blocks)]}


def localized(locales: dict[str, Any], locale: str, default: str) -> tuple[str, dict[str, Any]]:
    """The content for `locale`, else the default locale's, else any: (locale used, content)."""
    for candidate in (locale, default, *sorted(locales)):
        if candidate in locales:
            return candidate, locales[candidate]
    return default, {}
