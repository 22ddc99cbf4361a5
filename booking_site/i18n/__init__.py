"""Booking-site UI strings per language (en.json, pt.json); missing keys fall back to English."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "pt": "Português"}
DEFAULT = "en"


@cache
def strings(lang: str) -> dict[str, str]:
    here = Path(__file__).parent
    base = json.loads((here / f"{DEFAULT}.json").read_text(encoding="utf-8"))
    if lang != DEFAULT and lang in LANGUAGES:
        base.update(json.loads((here / f"{lang}.json").read_text(encoding="utf-8")))
    return base


def pick(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT
